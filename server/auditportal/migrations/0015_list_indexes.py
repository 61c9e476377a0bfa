"""Indexes in the order of the keyset-paged lists (issue 11).

A list page is ``WHERE <filter> AND (sort key, id) after the cursor ORDER BY sort key, id
LIMIT n``: with an index on the same columns, in the same order, the database enters the
index at the cursor and reads n rows, for the first page and the thousandth alike. The
open-cases list filters on ``closed_at IS NULL``, so its index is partial. Plain SQL, the
same on SQLite and PostgreSQL (a partial index is not model state in Tortoise).
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = {
    # workflowInstances: open cases, newest state entry first.
    "workflow_instances_open_entered": "workflow_instances (state_entered_at, id)"
    " WHERE closed_at IS NULL",
    # notifications: one user's, newest first.
    "notifications_user_newest": "notifications (user_id, created_at, id)",
    # jobRuns: newest first.
    "job_runs_queued_id": "job_runs (queued_at, id)",
    # scheduledInspections: by due date.
    "scheduled_inspections_due_id": "scheduled_inspections (due_on, id)",
}


class Migration(migrations.Migration):
    dependencies = [("auditportal", "0014_verification")]

    initial = False

    operations = [
        ops.RunSQL(
            [f"CREATE INDEX IF NOT EXISTS {name} ON {target}" for name, target in INDEXES.items()],
            [f"DROP INDEX IF EXISTS {name}" for name in INDEXES],
        ),
    ]
