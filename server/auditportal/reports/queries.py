"""Every read of reports.

A report of a case or a submission shows that submission: the submissions' row scope
(a grant's forms, customers only what forms offered to them show). Reports written
before a report knew its form are scoped through their case, as they always were. A
customer dossier or a period summary shows a customer's internal register: the internal
customer scope (staff, and consultants within their grant); a period summary is about no
one customer, so only callers who see every customer see it.
"""

from __future__ import annotations

from uuid import UUID

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.auth.scoping import ScopeFields, scope_filter
from auditportal.reports.models import Report

SUBMISSION_KINDS = ("inspection_report", "case_summary")
REGISTER_KINDS = ("customer_dossier", "period_summary")
# The dashboard is about every customer, like a period summary.
DASHBOARD = "dashboard"

# Rows of a case rendered before 0011: the form through the case's submission.
CASE_SCOPE = ScopeFields(
    customer="customer_id",
    form="instance__submission__form_id",
    audience="instance__submission__form_version__offered_to_customers",
    form_optional=True,
)
# Rows that know their form (every row rendered since).
REPORT_SCOPE = ScopeFields(
    customer="customer_id", form="form_id", audience="offered_to_customers", form_optional=True
)
REGISTER_SCOPE = ScopeFields(customer="customer_id")


def visible(submissions: RowScope, register: RowScope) -> Q:
    """The reports a caller with these two scopes sees."""
    legacy = Q(form_id__isnull=True, instance_id__isnull=False)
    about_submissions = Q(kind__in=SUBMISSION_KINDS) & (
        (legacy & scope_filter(submissions, CASE_SCOPE))
        | (~legacy & scope_filter(submissions, REPORT_SCOPE))
    )
    about_register = Q(kind__in=(*REGISTER_KINDS, DASHBOARD)) & scope_filter(
        register, REGISTER_SCOPE
    )
    return Q(about_submissions, about_register, join_type=Q.OR)


def _scoped(submissions: RowScope, register: RowScope) -> QuerySet[Report]:
    return Report.filter(visible(submissions, register))


async def reports_of_instance(scope: RowScope, instance_id: UUID) -> list[Report]:
    return list(
        await _scoped(scope, RowScope())
        .filter(instance_id=instance_id)
        .order_by("-created_at", "language")
    )


async def visible_report(
    submissions: RowScope, register: RowScope, report_id: UUID
) -> Report | None:
    return await _scoped(submissions, register).filter(id=report_id).first()


async def requested_reports(
    submissions: RowScope,
    register: RowScope,
    requested_by: UUID | None,
    *,
    kind: str | None = None,
    limit: int = 50,
) -> list[Report]:
    """Reports people asked for (not a workflow step's), newest first; the caller's own
    when ``requested_by`` is given."""
    query = _scoped(submissions, register).filter(source_message_id__isnull=True)
    if requested_by is not None:
        query = query.filter(requests__user_id=requested_by)
    if kind is not None:
        query = query.filter(kind=kind)
    return list(await query.order_by("-created_at", "-id").limit(limit))
