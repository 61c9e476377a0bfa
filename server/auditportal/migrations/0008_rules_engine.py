from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('auditportal', '0007_rules_data')]

    initial = False

    operations = [
        ops.AddField(
            model_name='User',
            name='team',
            field=fields.CharField(null=True, max_length=64),
        ),
    ]
