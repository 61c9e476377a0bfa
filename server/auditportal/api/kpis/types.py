"""GraphQL types of the KPIs: each figure with its numerator and denominator."""

from __future__ import annotations

import datetime
from typing import Any

import strawberry

from auditportal.api.relay import from_global_id, to_global_id
from auditportal.auth.principal import Principal
from auditportal.customers.models import CustomerTier
from auditportal.kpis import figures, service
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


@strawberry.type(name="KpiMonthRatio", description="A ratio for one calendar month.")
class KpiMonthRatio:
    month: str = strawberry.field(description="YYYY-MM.")
    ratio: KpiRatio

    @staticmethod
    def of(row: figures.MonthRatio) -> KpiMonthRatio:
        return KpiMonthRatio(month=row.month, ratio=KpiRatio.of(row.ratio))


@strawberry.type(name="KpiEfficiency", description="Audit efficiency.")
class KpiEfficiency:
    on_time: KpiRatio = strawberry.field(
        description="Inspections due in the period and done by their due day / due (not "
        "cancelled, due by today)."
    )
    median_cycle_days: float | None = strawberry.field(
        description="Median days from planned (materialised) to closed, inspections closed "
        "in the period; null if none."
    )
    on_time_by_month: list[KpiMonthRatio] = strawberry.field(
        description="The on-time ratio per month of the due day."
    )

    @staticmethod
    def of(row: figures.Efficiency) -> KpiEfficiency:
        return KpiEfficiency(
            on_time=KpiRatio.of(row.on_time),
            median_cycle_days=row.median_cycle_days,
            on_time_by_month=[KpiMonthRatio.of(m) for m in row.on_time_by_month],
        )


@strawberry.type(name="KpiSeverityCount", description="Findings of one severity.")
class KpiSeverityCount:
    severity: str
    count: int


@strawberry.type(name="KpiDiscovery", description="Issue discovery.")
class KpiDiscovery:
    findings_per_inspection: KpiRatio = strawberry.field(
        description="Findings / current inspection-checklist submissions in the period."
    )
    by_severity: list[KpiSeverityCount] = strawberry.field(
        description="Findings of those inspections per severity (critical first)."
    )
    repeat_findings: KpiRatio = strawberry.field(
        description="Findings the same customer already had on the same question in an "
        "earlier submission of the same form / findings."
    )
    corrective_actions_on_time: KpiRatio = strawberry.field(
        description="Corrective actions closed in the period without going overdue / closed."
    )

    @staticmethod
    def of(row: figures.Discovery) -> KpiDiscovery:
        return KpiDiscovery(
            findings_per_inspection=KpiRatio.of(row.findings_per_inspection),
            by_severity=[
                KpiSeverityCount(severity=s.severity, count=s.count) for s in row.by_severity
            ],
            repeat_findings=KpiRatio.of(row.repeat_findings),
            corrective_actions_on_time=KpiRatio.of(row.corrective_actions_on_time),
        )


@strawberry.type(name="KpiComplaints", description="Complaint handling (complaint workflow).")
class KpiComplaints:
    first_response_within_sla: KpiRatio = strawberry.field(
        description="Complaints acknowledged before any SLA escalation / acknowledged."
    )
    median_first_response_hours: float | None
    resolution_within_sla: KpiRatio = strawberry.field(
        description="Complaints resolved before any SLA escalation / resolved."
    )
    median_resolution_hours: float | None
    reopen_rate: KpiRatio = strawberry.field(
        description="Complaints reopened at least once / complaints that were resolved."
    )

    @staticmethod
    def of(row: figures.Complaints) -> KpiComplaints:
        return KpiComplaints(
            first_response_within_sla=KpiRatio.of(row.first_response_within_sla),
            median_first_response_hours=row.median_first_response_hours,
            resolution_within_sla=KpiRatio.of(row.resolution_within_sla),
            median_resolution_hours=row.median_resolution_hours,
            reopen_rate=KpiRatio.of(row.reopen_rate),
        )


@strawberry.type(name="KpiNps", description="Net promoter score from 0-10 answers.")
class KpiNps:
    promoters: int = strawberry.field(description="Answers of 9 or 10.")
    passives: int = strawberry.field(description="Answers of 7 or 8.")
    detractors: int = strawberry.field(description="Answers of 0 to 6.")
    responses: int
    score: float | None = strawberry.field(
        description="100 x (promoters - detractors) / responses; null if none."
    )

    @staticmethod
    def of(row: figures.Nps) -> KpiNps:
        return KpiNps(
            promoters=row.promoters,
            passives=row.passives,
            detractors=row.detractors,
            responses=row.responses,
            score=row.score,
        )


@strawberry.type(name="KpiSatisfactionMonth", description="CSAT and NPS of one month.")
class KpiSatisfactionMonth:
    month: str = strawberry.field(description="YYYY-MM.")
    csat: KpiRatio
    nps: KpiNps


@strawberry.type(name="KpiSatisfaction", description="Satisfaction surveys.")
class KpiSatisfaction:
    csat: KpiRatio = strawberry.field(
        description="Overall satisfaction answers of 4 or 5 / answers (1-5 scale)."
    )
    average_rating: float | None
    nps: KpiNps
    trend: list[KpiSatisfactionMonth] = strawberry.field(description="Per submission month.")

    @staticmethod
    def of(row: figures.Satisfaction) -> KpiSatisfaction:
        return KpiSatisfaction(
            csat=KpiRatio.of(row.csat),
            average_rating=row.average_rating,
            nps=KpiNps.of(row.nps),
            trend=[
                KpiSatisfactionMonth(month=m.month, csat=KpiRatio.of(m.csat), nps=KpiNps.of(m.nps))
                for m in row.trend
            ],
        )


@strawberry.type(name="KpiMigration", description="Customers whose grade went from one to another.")
class KpiMigration:
    from_grade: str
    to_grade: str
    count: int


@strawberry.type(name="KpiCredit", description="Credit grades.")
class KpiCredit:
    grades: list[KpiGroupCount] = strawberry.field(
        description="Customers per current grade (null: ungraded)."
    )
    migrations: list[KpiMigration] = strawberry.field(
        description="Assessments in the period per (previous grade, new grade)."
    )

    @staticmethod
    def of(row: figures.Credit) -> KpiCredit:
        return KpiCredit(
            grades=[KpiGroupCount.of(g) for g in row.grades],
            migrations=[
                KpiMigration(from_grade=m.from_grade, to_grade=m.to_grade, count=m.count)
                for m in row.migrations
            ],
        )


@strawberry.type(name="KpiHeatCell", description="Open risks of one likelihood and impact.")
class KpiHeatCell:
    likelihood: int
    impact: int
    count: int


@strawberry.type(name="KpiRiskMonth", description="Risks raised and closed in one month.")
class KpiRiskMonth:
    month: str = strawberry.field(description="YYYY-MM.")
    raised: int
    closed: int


@strawberry.type(name="KpiRisk", description="The risk register.")
class KpiRisk:
    heat_map: list[KpiHeatCell] = strawberry.field(
        description="Open risks per (likelihood, impact); empty cells are left out."
    )
    trend: list[KpiRiskMonth]

    @staticmethod
    def of(row: figures.Risk) -> KpiRisk:
        return KpiRisk(
            heat_map=[
                KpiHeatCell(likelihood=c.likelihood, impact=c.impact, count=c.count)
                for c in row.heat_map
            ],
            trend=[
                KpiRiskMonth(month=m.month, raised=m.raised, closed=m.closed) for m in row.trend
            ],
        )


KpiKind = strawberry.enum(figures.KpiKind, name="KpiKind", description="A figure to drill into.")
KpiRowKind = strawberry.enum(figures.RowKind, name="KpiRowKind")

NODE_TYPES = {
    figures.RowKind.INSPECTION: "ScheduledInspection",
    figures.RowKind.SUBMISSION: "Submission",
    figures.RowKind.CASE: "WorkflowInstance",
    figures.RowKind.CUSTOMER: "Customer",
    figures.RowKind.CREDIT_RECORD: "CreditRecord",
    figures.RowKind.RISK: "Risk",
    figures.RowKind.USER: "User",
}


@strawberry.type(name="KpiRow", description="One row behind a figure.")
class KpiRow:
    kind: figures.RowKind
    id: strawberry.ID = strawberry.field(description="The global id of the row's node.")
    customer_id: strawberry.ID | None
    customer_name: str | None
    label: str = strawberry.field(description="What the row is (form key, state, grade...).")
    at: datetime.datetime | None = strawberry.field(description="When (due, submitted...).")
    detail: str | None = None

    @staticmethod
    def of(row: figures.KpiRow) -> KpiRow:
        at = row.at
        if isinstance(at, datetime.date) and not isinstance(at, datetime.datetime):
            at = datetime.datetime.combine(at, datetime.time.min, tzinfo=datetime.UTC)
        return KpiRow(
            kind=row.kind,
            id=to_global_id(NODE_TYPES[row.kind], row.id),
            customer_id=None
            if row.customer_id is None
            else to_global_id("Customer", row.customer_id),
            customer_name=row.customer_name,
            label=row.label,
            at=at,
            detail=row.detail,
        )


@strawberry.type(name="KpiRowPage", description="A page of the rows behind a figure.")
class KpiRowPage:
    nodes: list[KpiRow]
    total_count: int
    has_next_page: bool
    end_cursor: str | None = strawberry.field(description="Pass as `after` for the next page.")


@strawberry.type(name="Kpis", description="The KPIs over the customers you may see.")
class Kpis:
    # Each group is computed only when selected: one dashboard card, one group of queries.
    principal: strawberry.Private[Principal]
    chosen: strawberry.Private[KpiFilter]

    @strawberry.field(description="Inspections done / due (due by today, not cancelled).")
    async def inspection_completion(self) -> KpiRatio:
        return KpiRatio.of(await service.inspection_completion(self.principal, self.chosen))

    @strawberry.field(description="Findings recorded / current submissions about a customer.")
    async def findings_per_submission(self) -> KpiRatio:
        return KpiRatio.of(await service.findings_per_submission(self.principal, self.chosen))

    @strawberry.field(description="Customers per current credit grade (null: ungraded).")
    async def credit_grades(self) -> list[KpiGroupCount]:
        found = await service.credit_grades(self.principal, self.chosen)
        return [KpiGroupCount.of(g) for g in found]

    @strawberry.field(
        description="Open (planned or opened) inspections per assignee, and overdue ones."
    )
    async def auditor_workload(self) -> list[AuditorWorkload]:
        found = await service.auditor_workload(self.principal, self.chosen)
        return [AuditorWorkload.of(w) for w in found]

    @strawberry.field(description="Audit efficiency: on time, cycle time, monthly trend.")
    async def efficiency(self) -> KpiEfficiency:
        return KpiEfficiency.of(await service.efficiency(self.principal, self.chosen))

    @strawberry.field(description="Issue discovery: findings, repeats, corrective actions.")
    async def discovery(self) -> KpiDiscovery:
        return KpiDiscovery.of(await service.discovery(self.principal, self.chosen))

    @strawberry.field(description="Complaint handling against the SLA, reopen rate.")
    async def complaints(self) -> KpiComplaints:
        return KpiComplaints.of(await service.complaints(self.principal, self.chosen))

    @strawberry.field(description="CSAT and NPS from the satisfaction survey, with trend.")
    async def satisfaction(self) -> KpiSatisfaction:
        return KpiSatisfaction.of(await service.satisfaction(self.principal, self.chosen))

    @strawberry.field(
        description="Customers with a training record submitted in the period / customers in scope."
    )
    async def training_coverage(self) -> KpiRatio:
        return KpiRatio.of(await service.training_coverage(self.principal, self.chosen))

    @strawberry.field(
        description="Auditors with a training record of their own (about no customer) "
        "submitted in the period / active auditors. Staff only: a narrower scope sees 0 / 0."
    )
    async def auditor_training_coverage(self) -> KpiRatio:
        found = await service.auditor_training_coverage(self.principal, self.chosen)
        return KpiRatio.of(found)

    @strawberry.field(description="Credit grade distribution and migrations.")
    async def credit(self) -> KpiCredit:
        return KpiCredit.of(await service.credit(self.principal, self.chosen))

    @strawberry.field(description="Risk heat map (open risks) and monthly trend.")
    async def risk(self) -> KpiRisk:
        return KpiRisk.of(await service.risk(self.principal, self.chosen))


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


def export_filters(chosen: KpiFilterInput | None) -> dict[str, Any]:
    """The filter as the JSON an export keeps (ids as UUID strings, days as ISO)."""
    found = domain_filter(chosen)
    raw: dict[str, Any] = {
        "start": found.start,
        "end": found.end,
        "tier": found.tier,
        "region": found.region,
        "auditorId": found.auditor_id,
        "formId": found.form_id,
    }
    return {k: v if isinstance(v, str) else str(v) for k, v in raw.items() if v is not None}
