"""GraphQL types of the KPIs: each figure with its numerator and denominator."""

from __future__ import annotations

import datetime

import strawberry

from auditportal.api.relay import from_global_id, to_global_id
from auditportal.customers.models import CustomerTier
from auditportal.kpis.queries import GroupCount, KpiFilter, Ratio, Workload


@strawberry.input(description="Which rows the KPIs count; every criterion is optional.")
class KpiFilterInput:
    start: datetime.date | None = strawberry.field(
        default=None, description="First day of the period (inclusive)."
    )
    end: datetime.date | None = strawberry.field(
        default=None, description="Last day of the period (inclusive)."
    )
    tier: CustomerTier | None = None
    region: str | None = None
    auditor_id: strawberry.ID | None = None
    form_id: strawberry.ID | None = None


@strawberry.type(name="KpiRatio", description="A figure as numerator / denominator.")
class KpiRatio:
    numerator: float
    denominator: int
    rate: float | None = strawberry.field(description="numerator / denominator; null if none.")

    @staticmethod
    def of(ratio: Ratio) -> KpiRatio:
        return KpiRatio(numerator=ratio.numerator, denominator=ratio.denominator, rate=ratio.rate)


@strawberry.type(name="KpiGroupCount", description="Rows counted for one key.")
class KpiGroupCount:
    key: str | None
    count: int

    @staticmethod
    def of(group: GroupCount) -> KpiGroupCount:
        return KpiGroupCount(key=group.key, count=group.count)


@strawberry.type(name="AuditorWorkload", description="One auditor's open and overdue work.")
class AuditorWorkload:
    auditor_id: strawberry.ID | None
    open: int
    overdue: int

    @staticmethod
    def of(row: Workload) -> AuditorWorkload:
        auditor = None if row.auditor_id is None else to_global_id("User", row.auditor_id)
        return AuditorWorkload(auditor_id=auditor, open=row.open, overdue=row.overdue)


@strawberry.type(name="Kpis", description="The KPIs over the customers you may see.")
class Kpis:
    inspection_completion: KpiRatio = strawberry.field(
        description="Inspections done / due (due by today, not cancelled)."
    )
    findings_per_submission: KpiRatio = strawberry.field(
        description="Findings recorded / current submissions about a customer."
    )
    credit_grades: list[KpiGroupCount] = strawberry.field(
        description="Customers per current credit grade (null: ungraded)."
    )
    auditor_workload: list[AuditorWorkload] = strawberry.field(
        description="Open (planned or opened) inspections per assignee, and overdue ones."
    )


def domain_filter(chosen: KpiFilterInput | None) -> KpiFilter:
    if chosen is None:
        return KpiFilter()
    return KpiFilter(
        start=chosen.start,
        end=chosen.end,
        tier=None if chosen.tier is None else str(chosen.tier.value),
        region=chosen.region,
        auditor_id=None if chosen.auditor_id is None else from_global_id(chosen.auditor_id, "User"),
        form_id=None if chosen.form_id is None else from_global_id(chosen.form_id, "Form"),
    )
