"""Mutations of verification by sampling: one input each, typed results."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import Conflict, NotAllowed, NotFound, ValidationFailed, run_mutation
from auditportal.api.forms.types import SubmissionNode
from auditportal.api.policy import requires
from auditportal.api.relay import input_id, input_ids
from auditportal.api.verification.types import (
    Verification,
    VerificationDraw,
    VerificationPlan,
)
from auditportal.auth.policy import Permission
from auditportal.errors import FieldIssue
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.verification import service
from auditportal.verification.models import PeriodUnit, SizingMode


def _id(value: str, *path: str | int) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        issue = FieldIssue(path, "error.bad_id", {"id": value})
        raise DomainValidationFailed("error.invalid_input", [issue], count=1) from None


@strawberry.input
class TierSizeInput:
    tier: str = strawberry.field(description="key, normal or high_risk.")
    size: int


@strawberry.input
class SaveVerificationPlanInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="None: a new plan.")
    name: str
    form_ids: list[strawberry.ID] = strawberry.field(description="Form global ids.")
    period_unit: PeriodUnit = PeriodUnit.MONTH
    sizing: SizingMode = SizingMode.FIXED
    tier_sizes: list[TierSizeInput] = strawberry.field(default_factory=list)
    confidence: float = 0.95
    tolerable_error: float = 0.05
    expected_error: float = 0.5
    active: bool = True
    verifier_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="User global ids of the plan's verifiers."
    )
    verifier_teams: list[str] = strawberry.field(
        default_factory=list, description="Teams whose auditors and managers verify."
    )
    due_days: int = strawberry.field(default=14, description="Days a draw is due in.")


@strawberry.type
class VerificationPlanSaved:
    plan: VerificationPlan


SaveVerificationPlanResult = Annotated[
    VerificationPlanSaved | ValidationFailed | NotAllowed | NotFound,
    strawberry.union("SaveVerificationPlanResult"),
]


@strawberry.input
class DeleteVerificationPlanInput:
    id: strawberry.ID


@strawberry.type
class VerificationPlanDeleted:
    id: strawberry.ID


DeleteVerificationPlanResult = Annotated[
    VerificationPlanDeleted | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("DeleteVerificationPlanResult"),
]


@strawberry.input
class DrawVerificationSampleInput:
    plan_id: strawberry.ID
    period: str = strawberry.field(description="2026-11 (month) or 2026-Q4 (quarter).")
    seed: str | None = strawberry.field(
        default=None, description="Repeat a draw: the same seed draws the same sample."
    )


@strawberry.type
class VerificationSampleDrawn:
    draw: VerificationDraw
    items: list[Verification]


DrawVerificationSampleResult = Annotated[
    VerificationSampleDrawn | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("DrawVerificationSampleResult"),
]


@strawberry.input
class DiscrepancyInput:
    pointer: str = strawberry.field(description="JSON Pointer of the field in the answers.")
    verified_value: JSON | None
    reason: str


@strawberry.input
class RecordVerificationInput:
    id: strawberry.ID
    checked: list[str] | None = strawberry.field(
        default=None, description="Pointers of the fields re-checked; default every answer."
    )
    discrepancies: list[DiscrepancyInput] = strawberry.field(default_factory=list)
    comment: str | None = None


@strawberry.type
class VerificationRecorded:
    verification: Verification


RecordVerificationResult = Annotated[
    VerificationRecorded | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("RecordVerificationResult"),
]


@strawberry.input
class OpenVerificationCorrectionInput:
    id: strawberry.ID


@strawberry.type
class VerificationCorrectionOpened:
    verification: Verification
    correction: SubmissionNode


OpenVerificationCorrectionResult = Annotated[
    VerificationCorrectionOpened | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("OpenVerificationCorrectionResult"),
]


@strawberry.input
class ReassignVerificationInput:
    id: strawberry.ID
    verifier_id: strawberry.ID = strawberry.field(description="The new verifier's User id.")


@strawberry.type
class VerificationReassigned:
    verification: Verification


ReassignVerificationResult = Annotated[
    VerificationReassigned | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("ReassignVerificationResult"),
]


def _seed(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        issue = FieldIssue(("seed",), "verification.seed_invalid")
        raise DomainValidationFailed("error.invalid_input", [issue], count=1) from None


@strawberry.type
class VerificationMutations:
    @strawberry.mutation(
        description="Create or change a verification plan.",
        extensions=requires(Permission.VERIFICATION_MANAGE),
    )
    async def save_verification_plan(
        self, info: Info[Context, Any], input: SaveVerificationPlanInput
    ) -> SaveVerificationPlanResult:
        async def action() -> VerificationPlanSaved:
            spec = service.PlanSpec(
                name=input.name,
                form_ids=input_ids([str(f) for f in input.form_ids], "Form", "formIds"),
                period_unit=input.period_unit,
                sizing=input.sizing,
                tier_sizes={size.tier: size.size for size in input.tier_sizes},
                confidence=input.confidence,
                tolerable_error=input.tolerable_error,
                expected_error=input.expected_error,
                active=input.active,
                verifier_ids=input_ids([str(u) for u in input.verifier_ids], "User", "verifierIds"),
                verifier_teams=list(input.verifier_teams),
                due_days=input.due_days,
            )
            plan_id = _id(input.id, "id") if input.id else None
            saved = await service.save_plan(info.context.principal, spec, plan_id)
            return VerificationPlanSaved(plan=VerificationPlan(model=saved))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Delete a plan that never drew a sample.",
        extensions=requires(Permission.VERIFICATION_MANAGE),
    )
    async def delete_verification_plan(
        self, info: Info[Context, Any], input: DeleteVerificationPlanInput
    ) -> DeleteVerificationPlanResult:
        async def action() -> VerificationPlanDeleted:
            gone = await service.delete_plan(info.context.principal, _id(input.id, "id"))
            return VerificationPlanDeleted(id=strawberry.ID(str(gone)))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Draw a plan's stratified random sample of a period and assign each "
        "sampled submission to a second auditor (never its submitter). Once per period.",
        extensions=requires(Permission.VERIFICATION_MANAGE),
    )
    async def draw_verification_sample(
        self, info: Info[Context, Any], input: DrawVerificationSampleInput
    ) -> DrawVerificationSampleResult:
        async def action() -> VerificationSampleDrawn:
            principal = info.context.principal
            made = await service.draw(
                principal, _id(input.plan_id, "planId"), input.period, _seed(input.seed)
            )
            items = await service.draw_items(principal, made.id)
            return VerificationSampleDrawn(
                draw=VerificationDraw(model=made), items=[Verification(model=i) for i in items]
            )

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Give an open verification to another verifier (never its submitter); "
        "the new verifier is notified.",
        extensions=requires(Permission.VERIFICATION_MANAGE),
    )
    async def reassign_verification(
        self, info: Info[Context, Any], input: ReassignVerificationInput
    ) -> ReassignVerificationResult:
        async def action() -> VerificationReassigned:
            verifier_id = input_id(str(input.verifier_id), "User", "verifierId")
            row = await service.reassign(info.context.principal, _id(input.id, "id"), verifier_id)
            return VerificationReassigned(verification=Verification(model=row))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Record the re-check: agreement, or the discrepancies found.",
        extensions=requires(Permission.VERIFICATION_PERFORM),
    )
    async def record_verification(
        self, info: Info[Context, Any], input: RecordVerificationInput
    ) -> RecordVerificationResult:
        async def action() -> VerificationRecorded:
            recorded = await service.record_result(
                info.context.principal,
                _id(input.id, "id"),
                checked=input.checked,
                found_wrong=[
                    service.DiscrepancySpec(d.pointer, d.verified_value, d.reason)
                    for d in input.discrepancies
                ],
                comment=input.comment,
                settings=info.context.settings,
            )
            return VerificationRecorded(verification=Verification(model=recorded))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Correct the sampled submission with the verified values (a new "
        "revision through the ordinary correction path).",
        extensions=requires(Permission.VERIFICATION_PERFORM),
    )
    async def open_verification_correction(
        self, info: Info[Context, Any], input: OpenVerificationCorrectionInput
    ) -> OpenVerificationCorrectionResult:
        async def action() -> VerificationCorrectionOpened:
            principal = info.context.principal
            verification_id = _id(input.id, "id")
            corrected = await service.open_correction(
                principal,
                verification_id,
                language=info.context.language,
                settings=info.context.settings,
            )
            row = await service.verification(principal, verification_id)
            return VerificationCorrectionOpened(
                verification=Verification(model=row), correction=SubmissionNode(model=corrected)
            )

        return await run_mutation(info, action, "input")
