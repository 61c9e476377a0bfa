"""What a caller may read of reports: the submissions' row scope for a case's or a
submission's report, the internal customer scope for a dossier or period summary.
Consultant reads are noted in the audit trail."""

from __future__ import annotations

from uuid import UUID

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import (
    Permission,
    internal_customer_scope,
    require,
    submission_scope,
)
from auditportal.auth.principal import Principal
from auditportal.reports import queries
from auditportal.reports.models import Report


async def reports_of_instance(principal: Principal, instance_id: UUID) -> list[Report]:
    require(principal, Permission.SUBMISSIONS_READ)
    found = await queries.reports_of_instance(submission_scope(principal), instance_id)
    await read_audit.note(principal, "Report", [report.id for report in found])
    return found


async def report(principal: Principal, report_id: UUID) -> Report | None:
    require(principal, Permission.SIGNED_IN)
    found = await queries.visible_report(
        submission_scope(principal), internal_customer_scope(principal), report_id
    )
    if found is not None:
        await read_audit.note(principal, "Report", [found.id])
    return found


async def my_reports(
    principal: Principal, *, kind: str | None = None, limit: int = 50
) -> list[Report]:
    """The reports the caller asked for, newest first (what the reports page lists)."""
    require(principal, Permission.SIGNED_IN)
    if principal.user_id is None:
        return []
    found = await queries.requested_reports(
        submission_scope(principal),
        internal_customer_scope(principal),
        principal.user_id,
        kind=kind,
        limit=max(1, min(limit, 200)),
    )
    await read_audit.note(principal, "Report", [r.id for r in found])
    return found
