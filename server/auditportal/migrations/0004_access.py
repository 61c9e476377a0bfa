from json import loads

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


async def _fill_offered_to_customers(apps, schema_editor):
    """Existing versions take the audience their definition names (default: staff only)."""
    client = schema_editor.client
    _, rows = await client.execute_query("SELECT id, definition FROM form_versions")
    offered = []
    for row in rows:
        definition = row["definition"]
        if isinstance(definition, (str, bytes)):
            definition = loads(definition)
        if "customer" in ((definition or {}).get("audience") or ["staff"]):
            offered.append(row["id"])
    if client.capabilities.dialect == "postgres":
        update = "UPDATE form_versions SET offered_to_customers = TRUE WHERE id = $1"
    else:
        update = "UPDATE form_versions SET offered_to_customers = 1 WHERE id = ?"
    for version_id in offered:
        await client.execute_query(update, [version_id])


class Migration(migrations.Migration):
    dependencies = [('auditportal', '0003_register_plans_imports')]

    initial = False

    operations = [
        ops.AddField(
            model_name='FormVersion',
            name='offered_to_customers',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.RunPython(_fill_offered_to_customers, ops.RunPython.noop),
    ]
