from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.customers.models import CustomerSource, CustomerTier, TierSource
from auditportal.db import DocumentField
from auditportal.jobs.models import JobStatus
from decimal import Decimal
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CustomerTag',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='tag_rows', on_delete=OnDelete.CASCADE)),
                ('tag', fields.CharField(db_index=True, max_length=64)),
            ],
            options={'table': 'customer_tags', 'app': 'auditportal', 'unique_together': (('customer', 'tag'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='JobRun',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('name', fields.CharField(db_index=True, max_length=100)),
                ('key', fields.CharField(null=True, unique=True, max_length=200)),
                ('status', fields.CharEnumField(default=JobStatus.QUEUED, db_index=True, description='QUEUED: queued\nRUNNING: running\nRETRYING: retrying\nSUCCEEDED: succeeded\nFAILED: failed', enum_type=JobStatus, max_length=20)),
                ('arguments', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('periodic', fields.BooleanField(default=False)),
                ('attempts', fields.IntField(default=0)),
                ('max_attempts', fields.IntField(default=5)),
                ('progress_done', fields.BigIntField(default=0)),
                ('progress_total', fields.BigIntField(null=True)),
                ('checkpoint', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('result', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('error', fields.TextField(null=True, unique=False)),
                ('requested_by_id', fields.UUIDField(null=True)),
                ('worker', fields.CharField(null=True, max_length=200)),
                ('queued_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('not_before', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('heartbeat_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'job_runs', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Customer',
            name='attributes',
            field=DocumentField(default=dict, db_default='{}', encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Customer',
            name='contacts',
            field=DocumentField(default=list, db_default='[]', encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Customer',
            name='created_by_id',
            field=fields.UUIDField(null=True),
        ),
        ops.AddField(
            model_name='Customer',
            name='credit_grade',
            field=fields.CharField(null=True, max_length=8),
        ),
        ops.AddField(
            model_name='Customer',
            name='credit_limit',
            field=fields.DecimalField(null=True, max_digits=18, decimal_places=2),
        ),
        ops.AddField(
            model_name='Customer',
            name='external_modified_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Customer',
            name='industry',
            field=fields.CharField(null=True, db_index=True, max_length=100),
        ),
        ops.AddField(
            model_name='Customer',
            name='lock_version',
            field=fields.IntField(default=1, db_default=1),
        ),
        ops.AddField(
            model_name='Customer',
            name='region',
            field=fields.CharField(null=True, db_index=True, max_length=100),
        ),
        ops.AddField(
            model_name='Customer',
            name='risk_score',
            field=fields.FloatField(default=0, db_index=True, db_default=0),
        ),
        ops.AddField(
            model_name='Customer',
            name='rule_tier',
            field=fields.CharEnumField(default=CustomerTier.NORMAL, description='KEY: key\nNORMAL: normal\nHIGH_RISK: high_risk', db_default='normal', enum_type=CustomerTier, max_length=20),
        ),
        ops.AddField(
            model_name='Customer',
            name='source',
            field=fields.CharEnumField(default=CustomerSource.MANUAL, description='MANUAL: manual\nIMPORT: import\nZOHO: zoho\nFXIAOKE: fxiaoke', db_default='manual', enum_type=CustomerSource, max_length=20),
        ),
        ops.AddField(
            model_name='Customer',
            name='tier',
            field=fields.CharEnumField(default=CustomerTier.NORMAL, db_index=True, description='KEY: key\nNORMAL: normal\nHIGH_RISK: high_risk', db_default='normal', enum_type=CustomerTier, max_length=20),
        ),
        ops.AddField(
            model_name='Customer',
            name='tier_source',
            field=fields.CharEnumField(default=TierSource.RULES, description='RULES: rules\nOVERRIDE: override', db_default='rules', enum_type=TierSource, max_length=20),
        ),
        ops.AddField(
            model_name='Customer',
            name='transaction_volume',
            field=fields.DecimalField(default=Decimal('0'), db_default=0, max_digits=18, decimal_places=2),
        ),
        ops.AddField(
            model_name='Customer',
            name='updated_by_id',
            field=fields.UUIDField(null=True),
        ),
    ]
