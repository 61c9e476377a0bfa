"""Partial indexes for the "current revision" reads (``superseded_at IS NULL``).

Every list of submissions, the customer classification (open findings, complaints) and the
customer and form views filter on current revisions, newest first. Without these an ordered
page or a count walks the whole table. The syntax is the same on SQLite and PostgreSQL; the
indexes are not model state (Tortoise cannot declare a partial index), so plain SQL.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = {
    "submissions_current_newest": "(submitted_at, id)",
    "submissions_current_customer": "(customer_id, submitted_at)",
    "submissions_current_form": "(form_id, submitted_at)",
    "submissions_current_submitter": "(submitted_by_id, submitted_at)",
}


class Migration(migrations.Migration):
    dependencies = [('auditportal', '0008_rules_engine')]

    initial = False

    operations = [
        ops.RunSQL(
            [
                f"CREATE INDEX IF NOT EXISTS {name} ON submissions {columns}"
                " WHERE superseded_at IS NULL"
                for name, columns in INDEXES.items()
            ],
            [f"DROP INDEX IF EXISTS {name}" for name in INDEXES],
        ),
    ]
