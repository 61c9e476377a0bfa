"""The embedded default: without Redis, the server runs the jobs itself.

The same job functions the ARQ worker runs, on the same schedule, in two asyncio tasks of
the server process: one fires the periodic jobs, the other runs requested jobs (imports,
scheduling passes) from ``job_runs``. Nothing durable depends on these tasks: every job is
idempotent and works from the database, so a restart only delays the next run, and a run
the restart interrupted is picked up again once its heartbeat is stale.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from auditportal.inspections.jobs import request_scheduling_pass
from auditportal.jobs import dispatch
from auditportal.jobs.runs import execute, pending_runs
from auditportal.jobs.tasks import (
    communication_reminders,
    deliver_outbox,
    escalate_overdue_work,
    expire_tier_overrides,
    load_requested_jobs,
    reclassify_customers_daily,
    remove_expired_credentials,
    sync_crm_connections,
    verify_audit_trail,
    write_audit_checkpoint,
)
from auditportal.settings import Settings

logger = logging.getLogger("auditportal.jobs.embedded")

Job = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Periodic:
    job: Job
    every_seconds: float


def schedule(interval_seconds: float, crm_sync_seconds: float = 3600) -> list[Periodic]:
    return [
        Periodic(escalate_overdue_work, interval_seconds),
        Periodic(deliver_outbox, interval_seconds / 2),
        Periodic(request_scheduling_pass, 3600),
        Periodic(verify_audit_trail, 24 * 3600),
        Periodic(write_audit_checkpoint, 3600),
        Periodic(remove_expired_credentials, 24 * 3600),
        Periodic(reclassify_customers_daily, 24 * 3600),
        Periodic(expire_tier_overrides, 3600),
        Periodic(communication_reminders, 3600),
        Periodic(sync_crm_connections, crm_sync_seconds),
    ]


async def drain(settings: Settings, *, stale_after: timedelta = timedelta(minutes=5)) -> int:
    """Run every requested job that is due, one after another; how many attempts ran."""
    load_requested_jobs()
    attempts = 0
    while True:
        due = await pending_runs(stale_after=stale_after, limit=1)
        if not due:
            return attempts
        await execute(due[0].id, settings)
        attempts += 1


class EmbeddedRunner:
    def __init__(
        self, jobs: list[Periodic], settings: Settings, *, requested_jobs: bool = True
    ) -> None:
        self.jobs = jobs
        self.settings = settings
        self.requested_jobs = requested_jobs
        self._tasks: list[asyncio.Task[None]] = []
        self._wakeup = asyncio.Event()
        self.runs: dict[str, int] = {}

    async def _queue_loop(self) -> None:
        while True:
            try:
                done = await drain(self.settings)
                self.runs["requested"] = self.runs.get("requested", 0) + done
            except Exception:
                logger.exception("embedded job queue failed; it runs again later")
            # Woken by enqueue; otherwise look again for back-offs that ended.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), timeout=5)
            self._wakeup.clear()

    async def _loop(self) -> None:
        next_run = dict.fromkeys(range(len(self.jobs)), 0.0)
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            for index, periodic in enumerate(self.jobs):
                if now >= next_run[index]:
                    next_run[index] = now + periodic.every_seconds
                    name = periodic.job.__name__
                    try:
                        at = datetime.now(UTC)
                        await periodic.job({"embedded": True, "at": at, "settings": self.settings})
                        self.runs[name] = self.runs.get(name, 0) + 1
                    except Exception:
                        logger.exception("embedded job %s failed; it runs again later", name)
            await asyncio.sleep(max(0.05, min(next_run.values()) - loop.time()))

    def start(self) -> None:
        self._tasks.append(asyncio.create_task(self._loop(), name="auditportal-periodic-jobs"))
        if self.requested_jobs:
            dispatch.use_embedded(self._wakeup)
            self._tasks.append(
                asyncio.create_task(self._queue_loop(), name="auditportal-requested-jobs")
            )

    async def stop(self) -> None:
        dispatch.use_embedded(None)
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
