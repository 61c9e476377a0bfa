from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.db import DocumentField
from auditportal.inspections.models import AssignmentRule, InspectionStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0002_customer_register_and_jobs')]

    initial = False

    operations = [
        ops.CreateModel(
            name='InspectionPlan',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('name', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('form_key', fields.CharField(max_length=64)),
                ('workflow_key', fields.CharField(max_length=64)),
                ('target_tiers', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('target_regions', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('target_tags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('target_customer_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('recurrences', DocumentField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('starts_on', fields.DateField()),
                ('effective_from', fields.DateField()),
                ('lead_days', fields.IntField(default=14)),
                ('horizon_days', fields.IntField(default=92)),
                ('shift_to_workday', fields.BooleanField(default=True)),
                ('assignment', fields.CharEnumField(description='ACCOUNT_AUDITOR: account_auditor\nROUND_ROBIN: round_robin\nUSER: user', enum_type=AssignmentRule, max_length=20)),
                ('assignee_user_id', fields.UUIDField(null=True)),
                ('active', fields.BooleanField(default=True, db_index=True)),
                ('lock_version', fields.IntField(default=1)),
                ('created_by_id', fields.UUIDField(null=True)),
                ('updated_by_id', fields.UUIDField(null=True)),
            ],
            options={'table': 'inspection_plans', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['TimestampedModel'],
        ),
        ops.CreateModel(
            name='ScheduledInspection',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('plan', fields.ForeignKeyField('auditportal.InspectionPlan', source_field='plan_id', db_constraint=True, to_field='id', related_name='inspections', on_delete=OnDelete.CASCADE)),
                ('customer_id', fields.UUIDField()),
                ('period', fields.CharField(max_length=10)),
                ('tier', fields.CharField(max_length=20)),
                ('due_on', fields.DateField(db_index=True)),
                ('opens_on', fields.DateField()),
                ('status', fields.CharEnumField(default=InspectionStatus.PLANNED, db_index=True, description='PLANNED: planned\nOPENED: opened\nCANCELLED: cancelled\nDONE: done', enum_type=InspectionStatus, max_length=20)),
                ('instance_id', fields.UUIDField(null=True)),
                ('assignee_id', fields.UUIDField(null=True, db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('opened_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('cancelled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'scheduled_inspections', 'app': 'auditportal', 'unique_together': (('plan', 'customer_id', 'period'),), 'indexes': [Index(fields=['plan_id', 'status', 'opens_on']), Index(fields=['customer_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
