"""Verification by sampling: plans, draws, the verifier's result, corrections, accuracy.

Every function starts with the policy check; every write records an audit event in its
transaction. The verifier of a sampled submission is chosen through the workflows' four-eyes
exclusions (``separation_refusal`` with ``{"submitter": true}``): never its submitter.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, allows, require
from auditportal.auth.principal import Principal, Role
from auditportal.errors import Conflict, FieldIssue, NotAllowed, NotFound, ValidationFailed
from auditportal.forms import service as forms
from auditportal.forms.models import Form, Submission
from auditportal.i18n import MESSAGES
from auditportal.settings import Language, Settings
from auditportal.submissions import intake
from auditportal.verification import queries, sampling
from auditportal.verification.models import (
    DEFAULT_DUE_DAYS,
    Discrepancy,
    PeriodUnit,
    SizingMode,
    Verification,
    VerificationDraw,
    VerificationPlan,
    VerificationStatus,
)
from auditportal.workflows.engine import Actor, separation_refusal
from auditportal.workflows.models import Notification

FOUR_EYES = {"submitter": True}
MAX_SEED = 2**62


@dataclass(frozen=True)
class PlanSpec:
    name: str
    form_ids: list[UUID]
    period_unit: PeriodUnit = PeriodUnit.MONTH
    sizing: SizingMode = SizingMode.FIXED
    tier_sizes: dict[str, int] = field(default_factory=dict)
    confidence: float = 0.95
    tolerable_error: float = 0.05
    expected_error: float = 0.5
    active: bool = True
    # The verifier pool: these users and the staff of these teams (both empty: everyone).
    verifier_ids: list[UUID] = field(default_factory=list)
    verifier_teams: list[str] = field(default_factory=list)
    due_days: int = DEFAULT_DUE_DAYS


@dataclass(frozen=True)
class DiscrepancySpec:
    pointer: str
    verified_value: Any
    reason: str


def _invalid(issues: list[FieldIssue]) -> ValidationFailed:
    return ValidationFailed("error.invalid_input", issues, count=len(issues))


async def _check_spec(spec: PlanSpec) -> None:
    issues: list[FieldIssue] = []
    if not spec.name.strip():
        issues.append(FieldIssue(("name",), "verification.name_required"))
    if not spec.form_ids:
        issues.append(FieldIssue(("formIds",), "verification.forms_required"))
    else:
        known = set(await Form.filter(id__in=spec.form_ids).values_list("id", flat=True))
        for index, form_id in enumerate(spec.form_ids):
            if form_id not in {queries._uuid(k) for k in known}:
                issues.append(FieldIssue(("formIds", index), "verification.form_unknown"))
    if spec.sizing is SizingMode.FIXED:
        for tier, size in spec.tier_sizes.items():
            if tier not in sampling.TIERS:
                issues.append(FieldIssue(("tierSizes", tier), "verification.tier_unknown"))
            elif size < 0 or size > 100_000:
                issues.append(FieldIssue(("tierSizes", tier), "verification.size_invalid"))
    else:
        if not 0.5 <= spec.confidence < 1:
            issues.append(FieldIssue(("confidence",), "verification.confidence_invalid"))
        if not 0 < spec.tolerable_error < 1:
            issues.append(FieldIssue(("tolerableError",), "verification.rate_invalid"))
        if not 0 < spec.expected_error < 1:
            issues.append(FieldIssue(("expectedError",), "verification.rate_invalid"))
    if not 1 <= spec.due_days <= 365:
        issues.append(FieldIssue(("dueDays",), "verification.due_days_invalid"))
    issues += await _check_pool(spec)
    if issues:
        raise _invalid(issues)


async def _check_pool(spec: PlanSpec) -> list[FieldIssue]:
    """Every named verifier is active staff who may verify; every named team has some."""
    issues: list[FieldIssue] = []
    if spec.verifier_ids:
        staff = {user_id for user_id, _, _ in await queries.staff(ids=spec.verifier_ids)}
        for index, user_id in enumerate(spec.verifier_ids):
            if user_id not in staff:
                issues.append(FieldIssue(("verifierIds", index), "verification.verifier_unknown"))
    teams = [team.strip() for team in spec.verifier_teams]
    if teams:
        staffed = {team for _, _, team in await queries.staff(teams=teams)}
        for index, team in enumerate(teams):
            if not team or team not in staffed:
                issues.append(FieldIssue(("verifierTeams", index), "verification.team_empty"))
    return issues


def _plan_fields(spec: PlanSpec) -> dict[str, Any]:
    return {
        "name": spec.name.strip(),
        "form_ids": [str(form_id) for form_id in spec.form_ids],
        "period_unit": spec.period_unit,
        "sizing": spec.sizing,
        "tier_sizes": {t: int(n) for t, n in spec.tier_sizes.items()},
        "confidence": spec.confidence,
        "tolerable_error": spec.tolerable_error,
        "expected_error": spec.expected_error,
        "active": spec.active,
        "verifier_ids": sorted({str(user_id) for user_id in spec.verifier_ids}),
        "verifier_teams": sorted({team.strip() for team in spec.verifier_teams}),
        "due_days": spec.due_days,
    }


async def plans(principal: Principal) -> list[VerificationPlan]:
    require(principal, Permission.VERIFICATION_MANAGE)
    return list(await VerificationPlan.all())


async def plan(principal: Principal, plan_id: UUID) -> VerificationPlan:
    require(principal, Permission.VERIFICATION_MANAGE)
    found = await VerificationPlan.get_or_none(id=plan_id)
    if found is None:
        raise NotFound("verification.plan_not_found")
    return found


async def save_plan(
    principal: Principal, spec: PlanSpec, plan_id: UUID | None = None
) -> VerificationPlan:
    """Create a plan, or replace the settings of one (its earlier draws stay as drawn)."""
    require(principal, Permission.VERIFICATION_MANAGE)
    await _check_spec(spec)
    values = _plan_fields(spec)
    async with in_transaction():
        if plan_id is None:
            saved = await VerificationPlan.create(created_by_id=principal.user_id, **values)
            action = "verification.plan.create"
        else:
            found = await VerificationPlan.select_for_update().get_or_none(id=plan_id)
            if found is None:
                raise NotFound("verification.plan_not_found")
            saved = found.update_from_dict(values)
            await saved.save()
            action = "verification.plan.update"
        await audit.record(principal, action, "VerificationPlan", saved.id, values)
    return saved


async def delete_plan(principal: Principal, plan_id: UUID) -> UUID:
    """Only a plan that never drew: a drawn one is kept (deactivate it instead)."""
    require(principal, Permission.VERIFICATION_MANAGE)
    async with in_transaction():
        found = await VerificationPlan.get_or_none(id=plan_id)
        if found is None:
            raise NotFound("verification.plan_not_found")
        if await VerificationDraw.filter(plan_id=plan_id).exists():
            raise Conflict("verification.plan_has_draws")
        await found.delete()
        await audit.record(
            principal, "verification.plan.delete", "VerificationPlan", plan_id, {"name": found.name}
        )
    return plan_id


def sample_sizes(plan_row: VerificationPlan, population: dict[str, int]) -> dict[str, int]:
    """Per tier: the fixed size (at most the population), or the attribute-sampling size."""
    sizes: dict[str, int] = {}
    for tier in sampling.TIERS:
        count = population.get(tier, 0)
        if plan_row.sizing is SizingMode.FIXED:
            sizes[tier] = min(int((plan_row.tier_sizes or {}).get(tier, 0)), count)
        else:
            sizes[tier] = sampling.attribute_sample_size(
                count, plan_row.confidence, plan_row.tolerable_error, plan_row.expected_error
            )
    return sizes


def _eligible(verifier: tuple[UUID, Role], submitter_id: UUID) -> bool:
    user_id, role = verifier
    actor = Actor(role=role, user_id=user_id, is_submitter=user_id == submitter_id)
    return separation_refusal(FOUR_EYES, actor) is None


class _Assigner:
    """Round robin over the auditors in a seeded order, skipping whom the four-eyes
    exclusion refuses; a manager (round robin too) only when no auditor may."""

    def __init__(self, pool: list[tuple[UUID, Role]], seed: int) -> None:
        roles = dict(pool)
        order = sampling.verifier_order(roles, seed)
        self.rings = [
            [(user_id, roles[user_id]) for user_id in order if roles[user_id] is role]
            for role in (Role.AUDITOR, Role.MANAGER)
        ]
        self.turns = [0, 0]

    def next_for(self, submitter_id: UUID) -> UUID | None:
        for ring_index, ring in enumerate(self.rings):
            turn = self.turns[ring_index]
            for step in range(len(ring)):
                candidate = ring[(turn + step) % len(ring)]
                if _eligible(candidate, submitter_id):
                    self.turns[ring_index] = (turn + step + 1) % len(ring)
                    return candidate[0]
        return None


async def draw(
    principal: Principal, plan_id: UUID, period_label: str, seed: int | None = None
) -> VerificationDraw:
    """Draw the plan's sample of a period (once per period) and assign the verifiers."""
    require(principal, Permission.VERIFICATION_MANAGE)
    found = await VerificationPlan.get_or_none(id=plan_id)
    if found is None:
        raise NotFound("verification.plan_not_found")
    period = sampling.parse_period(period_label, found.period_unit)
    if period is None:
        raise _invalid([FieldIssue(("period",), "verification.period_invalid")])
    if seed is not None and not 0 <= seed < MAX_SEED:
        raise _invalid([FieldIssue(("seed",), "verification.seed_invalid")])
    chosen_seed = seed if seed is not None else secrets.randbelow(MAX_SEED)
    found_rows = await queries.population([UUID(f) for f in found.form_ids], period)
    counts = {tier: len(ids) for tier, ids in found_rows.by_tier.items()}
    sizes = sample_sizes(found, counts)
    picked = sampling.stratified_sample(found_rows.by_tier, sizes, chosen_seed)
    drawn_rows = await found_rows.candidates(picked)
    assign = _Assigner(await queries.verifier_pool(*pool_of(found)), chosen_seed)
    items: list[dict[str, Any]] = []
    unstaffed: set[str] = set()
    drawn_at = datetime.now(UTC)
    async with in_transaction():
        try:
            made = await VerificationDraw.create(
                plan_id=plan_id,
                period=period.label,
                seed=chosen_seed,
                population=counts,
                sizes={tier: len(ids) for tier, ids in picked.items()},
                drawn_by_id=principal.user_id,
                drawn_at=drawn_at,
                due_at=drawn_at + timedelta(days=found.due_days or DEFAULT_DUE_DAYS),
            )
        except IntegrityError as error:
            raise Conflict("verification.already_drawn") from error
        for tier in sorted(picked):
            for raw_id in picked[tier]:
                row = drawn_rows[raw_id]
                verifier_id = assign.next_for(row.submitted_by_id)
                if verifier_id is None:
                    unstaffed.add(tier)
                items.append(
                    {
                        "id": uuid4(),
                        "draw_id": made.id,
                        "submission_id": row.submission_id,
                        "form_id": row.form_id,
                        "customer_id": row.customer_id,
                        "submitted_by_id": row.submitted_by_id,
                        "verifier_id": verifier_id,
                        "tier": tier,
                        "period": period.label,
                    }
                )
        if unstaffed:
            # Nothing is written: the transaction rolls the draw back.
            raise _invalid(
                [
                    FieldIssue(
                        ("planId",),
                        "verification.stratum_without_verifier",
                        {"tier": dict(MESSAGES[f"verification.tier.{tier}"])},
                    )
                    for tier in sampling.TIERS
                    if tier in unstaffed
                ]
            )
        await queries.insert_items(items)
        await audit.record(
            principal,
            "verification.draw",
            "VerificationDraw",
            made.id,
            {
                "plan": str(plan_id),
                "period": period.label,
                "seed": chosen_seed,
                "sizes": made.sizes,
            },
        )
    return made


def pool_of(plan_row: VerificationPlan) -> tuple[list[UUID], list[str]]:
    """The plan's named verifiers and teams (both empty: every active auditor, manager)."""
    ids = [UUID(str(user_id)) for user_id in plan_row.verifier_ids or []]
    return ids, [str(team) for team in plan_row.verifier_teams or []]


async def verifiers(principal: Principal) -> list[tuple[UUID, Role, str | None, str]]:
    """Who may be named a verifier: active auditors and managers (id, role, team, name)."""
    require(principal, Permission.VERIFICATION_MANAGE)
    return await queries.staff_named()


async def reassign(principal: Principal, verification_id: UUID, verifier_id: UUID) -> Verification:
    """Give an open verification to another verifier: active staff who may verify, never
    its submitter (four eyes) and not whoever has it now. The new verifier is notified.

    The plan's pool is not imposed here: reassigning is the manager's way round an absence
    or a conflict of interest, which may lie outside the pool; four eyes is the invariant."""
    require(principal, Permission.VERIFICATION_MANAGE)
    async with in_transaction():
        row = await Verification.select_for_update().get_or_none(id=verification_id)
        if row is None:
            raise NotFound("verification.not_found")
        if row.status is not VerificationStatus.ASSIGNED:
            raise Conflict("verification.already_recorded")
        found = await queries.staff(ids=[verifier_id])
        if not found:
            raise _invalid([FieldIssue(("verifierId",), "verification.verifier_unknown")])
        _, role, _ = found[0]
        if not _eligible((verifier_id, role), row.submitted_by_id):
            raise _invalid([FieldIssue(("verifierId",), "verification.verifier_is_submitter")])
        if row.verifier_id == verifier_id:
            raise _invalid([FieldIssue(("verifierId",), "verification.verifier_unchanged")])
        previous = row.verifier_id
        row.verifier_id = verifier_id
        await row.save(update_fields=["verifier_id"])
        await Notification.create(
            user_id=verifier_id,
            message={
                language: MESSAGES["verification.reassigned_notice"][language].format(
                    period=row.period
                )
                for language in ("zh-CN", "en")
            },
        )
        await audit.record(
            principal,
            "verification.reassign",
            "Verification",
            row.id,
            {"from": str(previous) if previous else None, "to": str(verifier_id)},
        )
    return row


async def draws(principal: Principal, plan_id: UUID) -> list[VerificationDraw]:
    require(principal, Permission.VERIFICATION_MANAGE)
    return list(await VerificationDraw.filter(plan_id=plan_id).order_by("-period"))


async def draw_items(principal: Principal, draw_id: UUID) -> list[Verification]:
    require(principal, Permission.VERIFICATION_MANAGE)
    return list(await Verification.filter(draw_id=draw_id).order_by("tier", "submission_id"))


async def my_verifications(
    principal: Principal, status: VerificationStatus | None = None, limit: int = 100
) -> list[Verification]:
    """The sampled submissions the caller is to verify (or verified), oldest period first."""
    require(principal, Permission.VERIFICATION_PERFORM)
    if principal.user_id is None:
        return []
    query = Verification.filter(verifier_id=principal.user_id)
    if status is not None:
        query = query.filter(status=status)
    return list(await query.order_by("period", "id").limit(max(1, min(limit, 500))))


async def verification(principal: Principal, verification_id: UUID) -> Verification:
    """One verification: its verifier's, or any for those who manage verification."""
    require(principal, Permission.VERIFICATION_PERFORM)
    found = await Verification.get_or_none(id=verification_id)
    if found is None or not (
        found.verifier_id == principal.user_id or allows(principal, Permission.VERIFICATION_MANAGE)
    ):
        raise NotFound("verification.not_found")
    return found


async def discrepancies(principal: Principal, verification_id: UUID) -> list[Discrepancy]:
    found = await verification(principal, verification_id)
    return list(await Discrepancy.filter(verification_id=found.id).order_by("id"))


async def record_result(
    principal: Principal,
    verification_id: UUID,
    *,
    checked: list[str] | None,
    found_wrong: list[DiscrepancySpec],
    comment: str | None,
    settings: Settings,
) -> Verification:
    """The verifier's re-check: the fields checked (all answered ones when not given) and
    each discrepancy among them. No discrepancy is an agreement."""
    require(principal, Permission.VERIFICATION_PERFORM)
    async with in_transaction():
        row = await Verification.select_for_update().get_or_none(id=verification_id)
        if row is None or row.verifier_id != principal.user_id:
            raise NotFound("verification.not_found")
        actor = Actor(
            role=principal.role,
            user_id=principal.user_id,
            is_submitter=principal.user_id == row.submitted_by_id,
        )
        if separation_refusal(FOUR_EYES, actor) is not None:
            raise NotAllowed("verification.submitter_excluded")
        if row.status is not VerificationStatus.ASSIGNED:
            raise Conflict("verification.already_recorded")
        submission = await forms.visible_submission(principal, row.submission_id)
        answers = forms.readable_answers(principal, submission, settings)
        answered = sampling.leaf_pointers(answers)
        fields_checked = answered if checked is None else list(dict.fromkeys(checked))
        issues: list[FieldIssue] = []
        for index, pointer in enumerate(fields_checked):
            if sampling.is_missing(sampling.resolve_pointer(answers, pointer)):
                issues.append(FieldIssue(("checked", index), "verification.pointer_unknown"))
        for index, wrong in enumerate(found_wrong):
            if wrong.pointer not in fields_checked:
                issues.append(
                    FieldIssue(
                        ("discrepancies", index, "pointer"), "verification.pointer_unchecked"
                    )
                )
            if not wrong.reason.strip():
                issues.append(
                    FieldIssue(("discrepancies", index, "reason"), "verification.reason_required")
                )
        if len({wrong.pointer for wrong in found_wrong}) != len(found_wrong):
            issues.append(FieldIssue(("discrepancies",), "verification.pointer_twice"))
        if issues:
            raise _invalid(issues)
        await Discrepancy.bulk_create(
            [
                Discrepancy(
                    verification_id=row.id,
                    pointer=wrong.pointer,
                    recorded_json=json.dumps(
                        sampling.resolve_pointer(answers, wrong.pointer), ensure_ascii=False
                    ),
                    verified_json=json.dumps(wrong.verified_value, ensure_ascii=False),
                    reason=wrong.reason.strip(),
                )
                for wrong in found_wrong
            ]
        )
        row.fields_verified = len(fields_checked)
        row.discrepancy_count = len(found_wrong)
        row.status = VerificationStatus.DISCREPANT if found_wrong else VerificationStatus.AGREED
        row.comment = comment  # type: ignore[assignment]
        row.verified_at = datetime.now(UTC)
        await row.save()
        await audit.record(
            principal,
            "verification.record",
            "Verification",
            row.id,
            {
                "status": row.status.value,
                "fields": row.fields_verified,
                "discrepancies": [wrong.pointer for wrong in found_wrong],
            },
        )
    return row


async def open_correction(
    principal: Principal, verification_id: UUID, *, language: Language, settings: Settings
) -> Submission:
    """Correct the original submission with the verified values, through the ordinary
    revision path (a new revision, the original superseded). Its verifier may, as the
    person given this submission to correct; so may anyone ``may_revise`` admits."""
    require(principal, Permission.VERIFICATION_PERFORM)
    row = await verification(principal, verification_id)
    if row.status is not VerificationStatus.DISCREPANT:
        raise Conflict("verification.no_discrepancy")
    if row.correction_id is not None:
        raise Conflict("verification.correction_exists")
    original = await forms.visible_submission(principal, row.submission_id)
    answers: Any = forms.readable_answers(principal, original, settings)
    found_wrong = await Discrepancy.filter(verification_id=row.id).order_by("id")
    for wrong in found_wrong:
        answers = sampling.with_value(answers, wrong.pointer, wrong.verified_value)
    reason = "; ".join(f"{wrong.pointer}: {wrong.reason}" for wrong in found_wrong)
    async with in_transaction():
        result = await intake.revise(
            principal,
            submission_id=original.id,
            answers=answers,
            language=language,
            reason=reason[:2000],
            idempotency_key=f"verification:{row.id}",
            case_assignee=row.verifier_id == principal.user_id,
            settings=settings,
        )
        updated = await Verification.filter(id=row.id, correction_id=None).update(
            correction_id=result.submission.id
        )
        if not updated:
            raise Conflict("verification.correction_exists")
        await audit.record(
            principal,
            "verification.correct",
            "Verification",
            row.id,
            {"submission": str(original.id), "correction": str(result.submission.id)},
        )
    return result.submission


async def accuracy(
    principal: Principal,
    dimension: str,
    *,
    period: str | None = None,
    plan_id: UUID | None = None,
) -> list[queries.AccuracyRow]:
    """Data accuracy rate = verified fields without discrepancy / verified fields."""
    require(principal, Permission.VERIFICATION_READ)
    if dimension not in queries.DIMENSIONS:
        raise _invalid([FieldIssue(("by",), "verification.dimension_unknown")])
    return await queries.accuracy(dimension, period=period, plan_id=plan_id)
