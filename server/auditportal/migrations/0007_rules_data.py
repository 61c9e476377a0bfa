from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('auditportal', '0006_portal_evidence')]

    initial = False

    operations = [
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
    ]
