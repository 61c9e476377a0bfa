from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.exports.models import ExportFormat, ExportStatus
from json import dumps, loads
from uuid import uuid4
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('auditportal', '0010_hardening')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Export',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=40)),
                ('file_format', fields.CharEnumField(description='CSV: csv\nXLSX: xlsx', enum_type=ExportFormat, max_length=10)),
                ('language', fields.CharField(max_length=10)),
                ('filters', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('status', fields.CharEnumField(default=ExportStatus.QUEUED, description='QUEUED: queued\nRUNNING: running\nDONE: done\nFAILED: failed', enum_type=ExportStatus, max_length=20)),
                ('rows_done', fields.BigIntField(default=0)),
                ('rows_total', fields.BigIntField(null=True)),
                ('storage_key', fields.CharField(null=True, max_length=200)),
                ('sha256', fields.CharField(null=True, max_length=64)),
                ('byte_size', fields.BigIntField(null=True)),
                ('file_name', fields.CharField(max_length=200)),
                ('error', fields.CharField(null=True, max_length=200)),
                ('job_id', fields.UUIDField(null=True)),
                ('owner_id', fields.UUIDField(db_index=True)),
                ('owner_subject', fields.CharField(max_length=200)),
                ('owner_role', fields.CharField(max_length=20)),
                ('owner_scopes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'exports', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['TimestampedModel'],
        ),
    ]
