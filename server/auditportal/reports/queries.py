"""Every read of reports. Reports are customer-owned data: the submissions' row scope."""

from __future__ import annotations

from uuid import UUID

from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.reports.models import Report

# A report shows its case's submission: a grant naming forms opens only the reports of
# those forms' cases, and customers never get the report of a staff-only submission.
REPORT_SCOPE = ScopeFields(
    customer="customer_id",
    form="instance__submission__form_id",
    audience="instance__submission__form_version__offered_to_customers",
    form_optional=True,
)


def _scoped(scope: RowScope) -> QuerySet[Report]:
    return scoped(Report.all(), scope, REPORT_SCOPE)


async def reports_of_instance(scope: RowScope, instance_id: UUID) -> list[Report]:
    return list(
        await _scoped(scope).filter(instance_id=instance_id).order_by("-created_at", "language")
    )


async def visible_report(scope: RowScope, report_id: UUID) -> Report | None:
    return await _scoped(scope).filter(id=report_id).first()
