"""Running instances: start, fire a transition, escalate overdue ones.

Each move is one transaction: the state change (compare-and-set on ``lock_version``), the
history row, the on-enter actions (assignment, child instances, SLA), outbox messages for
outside effects, and the audit event. Two people firing at once: one wins, the other gets
a Conflict and nothing of theirs is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require, submission_scope
from auditportal.auth.principal import Principal, system_principal
from auditportal.errors import Conflict, DomainError, NotFound
from auditportal.forms.models import Submission
from auditportal.rule_context import rule_context
from auditportal.settings import Settings
from auditportal.workflows import queries
from auditportal.workflows.assignment import Relations, account_auditor_of, resolve
from auditportal.workflows.calendar import WorkingCalendar, parse_dates
from auditportal.workflows.engine import Actor, Move, Refusal, fire
from auditportal.workflows.models import (
    OutboxMessage,
    WorkflowHistory,
    WorkflowInstance,
    WorkflowVersion,
)

OUTSIDE_EFFECTS = ("notify", "webhook", "renderReport")


class WorkflowRefused(DomainError):
    """The engine said no: why is in ``refusal`` (role, guard, comment, input...)."""

    code = "transition_refused"

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message_key, **refusal.params)
        self.refusal = refusal


@dataclass(frozen=True)
class Fired:
    instance: WorkflowInstance
    move: Move


def calendar(settings: Settings) -> WorkingCalendar:
    """The deployment's working-day calendar, from its settings."""
    return _calendar(
        settings.timezone,
        settings.working_calendar == "china",
        settings.extra_holidays,
        settings.extra_workdays,
    )


@lru_cache(maxsize=8)
def _calendar(timezone: str, official: bool, holidays: str, workdays: str) -> WorkingCalendar:
    return WorkingCalendar(
        timezone=ZoneInfo(timezone),
        official=official,
        extra_holidays=parse_dates(holidays.split(",")),
        extra_workdays=parse_dates(workdays.split(",")),
    )


async def subject_of(instance: WorkflowInstance) -> tuple[Submission | None, UUID | None]:
    """The instance's submission, if any, and its customer's account auditor.

    A corrected submission is replaced by a new revision; the instance follows it, so that
    returning work for correction lets the corrected answers satisfy the guards.
    """
    submission = (
        await Submission.get_or_none(id=instance.submission_id) if instance.submission_id else None
    )
    while submission is not None and submission.superseded_at is not None:
        later = await Submission.get_or_none(revises_id=submission.id)
        if later is None:
            break
        submission = later
    return submission, await account_auditor_of(instance.customer_id)


async def guard_context(
    principal: Principal | None, instance: WorkflowInstance, submission: Submission | None
) -> dict[str, Any]:
    """What guards read: the named parts of every rule (answers, customer, actor,
    submission), the instance and, at the top, score and findings (the older names).
    Sensitive answers stay sealed: guards see their envelopes only."""
    context = await rule_context(
        submission=submission, customer_id=instance.customer_id, principal=principal
    )
    findings = list(submission.findings) if submission else []
    return {
        **context,
        "score": {
            "percent": submission.score_percent if submission else None,
            "raw": submission.score_raw if submission else None,
            "max": submission.score_max if submission else None,
            "passed": submission.passed if submission else None,
        },
        "findings": {"count": len(findings), "items": findings},
        "instance": {**instance.data, "state": instance.state},
    }


async def actor_for(
    principal: Principal,
    instance: WorkflowInstance,
    submission: Submission | None,
    account_auditor_id: UUID | None,
) -> Actor:
    user = principal.user_id
    is_assignee = user is not None and (
        instance.assignee_id == user
        or (
            instance.assignee_id is None
            and principal.role is not None
            and instance.assigned_role == principal.role.value
        )
    )
    # What this person fired on this instance before: one indexed query, for four eyes.
    fired: list[str] = (
        await WorkflowHistory.filter(instance_id=instance.id, actor_user_id=user).values_list(
            "event", flat=True
        )  # type: ignore[assignment]
        if user is not None
        else []
    )
    return Actor(
        role=principal.role,
        user_id=user,
        is_assignee=is_assignee,
        is_submitter=user is not None
        and submission is not None
        and submission.submitted_by_id == user,
        is_account_auditor=user is not None and account_auditor_id == user,
        is_system=principal.is_system,
        fired=frozenset(fired),
    )  # fmt: skip


async def start(
    principal: Principal,
    version: WorkflowVersion,
    *,
    subject_type: str,
    subject_id: str,
    start_key: str,
    submission: Submission | None = None,
    customer_id: UUID | None = None,
    parent: WorkflowInstance | None = None,
    data: dict[str, Any] | None = None,
    assignee_id: UUID | None = None,
    due_at: datetime | None = None,
    settings: Settings,
) -> WorkflowInstance:
    """Start an instance in the initial state; starting the same key again returns it.

    ``assignee_id``: the starter already chose who does the work (an inspection plan's
    assignment rule); it takes the place of the initial state's own ``assign`` actions, so
    the state's notifications reach that person. ``due_at``: a due date the starter knows
    (the inspection's planned date), used when the initial state has no SLA of its own.
    """
    existing = await queries.instances_by_start_keys([start_key])
    if existing:
        return existing[0]
    content = version.content
    initial = next(name for name, state in content["states"].items() if state.get("initial"))
    now = datetime.now(UTC)
    try:
        async with in_transaction():
            instance = await WorkflowInstance.create(
                version=version,
                definition_id=version.definition_id,
                subject_type=subject_type,
                subject_id=subject_id,
                submission=submission,
                customer_id=customer_id
                if customer_id
                else (submission.customer_id if submission else None),
                parent=parent,
                start_key=start_key,
                state=initial,
                state_entered_at=now,
                data=data or {},
                assignee_id=assignee_id,
            )
            await WorkflowHistory.create(
                instance=instance,
                sequence=1,
                from_state=None,
                to_state=initial,
                event="start",
                actor=principal.actor,
                actor_user_id=principal.user_id,
                occurred_at=now,
            )
            await _enter(
                principal,
                instance,
                content["states"][initial],
                submission,
                now,
                preassigned=assignee_id is not None,
                settings=settings,
            )
            if due_at is not None and instance.due_at is None:
                instance.due_at = due_at
                await instance.save(update_fields=["due_at"])
            await audit.record(
                principal,
                "workflow.start",
                "WorkflowInstance",
                instance.id,
                {"workflow": content["key"], "version": version.number, "subject": start_key},
            )
    except IntegrityError:
        existing = await queries.instances_by_start_keys([start_key])
        if existing:
            return existing[0]
        raise
    return instance


async def fire_transition(
    principal: Principal,
    instance_id: UUID,
    event: str,
    *,
    input_: dict[str, Any] | None = None,
    comment: str | None = None,
    expected_lock_version: int | None = None,
    settings: Settings,
) -> Fired:
    """Fire ``event`` on an instance the caller may see; the engine then checks the
    transition's roles, guard, comment and input."""
    require(principal, Permission.WORKFLOWS_ACT)
    instance = await queries.visible_instance(submission_scope(principal), instance_id)
    if instance is None:
        raise NotFound("workflow.instance_not_found")
    if expected_lock_version is not None and expected_lock_version != instance.lock_version:
        raise Conflict("workflow.stale_instance", current=instance.lock_version)
    version = await queries.version_by_id(instance.version_id)
    assert version is not None
    submission, account_auditor = await subject_of(instance)
    result = fire(
        version.content,
        instance.state,
        event,
        await actor_for(principal, instance, submission, account_auditor),
        context=await guard_context(principal, instance, submission),
        input_=input_,
        comment=comment,
    )
    if isinstance(result, Refusal):
        raise WorkflowRefused(result)
    async with in_transaction():
        await _apply(
            principal, instance, version, result, submission, input_, comment, settings=settings
        )
    return Fired(instance, result)


async def _apply(
    principal: Principal,
    instance: WorkflowInstance,
    version: WorkflowVersion,
    move: Move,
    submission: Submission | None,
    input_: dict[str, Any] | None,
    comment: str | None,
    *,
    settings: Settings,
) -> None:
    now = datetime.now(UTC)
    before = instance.lock_version
    data = {**instance.data, **({f"{move.event}": input_} if input_ else {})}
    moved = await WorkflowInstance.filter(id=instance.id, lock_version=before).update(
        state=move.to_state,
        state_entered_at=now,
        lock_version=before + 1,
        data=data,
        closed_at=now if move.is_final else None,
        updated_at=now,
    )
    if moved != 1:
        current = await WorkflowInstance.filter(id=instance.id).values_list(
            "lock_version", flat=True
        )
        raise Conflict("workflow.stale_instance", current=current[0] if current else before)
    instance.state, instance.state_entered_at = move.to_state, now
    instance.lock_version, instance.data = before + 1, data
    instance.closed_at = now if move.is_final else None
    await WorkflowHistory.create(
        instance=instance,
        sequence=before + 1,
        from_state=move.from_state,
        to_state=move.to_state,
        event=move.event,
        actor=principal.actor,
        actor_user_id=principal.user_id,
        comment=comment,
        input=input_,
        occurred_at=now,
    )
    target = version.content["states"][move.to_state]
    await _enter(principal, instance, target, submission, now, settings=settings)
    await audit.record(
        principal,
        "workflow.transition",
        "WorkflowInstance",
        instance.id,
        {"event": move.event, "from": move.from_state, "to": move.to_state, "comment": comment},
    )


async def _enter(
    principal: Principal,
    instance: WorkflowInstance,
    state: dict[str, Any],
    submission: Submission | None,
    now: datetime,
    *,
    preassigned: bool = False,
    settings: Settings,
) -> None:
    """The new state's SLA and on-enter actions, inside the move's transaction."""
    relations = Relations(
        submitter_id=submission.submitted_by_id if submission else None,
        account_auditor_id=await account_auditor_of(instance.customer_id),
        assignee_id=instance.assignee_id,
    )
    sla = state.get("sla")
    instance.due_at = (
        calendar(settings).due_at(
            now, hours=sla["due"].get("hours"), working_days=sla["due"].get("workingDays")
        )
        if sla
        else None
    )
    instance.escalation_event = sla["escalate"] if sla else None
    instance.escalated_at = None
    children: list[dict[str, Any]] = []
    for action in state.get("onEnter", []):
        kind = action["type"]
        if kind == "assign":
            if preassigned:
                continue
            assignment = await resolve(action["to"], relations)
            instance.assignee_id, instance.assigned_role = assignment.user_id, assignment.role
        elif kind in OUTSIDE_EFFECTS:
            await OutboxMessage.create(
                instance=instance, kind=kind, payload={**action, "state": instance.state}
            )
        elif kind == "startChild":
            children.append(action)
    await instance.save(
        update_fields=["due_at", "escalation_event", "escalated_at", "assignee_id", "assigned_role"]
    )
    for action in children:
        await _start_children(principal, instance, action, submission, settings=settings)


async def _start_children(
    principal: Principal,
    parent: WorkflowInstance,
    action: dict[str, Any],
    submission: Submission | None,
    *,
    settings: Settings,
) -> None:
    version = await queries.latest_open_version_by_key(action["workflow"])
    if version is None:
        raise Conflict("workflow.no_open_version", key=action["workflow"])
    findings = list(submission.findings) if submission else []
    targets = list(enumerate(findings)) if action["forEach"] == "finding" else [(0, None)]
    for index, finding in targets:
        await start(
            principal,
            version,
            subject_type="finding" if finding is not None else parent.subject_type,
            subject_id=f"{parent.subject_id}#{index}" if finding is not None else parent.subject_id,
            start_key=f"{parent.id}:{action['workflow']}:{index}",
            submission=submission,
            customer_id=parent.customer_id,
            parent=parent,
            data={"finding": finding} if finding is not None else {},
            settings=settings,
        )


async def escalate_overdue(
    settings: Settings, now: datetime | None = None, batch_size: int = 500
) -> int:
    """Fire the escalation of every overdue instance once; safe to rerun and to run twice.

    Each instance is claimed by setting ``escalated_at`` only if it is still unset at the
    version we read, in the same transaction as the escalation move.
    """
    moment = now or datetime.now(UTC)
    system = system_principal("sla")
    fired = 0
    after: UUID | None = None
    versions: dict[UUID, WorkflowVersion] = {}  # immutable: read each once per run
    while batch := await queries.overdue_batch(moment, batch_size, after):
        after = batch[-1].id
        for instance in batch:
            if instance.version_id not in versions:
                found = await queries.version_by_id(instance.version_id)
                assert found is not None
                versions[instance.version_id] = found
            version = versions[instance.version_id]
            fired += await _escalate_one(system, instance, version, moment, settings)
    return fired


async def _escalate_one(
    system: Principal,
    instance: WorkflowInstance,
    version: WorkflowVersion,
    now: datetime,
    settings: Settings,
) -> int:
    assert instance.escalation_event is not None
    submission, account_auditor = await subject_of(instance)
    result = fire(
        version.content,
        instance.state,
        instance.escalation_event,
        await actor_for(system, instance, submission, account_auditor),
        context=await guard_context(system, instance, submission),
    )
    async with in_transaction():
        claimed = await WorkflowInstance.filter(
            id=instance.id, lock_version=instance.lock_version, escalated_at__isnull=True
        ).update(escalated_at=now)
        if claimed != 1:
            return 0  # another worker, or a person, got there first
        if isinstance(result, Refusal):
            await audit.record(
                system,
                "workflow.escalation_refused",
                "WorkflowInstance",
                instance.id,
                {"event": instance.escalation_event, "reason": result.reason},
            )
            return 0
        await _apply(system, instance, version, result, submission, None, None, settings=settings)
    return 1
