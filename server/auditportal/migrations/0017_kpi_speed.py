"""Indexes the KPI aggregates read through at the issue-14 benchmark's size.

- corrective actions on time: the actions that ever went overdue are read once, as the
  instance ids of the history rows entering ``overdue`` (index-only on this index), instead
  of one probe of each closed action's history;

Plain SQL, the same on SQLite and PostgreSQL, like 0013: they are not model state.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = {
    "kpi_history_state_instance": "workflow_history (to_state, instance_id)",
}


class Migration(migrations.Migration):
    dependencies = [("auditportal", "0016_verification_pool")]

    initial = False

    operations = [
        ops.RunSQL(
            [f"CREATE INDEX IF NOT EXISTS {name} ON {target}" for name, target in INDEXES.items()],
            [f"DROP INDEX IF EXISTS {name}" for name in INDEXES],
        ),
    ]
