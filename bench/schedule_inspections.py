"""Materialising a quarter of inspections for 100,000 customers: its time, and a rerun.

Creates ``--customers`` customers (default 10,000, a few minutes on a shared two-core
machine; ``--full``: 100,000: 20 % key, 70 % normal, 10 % high
risk) and one plan (key monthly, normal quarterly, high risk every two weeks, a 91-day
horizon from tomorrow, no lead time so nothing opens), then per run:

- baseline: the same rows written by PostgreSQL ``COPY`` into the empty table (the floor:
  no rule expansion, no conflict handling, no batching, no checkpoints);
- the scheduling job (``schedule_inspections`` through ``auditportal.jobs.runs.execute``,
  as a worker runs it) on the empty table;
- the same job again on the full table: it must create nothing;
- a naive per-row check-then-insert through the ORM on a sample, extrapolated.

The table shows the median over ``--runs`` runs and each row's time over the baseline.

    .venv/bin/python bench/schedule_inspections.py [--customers N | --full] [--runs R] [--sample S]
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import (
    REPO_ROOT,
    create_database,
    drop_database,
    median,
    print_table,
    record_ratio,
    remove_data_dir,
)

# isort: split
import argparse
import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

from tortoise import Tortoise, connections

from auditportal.audit.service import use_chain_key
from auditportal.auth.principal import system_principal
from auditportal.customers.models import Customer, CustomerTier
from auditportal.db import tortoise_config
from auditportal.forms.loader import load_form_directory
from auditportal.inspections import scheduler, service
from auditportal.inspections.models import InspectionPlan, ScheduledInspection
from auditportal.jobs import dispatch, names
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun
from auditportal.keystore import load_audit_chain_key
from auditportal.schema_state import migrate
from auditportal.settings import Settings
from auditportal.workflows.definitions import load_directory
from auditportal.workflows.instances import calendar

SETTINGS = Settings()  # the environment bench.support fixed

SYSTEM = system_principal("bench")
MIX = ((CustomerTier.KEY, 0.2), (CustomerTier.NORMAL, 0.7), (CustomerTier.HIGH_RISK, 0.1))


async def populate(total: int) -> None:
    batch: list[Customer] = []
    index = 0
    for tier, share in MIX:
        for _ in range(int(total * share)):
            batch.append(Customer(code=f"C{index:07d}", name=f"客户 {index}", tier=tier))
            index += 1
            if len(batch) == 5000:
                await Customer.bulk_create(batch)
                batch = []
    if batch:
        await Customer.bulk_create(batch)


async def make_plan() -> InspectionPlan:
    await load_form_directory(SYSTEM, REPO_ROOT / "forms", SETTINGS)
    await load_directory(SYSTEM, REPO_ROOT / "workflows", SETTINGS)
    plan = await service.create_plan(
        SYSTEM,
        service.PlanSpec(
            name={"zh-CN": "季度检查", "en": "Quarterly inspection"},
            form_key="customer-compliance-inspection",
            workflow_key="inspection",
            recurrences=[
                ("key", "FREQ=MONTHLY"),
                ("normal", "FREQ=MONTHLY;INTERVAL=3"),
                ("high_risk", "FREQ=WEEKLY;INTERVAL=2"),
            ],
            starts_on=scheduler.local_today(SETTINGS) + timedelta(days=1),
            lead_days=0,
            horizon_days=91,
            shift_to_workday=True,
        ),
        settings=SETTINGS,
    )
    await JobRun.all().delete()  # the plan's own request; the runs below are timed
    return plan


async def clear() -> None:
    await connections.get("default").execute_script("TRUNCATE scheduled_inspections")


async def copy_baseline(plan: InspectionPlan) -> tuple[float, int]:
    """The same rows, computed up front, written with COPY (timed: the write only)."""
    window = scheduler.window(plan, scheduler.local_today(SETTINGS))
    schedule = scheduler.occurrences(plan, *window, working=calendar(SETTINGS))
    customers = await Customer.all().order_by("id").values_list("id", "tier")
    now = datetime.now(UTC)
    records = [
        (uuid.uuid4(), plan.id, customer_id, o.period, str(tier), o.due_on, o.opens_on,
         "planned", now)
        for customer_id, tier in customers
        for o in schedule.get(str(tier), [])
    ]  # fmt: skip
    client = connections.get("default")
    started = time.perf_counter()
    async with client.acquire_connection() as connection:
        await connection.copy_records_to_table(
            "scheduled_inspections",
            records=records,
            columns=["id", "plan_id", "customer_id", "period", "tier", "due_on", "opens_on",
                     "status", "created_at"],
        )  # fmt: skip
    return time.perf_counter() - started, len(records)


async def scheduling_job(plan: InspectionPlan) -> tuple[float, JobRun]:
    run = await dispatch.enqueue(names.SCHEDULE_INSPECTIONS, {"planId": str(plan.id)})
    started = time.perf_counter()
    await drain(SETTINGS)
    seconds = time.perf_counter() - started
    return seconds, await JobRun.get(id=run.id)


async def naive_sample(plan: InspectionPlan, sample: int) -> float:
    """Per row: does it exist? If not, insert it. Seconds per row."""
    window = scheduler.window(plan, scheduler.local_today(SETTINGS))
    schedule = scheduler.occurrences(plan, *window, working=calendar(SETTINGS))
    customers = await Customer.all().order_by("id").limit(sample).values_list("id", "tier")
    rows = [(c, str(t), o) for c, t in customers for o in schedule.get(str(t), [])][:sample]
    started = time.perf_counter()
    for customer_id, tier, o in rows:
        if not await ScheduledInspection.exists(
            plan_id=plan.id, customer_id=customer_id, period=o.period
        ):
            await ScheduledInspection.create(
                plan_id=plan.id, customer_id=customer_id, period=o.period, tier=tier,
                due_on=o.due_on, opens_on=o.opens_on,
            )  # fmt: skip
    return (time.perf_counter() - started) / max(len(rows), 1)


async def run(customers: int, runs: int, sample: int) -> None:
    url, name = await create_database("postgres", "schedule")
    settings = SETTINGS.model_copy(update={"database_url": url})
    try:
        await migrate(settings)
        use_chain_key(load_audit_chain_key(settings))
        await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
        started = time.perf_counter()
        await populate(customers)
        populate_seconds = time.perf_counter() - started
        plan = await make_plan()
        copies, firsts, reruns, naives = [], [], [], []
        rows = created = recreated = 0
        for _ in range(runs):
            await clear()
            seconds, rows = await copy_baseline(plan)
            copies.append(seconds)
            await clear()
            seconds, first = await scheduling_job(plan)
            firsts.append(seconds)
            created = int(first.result["created"])
            seconds, again = await scheduling_job(plan)
            reruns.append(seconds)
            recreated = int(again.result["created"])
            total_rows = await ScheduledInspection.all().count()
            assert total_rows == rows == created, (total_rows, rows, created)
            assert recreated == 0
            await clear()
            naives.append(await naive_sample(plan, sample) * rows)
        base = median(copies)
        print_table(
            f"schedule_inspections: PostgreSQL, {customers:,} customers (20 % key monthly, "
            f"70 % normal quarterly, 10 % high risk fortnightly), 91-day horizon; "
            f"median of {runs} runs (customers created in {populate_seconds:.1f} s)",
            ["step", "rows created", "seconds", "rows/s", "time vs COPY"],
            [
                ["COPY of the same rows (baseline)", f"{rows:,}", f"{base:.2f}",
                 f"{rows / base:,.0f}", "1.0"],
                ["scheduling job, empty table", f"{created:,}", f"{median(firsts):.2f}",
                 f"{rows / median(firsts):,.0f}", f"{median(firsts) / base:.1f}"],
                ["scheduling job, rerun (full table)", f"{recreated:,}", f"{median(reruns):.2f}",
                 "-", f"{median(reruns) / base:.1f}"],
                [f"naive check-then-insert per row ({sample:,}-row sample, extrapolated)",
                 f"{rows:,}", f"{median(naives):.1f}", f"{rows / median(naives):,.0f}",
                 f"{median(naives) / base:.1f}"],
            ],
        )  # fmt: skip
        figure = f"scheduling job vs COPY, {customers:,} customers"
        record_ratio("schedule_inspections", figure, median(firsts) / base, None, "lower")
        print(f"rows after each pass and rerun: {rows:,}; the rerun created {recreated}")
    finally:
        await Tortoise.close_connections()
        await drop_database(name)
        remove_data_dir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument(
        "--full", action="store_true", help="the issue's size: 100,000 customers (slow)"
    )
    args = parser.parse_args()
    customers = 100_000 if args.full else args.customers
    asyncio.run(run(customers, args.runs, args.sample))


if __name__ == "__main__":
    main()
