from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from auditportal.inspections.models import PlanAudience, PlanHorizon
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0006_portal_evidence')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CalendarDay',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('day', fields.DateField(unique=True)),
                ('working', fields.BooleanField()),
                ('note', fields.CharField(default='', max_length=200)),
                ('updated_by_id', fields.UUIDField(null=True)),
            ],
            options={'table': 'working_calendar_days', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['TimestampedModel'],
        ),
        ops.CreateModel(
            name='SearchValue',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('owner', fields.CharField(max_length=12)),
                ('owner_id', fields.UUIDField()),
                ('form_id', fields.UUIDField()),
                ('key', fields.CharField(max_length=64)),
                ('text_value', fields.CharField(max_length=500)),
                ('number_value', fields.FloatField(null=True)),
            ],
            options={'table': 'search_values', 'app': 'auditportal', 'indexes': [Index(fields=['owner', 'key', 'text_value']), Index(fields=['owner', 'key', 'number_value']), Index(fields=['owner_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='CommunicationPlan',
            name='customer',
            field=fields.ForeignKeyField('auditportal.Customer', source_field='customer_id', null=True, db_constraint=True, to_field='id', related_name='communication_plans', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='CommunicationPlan',
            name='parent_id',
            field=fields.UUIDField(null=True, db_index=True),
        ),
        ops.AddField(
            model_name='CommunicationPlan',
            name='target_regions',
            field=fields.JSONField(default=list, db_default='[]', encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='CommunicationPlan',
            name='target_tags',
            field=fields.JSONField(default=list, db_default='[]', encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='CommunicationPlan',
            name='target_tiers',
            field=fields.JSONField(default=list, db_default='[]', encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='InspectionPlan',
            name='audience',
            field=fields.CharEnumField(default=PlanAudience.CUSTOMER, description='CUSTOMER: customer\nCUSTOMER_USERS: customer_users\nSTAFF: staff', db_default='customer', enum_type=PlanAudience, max_length=20),
        ),
        ops.AddField(
            model_name='InspectionPlan',
            name='horizon',
            field=fields.CharEnumField(default=PlanHorizon.DAYS, description='DAYS: days\nQUARTER: quarter\nYEAR: year', db_default='days', enum_type=PlanHorizon, max_length=10),
        ),
    ]
