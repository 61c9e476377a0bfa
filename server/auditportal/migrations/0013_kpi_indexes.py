"""Indexes the KPI aggregates (issue 14) read through.

- cases of one workflow in a period: complaints by the time received, corrective actions by
  the time closed (``definition_id`` first, then the period column);
- the satisfaction survey's NPS and rating, joined from each survey submission to its
  search values (index-only: owner, key, number);
- repeat findings: earlier current submissions of the same customer and form;
- credit migrations: each customer's records in assessment order (the LAG window);
- the risk heat map: open risks per customer.

Plain SQL, the same on SQLite and PostgreSQL, like 0009: they are not model state.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = {
    "kpi_cases_definition_created": "workflow_instances (definition_id, created_at)",
    "kpi_cases_definition_closed": "workflow_instances (definition_id, closed_at)",
    "kpi_search_owner_key": "search_values (owner_id, key, number_value)",
    "kpi_credit_customer_assessed": "customer_credit_records (customer_id, assessed_at, id)",
    "kpi_risks_customer_status": "customer_risks (customer_id, status)",
}
PARTIAL = {
    "kpi_submissions_customer_form": "submissions (customer_id, form_id, submitted_at)"
    " WHERE superseded_at IS NULL",
}


class Migration(migrations.Migration):
    dependencies = [('auditportal', '0012_reports')]

    initial = False

    operations = [
        ops.RunSQL(
            [
                f"CREATE INDEX IF NOT EXISTS {name} ON {target}"
                for name, target in {**INDEXES, **PARTIAL}.items()
            ],
            [f"DROP INDEX IF EXISTS {name}" for name in {**INDEXES, **PARTIAL}],
        ),
    ]
