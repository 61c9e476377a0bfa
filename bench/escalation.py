"""The SLA escalation job over many open instances: its time, and that a rerun fires nothing.

Creates ``--instances`` open instances (default 100,000) of which ``--overdue`` percent are
past due, runs ``escalate_overdue`` (what the ARQ cron job calls), then runs it again:
the rerun must find and fire nothing. The baseline is the job's own scan, a query that
lists the overdue instances, so the table shows the cost per escalation on top of finding it.

    .venv/bin/python bench/escalation.py [--backend postgres|sqlite] [--instances N] [--overdue P]
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import create_database, drop_database, print_table, remove_data_dir

# isort: split
import argparse
import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

from tortoise import Tortoise

from auditportal.auth.principal import Role, system_principal
from auditportal.auth.users import create_user
from auditportal.db import tortoise_config
from auditportal.schema_state import migrate
from auditportal.settings import Settings
from auditportal.workflows import definitions, instances, queries
from auditportal.workflows.models import WorkflowHistory, WorkflowInstance
from workflow_transitions import ping_pong

SETTINGS = Settings()  # the environment bench.support fixed
SYSTEM = system_principal("bench")


async def populate(version: object, total: int, overdue_percent: float) -> int:
    now = datetime.now(UTC)
    overdue = int(total * overdue_percent / 100)
    batch: list[WorkflowInstance] = []
    for index in range(total):
        due = now - timedelta(minutes=5) if index < overdue else now + timedelta(days=2)
        batch.append(
            WorkflowInstance(
                id=uuid.uuid4(), version=version, definition_id=version.definition_id,  # type: ignore[attr-defined]
                subject_type="customer", subject_id=f"c{index}", start_key=f"bench:{index}",
                state="open", state_entered_at=now, due_at=due, escalation_event="escalate",
                data={}, lock_version=1,
            )
        )  # fmt: skip
        if len(batch) == 5000:
            await WorkflowInstance.bulk_create(batch)
            batch = []
    if batch:
        await WorkflowInstance.bulk_create(batch)
    return overdue


async def run(backend: str, total: int, overdue_percent: float) -> None:
    url, name = await create_database(backend, "escalation")
    settings = SETTINGS.model_copy(update={"database_url": url})
    try:
        await migrate(settings)
        await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
        await create_user(SYSTEM, username="bench-manager", role=Role.MANAGER)
        saved = await definitions.save_draft(SYSTEM, ping_pong(), settings=SETTINGS)
        version = (await definitions.publish(SYSTEM, saved.id)).version
        started = time.perf_counter()
        overdue = await populate(version, total, overdue_percent)
        populate_seconds = time.perf_counter() - started

        started = time.perf_counter()
        scanned = 0
        after = None
        while batch := await queries.overdue_batch(datetime.now(UTC), 500, after):
            scanned += len(batch)
            after = batch[-1].id
        scan_seconds = time.perf_counter() - started

        started = time.perf_counter()
        fired = await instances.escalate_overdue(SETTINGS)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        refired = await instances.escalate_overdue(SETTINGS)
        rerun_seconds = time.perf_counter() - started
        escalations = await WorkflowHistory.filter(event="escalate").count()
        per = 1000 * first_seconds / max(fired, 1)
        print_table(
            f"escalation: backend={backend}, {total:,} open instances, {overdue:,} overdue "
            f"(created in {populate_seconds:.1f} s)",
            ["step", "instances", "seconds", "ms/instance"],
            [
                ["scan only (baseline)", f"{scanned:,}", f"{scan_seconds:.2f}",
                 f"{1000 * scan_seconds / max(scanned, 1):.3f}"],
                ["escalate_overdue, first run", f"{fired:,}", f"{first_seconds:.2f}", f"{per:.3f}"],
                ["escalate_overdue, rerun", f"{refired:,}", f"{rerun_seconds:.2f}", "-"],
            ],
        )  # fmt: skip
        print(
            f"history rows for 'escalate': {escalations:,} (expected {overdue:,}); "
            f"rerun fired {refired} (expected 0)"
        )
    finally:
        await Tortoise.close_connections()
        await drop_database(name)
        remove_data_dir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--instances", type=int, default=100_000)
    parser.add_argument("--overdue", type=float, default=5.0, help="percent past due")
    args = parser.parse_args()
    asyncio.run(run(args.backend, args.instances, args.overdue))


if __name__ == "__main__":
    main()
