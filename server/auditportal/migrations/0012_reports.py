from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.reports.models import ReportStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0011_exports')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ReportRequest',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('report', fields.ForeignKeyField('auditportal.Report', source_field='report_id', db_constraint=True, to_field='id', related_name='requests', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('auditportal.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('requested_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'report_requests', 'app': 'auditportal', 'unique_together': (('report', 'user'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReportTemplate',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=32)),
                ('form_id', fields.UUIDField(null=True)),
                ('name', fields.CharField(max_length=200)),
                ('source', fields.TextField(unique=False)),
                ('source_hash', fields.CharField(max_length=16)),
                ('active', fields.BooleanField(default=True)),
                ('created_by', fields.ForeignKeyField('auditportal.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'report_templates', 'app': 'auditportal', 'indexes': [Index(fields=['kind', 'form_id', 'active'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Report',
            name='source_message_id',
            field=fields.BigIntField(null=True),
        ),
        ops.AddField(
            model_name='Report',
            name='content_key',
            field=fields.CharField(null=True, unique=True, max_length=64),
        ),
        ops.AddField(
            model_name='Report',
            name='error',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='Report',
            name='finished_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Report',
            name='form_id',
            field=fields.UUIDField(null=True),
        ),
        ops.AddField(
            model_name='Report',
            name='job_run_id',
            field=fields.UUIDField(null=True),
        ),
        ops.AddField(
            model_name='Report',
            name='kind',
            field=fields.CharField(default='case_summary', db_default='case_summary', max_length=32),
        ),
        ops.AddField(
            model_name='Report',
            name='offered_to_customers',
            field=fields.BooleanField(null=True),
        ),
        ops.AddField(
            model_name='Report',
            name='parameters',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Report',
            name='progress_done',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='Report',
            name='progress_total',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='Report',
            name='requested_by',
            field=fields.ForeignKeyField('auditportal.User', source_field='requested_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='Report',
            name='status',
            field=fields.CharEnumField(default=ReportStatus.DONE, description='QUEUED: queued\nRENDERING: rendering\nDONE: done\nFAILED: failed', db_default='done', enum_type=ReportStatus, max_length=16),
        ),
        ops.AddField(
            model_name='Report',
            name='storage_key',
            field=fields.CharField(null=True, max_length=200),
        ),
        ops.AddField(
            model_name='Report',
            name='subject_id',
            field=fields.CharField(null=True, max_length=64),
        ),
    ]
