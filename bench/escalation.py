"""The SLA escalation job over many open instances: its time, and that a rerun fires nothing.

Creates ``--instances`` open instances (default 100,000) of which ``--overdue`` percent are
past due, runs ``escalate_overdue`` (what the ARQ cron job calls), then runs it again:
the rerun must find and fire nothing. The baseline is what a user would write without the
engine: a set-based bulk escalation of another, equal set of overdue instances (one UPDATE
claiming and moving every overdue open instance to the escalation's target, one INSERT of
their history rows, in one transaction): no guard, actor, on-enter actions or audit events.
The job's own scan (the query that only finds the rows) is shown too.

    .venv/bin/python bench/escalation.py [--backend postgres|sqlite] [--instances N] [--overdue P]
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import create_database, drop_database, print_table, record_ratio, remove_data_dir

# isort: split
import argparse
import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

from tortoise import Tortoise
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from auditportal.audit.service import use_chain_key
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.users import create_user
from auditportal.db import tortoise_config
from auditportal.keystore import load_audit_chain_key
from auditportal.schema_state import migrate
from auditportal.settings import Settings
from auditportal.workflows import definitions, instances, queries
from auditportal.workflows.models import WorkflowHistory, WorkflowInstance
from workflow_transitions import ping_pong

SETTINGS = Settings()  # the environment bench.support fixed
SYSTEM = system_principal("bench")


async def bulk_escalate(now: datetime, target: str, event: str) -> int:
    """The set-based floor: claim and move every overdue open instance at once, with its
    history row, in one transaction."""
    async with in_transaction():
        due = WorkflowInstance.filter(
            due_at__lte=now, escalated_at__isnull=True, closed_at__isnull=True,
            escalation_event=event,
        )  # fmt: skip
        rows = await due.values_list("id", "state", "lock_version")
        await due.update(
            state=target, state_entered_at=now, escalated_at=now, last_escalated_at=now,
            lock_version=F("lock_version") + 1,
        )  # fmt: skip
        await WorkflowHistory.bulk_create(
            [
                WorkflowHistory(
                    instance_id=row[0],
                    sequence=row[2] + 1,
                    from_state=row[1],
                    to_state=target,
                    event=event,
                    actor="bulk",
                    occurred_at=now,
                )
                for row in rows
            ],
            batch_size=5000,
        )
    return len(rows)


async def populate(
    version: object, total: int, overdue_percent: float, prefix: str = "bench"
) -> int:
    now = datetime.now(UTC)
    overdue = int(total * overdue_percent / 100)
    batch: list[WorkflowInstance] = []
    for index in range(total):
        due = now - timedelta(minutes=5) if index < overdue else now + timedelta(days=2)
        batch.append(
            WorkflowInstance(
                id=uuid.uuid4(), version=version, definition_id=version.definition_id,  # type: ignore[attr-defined]
                subject_type="customer", subject_id=f"c{index}", start_key=f"{prefix}:{index}",
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
        use_chain_key(load_audit_chain_key(settings))
        await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
        await create_user(SYSTEM, username="bench-manager", role=Role.MANAGER)
        saved = await definitions.save_draft(SYSTEM, ping_pong(), settings=SETTINGS)
        version = (await definitions.publish(SYSTEM, saved.id)).version
        # The bulk baseline first, on its own instances (escalated, they are out of the way).
        await populate(version, total, overdue_percent, prefix="bulk")
        started = time.perf_counter()
        bulk = await bulk_escalate(datetime.now(UTC), target="done", event="escalate")
        bulk_seconds = time.perf_counter() - started
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
        escalations = await WorkflowHistory.filter(event="escalate", actor__not="bulk").count()
        per = 1000 * first_seconds / max(fired, 1)
        print_table(
            f"escalation: backend={backend}, {total:,} open instances, {overdue:,} overdue "
            f"(created in {populate_seconds:.1f} s)",
            ["step", "instances", "seconds", "ms/instance"],
            [
                ["bulk UPDATE + INSERT (baseline)", f"{bulk:,}", f"{bulk_seconds:.2f}",
                 f"{1000 * bulk_seconds / max(bulk, 1):.3f}"],
                ["scan only", f"{scanned:,}", f"{scan_seconds:.2f}",
                 f"{1000 * scan_seconds / max(scanned, 1):.3f}"],
                ["escalate_overdue, first run", f"{fired:,}", f"{first_seconds:.2f}", f"{per:.3f}"],
                ["escalate_overdue, rerun", f"{refired:,}", f"{rerun_seconds:.2f}", "-"],
            ],
        )  # fmt: skip
        bulk_per = 1000 * bulk_seconds / max(bulk, 1)
        print(f"escalate_overdue / bulk per instance: {per / max(bulk_per, 1e-9):.1f}x")
        figure = f"escalation per instance vs bulk UPDATE, {backend}"
        record_ratio("escalation", figure, per / max(bulk_per, 1e-9), None, "lower")
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
    parser.add_argument("--instances", type=int, default=20_000)
    parser.add_argument("--overdue", type=float, default=5.0, help="percent past due")
    args = parser.parse_args()
    asyncio.run(run(args.backend, args.instances, args.overdue))


if __name__ == "__main__":
    main()
