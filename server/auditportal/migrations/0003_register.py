from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.customers.models import CustomerTier
from auditportal.customers.register_models import Channel, RiskCategory, RiskStatus, TierChangeSource
from auditportal.db import DocumentField
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0002_customer_register_and_jobs')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ClassificationRuleSet',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.IntField(unique=True)),
                ('document', DocumentField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('note', fields.TextField(null=True, unique=False)),
                ('saved_by_id', fields.UUIDField(null=True)),
                ('saved_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'classification_rule_sets', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Communication',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='communications', on_delete=OnDelete.CASCADE)),
                ('channel', fields.CharEnumField(description='EMAIL: email\nPHONE: phone\nMEETING: meeting\nVISIT: visit', enum_type=Channel, max_length=10)),
                ('occurred_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('summary', fields.TextField(unique=False)),
                ('participants', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('logged_by_id', fields.UUIDField(null=True)),
                ('task_id', fields.UUIDField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'customer_communications', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CommunicationPlan',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='communication_plans', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=200)),
                ('channel', fields.CharEnumField(description='EMAIL: email\nPHONE: phone\nMEETING: meeting\nVISIT: visit', enum_type=Channel, max_length=10)),
                ('rrule', fields.CharField(max_length=500)),
                ('starts_on', fields.DateField()),
                ('owner_id', fields.UUIDField()),
                ('lead_days', fields.IntField(default=7)),
                ('active', fields.BooleanField(default=True, db_index=True)),
                ('created_by_id', fields.UUIDField(null=True)),
            ],
            options={'table': 'customer_communication_plans', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['TimestampedModel'],
        ),
        ops.CreateModel(
            name='CommunicationTask',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('plan', fields.ForeignKeyField('auditportal.CommunicationPlan', source_field='plan_id', db_constraint=True, to_field='id', related_name='tasks', on_delete=OnDelete.CASCADE)),
                ('customer_id', fields.UUIDField(db_index=True)),
                ('due_on', fields.DateField(db_index=True)),
                ('owner_id', fields.UUIDField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('done_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('communication_id', fields.UUIDField(null=True)),
            ],
            options={'table': 'customer_communication_tasks', 'app': 'auditportal', 'unique_together': (('plan', 'due_on'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CreditRecord',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='credit_records', on_delete=OnDelete.CASCADE)),
                ('grade', fields.CharField(max_length=8)),
                ('credit_limit', fields.DecimalField(null=True, max_digits=18, decimal_places=2)),
                ('currency', fields.CharField(default='CNY', max_length=3)),
                ('assessed_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('assessed_by_id', fields.UUIDField(null=True)),
                ('source_submission_id', fields.UUIDField(null=True, unique=True)),
                ('grade_basis', fields.CharField(default='manual', max_length=10)),
                ('note', fields.TextField(null=True, unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'customer_credit_records', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FollowUp',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('communication', fields.ForeignKeyField('auditportal.Communication', source_field='communication_id', db_constraint=True, to_field='id', related_name='follow_ups', on_delete=OnDelete.CASCADE)),
                ('customer_id', fields.UUIDField(db_index=True)),
                ('description', fields.TextField(unique=False)),
                ('owner_id', fields.UUIDField(null=True)),
                ('due_on', fields.DateField(null=True)),
                ('done_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('done_by_id', fields.UUIDField(null=True)),
            ],
            options={'table': 'customer_follow_ups', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Risk',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='risks', on_delete=OnDelete.CASCADE)),
                ('category', fields.CharEnumField(db_index=True, description='PAYMENT: payment\nCONTRACT: contract\nCOMPLAINT: complaint\nCOMPLIANCE: compliance\nCUSTOM: custom', enum_type=RiskCategory, max_length=20)),
                ('title', fields.CharField(max_length=300)),
                ('description', fields.TextField(default='', unique=False)),
                ('likelihood', fields.IntField()),
                ('impact', fields.IntField()),
                ('owner_id', fields.UUIDField(null=True)),
                ('mitigation', fields.TextField(default='', unique=False)),
                ('review_on', fields.DateField(null=True)),
                ('status', fields.CharEnumField(default=RiskStatus.OPEN, db_index=True, description='OPEN: open\nCLOSED: closed', enum_type=RiskStatus, max_length=10)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('closing_note', fields.TextField(null=True, unique=False)),
                ('created_by_id', fields.UUIDField(null=True)),
                ('updated_by_id', fields.UUIDField(null=True)),
                ('lock_version', fields.IntField(default=1)),
            ],
            options={'table': 'customer_risks', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['TimestampedModel'],
        ),
        ops.CreateModel(
            name='TierChange',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='tier_changes', on_delete=OnDelete.CASCADE)),
                ('from_tier', fields.CharEnumField(description='KEY: key\nNORMAL: normal\nHIGH_RISK: high_risk', enum_type=CustomerTier, max_length=20)),
                ('to_tier', fields.CharEnumField(description='KEY: key\nNORMAL: normal\nHIGH_RISK: high_risk', enum_type=CustomerTier, max_length=20)),
                ('source', fields.CharEnumField(description='RULES: rules\nOVERRIDE: override\nEXPIRY: expiry\nCLEARED: cleared', enum_type=TierChangeSource, max_length=20)),
                ('reason', fields.TextField(null=True, unique=False)),
                ('facts', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('matched_rule', fields.CharField(null=True, max_length=20)),
                ('rule_set_number', fields.IntField(null=True)),
                ('actor', fields.CharField(max_length=200)),
                ('changed_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'customer_tier_changes', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TierOverride',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('customer', fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='tier_overrides', on_delete=OnDelete.CASCADE)),
                ('tier', fields.CharEnumField(description='KEY: key\nNORMAL: normal\nHIGH_RISK: high_risk', enum_type=CustomerTier, max_length=20)),
                ('reason', fields.TextField(unique=False)),
                ('expires_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('set_by_id', fields.UUIDField(null=True)),
                ('set_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('cleared_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('cleared_by_id', fields.UUIDField(null=True)),
            ],
            options={'table': 'customer_tier_overrides', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
