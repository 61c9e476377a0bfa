"""Writing inspection plans: validated, compare-and-set, audited, one transaction each.

A plan edit that changes the schedule removes the plan's not-yet-opened inspections that
would open later than today (the next pass materialises them under the new schedule);
inspections already opened, or due to open today, keep their course.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import User
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal, Role
from auditportal.customers.models import Customer, CustomerTier
from auditportal.errors import Conflict, FieldIssue, NotFound, PathPart, ValidationFailed
from auditportal.forms.models import Form
from auditportal.inspections.models import (
    AssignmentRule,
    InspectionPlan,
    InspectionStatus,
    PlanAudience,
    PlanHorizon,
    ScheduledInspection,
)
from auditportal.inspections.scheduler import cancel_planned, local_today
from auditportal.jobs import dispatch, names
from auditportal.jobs.models import JobRun
from auditportal.recurrence import RecurrenceError, parse
from auditportal.settings import Settings
from auditportal.workflows import queries as workflow_queries

# Workflows whose instances can be about a customer's inspection.
INSPECTION_SUBJECTS = ("customer", "inspection")
MAX_LEAD_DAYS = 365
MAX_HORIZON_DAYS = 731
NAME_LANGUAGES = ("zh-CN", "en")


@dataclass(frozen=True)
class PlanSpec:
    """What an admin designs; the same shape for create and update."""

    name: dict[str, str]
    form_key: str
    workflow_key: str
    # (tier, RRULE text) in the order given, so errors can point at the entry.
    recurrences: list[tuple[str, str]]
    starts_on: date
    lead_days: int = 14
    horizon_days: int = 92
    assignment: AssignmentRule = AssignmentRule.ACCOUNT_AUDITOR
    assignee_user_id: UUID | None = None
    target_tiers: list[str] = field(default_factory=list)
    target_regions: list[str] = field(default_factory=list)
    target_tags: list[str] = field(default_factory=list)
    target_customer_ids: list[UUID] = field(default_factory=list)
    shift_to_workday: bool = True
    audience: PlanAudience = PlanAudience.CUSTOMER
    horizon: PlanHorizon = PlanHorizon.DAYS


_SCHEDULE_FIELDS = (
    "recurrences",
    "starts_on",
    "lead_days",
    "horizon_days",
    "target_tiers",
    "target_regions",
    "target_tags",
    "target_customer_ids",
    "shift_to_workday",
    "audience",
    "horizon",
)


def check_recurrences(spec: PlanSpec, base: tuple[PathPart, ...]) -> list[FieldIssue]:
    """Each tier at most once, each rule parseable; at least one rule."""
    issues: list[FieldIssue] = []
    seen: set[str] = set()
    for index, (tier, text) in enumerate(spec.recurrences):
        if tier in seen:
            issues.append(FieldIssue((*base, index, "tier"), "inspection.duplicate_tier", {}))
        seen.add(tier)
        try:
            parse(text, spec.starts_on)
        except RecurrenceError as error:
            issues.append(
                FieldIssue((*base, index, "rule"), error.message_key, {"detail": error.detail})
            )
    if not spec.recurrences:
        issues.append(FieldIssue(base, "inspection.no_recurrence", {}))
    return issues


async def validate(spec: PlanSpec, base: tuple[PathPart, ...] = ("input",)) -> None:
    """Every problem at once, each at its input path; raises ``ValidationFailed``."""
    issues: list[FieldIssue] = []
    for language in NAME_LANGUAGES:
        text = (spec.name.get(language) or "").strip()
        if not text or len(text) > 200:
            issues.append(FieldIssue((*base, "name", language), "inspection.name_required", {}))
    form = await Form.get_or_none(key=spec.form_key)
    if form is None or form.latest_version_number < 1:
        issues.append(
            FieldIssue((*base, "formKey"), "inspection.form_not_published", {"key": spec.form_key})
        )
    elif spec.audience is PlanAudience.CUSTOMER_USERS and not form.offered_to_customers:
        issues.append(
            FieldIssue(
                (*base, "formKey"), "inspection.form_not_for_customers", {"key": spec.form_key}
            )
        )
    definition = await workflow_queries.definition_by_key(spec.workflow_key)
    version = await workflow_queries.latest_open_version_by_key(spec.workflow_key)
    if definition is None or version is None:
        issues.append(
            FieldIssue(
                (*base, "workflowKey"),
                "inspection.workflow_not_published",
                {"key": spec.workflow_key},
            )
        )
    elif spec.audience is not PlanAudience.STAFF and definition.subject not in INSPECTION_SUBJECTS:
        issues.append(
            FieldIssue(
                (*base, "workflowKey"),
                "inspection.workflow_subject",
                {"key": spec.workflow_key, "subject": definition.subject},
            )
        )
    issues += check_recurrences(spec, (*base, "recurrences"))
    if not 0 <= spec.lead_days <= MAX_LEAD_DAYS:
        issues.append(
            FieldIssue((*base, "leadDays"), "inspection.out_of_range", {"min": 0, "max": 365})
        )
    if not 1 <= spec.horizon_days <= MAX_HORIZON_DAYS:
        issues.append(
            FieldIssue((*base, "horizonDays"), "inspection.out_of_range", {"min": 1, "max": 731})
        )
    if spec.assignment is AssignmentRule.USER:
        user = (
            await User.get_or_none(id=spec.assignee_user_id, is_active=True)
            if spec.assignee_user_id
            else None
        )
        if user is None or user.role not in (Role.AUDITOR, Role.MANAGER, Role.ADMIN):
            issues.append(FieldIssue((*base, "assigneeUserId"), "inspection.assignee_invalid", {}))
    if spec.target_customer_ids:
        known = set(
            await Customer.filter(id__in=spec.target_customer_ids).values_list("id", flat=True)
        )
        for index, customer_id in enumerate(spec.target_customer_ids):
            if customer_id not in known:
                issues.append(
                    FieldIssue((*base, "customerIds", index), "inspection.unknown_customer", {})
                )
    for index, tier in enumerate(spec.target_tiers):
        if tier not in {t.value for t in CustomerTier}:
            issues.append(FieldIssue((*base, "tiers", index), "inspection.unknown_tier", {}))
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))


def _columns(spec: PlanSpec) -> dict[str, Any]:
    return {
        "name": {language: spec.name[language].strip() for language in NAME_LANGUAGES},
        "form_key": spec.form_key,
        "workflow_key": spec.workflow_key,
        "recurrences": {tier: text.strip() for tier, text in spec.recurrences},
        "starts_on": spec.starts_on,
        "lead_days": spec.lead_days,
        "horizon_days": spec.horizon_days,
        "assignment": spec.assignment,
        "assignee_user_id": spec.assignee_user_id
        if spec.assignment is AssignmentRule.USER
        else None,
        "target_tiers": sorted(set(spec.target_tiers)),
        "target_regions": sorted(set(spec.target_regions)),
        "target_tags": sorted(set(spec.target_tags)),
        "target_customer_ids": sorted({str(c) for c in spec.target_customer_ids}),
        "shift_to_workday": spec.shift_to_workday,
        "audience": spec.audience,
        "horizon": spec.horizon,
    }


def _summary(columns: dict[str, Any]) -> dict[str, Any]:
    return {
        key: (value.isoformat() if isinstance(value, date) else str(value))
        if isinstance(value, date | UUID | AssignmentRule | PlanAudience | PlanHorizon)
        else value
        for key, value in columns.items()
    }


async def _request_pass(plan: InspectionPlan, requested_by: UUID | None) -> None:
    await dispatch.enqueue(
        names.SCHEDULE_INSPECTIONS,
        {"planId": str(plan.id)},
        key=f"schedule_inspections:{plan.id}:{plan.lock_version}",
        requested_by=requested_by,
    )


async def create_plan(
    principal: Principal,
    spec: PlanSpec,
    *,
    path: tuple[PathPart, ...] = (),
    settings: Settings,
) -> InspectionPlan:
    """A new plan; ``path`` is where the spec sits in the caller's input, for errors."""
    require(principal, Permission.PLANS_MANAGE)
    await validate(spec, path)
    columns = _columns(spec)
    async with in_transaction():
        plan = await InspectionPlan.create(
            **columns,
            effective_from=local_today(settings),
            created_by_id=principal.user_id,
            updated_by_id=principal.user_id,
        )
        await audit.record(
            principal, "inspection_plan.create", "InspectionPlan", plan.id, _summary(columns)
        )
    await _request_pass(plan, principal.user_id)
    return plan


async def _current(plan_id: UUID, expected_lock_version: int | None) -> InspectionPlan:
    plan = await InspectionPlan.get_or_none(id=plan_id)
    if plan is None:
        raise NotFound("inspection.plan_not_found")
    if expected_lock_version is not None and expected_lock_version != plan.lock_version:
        raise Conflict("inspection.stale_plan", current=plan.lock_version)
    return plan


async def update_plan(
    principal: Principal,
    plan_id: UUID,
    spec: PlanSpec,
    *,
    expected_lock_version: int | None = None,
    path: tuple[PathPart, ...] = (),
    settings: Settings,
) -> InspectionPlan:
    require(principal, Permission.PLANS_MANAGE)
    plan = await _current(plan_id, expected_lock_version)
    await validate(spec, path)
    columns = _columns(spec)
    before = {name: getattr(plan, name) for name in columns}
    changed = {name for name, value in columns.items() if before[name] != value}
    reschedules = bool(changed & set(_SCHEDULE_FIELDS))
    today = local_today(settings)
    now = datetime.now(UTC)
    async with in_transaction():
        updates: dict[str, Any] = {
            **columns,
            "lock_version": plan.lock_version + 1,
            "updated_by_id": principal.user_id,
            "updated_at": now,
        }
        if reschedules:
            updates["effective_from"] = max(plan.effective_from, today)
        moved = await InspectionPlan.filter(id=plan.id, lock_version=plan.lock_version).update(
            **updates
        )
        if moved != 1:
            raise Conflict("inspection.stale_plan", current=plan.lock_version + 1)
        removed = 0
        if reschedules:
            removed = await ScheduledInspection.filter(
                plan_id=plan.id, status=InspectionStatus.PLANNED, opens_on__gt=today
            ).delete()
        await audit.record(
            principal,
            "inspection_plan.update",
            "InspectionPlan",
            plan.id,
            {"changed": sorted(changed), "removedPlanned": removed, **_summary(columns)},
        )
    updated = await InspectionPlan.get(id=plan.id)
    if updated.active:
        await _request_pass(updated, principal.user_id)
    return updated


async def deactivate_plan(
    principal: Principal, plan_id: UUID, *, expected_lock_version: int | None = None
) -> InspectionPlan:
    """Stop scheduling: the plan's unopened inspections are cancelled, opened ones go on."""
    require(principal, Permission.PLANS_MANAGE)
    plan = await _current(plan_id, expected_lock_version)
    now = datetime.now(UTC)
    async with in_transaction():
        moved = await InspectionPlan.filter(id=plan.id, lock_version=plan.lock_version).update(
            active=False,
            lock_version=plan.lock_version + 1,
            updated_by_id=principal.user_id,
            updated_at=now,
        )
        if moved != 1:
            raise Conflict("inspection.stale_plan", current=plan.lock_version + 1)
        cancelled = await cancel_planned(plan)
        await audit.record(
            principal,
            "inspection_plan.deactivate",
            "InspectionPlan",
            plan.id,
            {"cancelledPlanned": cancelled},
        )
    return await InspectionPlan.get(id=plan.id)


async def request_scheduling(principal: Principal, plan_id: UUID) -> JobRun:
    """Ask for a scheduling pass of one active plan now (a worker runs it)."""
    require(principal, Permission.PLANS_MANAGE)
    plan = await InspectionPlan.get_or_none(id=plan_id)
    if plan is None:
        raise NotFound("inspection.plan_not_found")
    if not plan.active:
        raise Conflict("inspection.plan_inactive")
    return await dispatch.enqueue(
        names.SCHEDULE_INSPECTIONS, {"planId": str(plan.id)}, requested_by=principal.user_id
    )


def spec_of(plan: InspectionPlan) -> PlanSpec:
    """A stored plan as a spec (for previews of a saved plan)."""
    return PlanSpec(
        name=dict(plan.name),
        form_key=plan.form_key,
        workflow_key=plan.workflow_key,
        recurrences=list(plan.recurrences.items()),
        starts_on=plan.starts_on,
        lead_days=plan.lead_days,
        horizon_days=plan.horizon_days,
        assignment=plan.assignment,
        assignee_user_id=plan.assignee_user_id,
        target_tiers=list(plan.target_tiers),
        target_regions=list(plan.target_regions),
        target_tags=list(plan.target_tags),
        target_customer_ids=[UUID(c) for c in plan.target_customer_ids],
        shift_to_workday=plan.shift_to_workday,
        audience=plan.audience,
        horizon=plan.horizon,
    )
