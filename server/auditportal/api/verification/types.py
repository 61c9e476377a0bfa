"""GraphQL types of verification by sampling."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.forms.types import SubmissionNode
from auditportal.api.relay import to_global_id
from auditportal.verification import models
from auditportal.verification.models import PeriodUnit, SizingMode, VerificationStatus
from auditportal.verification.queries import AccuracyRow

strawberry.enum(PeriodUnit, name="VerificationPeriodUnit")
strawberry.enum(SizingMode, name="VerificationSizing")
strawberry.enum(VerificationStatus, name="VerificationStatus")


@strawberry.enum(description="What the data accuracy rates are grouped by.")
class AccuracyDimension(Enum):
    FORM = "form"
    AUDITOR = "auditor"
    TIER = "tier"
    PERIOD = "period"


@strawberry.type(description="A sample size for one customer tier.")
class TierSize:
    tier: str
    size: int


@strawberry.type(description="What to sample, per period, and how many per customer tier.")
class VerificationPlan:
    model: strawberry.Private[models.VerificationPlan]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Form global ids.")
    def form_ids(self) -> list[strawberry.ID]:
        return [to_global_id("Form", form_id) for form_id in self.model.form_ids]

    @strawberry.field
    def period_unit(self) -> PeriodUnit:
        return self.model.period_unit

    @strawberry.field
    def sizing(self) -> SizingMode:
        return self.model.sizing

    @strawberry.field(description="Fixed sizes per tier (sizing FIXED).")
    def tier_sizes(self) -> list[TierSize]:
        return [TierSize(tier=t, size=int(n)) for t, n in (self.model.tier_sizes or {}).items()]

    @strawberry.field
    def confidence(self) -> float:
        return self.model.confidence

    @strawberry.field
    def tolerable_error(self) -> float:
        return self.model.tolerable_error

    @strawberry.field(description="The expected error rate of the sizing formula.")
    def expected_error(self) -> float:
        return self.model.expected_error

    @strawberry.field
    def active(self) -> bool:
        return self.model.active

    @strawberry.field(
        description="The verifiers this plan names (User global ids); with verifierTeams "
        "empty too, every active auditor (then manager) verifies."
    )
    def verifier_ids(self) -> list[strawberry.ID]:
        return [to_global_id("User", user_id) for user_id in self.model.verifier_ids or []]

    @strawberry.field(description="Teams whose active auditors and managers verify.")
    def verifier_teams(self) -> list[str]:
        return [str(team) for team in self.model.verifier_teams or []]

    @strawberry.field(description="Days a draw's verifications are due in.")
    def due_days(self) -> int:
        return self.model.due_days

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.model.updated_at


def due_of(draw: models.VerificationDraw) -> datetime:
    return draw.due_at or draw.drawn_at + timedelta(days=models.DEFAULT_DUE_DAYS)


@strawberry.type(description="Someone who may verify: an active auditor or manager.")
class Verifier:
    id: strawberry.ID = strawberry.field(description="User global id.")
    name: str
    role: str = strawberry.field(description="auditor or manager.")
    team: str | None


@strawberry.type(description="One tier's population and sample size in a draw.")
class DrawStratum:
    tier: str
    population: int
    sample: int


@strawberry.type(description="The sample a plan drew for one period, with its seed.")
class VerificationDraw:
    model: strawberry.Private[models.VerificationDraw]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field
    def plan_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.plan_id))

    @strawberry.field
    def period(self) -> str:
        return self.model.period

    @strawberry.field(description="Drawing again with this seed gives the same sample.")
    def seed(self) -> str:
        return str(self.model.seed)

    @strawberry.field
    def strata(self) -> list[DrawStratum]:
        population = self.model.population or {}
        sizes = self.model.sizes or {}
        return [
            DrawStratum(tier=t, population=int(population.get(t, 0)), sample=int(sizes.get(t, 0)))
            for t in sorted(set(population) | set(sizes))
        ]

    @strawberry.field
    def drawn_at(self) -> datetime:
        return self.model.drawn_at

    @strawberry.field(description="When the draw's verifications are due.")
    def due_at(self) -> datetime:
        return due_of(self.model)


@strawberry.type(description="A field whose verified value differs from the recorded one.")
class VerificationDiscrepancy:
    pointer: str = strawberry.field(description="JSON Pointer into the answers.")
    recorded_value: JSON | None
    verified_value: JSON | None
    reason: str


@strawberry.type(description="A sampled submission and its second auditor's re-check.")
class Verification:
    model: strawberry.Private[models.Verification]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field
    def period(self) -> str:
        return self.model.period

    @strawberry.field
    def tier(self) -> str:
        return self.model.tier

    @strawberry.field
    def status(self) -> VerificationStatus:
        return self.model.status

    @strawberry.field(description="The verifier's user global id (never the submitter's).")
    def verifier_id(self) -> strawberry.ID | None:
        if self.model.verifier_id is None:
            return None
        return to_global_id("User", self.model.verifier_id)

    @strawberry.field
    def submitted_by_id(self) -> strawberry.ID:
        return to_global_id("User", self.model.submitted_by_id)

    @strawberry.field
    def fields_verified(self) -> int:
        return self.model.fields_verified

    @strawberry.field
    def discrepancy_count(self) -> int:
        return self.model.discrepancy_count

    @strawberry.field
    def comment(self) -> str | None:
        return self.model.comment

    @strawberry.field
    def verified_at(self) -> datetime | None:
        return self.model.verified_at

    @strawberry.field(description="The correction this verification opened (a Submission id).")
    def correction_id(self) -> strawberry.ID | None:
        if self.model.correction_id is None:
            return None
        return to_global_id("Submission", self.model.correction_id)

    @strawberry.field(description="The sampled submission (read-only answers for the re-check).")
    async def submission(self, info: Info[Context, Any]) -> SubmissionNode | None:
        found = await info.context.loaders.submission.load(self.model.submission_id)
        return SubmissionNode(model=found) if found else None

    @strawberry.field
    async def discrepancies(self, info: Info[Context, Any]) -> list[VerificationDiscrepancy]:
        from auditportal.verification import service

        rows = await service.discrepancies(info.context.principal, self.model.id)
        return [
            VerificationDiscrepancy(
                pointer=row.pointer,
                recorded_value=row.recorded_value,
                verified_value=row.verified_value,
                reason=row.reason,
            )
            for row in rows
        ]


@strawberry.type(description="Data accuracy of one group: fields without discrepancy / fields.")
class AccuracyRate:
    key: str
    label: str
    verifications: int
    fields_verified: int
    discrepancies: int
    rate: float | None
    low: float | None = strawberry.field(description="Wilson 95 % interval, lower bound.")
    high: float | None = strawberry.field(description="Wilson 95 % interval, upper bound.")

    @classmethod
    def of(cls, row: AccuracyRow, label: str) -> AccuracyRate:
        interval = row.interval
        return cls(
            key=row.key,
            label=label,
            verifications=row.verifications,
            fields_verified=row.fields_verified,
            discrepancies=row.discrepancies,
            rate=row.rate,
            low=interval[0] if interval else None,
            high=interval[1] if interval else None,
        )
