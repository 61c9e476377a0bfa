"""Scheduling jobs: a scheduling pass (one plan or all) and a customer's re-plan.

``schedule_inspections`` arguments: ``{"planId": str}`` for one plan, ``{}`` for every
active plan; optional ``batchSize`` (customers per transaction) and ``throttleMs`` (a pause
between batches, to spare the database during office hours). Progress counts customers;
the checkpoint records the plans finished and the last customer of the current plan, and
is written in the transaction of the batch it marks, so a rerun after a killed worker
resumes there. Everything it writes is keyed, so rerunning from the start would also be
harmless, only slower.

``replan_customer_inspections`` arguments: ``{"customerId": str}`` (see
``auditportal.jobs.names``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.principal import system_principal
from auditportal.inspections import scheduler
from auditportal.inspections.models import InspectionPlan
from auditportal.jobs import dispatch, names
from auditportal.jobs.runs import RunContext, job


async def _plans(arguments: dict[str, Any]) -> list[InspectionPlan]:
    query = InspectionPlan.filter(active=True)
    if arguments.get("planId"):
        query = query.filter(id=UUID(str(arguments["planId"])))
    return list(await query.order_by("id"))


async def _record_pass(plan: InspectionPlan, counts: scheduler.PassCounts, run_id: UUID) -> None:
    """One audit event per plan and pass, when the pass changed anything."""
    if not (counts.created or counts.removed or counts.opened or counts.done):
        return
    async with in_transaction():
        await audit.record(
            system_principal(scheduler.SCHEDULER),
            "inspection_plan.scheduled",
            "InspectionPlan",
            plan.id,
            {**counts.as_dict(), "jobRunId": str(run_id)},
        )


@dataclass
class _Progress:
    """Where a scheduling run stands; saved as the run's checkpoint."""

    run: RunContext
    finished: list[str] = field(default_factory=list)
    totals: dict[str, dict[str, int]] = field(default_factory=dict)
    customers_before: int = 0  # customers of the plans already finished

    async def save(self, plan_id: str | None, after: str | None, done_in_plan: int) -> None:
        data: dict[str, Any] = {
            "finished": self.finished,
            "totals": self.totals,
            "customersBefore": self.customers_before,
        }
        if plan_id is not None:
            data |= {"plan": plan_id, "after": after}
        await self.run.save_checkpoint(data, done=self.customers_before + done_in_plan)


async def _schedule_plan(
    state: _Progress,
    plan: InspectionPlan,
    today: date,
    *,
    resume_after: str | None,
    batch_size: int,
    throttle: float,
) -> None:
    plan_id = str(plan.id)
    # Customers of this plan that a killed attempt already committed.
    already = (
        await scheduler.targeted(plan).filter(id__lte=UUID(resume_after)).count()
        if resume_after
        else 0
    )
    counts = scheduler.PassCounts(removed=await scheduler.repair(plan))

    async def checkpoint(last_id: str | None, done: int) -> None:
        await state.save(plan_id, last_id, already + done)

    materialised = await scheduler.materialise(
        plan,
        today,
        after=resume_after,
        batch_size=batch_size,
        throttle_seconds=throttle,
        checkpoint=checkpoint,
        settings=state.run.settings,
    )
    counts.customers, counts.created = materialised.customers, materialised.created
    if await InspectionPlan.filter(id=plan.id, active=True).exists():
        counts.add(await scheduler.open_due(plan, today, settings=state.run.settings))
    else:
        # Deactivated while this pass ran: what it just planned is cancelled like the rest.
        counts.removed += await scheduler.cancel_planned(plan)
    counts.done += await scheduler.mark_done(plan)
    await _record_pass(plan, counts, state.run.run.id)
    previous = state.totals.get(plan_id, {})
    state.totals[plan_id] = {
        key: int(previous.get(key, 0)) + value for key, value in counts.as_dict().items()
    }
    state.customers_before += already + counts.customers
    state.finished.append(plan_id)
    await state.save(None, None, 0)


@job(names.SCHEDULE_INSPECTIONS)
async def schedule_inspections(run: RunContext) -> dict[str, Any]:
    arguments = run.arguments
    batch_size = int(arguments.get("batchSize") or scheduler.DEFAULT_BATCH_SIZE)
    throttle = float(arguments.get("throttleMs") or 0) / 1000
    today = scheduler.local_today(run.settings)
    plans = await _plans(arguments)
    saved = run.checkpoint
    state = _Progress(
        run,
        finished=list(saved.get("finished", [])),
        totals=dict(saved.get("totals", {})),
        customers_before=int(saved.get("customersBefore", 0)),
    )
    total = 0
    for plan in plans:
        total += await scheduler.targeted(plan).count()
    await run.progress(run.run.progress_done or 0, total)
    for plan in plans:
        if str(plan.id) in state.finished:
            continue
        await _schedule_plan(
            state,
            plan,
            today,
            resume_after=saved.get("after") if saved.get("plan") == str(plan.id) else None,
            batch_size=batch_size,
            throttle=throttle,
        )
    summed = {
        key: sum(int(entry.get(key, 0)) for entry in state.totals.values())
        for key in scheduler.PassCounts().as_dict()
    }
    return {"plans": len(plans), **summed, "perPlan": state.totals, "day": today.isoformat()}


@job(names.REPLAN_CUSTOMER_INSPECTIONS)
async def replan_customer_inspections(run: RunContext) -> dict[str, Any]:
    customer_id = UUID(str(run.arguments["customerId"]))
    counts = await scheduler.replan_customer(customer_id, run.settings)
    if counts.created or counts.removed or counts.opened:
        async with in_transaction():
            await audit.record(
                system_principal(scheduler.SCHEDULER),
                "inspection.replanned",
                "Customer",
                customer_id,
                counts.as_dict(),
            )
    return counts.as_dict()


async def request_scheduling_pass(_ctx: dict[str, Any]) -> dict[str, Any]:
    """Periodic (ARQ cron, embedded timer): request one pass over every active plan per
    hour. The key makes the two schedulers, or two workers' crons, ask only once."""
    slot = datetime.now(UTC).strftime("%Y-%m-%dT%H")
    run = await dispatch.enqueue(
        names.SCHEDULE_INSPECTIONS, {}, key=f"schedule_inspections:periodic:{slot}", periodic=True
    )
    return {"runId": str(run.id)}
