"""What a caller may read of rendered reports: the submissions' row scope, by the case.

A report shows its case's submission, so it needs ``submissions.read`` and is read
through the same scope (a grant's forms, customers' audience). Consultant reads are noted.
"""

from __future__ import annotations

from uuid import UUID

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import Permission, require, submission_scope
from auditportal.auth.principal import Principal
from auditportal.reports import queries
from auditportal.reports.models import Report


async def reports_of_instance(principal: Principal, instance_id: UUID) -> list[Report]:
    require(principal, Permission.SUBMISSIONS_READ)
    found = await queries.reports_of_instance(submission_scope(principal), instance_id)
    await read_audit.note(principal, "Report", [report.id for report in found])
    return found


async def report(principal: Principal, report_id: UUID) -> Report | None:
    require(principal, Permission.SUBMISSIONS_READ)
    found = await queries.visible_report(submission_scope(principal), report_id)
    if found is not None:
        await read_audit.note(principal, "Report", [found.id])
    return found
