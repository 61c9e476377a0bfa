"""The scheduling pass: from plans to scheduled inspections to workflow instances.

Per plan, in three idempotent steps:

1. Repair: unopened rows planned under a tier the customer no longer has (or for a
   customer the plan no longer targets) are removed.
2. Materialise: every occurrence inside the window, for every targeted customer, in
   batches of customers by id; rows are bulk-inserted with conflict-ignore on the unique
   (plan, customer, period), so a rerun, a second worker or a resumed job adds only what
   is missing. The window starts at the latest of the plan's start, the day its schedule
   was set and ``LOOKBACK_DAYS`` ago (a scheduler that was down catches up on a month),
   and ends ``horizon_days`` after today.
3. Open: rows whose opening day (due date minus lead time) has come start a workflow
   instance with a start key derived from (plan, customer, period), so a rerun cannot
   start a second one, assigned by the plan's rule.

Due dates that fall on a weekend or a public holiday of the deployment's working calendar
(China's official one by default, with 调休 make-up days) move to the next working day when
the plan says so; the period key stays the rule's own date.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from tortoise import connections
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from auditportal.auth.models import User
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.customers.models import Customer, CustomerTag
from auditportal.holidays.service import working_calendar
from auditportal.inspections.models import (
    ALL_TIERS,
    NO_CUSTOMER,
    AssignmentRule,
    InspectionPlan,
    InspectionStatus,
    PlanAudience,
    PlanHorizon,
    ScheduledInspection,
)
from auditportal.recurrence import parse
from auditportal.settings import Settings
from auditportal.workflows import instances
from auditportal.workflows import queries as workflow_queries
from auditportal.workflows.assignment import Relations, account_auditor_of, resolve
from auditportal.workflows.calendar import WorkingCalendar
from auditportal.workflows.models import WorkflowInstance, WorkflowVersion

logger = logging.getLogger("auditportal.inspections")

LOOKBACK_DAYS = 31
DEFAULT_BATCH_SIZE = 1000
SCHEDULER = "inspections"


def local_today(settings: Settings) -> date:
    return datetime.now(ZoneInfo(settings.timezone)).date()


def end_of_day(day: date, settings: Settings) -> datetime:
    """The last moment of ``day`` where the auditors work (the deployment's time zone)."""
    zone = ZoneInfo(settings.timezone)
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone) - timedelta(
        microseconds=1
    )


@dataclass(frozen=True)
class Occurrence:
    period: str
    due_on: date
    opens_on: date


@lru_cache(maxsize=4096)
def due_date(day: date, shift_to_workday: bool, working: WorkingCalendar) -> date:
    """The day itself, or the next working day when shifting (cached: a calendar never
    changes, and a pass asks about the same few dates again and again)."""
    if not shift_to_workday:
        return day
    for _ in range(60):  # the longest Chinese holiday is 8 days; stop anyway
        if working.is_workday(day):
            return day
        day += timedelta(days=1)
    return day


def occurrences(
    plan: InspectionPlan,
    first: date,
    last: date,
    *,
    working: WorkingCalendar,
    limit: int | None = None,
) -> dict[str, list[Occurrence]]:
    """Per tier with a rule: the occurrences from ``first`` to ``last``."""
    found: dict[str, list[Occurrence]] = {}
    for tier, text in plan.recurrences.items():
        dates = parse(text, plan.starts_on).between(first, last)
        if limit is not None:
            dates = dates[:limit]
        rows = []
        for day in dates:
            due = due_date(day, plan.shift_to_workday, working)
            rows.append(Occurrence(day.isoformat(), due, due - timedelta(days=plan.lead_days)))
        found[tier] = rows
    return found


def window(plan: InspectionPlan, today: date) -> tuple[date, date]:
    first = max(plan.starts_on, plan.effective_from, today - timedelta(days=LOOKBACK_DAYS))
    return first, horizon_end(plan.horizon, plan.horizon_days, plan.lead_days, today)


def horizon_end(horizon: PlanHorizon, horizon_days: int, lead_days: int, today: date) -> date:
    """The last day to materialise: ``horizon_days`` ahead, or the end of today's calendar
    quarter or year. Never before today plus the lead time, so work due early in the next
    period still opens on time."""
    if horizon is PlanHorizon.YEAR:
        end = date(today.year, 12, 31)
    elif horizon is PlanHorizon.QUARTER:
        first_month_next = (today.month - 1) // 3 * 3 + 4
        if first_month_next > 12:
            end = date(today.year, 12, 31)
        else:
            end = date(today.year, first_month_next, 1) - timedelta(days=1)
    else:
        return today + timedelta(days=horizon_days)
    return max(end, today + timedelta(days=lead_days))


def schedule_for(schedule: dict[str, list[Occurrence]], tier: str) -> list[Occurrence]:
    """A tier's own rule, else the plan's rule for every tier."""
    return schedule[tier] if tier in schedule else schedule.get(ALL_TIERS, [])


def targeted(plan: InspectionPlan) -> QuerySet[Customer]:
    """The plan's customers as SQL: every non-empty criterion must match. A staff plan
    targets no customer; a rule for every tier (``all``) leaves tiers to ``target_tiers``."""
    if plan.audience is PlanAudience.STAFF:
        return Customer.filter(id__in=[])
    if ALL_TIERS in plan.recurrences:
        query = Customer.all()
        if plan.target_tiers:
            query = query.filter(tier__in=sorted(plan.target_tiers))
    else:
        tiers = set(plan.recurrences)
        if plan.target_tiers:
            tiers &= set(plan.target_tiers)
        query = Customer.filter(tier__in=sorted(tiers))
    if plan.target_regions:
        query = query.filter(region__in=list(plan.target_regions))
    if plan.target_tags:
        query = query.filter(
            id__in=Subquery(
                CustomerTag.filter(tag__in=list(plan.target_tags)).values("customer_id")
            )
        )
    if plan.target_customer_ids:
        query = query.filter(id__in=[UUID(c) for c in plan.target_customer_ids])
    return query


@dataclass
class PassCounts:
    customers: int = 0
    created: int = 0
    removed: int = 0
    opened: int = 0
    done: int = 0
    failed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, other: PassCounts) -> None:
        for name in ("customers", "created", "removed", "opened", "done", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {
            "customers": self.customers,
            "created": self.created,
            "removed": self.removed,
            "opened": self.opened,
            "done": self.done,
            "failed": self.failed,
        }


async def repair(plan: InspectionPlan, customer_id: UUID | None = None) -> int:
    """Remove unopened rows whose customer is no longer targeted under the row's tier."""
    if plan.audience is PlanAudience.STAFF:
        return 0  # about no customer: nothing to re-target
    removed = 0
    # Rows carry the customer's own tier, also under a rule for every tier.
    tiers = {*plan.recurrences, *(await _planned_tiers(plan, customer_id))} - {ALL_TIERS}
    for tier in sorted(tiers):
        query = ScheduledInspection.filter(
            plan_id=plan.id, status=InspectionStatus.PLANNED, tier=tier
        )
        if customer_id is not None:
            query = query.filter(customer_id=customer_id)
        stale = query.exclude(
            customer_id__in=Subquery(targeted(plan).filter(tier=tier).values("id"))
        )
        removed += await stale.delete()
    return removed


async def _planned_tiers(plan: InspectionPlan, customer_id: UUID | None) -> set[str]:
    query = ScheduledInspection.filter(plan_id=plan.id, status=InspectionStatus.PLANNED)
    if customer_id is not None:
        query = query.filter(customer_id=customer_id)
    tiers: list[str] = await query.distinct().values_list("tier", flat=True)  # type: ignore[assignment]
    return set(tiers)


_INSERT_POSTGRES = """
WITH inserted AS (
    INSERT INTO scheduled_inspections
        (id, plan_id, customer_id, period, tier, due_on, opens_on, status, created_at)
    SELECT r.id, $7::uuid, r.customer_id, r.period, r.tier, r.due_on, r.opens_on,
           'planned', now()
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::date[])
        AS r(id, customer_id, period, tier, due_on, opens_on)
    ON CONFLICT (plan_id, customer_id, period) DO NOTHING
    RETURNING 1
)
SELECT count(*) AS created FROM inserted
"""


async def materialise_batch(
    plan: InspectionPlan,
    customers: list[tuple[UUID, str]],
    schedule: dict[str, list[Occurrence]],
) -> int:
    """Insert the batch's missing rows; how many were new. Joins the caller's transaction.

    The rows the batch already has are read first (one indexed query), so a rerun over a
    full table writes nothing. The insert still ignores conflicts: another worker may add
    the same rows meanwhile. PostgreSQL: one ``INSERT ... SELECT FROM unnest(...) ON
    CONFLICT DO NOTHING`` whose RETURNING rows are counted, exact under concurrency.
    SQLite: a conflict-ignoring bulk insert; SQLite runs one write transaction at a time.
    """
    ids = [customer_id for customer_id, _ in customers]
    existing = set(
        await ScheduledInspection.filter(plan_id=plan.id, customer_id__in=ids).values_list(
            "customer_id", "period"
        )
    )
    wanted = [
        (customer_id, tier, occurrence)
        for customer_id, tier in customers
        for occurrence in schedule_for(schedule, tier)
        if (customer_id, occurrence.period) not in existing
    ]
    if not wanted:
        return 0
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        _, rows = await connection.execute_query(
            _INSERT_POSTGRES,
            [
                [uuid4() for _ in wanted],
                [customer_id for customer_id, _, _ in wanted],
                [occurrence.period for _, _, occurrence in wanted],
                [tier for _, tier, _ in wanted],
                [occurrence.due_on for _, _, occurrence in wanted],
                [occurrence.opens_on for _, _, occurrence in wanted],
                plan.id,
            ],
        )
        return int(rows[0]["created"])
    await ScheduledInspection.bulk_create(
        [
            ScheduledInspection(
                plan_id=plan.id,
                customer_id=customer_id,
                period=occurrence.period,
                tier=tier,
                due_on=occurrence.due_on,
                opens_on=occurrence.opens_on,
            )
            for customer_id, tier, occurrence in wanted
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return len(wanted)


Checkpoint = Callable[[str | None, int], Awaitable[None]]


async def materialise(
    plan: InspectionPlan,
    today: date,
    *,
    after: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    throttle_seconds: float = 0,
    checkpoint: Checkpoint | None = None,
    settings: Settings,
) -> PassCounts:
    """Step 2 for every targeted customer with an id greater than ``after``.

    ``checkpoint(last_id, customers_done)`` runs inside each batch's transaction, so a
    resumed job starts right after the last committed batch.
    """
    counts = PassCounts()
    schedule = occurrences(plan, *window(plan, today), working=await working_calendar(settings))
    if plan.audience is PlanAudience.STAFF:
        async with in_transaction():
            counts.created += await materialise_batch(plan, [(NO_CUSTOMER, ALL_TIERS)], schedule)
        return counts
    last = UUID(after) if after else None
    while True:
        query = targeted(plan)
        if last is not None:
            query = query.filter(id__gt=last)
        batch: list[tuple[UUID, str]] = (
            await query.order_by("id").limit(batch_size).values_list("id", "tier")
        )
        if not batch:
            return counts
        last = batch[-1][0]
        async with in_transaction():
            counts.created += await materialise_batch(
                plan, [(c, str(t)) for c, t in batch], schedule
            )
            counts.customers += len(batch)
            if checkpoint is not None:
                await checkpoint(str(last), counts.customers)
        if throttle_seconds:
            await asyncio.sleep(throttle_seconds)


async def choose_assignee(plan: InspectionPlan, customer_id: UUID) -> UUID | None:
    """The plan's rule; call inside a transaction (round robin locks its cursor). Work
    for customer users goes to the customer's first active user (all its users see it)."""
    if plan.audience is PlanAudience.CUSTOMER_USERS:
        first = (
            await User.filter(customer_id=customer_id, role=Role.CUSTOMER, is_active=True)
            .order_by("created_at", "id")
            .first()
        )
        return first.id if first is not None else None
    if (
        plan.assignment is AssignmentRule.USER
        and plan.assignee_user_id is not None
        and await User.exists(id=plan.assignee_user_id, is_active=True)
    ):
        return plan.assignee_user_id
    if plan.assignment is AssignmentRule.ACCOUNT_AUDITOR:
        auditor = await account_auditor_of(customer_id)
        if auditor is not None and await User.exists(id=auditor, is_active=True):
            return auditor
    nobody = Relations(submitter_id=None, account_auditor_id=None, assignee_id=None)
    return (await resolve({"roundRobin": Role.AUDITOR.value}, nobody)).user_id


def start_key(plan_id: UUID, customer_id: UUID, period: str) -> str:
    return f"inspection:{plan_id}:{customer_id}:{period}"


async def open_one(
    system: Principal,
    plan: InspectionPlan,
    version: WorkflowVersion,
    row: ScheduledInspection,
    settings: Settings,
) -> bool:
    """Open one due row; safe to repeat at every step, and from two workers at once."""
    async with in_transaction():
        locked = await ScheduledInspection.select_for_update().get_or_none(id=row.id)
        if locked is None or locked.status is not InspectionStatus.PLANNED:
            return False
        assignee = locked.assignee_id
        if assignee is None:
            assignee = await choose_assignee(plan, row.customer_id)
            if assignee is not None:
                await ScheduledInspection.filter(id=row.id).update(assignee_id=assignee)
    staff = plan.audience is PlanAudience.STAFF
    instance = await instances.start(
        system,
        version,
        subject_type=str(version.content["subject"]) if staff else "customer",
        subject_id=f"plan:{plan.id}:{row.period}" if staff else str(row.customer_id),
        start_key=start_key(plan.id, row.customer_id, row.period),
        customer_id=None if staff else row.customer_id,
        data={
            "inspection": {
                "planId": str(plan.id),
                "scheduledInspectionId": str(row.id),
                "period": row.period,
                "tier": row.tier,
                "dueOn": row.due_on.isoformat(),
            }
        },
        # The plan's rule decides who does the inspection, in place of the workflow's
        # generic first assignment, so the first notification reaches that person.
        assignee_id=assignee,
        due_at=end_of_day(row.due_on, settings),
        settings=settings,
    )
    async with in_transaction():
        opened = await ScheduledInspection.filter(
            id=row.id, status=InspectionStatus.PLANNED
        ).update(
            status=InspectionStatus.OPENED, instance_id=instance.id, opened_at=datetime.now(UTC)
        )
    return opened == 1


async def open_due(
    plan: InspectionPlan,
    today: date,
    *,
    customer_id: UUID | None = None,
    batch_size: int = 200,
    settings: Settings,
) -> PassCounts:
    counts = PassCounts()
    version = await workflow_queries.latest_open_version_by_key(plan.workflow_key)
    if version is None:
        counts.extra["workflowUnavailable"] = plan.workflow_key
        return counts
    system = system_principal("scheduler")
    after: UUID | None = None
    while True:
        query = ScheduledInspection.filter(
            plan_id=plan.id, status=InspectionStatus.PLANNED, opens_on__lte=today
        )
        if customer_id is not None:
            query = query.filter(customer_id=customer_id)
        if after is not None:
            query = query.filter(id__gt=after)
        rows = await query.order_by("id").limit(batch_size)
        if not rows:
            return counts
        after = rows[-1].id
        for row in rows:
            try:
                counts.opened += int(await open_one(system, plan, version, row, settings))
            except Exception:
                # One bad row (a retired workflow mid-pass, a constraint) must not stop
                # the others; it stays planned and the next pass tries again.
                logger.exception("could not open scheduled inspection %s", row.id)
                counts.failed += 1


async def cancel_planned(plan: InspectionPlan) -> int:
    return await ScheduledInspection.filter(
        plan_id=plan.id, status=InspectionStatus.PLANNED
    ).update(status=InspectionStatus.CANCELLED, cancelled_at=datetime.now(UTC))


async def mark_done(plan: InspectionPlan) -> int:
    """Opened rows whose workflow instance has reached a final state."""
    closed = WorkflowInstance.filter(closed_at__isnull=False).values("id")
    return await ScheduledInspection.filter(
        plan_id=plan.id, status=InspectionStatus.OPENED, instance_id__in=Subquery(closed)
    ).update(status=InspectionStatus.DONE)


async def replan_customer(
    customer_id: UUID, settings: Settings, today: date | None = None
) -> PassCounts:
    """After a tier (or region, tag) change: this customer's rows in every active plan."""
    day = today or local_today(settings)
    counts = PassCounts()
    customer = await Customer.get_or_none(id=customer_id)
    plans = InspectionPlan.filter(active=True).exclude(audience=PlanAudience.STAFF)
    for plan in await plans.order_by("id"):
        counts.removed += await repair(plan, customer_id)
        if customer is None:
            continue
        if not await targeted(plan).filter(id=customer_id).exists():
            continue
        schedule = occurrences(plan, *window(plan, day), working=await working_calendar(settings))
        async with in_transaction():
            counts.created += await materialise_batch(
                plan, [(customer.id, str(customer.tier))], schedule
            )
        counts.customers += 1
        counts.add(await open_due(plan, day, customer_id=customer_id, settings=settings))
    return counts


@dataclass(frozen=True)
class PreviewRow:
    period: date
    due_on: date
    opens_on: date


def preview(
    recurrences: list[tuple[str, str]],
    starts_on: date,
    *,
    lead_days: int,
    shift_to_workday: bool,
    count: int,
    today: date,
    working: WorkingCalendar,
) -> list[tuple[str, str, list[PreviewRow]]]:
    """The next ``count`` occurrences of each tier's rule from today (or the start)."""
    first = max(starts_on, today)
    result = []
    for tier, text in recurrences:
        days = parse(text, starts_on).between(first, first + timedelta(days=3 * 366))[:count]
        rows = []
        for day in days:
            due = due_date(day, shift_to_workday, working)
            rows.append(PreviewRow(day, due, due - timedelta(days=lead_days)))
        result.append((tier, text.strip(), rows))
    return result
