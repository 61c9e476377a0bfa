from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.db import DocumentField
from auditportal.imports.models import CrmKind, FileFormat, ImportStatus
from json import dumps, loads
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0002_customer_register_and_jobs')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CrmConnection',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='ZOHO: zoho\nFXIAOKE: fxiaoke', enum_type=CrmKind, max_length=20)),
                ('name', fields.CharField(unique=True, max_length=100)),
                ('config', DocumentField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('field_mapping', DocumentField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('secrets', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('active', fields.BooleanField(default=True)),
                ('cursor', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_sync_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_status', fields.CharField(null=True, max_length=20)),
                ('last_error', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('last_counts', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('last_job_id', fields.UUIDField(null=True)),
            ],
            options={'table': 'crm_connections', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['TimestampedModel'],
        ),
        ops.CreateModel(
            name='CustomerImport',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('file_name', fields.CharField(max_length=255)),
                ('stored_path', fields.CharField(max_length=500)),
                ('size_bytes', fields.BigIntField()),
                ('file_format', fields.CharEnumField(description='CSV: csv\nXLSX: xlsx', enum_type=FileFormat, max_length=10)),
                ('encoding', fields.CharField(null=True, max_length=20)),
                ('header_row', fields.IntField(default=1)),
                ('headers', DocumentField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('mapping', DocumentField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('tag_separator', fields.CharField(default=',', max_length=5)),
                ('status', fields.CharEnumField(default=ImportStatus.UPLOADED, description='UPLOADED: uploaded\nDRY_RUNNING: dry_running\nDRY_RUN_DONE: dry_run_done\nCOMMITTING: committing\nCOMMITTED: committed\nFAILED: failed', enum_type=ImportStatus, max_length=20)),
                ('dry_run_fingerprint', fields.CharField(null=True, max_length=64)),
                ('total_rows', fields.BigIntField(null=True)),
                ('counts', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('rejections', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('dry_run_job_id', fields.UUIDField(null=True)),
                ('commit_job_id', fields.UUIDField(null=True)),
                ('error', fields.TextField(null=True, unique=False)),
                ('created_by_id', fields.UUIDField(null=True)),
                ('created_by_actor', fields.CharField(max_length=200)),
                ('created_by_role', fields.CharField(null=True, max_length=20)),
            ],
            options={'table': 'customer_imports', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['TimestampedModel'],
        ),
    ]
