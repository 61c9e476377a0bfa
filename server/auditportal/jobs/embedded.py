"""The embedded default: without Redis, the server runs the periodic jobs itself.

The same job functions the ARQ worker runs, on the same schedule, in one asyncio task of
the server process. Nothing durable depends on this task: every job is idempotent and
works from the database, so a restart only delays the next run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from auditportal.jobs.tasks import (
    deliver_outbox,
    escalate_overdue_work,
    remove_expired_credentials,
    verify_audit_trail,
)

logger = logging.getLogger("auditportal.jobs.embedded")

Job = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Periodic:
    job: Job
    every_seconds: float


def schedule(interval_seconds: float) -> list[Periodic]:
    return [
        Periodic(escalate_overdue_work, interval_seconds),
        Periodic(deliver_outbox, interval_seconds / 2),
        Periodic(verify_audit_trail, 24 * 3600),
        Periodic(remove_expired_credentials, 24 * 3600),
    ]


class EmbeddedRunner:
    def __init__(self, jobs: list[Periodic]) -> None:
        self.jobs = jobs
        self._task: asyncio.Task[None] | None = None
        self.runs: dict[str, int] = {}

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
                        await periodic.job({"embedded": True, "at": datetime.now(UTC)})
                        self.runs[name] = self.runs.get(name, 0) + 1
                    except Exception:
                        logger.exception("embedded job %s failed; it runs again later", name)
            await asyncio.sleep(max(0.05, min(next_run.values()) - loop.time()))

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="auditportal-embedded-jobs")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
