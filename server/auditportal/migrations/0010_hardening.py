from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('auditportal', '0009_speed')]

    initial = False

    operations = [
        ops.AddField(
            model_name='AuditEvent',
            name='key_id',
            field=fields.CharField(null=True, max_length=16),
        ),
        ops.CreateModel(
            name='AuditCheckpoint',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('event_count', fields.BigIntField()),
                ('head_id', fields.BigIntField()),
                ('head_hash', fields.CharField(max_length=64)),
                ('legacy_count', fields.BigIntField(default=0)),
                ('key_id', fields.CharField(max_length=16)),
                ('prev_signature', fields.CharField(max_length=64)),
                ('signature', fields.CharField(unique=True, max_length=64)),
            ],
            options={'table': 'audit_checkpoints', 'app': 'auditportal', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
