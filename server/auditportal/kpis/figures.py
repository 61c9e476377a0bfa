"""The KPI figures as plain data: what the SQL aggregates return, independent of GraphQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from auditportal.kpis.queries import GroupCount, Ratio


@dataclass(frozen=True)
class MonthRatio:
    month: str  # YYYY-MM
    ratio: Ratio


@dataclass(frozen=True)
class Efficiency:
    on_time: Ratio
    median_cycle_days: float | None
    on_time_by_month: list[MonthRatio]


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    count: int


@dataclass(frozen=True)
class Discovery:
    # Findings / current inspection-checklist submissions in the period.
    findings_per_inspection: Ratio
    by_severity: list[SeverityCount]
    # Findings whose question had raised a finding for the same customer before / findings.
    repeat_findings: Ratio
    # Corrective actions closed without ever going overdue / corrective actions closed.
    corrective_actions_on_time: Ratio


@dataclass(frozen=True)
class Complaints:
    # Acknowledged before any escalation / acknowledged.
    first_response_within_sla: Ratio
    median_first_response_hours: float | None
    # Resolved before any escalation / resolved.
    resolution_within_sla: Ratio
    median_resolution_hours: float | None
    # Complaints reopened at least once / complaints that reached "resolved".
    reopen_rate: Ratio


@dataclass(frozen=True)
class Nps:
    promoters: int
    passives: int
    detractors: int

    @property
    def responses(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> float | None:
        total = self.responses
        if total == 0:
            return None
        return 100.0 * (self.promoters - self.detractors) / total


@dataclass(frozen=True)
class SatisfactionMonth:
    month: str
    csat: Ratio
    nps: Nps


@dataclass(frozen=True)
class Satisfaction:
    # Overall ratings of 4 or 5 / overall ratings (1-5).
    csat: Ratio
    average_rating: float | None
    nps: Nps
    trend: list[SatisfactionMonth]


@dataclass(frozen=True)
class Migration:
    from_grade: str
    to_grade: str
    count: int


@dataclass(frozen=True)
class Credit:
    grades: list[GroupCount]
    migrations: list[Migration]


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int


@dataclass(frozen=True)
class RiskMonth:
    month: str
    raised: int
    closed: int


@dataclass(frozen=True)
class Risk:
    heat_map: list[HeatCell]
    trend: list[RiskMonth]


class KpiKind(StrEnum):
    """Which figure's rows a drill-down lists."""

    INSPECTIONS_DUE = "inspections_due"
    INSPECTIONS_LATE = "inspections_late"
    OPEN_INSPECTIONS = "open_inspections"
    FINDINGS = "findings"
    REPEAT_FINDINGS = "repeat_findings"
    CORRECTIVE_ACTIONS = "corrective_actions"
    COMPLAINTS = "complaints"
    COMPLAINTS_REOPENED = "complaints_reopened"
    SURVEY_RESPONSES = "survey_responses"
    DETRACTORS = "detractors"
    CUSTOMERS_TRAINED = "customers_trained"
    CUSTOMERS_NOT_TRAINED = "customers_not_trained"
    AUDITORS_TRAINED = "auditors_trained"
    AUDITORS_NOT_TRAINED = "auditors_not_trained"
    CREDIT_MIGRATIONS = "credit_migrations"
    OPEN_RISKS = "open_risks"


class RowKind(StrEnum):
    INSPECTION = "inspection"
    SUBMISSION = "submission"
    CASE = "case"
    CUSTOMER = "customer"
    CREDIT_RECORD = "credit_record"
    RISK = "risk"
    USER = "user"


@dataclass(frozen=True)
class KpiRow:
    """One row behind a figure: what it is, whose customer, a label and its day."""

    kind: RowKind
    id: UUID
    customer_id: UUID | None
    customer_name: str | None
    label: str
    at: datetime | date | None
    detail: str | None = None


@dataclass(frozen=True)
class KpiRowPage:
    rows: list[KpiRow]
    offset: int
    has_next_page: bool
    total: int


@dataclass(frozen=True)
class Dashboard:
    efficiency: Efficiency
    discovery: Discovery
    complaints: Complaints
    satisfaction: Satisfaction
    training_coverage: Ratio
    auditor_training_coverage: Ratio
    credit: Credit
    risk: Risk
