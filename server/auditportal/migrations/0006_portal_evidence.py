from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.evidence.models import AttachmentKind
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0005_portal_work')]

    initial = False

    operations = [
        ops.CreateModel(
            name='FormDraft',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('owner', fields.ForeignKeyField('auditportal.User', source_field='owner_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('form', fields.ForeignKeyField('auditportal.Form', source_field='form_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('form_version', fields.ForeignKeyField('auditportal.FormVersion', source_field='form_version_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('workflow_instance', fields.ForeignKeyField('auditportal.WorkflowInstance', source_field='workflow_instance_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('target_key', fields.CharField(max_length=80)),
                ('answers', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('byte_size', fields.IntField()),
                ('lock_version', fields.IntField(default=1)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'form_drafts', 'app': 'auditportal', 'unique_together': (('owner', 'form_version', 'target_key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Attachment',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='PHOTO: photo\nFILE: file\nSIGNATURE: signature', enum_type=AttachmentKind, max_length=16)),
                ('file_name', fields.CharField(max_length=255)),
                ('content_type', fields.CharField(max_length=100)),
                ('byte_size', fields.BigIntField()),
                ('sha256', fields.CharField(db_index=True, max_length=64)),
                ('storage_key', fields.CharField(unique=True, max_length=200)),
                ('caption', fields.CharField(null=True, max_length=500)),
                ('field_key', fields.CharField(max_length=500)),
                ('form', fields.ForeignKeyField('auditportal.Form', source_field='form_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('form_version', fields.ForeignKeyField('auditportal.FormVersion', source_field='form_version_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('draft', fields.ForeignKeyField('auditportal.FormDraft', source_field='draft_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('submission', fields.ForeignKeyField('auditportal.Submission', source_field='submission_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('uploaded_by', fields.ForeignKeyField('auditportal.User', source_field='uploaded_by_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('thumbnail_key', fields.CharField(null=True, max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'attachments', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
