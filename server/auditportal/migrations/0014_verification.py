from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.verification.models import PeriodUnit, SizingMode, VerificationStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0013_kpi_indexes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='VerificationPlan',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('form_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('period_unit', fields.CharEnumField(default=PeriodUnit.MONTH, description='MONTH: month\nQUARTER: quarter', enum_type=PeriodUnit, max_length=16)),
                ('sizing', fields.CharEnumField(default=SizingMode.FIXED, description='FIXED: fixed\nSTATISTICAL: statistical', enum_type=SizingMode, max_length=16)),
                ('tier_sizes', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('confidence', fields.FloatField(default=0.95)),
                ('tolerable_error', fields.FloatField(default=0.05)),
                ('expected_error', fields.FloatField(default=0.5)),
                ('active', fields.BooleanField(default=True)),
                ('created_by', fields.ForeignKeyField('auditportal.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'verification_plans', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='VerificationDraw',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('plan', fields.ForeignKeyField('auditportal.VerificationPlan', source_field='plan_id', db_constraint=True, to_field='id', related_name='draws', on_delete=OnDelete.CASCADE)),
                ('period', fields.CharField(max_length=10)),
                ('seed', fields.BigIntField()),
                ('population', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('sizes', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('drawn_by', fields.ForeignKeyField('auditportal.User', source_field='drawn_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('drawn_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'verification_draws', 'app': 'auditportal', 'unique_together': (('plan', 'period'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Verification',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('draw', fields.ForeignKeyField('auditportal.VerificationDraw', source_field='draw_id', db_constraint=True, to_field='id', related_name='items', on_delete=OnDelete.CASCADE)),
                ('submission', fields.ForeignKeyField('auditportal.Submission', source_field='submission_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('form_id', fields.UUIDField()),
                ('customer_id', fields.UUIDField(null=True)),
                ('submitted_by_id', fields.UUIDField()),
                ('tier', fields.CharField(max_length=20)),
                ('period', fields.CharField(max_length=10)),
                ('verifier', fields.ForeignKeyField('auditportal.User', source_field='verifier_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('status', fields.CharEnumField(default=VerificationStatus.ASSIGNED, description='ASSIGNED: assigned\nAGREED: agreed\nDISCREPANT: discrepant', enum_type=VerificationStatus, max_length=16)),
                ('fields_verified', fields.IntField(default=0)),
                ('discrepancy_count', fields.IntField(default=0)),
                ('comment', fields.TextField(null=True, unique=False)),
                ('verified_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('correction_id', fields.UUIDField(null=True)),
            ],
            options={'table': 'verifications', 'app': 'auditportal', 'unique_together': (('draw', 'submission'),), 'indexes': [Index(fields=['verifier_id', 'status']), Index(fields=['period', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Discrepancy',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('verification', fields.ForeignKeyField('auditportal.Verification', source_field='verification_id', db_constraint=True, to_field='id', related_name='discrepancies', on_delete=OnDelete.CASCADE)),
                ('pointer', fields.CharField(max_length=500)),
                ('recorded_json', fields.TextField(unique=False)),
                ('verified_json', fields.TextField(unique=False)),
                ('reason', fields.TextField(unique=False)),
            ],
            options={'table': 'verification_discrepancies', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
