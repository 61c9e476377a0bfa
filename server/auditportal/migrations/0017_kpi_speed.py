"""Indexes the KPI aggregates read through at the issue-14 benchmark's size.

- corrective actions on time: the actions that ever went overdue are read once, as the
  instance ids of the history rows entering ``overdue`` (index-only on this index), instead
  of one probe of each closed action's history;
- audit efficiency: each due inspection's case closing time, joined by the case id, read
  from this index alone (index-only: the join needs only id and closed_at) rather than from
  every case row of the table.

Plain SQL, the same on SQLite and PostgreSQL, like 0013: they are not model state.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = {
    "kpi_history_state_instance": "workflow_history (to_state, instance_id)",
    "kpi_cases_id_closed": "workflow_instances (id, closed_at)",
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
