"""Running instances: start, fire a transition, escalate overdue ones.

Each move is one transaction: the state change (compare-and-set on ``lock_version``), the
history row, the on-enter actions (assignment, child instances, SLA), outbox messages for
outside effects, and the audit event. Two people firing at once: one wins, the other gets
a Conflict and nothing of theirs is written.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
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
from auditportal.holidays.service import working_calendar
from auditportal.rule_context import rule_context
from auditportal.rules import roots_read
from auditportal.settings import Settings
from auditportal.workflows import effects, queries
from auditportal.workflows.assignment import Relations, account_auditor_of, resolve
from auditportal.workflows.calendar import WorkingCalendar, parse_dates
from auditportal.workflows.effects import AfterCommit
from auditportal.workflows.engine import Actor, Move, Refusal, fire
from auditportal.workflows.models import (
    OutboxMessage,
    WorkflowHistory,
    WorkflowInstance,
    WorkflowVersion,
)

OUTSIDE_EFFECTS = ("notify", "webhook", "renderReport")
# Automatic moves in a row before the engine stops (a definition that loops).
MAX_AUTOMATIC_MOVES = 20


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
    """The deployment's working-day calendar from its settings alone; deadlines use
    ``holidays.service.working_calendar``, which adds the admin's entries."""
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


def _rules_of(content: dict[str, Any]) -> list[Any]:
    return [
        rule
        for transition in content["transitions"]
        for rule in [
            transition.get("guard"),
            *(r["when"] for r in transition.get("roleRules", [])),
        ]
        if rule is not None
    ]


def _reads_children(content: dict[str, Any]) -> bool:
    return "instance" in roots_read(_rules_of(content)) or any(
        (t.get("requires") or {}).get("childrenClosed") for t in content["transitions"]
    )


async def guard_context(
    principal: Principal | None,
    instance: WorkflowInstance,
    submission: Submission | None,
    content: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What guards read: the named parts of every rule (answers, customer, actor,
    submission), the instance and, at the top, score and findings (the older names).
    Sensitive answers stay sealed: guards see their envelopes only. With the version's
    ``content``, only the parts its rules read are built (no queries for the others)."""
    context = await rule_context(
        submission=submission,
        customer_id=instance.customer_id,
        principal=principal,
        parts=roots_read(_rules_of(content)) if content is not None else None,
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
        "instance": {
            **instance.data,
            "state": instance.state,
            # Children still open: "requires": {"childrenClosed": true} refuses while any.
            "openChildren": await WorkflowInstance.filter(
                parent_id=instance.id, closed_at__isnull=True
            ).count()
            if content is None or _reads_children(content)
            else None,
        },
    }


def _asks_who_fired(content: dict[str, Any]) -> bool:
    """Whether any transition excludes those who fired an earlier event (four eyes)."""
    return any(
        (transition.get("excludes") or {}).get("firedBy") for transition in content["transitions"]
    )


async def actor_for(
    principal: Principal,
    instance: WorkflowInstance,
    submission: Submission | None,
    account_auditor_id: UUID | None,
    content: dict[str, Any] | None = None,
) -> Actor:
    """Who fires. ``content``: the version's definition, when known, spares the history
    query a workflow without ``excludes.firedBy`` never needs."""
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
        if user is not None and (content is None or _asks_who_fired(content))
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
    after = AfterCommit()
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
                after=after,
            )
            if due_at is not None and instance.due_at is None:
                instance.due_at = due_at
                await instance.save(update_fields=["due_at"])
            await _automatic_moves(instance, version, submission, settings, after)
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
    await after.run()
    return instance


_VERSIONS: OrderedDict[UUID, WorkflowVersion] = OrderedDict()
_MAX_VERSIONS = 256


async def _published_version(version_id: UUID) -> WorkflowVersion:
    """A published version for the fire path, from process memory when read before.

    A version's content, number and definition never change; the fire path reads nothing
    else of it (``retired_at`` moves, but retiring stops new instances, not the moves of
    running ones), so a move does not re-read and re-decode the definition each time."""
    hit = _VERSIONS.get(version_id)
    if hit is not None:
        _VERSIONS.move_to_end(version_id)
        return hit
    version = await queries.version_by_id(version_id)
    assert version is not None
    _VERSIONS[version_id] = version
    if len(_VERSIONS) > _MAX_VERSIONS:
        _VERSIONS.popitem(last=False)
    return version


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
    version = await _published_version(instance.version_id)
    submission, account_auditor = await subject_of(instance)
    result = fire(
        version.content,
        instance.state,
        event,
        await actor_for(principal, instance, submission, account_auditor, version.content),
        context=await guard_context(principal, instance, submission, version.content),
        input_=input_,
        comment=comment,
    )
    if isinstance(result, Refusal):
        raise WorkflowRefused(result)
    after = AfterCommit()
    async with in_transaction():
        await _apply(
            principal,
            instance,
            version,
            result,
            submission,
            input_,
            comment,
            settings=settings,
            after=after,
        )
    await after.run()
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
    after: AfterCommit,
    depth: int = 0,
) -> None:
    now = datetime.now(UTC)
    before = instance.lock_version
    data = {**instance.data, **({f"{move.event}": input_} if input_ else {})}
    target = version.content["states"][move.to_state]
    # The new state's SLA goes into the compare-and-set itself: one UPDATE, not two.
    sla = await _sla_fields(target, submission, data, now, settings)
    moved = await WorkflowInstance.filter(id=instance.id, lock_version=before).update(
        state=move.to_state,
        state_entered_at=now,
        lock_version=before + 1,
        data=data,
        closed_at=now if move.is_final else None,
        updated_at=now,
        **sla,
    )
    if moved != 1:
        current = await WorkflowInstance.filter(id=instance.id).values_list(
            "lock_version", flat=True
        )
        raise Conflict("workflow.stale_instance", current=current[0] if current else before)
    instance.state, instance.state_entered_at = move.to_state, now
    instance.lock_version, instance.data = before + 1, data
    instance.closed_at = now if move.is_final else None
    for name, value in sla.items():
        setattr(instance, name, value)
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
    # The step's own actions run first, then the new state's: both in this transaction.
    transition = version.content["transitions"][move.transition_index]
    await _enter(
        principal,
        instance,
        target,
        submission,
        now,
        settings=settings,
        after=after,
        step_actions=transition.get("actions", []),
        sla_written=True,
    )
    await audit.record(
        principal,
        "workflow.transition",
        "WorkflowInstance",
        instance.id,
        {"event": move.event, "from": move.from_state, "to": move.to_state, "comment": comment},
    )
    await _automatic_moves(instance, version, submission, settings, after, depth)


async def _automatic_moves(
    instance: WorkflowInstance,
    version: WorkflowVersion,
    submission: Submission | None,
    settings: Settings,
    after: AfterCommit,
    depth: int = 0,
) -> None:
    """Transitions marked ``auto`` out of the state just entered fire by themselves when
    their guard holds, as the system, in the same transaction (a survey's triage)."""
    content = version.content
    events = [
        t["event"] for t in content["transitions"] if t.get("auto") and instance.state in t["from"]
    ]
    if not events or instance.closed_at is not None or depth >= MAX_AUTOMATIC_MOVES:
        return
    system = system_principal("workflow")
    context = await guard_context(system, instance, submission, content)
    actor = await actor_for(system, instance, submission, None)
    for event in dict.fromkeys(events):
        result = fire(content, instance.state, event, actor, context=context)
        if isinstance(result, Move) and content["transitions"][result.transition_index].get("auto"):
            await _apply(
                system,
                instance,
                version,
                result,
                submission,
                None,
                None,
                settings=settings,
                after=after,
                depth=depth + 1,
            )
            return


_SLA_FIELDS = ("due_at", "escalation_event", "escalated_at", "remind_at")


async def _sla_fields(
    state: dict[str, Any],
    submission: Submission | None,
    data: dict[str, Any],
    now: datetime,
    settings: Settings,
) -> dict[str, Any]:
    """The SLA fields of an instance entering ``state`` now (``data``: its data after the
    move, which ``dueFrom`` may read)."""
    sla = state.get("sla")
    due_at: datetime | None
    if sla and sla["due"].get("hours") is not None:
        # Hours are counted on the clock (WorkingCalendar.due_at): no calendar to read.
        due_at = now + timedelta(hours=sla["due"]["hours"])
    elif sla:
        due_at = (await working_calendar(settings)).due_at(
            now, working_days=sla["due"].get("workingDays")
        )
    else:
        due_at = None
    if sla and sla.get("dueFrom"):
        # A due date the answers agree (e.g. with the customer) wins over the default.
        agreed = effects.due_from(
            sla["dueFrom"], submission, _Data(data), ZoneInfo(settings.timezone)
        )
        due_at = agreed or due_at
    remind = (sla or {}).get("remind")
    return {
        "due_at": due_at,
        "escalation_event": sla["escalate"] if sla else None,
        "escalated_at": None,
        "remind_at": (
            due_at - timedelta(hours=float(remind["before"]["hours"]))
            if remind and due_at is not None
            else None
        ),
    }


@dataclass(frozen=True)
class _Data:
    """What ``effects.due_from`` reads of an instance."""

    data: dict[str, Any]


async def _enter(
    principal: Principal,
    instance: WorkflowInstance,
    state: dict[str, Any],
    submission: Submission | None,
    now: datetime,
    *,
    preassigned: bool = False,
    settings: Settings,
    after: AfterCommit,
    step_actions: list[dict[str, Any]] | None = None,
    sla_written: bool = False,
) -> None:
    """The step's actions, the new state's SLA and its on-enter actions, inside the move's
    transaction. ``sla_written``: the move's UPDATE already set the SLA fields."""
    relations = Relations(
        submitter_id=submission.submitted_by_id if submission else None,
        account_auditor_id=await account_auditor_of(instance.customer_id),
        assignee_id=instance.assignee_id,
    )
    if not sla_written:
        for name, value in (
            await _sla_fields(state, submission, instance.data, now, settings)
        ).items():
            setattr(instance, name, value)
    assigned = (instance.assignee_id, instance.assigned_role)
    children: list[dict[str, Any]] = []
    for action in [*(step_actions or []), *state.get("onEnter", [])]:
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
        elif kind == "writeRegister":
            await effects.write_register(principal, action, submission, after)
        elif kind in ("startChild", "createTask"):
            children.append(action)
    fields = [] if sla_written else list(_SLA_FIELDS)
    if not sla_written or (instance.assignee_id, instance.assigned_role) != assigned:
        fields += ["assignee_id", "assigned_role"]
    if fields:
        await instance.save(update_fields=fields)
    for action in children:
        if action["type"] == "createTask":
            await _create_tasks(principal, instance, action, submission, settings=settings)
        else:
            await _start_children(principal, instance, action, submission, settings=settings)


async def _child_version(action: dict[str, Any]) -> WorkflowVersion:
    """The open version of the workflow a child-starting action names."""
    version = await queries.latest_open_version_by_key(action["workflow"])
    if version is None:
        raise Conflict("workflow.no_open_version", key=action["workflow"])
    return version


async def _create_tasks(
    principal: Principal,
    parent: WorkflowInstance,
    action: dict[str, Any],
    submission: Submission | None,
    *,
    settings: Settings,
) -> None:
    """One child case per item, owned and due as the answers say (``effects``)."""
    version = await _child_version(action)
    context = {
        "answers": submission.answers if submission else {},
        "instance": {**parent.data, "state": parent.state},
    }
    specs = await effects.task_specs(action, context, ZoneInfo(settings.timezone))
    for spec in specs:
        await start(
            principal,
            version,
            subject_type=parent.subject_type,
            subject_id=parent.subject_id,
            start_key=f"{parent.id}:task:{action['workflow']}:{parent.state}:{spec.index}",
            submission=submission,
            customer_id=parent.customer_id,
            parent=parent,
            data={"item": spec.item} if spec.item is not None else {},
            assignee_id=spec.owner_id,
            due_at=spec.due_at,
            settings=settings,
        )


async def _start_children(
    principal: Principal,
    parent: WorkflowInstance,
    action: dict[str, Any],
    submission: Submission | None,
    *,
    settings: Settings,
) -> None:
    version = await _child_version(action)
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
        context=await guard_context(system, instance, submission, version.content),
    )
    after = AfterCommit()
    async with in_transaction():
        claimed = await WorkflowInstance.filter(
            id=instance.id, lock_version=instance.lock_version, escalated_at__isnull=True
        ).update(escalated_at=now, last_escalated_at=now)
        if claimed != 1:
            return 0  # another worker, or a person, got there first
        instance.last_escalated_at = now
        if isinstance(result, Refusal):
            await audit.record(
                system,
                "workflow.escalation_refused",
                "WorkflowInstance",
                instance.id,
                {"event": instance.escalation_event, "reason": result.reason},
            )
            return 0
        await _apply(
            system,
            instance,
            version,
            result,
            submission,
            None,
            None,
            settings=settings,
            after=after,
        )
    await after.run()
    return 1


async def send_reminders(now: datetime | None = None, batch_size: int = 500) -> int:
    """Queue the SLA reminders that are due (``sla.remind``), each once: claimed by
    clearing ``remind_at`` (only one runner's update finds it still due), in the
    transaction that writes the outbox notification."""
    moment = now or datetime.now(UTC)
    due = (
        await WorkflowInstance.filter(remind_at__lte=moment, closed_at__isnull=True)
        .order_by("id")
        .limit(batch_size)
    )
    versions: dict[UUID, WorkflowVersion] = {}
    sent = 0
    for instance in due:
        if instance.version_id not in versions:
            found = await queries.version_by_id(instance.version_id)
            assert found is not None
            versions[instance.version_id] = found
        remind = (
            (versions[instance.version_id].content["states"].get(instance.state) or {}).get("sla")
            or {}
        ).get("remind")
        async with in_transaction():
            claimed = await WorkflowInstance.filter(id=instance.id, remind_at__lte=moment).update(
                remind_at=None
            )
            if claimed != 1 or not remind:
                continue
            await OutboxMessage.create(
                instance=instance,
                kind="notify",
                payload={
                    "type": "notify",
                    "to": remind.get("to", {"assignee": True}),
                    "message": remind["message"],
                    "state": instance.state,
                    "reminder": True,
                    "dueAt": instance.due_at.isoformat() if instance.due_at else None,
                },
            )
            sent += 1
    return sent


async def advance(
    principal: Principal,
    instance: WorkflowInstance,
    version: WorkflowVersion,
    events: list[str],
    submission: Submission | None,
    *,
    settings: Settings,
    after: AfterCommit,
) -> None:
    """Fire ``events`` in order as ``principal``, inside the caller's transaction (a
    submission arriving for a case moves it as part of the submit): each is checked by the
    engine as ``fire_transition`` checks it, and the first refusal raises
    ``WorkflowRefused``, so the caller's whole unit rolls back."""
    account_auditor = await account_auditor_of(instance.customer_id)
    for event in events:
        result = fire(
            version.content,
            instance.state,
            event,
            await actor_for(principal, instance, submission, account_auditor),
            context=await guard_context(principal, instance, submission, version.content),
        )
        if isinstance(result, Refusal):
            raise WorkflowRefused(result)
        await _apply(
            principal,
            instance,
            version,
            result,
            submission,
            None,
            None,
            settings=settings,
            after=after,
        )
