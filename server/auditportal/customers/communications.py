"""The communication log, follow-ups, communication plans and their due tasks.

A plan (channel, RFC 5545 rule, owner, lead days) becomes tasks through
``materialise_due_tasks``: every occurrence from today up to ``lead_days`` ahead gets one
task, unique per (plan, due date), so reruns and racing workers never duplicate one. The
owner is notified in-app when a task is created. Logging a communication against a task
marks it done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import User
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal, system_principal
from auditportal.customers.models import Customer, CustomerTag, CustomerTier
from auditportal.customers.register_models import (
    Channel,
    Communication,
    CommunicationPlan,
    CommunicationTask,
    FollowUp,
)
from auditportal.errors import Conflict, FieldIssue, NotFound, ValidationFailed
from auditportal.recurrence import RecurrenceError, parse
from auditportal.workflows.models import Notification

MAX_LEAD_DAYS = 90


def _fail(issues: list[FieldIssue]) -> None:
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))


async def _active_users(ids: set[UUID]) -> set[UUID]:
    if not ids:
        return set()
    found = await User.filter(id__in=list(ids), is_active=True).values_list("id", flat=True)
    return {cast(UUID, user_id) for user_id in found}


@dataclass
class FollowUpInput:
    description: str
    owner_id: UUID | None = None
    due_on: date | None = None


@dataclass
class CommunicationInput:
    channel: Channel
    occurred_at: datetime
    summary: str
    participants: list[str] = field(default_factory=list)
    follow_ups: list[FollowUpInput] = field(default_factory=list)
    task_id: UUID | None = None


async def log_communication(
    principal: Principal, customer_id: UUID, entry: CommunicationInput
) -> Communication:
    require(principal, Permission.CUSTOMERS_CASEWORK)
    issues: list[FieldIssue] = []
    if not entry.summary.strip():
        issues.append(FieldIssue(("summary",), "customer.required"))
    if entry.occurred_at.tzinfo is None:
        entry.occurred_at = entry.occurred_at.replace(tzinfo=UTC)
    if entry.occurred_at > datetime.now(UTC) + timedelta(minutes=5):
        issues.append(FieldIssue(("occurredAt",), "communication.in_future"))
    participants = [p.strip() for p in entry.participants if p.strip()]
    for index, follow_up in enumerate(entry.follow_ups):
        if not follow_up.description.strip():
            issues.append(FieldIssue(("followUps", index, "description"), "customer.required"))
    owners = {f.owner_id for f in entry.follow_ups if f.owner_id is not None}
    known = await _active_users(owners)
    for index, follow_up in enumerate(entry.follow_ups):
        if follow_up.owner_id is not None and follow_up.owner_id not in known:
            issues.append(FieldIssue(("followUps", index, "ownerId"), "risk.owner_unknown"))
    _fail(issues)
    async with in_transaction():
        if not await Customer.exists(id=customer_id):
            raise NotFound("customer.not_found")
        task = None
        if entry.task_id is not None:
            task = await CommunicationTask.filter(id=entry.task_id, customer_id=customer_id).first()
            if task is None:
                raise NotFound("communication.task_not_found")
        communication = await Communication.create(
            customer_id=customer_id,
            channel=entry.channel,
            occurred_at=entry.occurred_at,
            summary=entry.summary.strip(),
            participants=participants,
            logged_by_id=principal.user_id,
            task_id=entry.task_id,
        )
        await FollowUp.bulk_create(
            [
                FollowUp(
                    communication_id=communication.id,
                    customer_id=customer_id,
                    description=f.description.strip(),
                    owner_id=f.owner_id,
                    due_on=f.due_on,
                )
                for f in entry.follow_ups
            ]
        )
        if task is not None and task.done_at is None:
            await CommunicationTask.filter(id=task.id).update(
                done_at=datetime.now(UTC), communication_id=communication.id
            )
        await audit.record(
            principal,
            "communication.log",
            "Communication",
            communication.id,
            {
                "customer": str(customer_id),
                "channel": entry.channel.value,
                "followUps": len(entry.follow_ups),
                "task": str(entry.task_id) if entry.task_id else None,
            },
        )
    return communication


async def complete_follow_up(principal: Principal, follow_up_id: UUID) -> FollowUp:
    require(principal, Permission.CUSTOMERS_CASEWORK)
    async with in_transaction():
        done = await FollowUp.filter(id=follow_up_id, done_at__isnull=True).update(
            done_at=datetime.now(UTC), done_by_id=principal.user_id
        )
        if done != 1:
            if not await FollowUp.exists(id=follow_up_id):
                raise NotFound("communication.follow_up_not_found")
            raise Conflict("communication.follow_up_done")
        await audit.record(principal, "communication.follow_up_done", "FollowUp", follow_up_id)
    return await FollowUp.get(id=follow_up_id)


@dataclass
class PlanInput:
    title: str
    channel: Channel
    rrule: str
    starts_on: date
    owner_id: UUID
    lead_days: int = 7
    active: bool = True
    # For a plan without a customer: which customers it is for.
    target_tiers: list[str] = field(default_factory=list)
    target_regions: list[str] = field(default_factory=list)
    target_tags: list[str] = field(default_factory=list)


async def save_plan(
    principal: Principal, customer_id: UUID | None, plan: PlanInput, plan_id: UUID | None = None
) -> CommunicationPlan:
    """Create a plan, or replace the settings of ``plan_id``: for one customer, or (without
    ``customer_id``) for the customers its targets match."""
    require(principal, Permission.CUSTOMERS_CASEWORK)
    issues: list[FieldIssue] = []
    targets = {
        "target_tiers": sorted(set(plan.target_tiers)),
        "target_regions": sorted({r.strip() for r in plan.target_regions if r.strip()}),
        "target_tags": sorted({t.strip() for t in plan.target_tags if t.strip()}),
    }
    if customer_id is None and not any(targets.values()):
        issues.append(FieldIssue(("customerId",), "communication.no_target"))
    if customer_id is not None and any(targets.values()):
        issues.append(FieldIssue(("customerId",), "communication.customer_and_target"))
    for index, tier in enumerate(targets["target_tiers"]):
        if tier not in {t.value for t in CustomerTier}:
            issues.append(FieldIssue(("tiers", index), "inspection.unknown_tier"))
    if not plan.title.strip():
        issues.append(FieldIssue(("title",), "customer.required"))
    try:
        rule = parse(plan.rrule, plan.starts_on)
    except RecurrenceError as error:
        issues.append(FieldIssue(("rrule",), error.message_key, {"detail": error.detail}))
        rule = None
    if not 0 <= plan.lead_days <= MAX_LEAD_DAYS:
        issues.append(FieldIssue(("leadDays",), "communication.lead_days", {"max": MAX_LEAD_DAYS}))
    if not await _active_users({plan.owner_id}):
        issues.append(FieldIssue(("ownerId",), "risk.owner_unknown"))
    _fail(issues)
    assert rule is not None
    values: dict[str, Any] = {
        "title": plan.title.strip(),
        "channel": plan.channel,
        "rrule": rule.text,
        "starts_on": plan.starts_on,
        "owner_id": plan.owner_id,
        "lead_days": plan.lead_days,
        "active": plan.active,
    }
    if customer_id is None:
        values.update(targets)
    async with in_transaction():
        if customer_id is not None and not await Customer.exists(id=customer_id):
            raise NotFound("customer.not_found")
        if plan_id is None:
            saved = await CommunicationPlan.create(
                customer_id=customer_id, created_by_id=principal.user_id, **values
            )
        else:
            updated = await CommunicationPlan.filter(id=plan_id, customer_id=customer_id).update(
                **values
            )
            if updated != 1:
                raise NotFound("communication.plan_not_found")
            saved = await CommunicationPlan.get(id=plan_id)
        await audit.record(
            principal,
            "communication.plan_save",
            "CommunicationPlan",
            saved.id,
            {"customer": str(customer_id) if customer_id else None, **values},
        )
    return saved


async def deactivate_plan(principal: Principal, plan_id: UUID) -> CommunicationPlan:
    require(principal, Permission.CUSTOMERS_CASEWORK)
    async with in_transaction():
        if await CommunicationPlan.filter(id=plan_id).update(active=False) != 1:
            raise NotFound("communication.plan_not_found")
        # A targeted plan's per-customer plans stop with it.
        await CommunicationPlan.filter(parent_id=plan_id).update(active=False)
        await audit.record(principal, "communication.plan_deactivate", "CommunicationPlan", plan_id)
    return await CommunicationPlan.get(id=plan_id)


async def targeted_plans(principal: Principal) -> list[CommunicationPlan]:
    """The plans that target customers by tier, region or tag (not one customer)."""
    require(principal, Permission.CUSTOMERS_CASEWORK)
    return list(await CommunicationPlan.filter(customer_id__isnull=True).order_by("title", "id"))


def targeted(plan: CommunicationPlan) -> QuerySet[Customer]:
    """A targeted plan's customers as SQL, as they are now."""
    query = Customer.all()
    if plan.target_tiers:
        query = query.filter(tier__in=list(plan.target_tiers))
    if plan.target_regions:
        query = query.filter(region__in=list(plan.target_regions))
    if plan.target_tags:
        query = query.filter(
            id__in=Subquery(
                CustomerTag.filter(tag__in=list(plan.target_tags)).values("customer_id")
            )
        )
    return query


_SHARED = ("title", "channel", "rrule", "starts_on", "owner_id", "lead_days")


async def sync_targeted(plan: CommunicationPlan) -> dict[str, int]:
    """Give every customer the plan targets now a plan of its own with the plan's settings;
    stop those of customers it no longer targets. Idempotent; set-based SQL, whatever the
    number of customers."""
    children = CommunicationPlan.filter(parent_id=plan.id)
    have = Subquery(children.values("customer_id"))
    joining = await targeted(plan).exclude(id__in=have).values_list("id", flat=True)
    shared = {name: getattr(plan, name) for name in _SHARED}
    async with in_transaction():
        if joining:
            await CommunicationPlan.bulk_create(
                [
                    CommunicationPlan(
                        customer_id=customer_id,
                        parent_id=plan.id,
                        created_by_id=plan.created_by_id,
                        **shared,
                    )
                    for customer_id in joining
                ],
                batch_size=1000,
            )
        matching = Subquery(targeted(plan).values("id"))
        left = (
            await children.filter(active=True)
            .exclude(customer_id__in=matching)
            .update(active=False)
        )
        # Settings follow the targeted plan; customers who came back are active again.
        await children.filter(customer_id__in=matching).update(active=True, **shared)
    return {"joined": len(joining), "left": left}


def _reminder(plan: CommunicationPlan, customer: Customer, due_on: date) -> dict[str, str]:
    return {
        "zh-CN": f"客户沟通计划「{plan.title}」：请在 {due_on.isoformat()} 前联系客户 "
        f"{customer.name}（{customer.code}）。",
        "en": f"Communication plan “{plan.title}”: contact {customer.name} ({customer.code}) "
        f"by {due_on.isoformat()}.",
    }


async def materialise_due_tasks(today: date | None = None) -> dict[str, Any]:
    """Create the due tasks of every active plan (idempotent), notifying their owners."""
    today = today or datetime.now(UTC).date()
    principal = system_principal("communication-plans")
    created = 0
    for targeted_plan in await CommunicationPlan.filter(active=True, customer_id__isnull=True):
        await sync_targeted(targeted_plan)
    plans = await CommunicationPlan.filter(active=True, customer_id__isnull=False).prefetch_related(
        "customer"
    )
    for plan in plans:
        rule = parse(plan.rrule, plan.starts_on)
        due_days = rule.between(today, today + timedelta(days=plan.lead_days))
        if not due_days:
            continue
        existing = set(
            await CommunicationTask.filter(plan_id=plan.id, due_on__in=due_days).values_list(
                "due_on", flat=True
            )
        )
        for due_on in due_days:
            if due_on in existing:
                continue
            try:
                async with in_transaction():
                    task = await CommunicationTask.create(
                        plan_id=plan.id,
                        customer_id=plan.customer_id,
                        due_on=due_on,
                        owner_id=plan.owner_id,
                    )
                    await Notification.create(
                        user_id=plan.owner_id,
                        instance=None,
                        message=_reminder(plan, cast(Customer, plan.customer), due_on),
                    )
                    await audit.record(
                        principal,
                        "communication.task_due",
                        "CommunicationTask",
                        task.id,
                        {"plan": str(plan.id), "dueOn": due_on.isoformat()},
                    )
                created += 1
            except IntegrityError:
                continue  # another worker created it first
    return {"plans": len(plans), "created": created}
