"""KPI aggregates over the rows a ``RowScope`` shows; every figure is one SQL aggregate.

Nothing is loaded into Python but the aggregated counts: each function builds a Tortoise
query (scope, filter) and asks the database for ``COUNT``/``SUM`` grouped as needed. The
queries run the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID

from tortoise.expressions import Q, Subquery
from tortoise.functions import Count, Sum
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.customers.models import Customer
from auditportal.forms.models import Form, Submission
from auditportal.inspections.models import InspectionPlan, InspectionStatus, ScheduledInspection

CUSTOMER_ROWS = ScopeFields(customer="id")
CUSTOMER_OWNED = ScopeFields(customer="customer_id")
OPEN_STATUSES = (InspectionStatus.PLANNED, InspectionStatus.OPENED)


@dataclass(frozen=True)
class KpiFilter:
    """Which rows a KPI counts: a period (inclusive days), tier, region, auditor, form."""

    start: date | None = None
    end: date | None = None
    tier: str | None = None
    region: str | None = None
    auditor_id: UUID | None = None
    form_id: UUID | None = None


@dataclass(frozen=True)
class Ratio:
    numerator: float
    denominator: int

    @property
    def rate(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator


@dataclass(frozen=True)
class GroupCount:
    key: str | None
    count: int


@dataclass(frozen=True)
class Workload:
    auditor_id: UUID | None
    open: int
    overdue: int


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _customers_matching(chosen: KpiFilter) -> Q:
    """Rows whose customer has the filter's region (tier is a column of its own)."""
    if chosen.region is None:
        return Q()
    return Q(customer_id__in=Subquery(Customer.filter(region=chosen.region).values("id")))


def inspections(scope: RowScope, chosen: KpiFilter) -> QuerySet[ScheduledInspection]:
    """The scheduled inspections behind the audit-efficiency figures."""
    query = scoped(ScheduledInspection.all(), scope, CUSTOMER_OWNED).filter(
        _customers_matching(chosen)
    )
    if chosen.start is not None:
        query = query.filter(due_on__gte=chosen.start)
    if chosen.end is not None:
        query = query.filter(due_on__lte=chosen.end)
    if chosen.tier is not None:
        query = query.filter(tier=chosen.tier)
    if chosen.auditor_id is not None:
        query = query.filter(assignee_id=chosen.auditor_id)
    if chosen.form_id is not None:
        # Inspections of the plans that use the filter's form.
        keys = Form.filter(id=chosen.form_id).values("key")
        plans = InspectionPlan.filter(form_key__in=Subquery(keys)).values("id")
        query = query.filter(plan_id__in=Subquery(plans))
    return query


def submissions(scope: RowScope, chosen: KpiFilter) -> QuerySet[Submission]:
    """Current (not superseded) submissions about a customer behind the discovery figures."""
    fields = ScopeFields(
        customer="customer_id",
        submitter="submitted_by_id",
        form="form_id",
        audience="form_version__offered_to_customers",
    )
    query = scoped(Submission.all(), scope, fields).filter(
        _customers_matching(chosen), superseded_at__isnull=True, customer_id__isnull=False
    )
    if chosen.start is not None:
        query = query.filter(submitted_at__gte=_day_start(chosen.start))
    if chosen.end is not None:
        query = query.filter(
            submitted_at__lt=_day_start(date.fromordinal(chosen.end.toordinal() + 1))
        )
    if chosen.tier is not None:
        query = query.filter(
            customer_id__in=Subquery(Customer.filter(tier=chosen.tier).values("id"))
        )
    if chosen.auditor_id is not None:
        query = query.filter(submitted_by_id=chosen.auditor_id)
    if chosen.form_id is not None:
        query = query.filter(form_id=chosen.form_id)
    return query


def customers(scope: RowScope, chosen: KpiFilter) -> QuerySet[Customer]:
    query = scoped(Customer.all(), scope, CUSTOMER_ROWS)
    if chosen.tier is not None:
        query = query.filter(tier=chosen.tier)
    if chosen.region is not None:
        query = query.filter(region=chosen.region)
    return query


async def _count(query: QuerySet[Any]) -> int:
    return int(await query.count())


async def inspection_completion(scope: RowScope, chosen: KpiFilter, today: date) -> Ratio:
    """Inspections done / inspections due (due on or before today, not cancelled)."""
    due = (
        inspections(scope, chosen)
        .filter(due_on__lte=today)
        .exclude(status=InspectionStatus.CANCELLED)
    )
    denominator = await _count(due)
    numerator = await _count(due.filter(status=InspectionStatus.DONE))
    return Ratio(numerator=numerator, denominator=denominator)


async def findings_per_submission(scope: RowScope, chosen: KpiFilter) -> Ratio:
    """Findings recorded / submissions, one SUM and one COUNT."""
    rows = (
        await submissions(scope, chosen)
        .annotate(total=Sum("finding_count"), n=Count("id"))
        .values("total", "n")
    )
    row = rows[0] if rows else {"total": 0, "n": 0}
    return Ratio(numerator=float(row["total"] or 0), denominator=int(row["n"] or 0))


async def credit_grades(scope: RowScope, chosen: KpiFilter) -> list[GroupCount]:
    """Customers per current credit grade (ungraded as ``None``), grade ascending."""
    rows = (
        await customers(scope, chosen)
        .annotate(count=Count("id"))
        .group_by("credit_grade")
        .values("credit_grade", "count")
    )
    found = [GroupCount(key=r["credit_grade"], count=int(r["count"])) for r in rows]
    return sorted(found, key=lambda g: (g.key is None, g.key or ""))


async def auditor_workload(scope: RowScope, chosen: KpiFilter, today: date) -> list[Workload]:
    """Per assignee: open inspections (planned or opened) and those of them overdue."""
    open_rows = inspections(scope, chosen).filter(status__in=OPEN_STATUSES)
    opened = (
        await open_rows.annotate(count=Count("id"))
        .group_by("assignee_id")
        .values("assignee_id", "count")
    )
    late = (
        await open_rows.filter(due_on__lt=today)
        .annotate(count=Count("id"))
        .group_by("assignee_id")
        .values("assignee_id", "count")
    )
    overdue = {r["assignee_id"]: int(r["count"]) for r in late}
    found = [
        Workload(
            auditor_id=r["assignee_id"],
            open=int(r["count"]),
            overdue=overdue.get(r["assignee_id"], 0),
        )
        for r in opened
    ]
    return sorted(found, key=lambda w: (-w.open, str(w.auditor_id)))
