"""The scheduling pass on the real database: idempotent, concurrent-safe, re-planning,
opening workflow instances assigned by the plan's rule."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from auditportal.audit.models import AuditEvent
from auditportal.auth.principal import Role
from auditportal.customers.models import Customer, CustomerTier
from auditportal.inspections import scheduler
from auditportal.inspections.models import (
    AssignmentRule,
    InspectionStatus,
    ScheduledInspection,
)
from auditportal.jobs import dispatch, names
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from auditportal.workflows.instances import calendar, escalate_overdue
from auditportal.workflows.models import WorkflowInstance
from tests import inspection_factories as f
from tests.conftest import SETTINGS, Api

ZONE = ZoneInfo(SETTINGS.timezone)


async def _rows(plan_id: object) -> int:
    return await ScheduledInspection.filter(plan_id=plan_id).count()


async def test_a_pass_materialises_every_occurrence_once_and_a_rerun_adds_nothing(
    api: Api,
) -> None:
    await f.load_builtins()
    await f.customers(30, CustomerTier.KEY, prefix="k")
    await f.customers(50, CustomerTier.NORMAL, prefix="n")
    await f.customers(20, CustomerTier.HIGH_RISK, prefix="h")
    plan = await f.plan()
    assert await drain(SETTINGS) == 1  # the pass the new plan requested
    expected = 30 * f.PER_TIER["key"] + 50 * f.PER_TIER["normal"] + 20 * f.PER_TIER["high_risk"]
    assert await _rows(plan.id) == expected
    first = await JobRun.get(name=names.SCHEDULE_INSPECTIONS)
    assert first.status == JobStatus.SUCCEEDED
    assert first.result["created"] == expected
    assert (first.progress_done, first.progress_total) == (100, 100)

    # Small batches, from scratch, twice more: nothing new, nothing lost.
    for _ in range(2):
        await dispatch.enqueue(names.SCHEDULE_INSPECTIONS, {"planId": str(plan.id), "batchSize": 7})
        assert await drain(SETTINGS) == 1
    assert await _rows(plan.id) == expected
    rerun = await JobRun.filter(name=names.SCHEDULE_INSPECTIONS).order_by("-queued_at").first()
    assert rerun is not None and rerun.result["created"] == 0
    # Each row is one (plan, customer, period); no instance was opened (lead time 0,
    # first occurrence tomorrow).
    periods = await ScheduledInspection.filter(plan_id=plan.id).values_list("customer_id", "period")
    assert len(set(periods)) == expected
    assert await WorkflowInstance.all().count() == 0
    # One audit event for the pass that changed something, none for the idle reruns.
    events = await AuditEvent.filter(action="inspection_plan.scheduled").all()
    assert len(events) == 1 and events[0].summary["created"] == expected


async def test_targeting_by_tier_region_and_tier_without_a_rule(api: Api) -> None:
    await f.load_builtins()
    east = await f.customers(4, CustomerTier.KEY, prefix="e", region="east")
    await f.customers(3, CustomerTier.KEY, prefix="w", region="west")
    await f.customers(5, CustomerTier.NORMAL, prefix="ne", region="east")
    plan = await f.plan(target_regions=["east"], recurrences=[("key", "FREQ=WEEKLY")])
    await drain(SETTINGS)
    rows = await ScheduledInspection.filter(plan_id=plan.id).values_list("customer_id", flat=True)
    assert set(rows) == {c.id for c in east}
    assert len(rows) == 4 * f.PER_TIER["key"]


async def test_a_tier_change_replans_the_customers_unopened_inspections(api: Api) -> None:
    await f.load_builtins()
    [customer] = await f.customers(1, CustomerTier.NORMAL, prefix="t")
    plan = await f.plan()
    await drain(SETTINGS)
    before = await ScheduledInspection.filter(plan_id=plan.id, customer_id=customer.id)
    assert [r.tier for r in before] == ["normal"]

    await Customer.filter(id=customer.id).update(tier=CustomerTier.HIGH_RISK)
    await dispatch.enqueue(names.REPLAN_CUSTOMER_INSPECTIONS, {"customerId": str(customer.id)})
    assert await drain(SETTINGS) == 1
    after = await ScheduledInspection.filter(plan_id=plan.id, customer_id=customer.id)
    assert {r.tier for r in after} == {"high_risk"}
    assert len(after) == f.PER_TIER["high_risk"]
    run = await JobRun.get(name=names.REPLAN_CUSTOMER_INSPECTIONS)
    assert run.status == JobStatus.SUCCEEDED
    assert run.result["removed"] == 1 and run.result["created"] == f.PER_TIER["high_risk"]

    # Without the job, the periodic pass repairs the mismatch too.
    await Customer.filter(id=customer.id).update(tier=CustomerTier.KEY)
    await dispatch.enqueue(names.SCHEDULE_INSPECTIONS, {})
    await drain(SETTINGS)
    repaired = await ScheduledInspection.filter(plan_id=plan.id, customer_id=customer.id)
    assert {r.tier for r in repaired} == {"key"} and len(repaired) == f.PER_TIER["key"]


async def test_lead_time_opens_instances_assigned_to_the_account_auditor(api: Api) -> None:
    await f.load_builtins()
    auditor = await api.user(Role.AUDITOR, username="auditor-own")
    other = await api.user(Role.AUDITOR, username="auditor-other")
    owned, orphan = await f.customers(2, CustomerTier.KEY, prefix="o")
    await f.give_account_auditor(owned, auditor.id)
    # Key customers weekly from tomorrow; eight days' lead opens tomorrow's and next
    # week's occurrences today, not the two after.
    plan = await f.plan(recurrences=[("key", "FREQ=WEEKLY")], lead_days=8)
    await drain(SETTINGS)
    opened = await ScheduledInspection.filter(
        plan_id=plan.id, status=InspectionStatus.OPENED
    ).order_by("due_on")
    assert len(opened) == 4
    assert await ScheduledInspection.filter(plan_id=plan.id, status="planned").count() == 4
    instances = {i.id: i for i in await WorkflowInstance.all()}
    assert set(instances) == {row.instance_id for row in opened}
    for row in opened:
        instance = instances[row.instance_id]
        assert instance.customer_id == row.customer_id
        assert instance.state == "scheduled"
        assert instance.data["inspection"]["dueOn"] == row.due_on.isoformat()
        # The planned date is the instance's due date, in the auditors' time zone.
        assert instance.due_at is not None
        assert instance.due_at.astimezone(ZONE).date() == row.due_on
        expected = auditor.id if row.customer_id == owned.id else other.id
        # The orphan's inspections go round robin over active auditors (two here).
        if row.customer_id == owned.id:
            assert instance.assignee_id == expected == row.assignee_id
        else:
            assert instance.assignee_id in {auditor.id, other.id}
            assert instance.assignee_id == row.assignee_id
    orphan_assignees = [
        instances[r.instance_id].assignee_id for r in opened if r.customer_id == orphan.id
    ]
    assert len(set(orphan_assignees)) == 2  # in turn, not the same one twice

    # A planned date is a due date to show, not an SLA: past it, nothing escalates.
    await WorkflowInstance.filter(id=opened[0].instance_id).update(
        due_at=datetime.now(UTC) - timedelta(days=1)
    )
    assert await escalate_overdue(SETTINGS) == 0
    assert (await WorkflowInstance.get(id=opened[0].instance_id)).state == "scheduled"

    # A rerun opens nothing more and starts no second instance.
    await dispatch.enqueue(names.SCHEDULE_INSPECTIONS, {"planId": str(plan.id)})
    await drain(SETTINGS)
    assert await WorkflowInstance.all().count() == 4
    starts = await AuditEvent.filter(action="workflow.start").count()
    assert starts == 4

    # An instance that reached a final state marks its inspection done on the next pass.
    await WorkflowInstance.filter(id=opened[0].instance_id).update(closed_at=datetime.now(UTC))
    await dispatch.enqueue(names.SCHEDULE_INSPECTIONS, {"planId": str(plan.id)})
    await drain(SETTINGS)
    done = await ScheduledInspection.filter(plan_id=plan.id, status=InspectionStatus.DONE)
    assert [row.id for row in done] == [opened[0].id]


async def test_a_named_assignee_gets_every_inspection(api: Api) -> None:
    await f.load_builtins()
    manager = await api.user(Role.MANAGER)
    await api.user(Role.AUDITOR)
    customers = await f.customers(3, CustomerTier.NORMAL, prefix="u")
    await f.give_account_auditor(customers[0], (await api.user(Role.AUDITOR)).id)
    await f.plan(lead_days=8, assignment=AssignmentRule.USER, assignee_user_id=manager.id)
    await drain(SETTINGS)
    assert {i.assignee_id for i in await WorkflowInstance.all()} == {manager.id}
    assert await WorkflowInstance.all().count() == 3


def test_due_dates_on_holidays_move_to_the_next_working_day() -> None:
    # National Day 2025: 1-8 October off, Saturday 11 October a make-up working day.
    working = calendar(SETTINGS)
    assert scheduler.due_date(date(2025, 10, 1), True, working) == date(2025, 10, 9)
    assert scheduler.due_date(date(2025, 10, 11), True, working) == date(2025, 10, 11)
    assert scheduler.due_date(date(2025, 10, 1), False, working) == date(2025, 10, 1)
    assert scheduler.due_date(date(2025, 10, 12), True, working) == date(2025, 10, 13)  # Sunday


@pytest.mark.postgres_only
async def test_two_concurrent_passes_neither_duplicate_nor_drop(api: Api) -> None:
    await f.load_builtins()
    await f.customers(300, CustomerTier.KEY, prefix="c")
    await f.customers(300, CustomerTier.HIGH_RISK, prefix="d")
    plan = await f.plan(lead_days=2)
    await JobRun.all().delete()  # the plan's own request: the two passes below race instead
    today = f.today()

    async def one_pass() -> scheduler.PassCounts:
        counts = await scheduler.materialise(plan, today, batch_size=25, settings=SETTINGS)
        counts.add(await scheduler.open_due(plan, today, settings=SETTINGS))
        return counts

    first, second = await asyncio.gather(one_pass(), one_pass())
    expected = 300 * f.PER_TIER["key"] + 300 * f.PER_TIER["high_risk"]
    assert first.created + second.created == expected
    assert await _rows(plan.id) == expected
    # Lead two days: tomorrow's key occurrence and the high-risk ones on days 1 opened.
    opened = await ScheduledInspection.filter(plan_id=plan.id, status="opened").count()
    assert first.opened + second.opened == opened == 600
    assert await WorkflowInstance.all().count() == 600
    assert first.failed == second.failed == 0
    assert today + timedelta(days=1) == min(
        await ScheduledInspection.filter(plan_id=plan.id).values_list("due_on", flat=True)
    )
