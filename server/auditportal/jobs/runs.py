"""Running a requested job: one code path for the ARQ worker and the embedded runner.

A job body is an async function of a ``RunContext``. It reports progress, may save a
checkpoint to resume from, and must be idempotent: a worker killed mid-job means the next
attempt starts the body again (from its checkpoint), so every write it makes is keyed.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
from tortoise.exceptions import DBConnectionError, OperationalError

from auditportal.errors import DomainError
from auditportal.jobs.models import FINISHED, JobRun, JobStatus
from auditportal.settings import Settings

logger = logging.getLogger("auditportal.jobs")


class TransientError(Exception):
    """Something outside us failed for now (a CRM rate limit, a network blip): retry later."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    TransientError,
    ConnectionError,
    TimeoutError,
    httpx.TransportError,
    DBConnectionError,
    OperationalError,
)


@dataclass
class RunContext:
    run: JobRun
    # The settings of the process running the job (a worker's, the server's, the CLI's).
    settings: Settings

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.run.arguments or {})

    @property
    def checkpoint(self) -> dict[str, Any]:
        return dict(self.run.checkpoint or {})

    @property
    def attempt(self) -> int:
        return self.run.attempts

    async def progress(self, done: int, total: int | None = None) -> None:
        """Record how far the job got (also the heartbeat that shows it is alive)."""
        self.run.progress_done = done
        fields = ["progress_done", "heartbeat_at"]
        if total is not None:
            self.run.progress_total = total
            fields.append("progress_total")
        self.run.heartbeat_at = datetime.now(UTC)
        await self.run.save(update_fields=fields)

    async def save_checkpoint(self, data: dict[str, Any], *, done: int | None = None) -> None:
        """Where a later attempt resumes. Save it in the transaction of the work it marks."""
        self.run.checkpoint = data
        self.run.heartbeat_at = datetime.now(UTC)
        fields = ["checkpoint", "heartbeat_at"]
        if done is not None:
            self.run.progress_done = done
            fields.append("progress_done")
        await self.run.save(update_fields=fields)


JobBody = Callable[[RunContext], Awaitable[dict[str, Any]]]

# Requested jobs by name. Domain jobs register in auditportal.jobs.tasks.
REGISTRY: dict[str, JobBody] = {}


def job(name: str) -> Callable[[JobBody], JobBody]:
    def register(body: JobBody) -> JobBody:
        REGISTRY[name] = body
        return body

    return register


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def backoff_seconds(attempt: int, retry_after: float | None = None) -> float:
    """Exponential: 5 s, 10 s, 20 s ... capped at 10 minutes; a server's Retry-After wins."""
    if retry_after is not None:
        return max(1.0, min(retry_after, 3600.0))
    return float(min(5 * 2 ** max(0, attempt - 1), 600))


@dataclass(frozen=True)
class Outcome:
    status: JobStatus | None  # None: nothing to do (unknown or already finished)
    retry_in: float | None = None


async def execute(run_id: UUID, settings: Settings, *, worker: str | None = None) -> Outcome:
    """Run one attempt of a requested job and record how it ended."""
    now = datetime.now(UTC)
    claimed = await JobRun.filter(id=run_id, status__not_in=list(FINISHED)).update(
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker=worker or worker_name(),
    )
    if not claimed:
        return Outcome(None)
    run = await JobRun.get(id=run_id)
    run.attempts += 1
    await run.save(update_fields=["attempts"])
    body = REGISTRY.get(run.name)
    if body is None:
        return await _finish(run, JobStatus.FAILED, error=f"unknown job {run.name}")
    try:
        result = await body(RunContext(run, settings))
    except TRANSIENT_ERRORS as exc:
        retry_after = exc.retry_after if isinstance(exc, TransientError) else None
        if run.attempts >= run.max_attempts:
            logger.warning("job %s %s failed for good: %s", run.name, run.id, exc)
            return await _finish(run, JobStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
        delay = backoff_seconds(run.attempts, retry_after)
        logger.info("job %s %s retries in %.0f s: %s", run.name, run.id, delay, exc)
        run.status = JobStatus.RETRYING
        run.error = f"{type(exc).__name__}: {exc}"
        run.not_before = datetime.now(UTC) + timedelta(seconds=delay)
        await run.save(update_fields=["status", "error", "not_before"])
        return Outcome(JobStatus.RETRYING, retry_in=delay)
    except DomainError as exc:
        return await _finish(run, JobStatus.FAILED, error=f"{exc.code}: {exc}")
    except Exception:
        logger.exception("job %s %s failed", run.name, run.id)
        return await _finish(run, JobStatus.FAILED, error="internal error; see the worker log")
    return await _finish(run, JobStatus.SUCCEEDED, result=result)


async def _finish(
    run: JobRun,
    status: JobStatus,
    *,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> Outcome:
    run.status = status
    run.result = result
    run.error = error
    run.finished_at = datetime.now(UTC)
    await run.save(update_fields=["status", "result", "error", "finished_at"])
    return Outcome(status)


async def pending_runs(*, stale_after: timedelta, limit: int = 20) -> list[JobRun]:
    """Runs due for an attempt: queued, retrying past their back-off, or running without a
    heartbeat for ``stale_after`` (their process died)."""
    now = datetime.now(UTC)
    due = (
        await JobRun.filter(status__in=[JobStatus.QUEUED, JobStatus.RETRYING])
        .order_by("queued_at")
        .limit(limit * 4)
    )
    ready = [r for r in due if r.not_before is None or r.not_before <= now]
    stale = (
        await JobRun.filter(status=JobStatus.RUNNING, heartbeat_at__lt=now - stale_after)
        .order_by("queued_at")
        .limit(limit)
    )
    return (ready + [r for r in stale if r.name in REGISTRY])[:limit]


async def track_periodic(name: str, body: Callable[[], Awaitable[dict[str, Any]]]) -> JobRun:
    """Run a periodic job inline and keep a record of it for admins."""
    now = datetime.now(UTC)
    run = await JobRun.create(
        name=name,
        periodic=True,
        status=JobStatus.RUNNING,
        attempts=1,
        max_attempts=1,
        started_at=now,
        heartbeat_at=now,
        worker=worker_name(),
    )
    try:
        result = await body()
    except Exception as exc:
        await _finish(run, JobStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
        raise
    await _finish(run, JobStatus.SUCCEEDED, result=result)
    return run


async def prune_runs(*, periodic_days: int = 7, requested_days: int = 90) -> int:
    """Old records go: routine periodic runs after a week, requested jobs after a quarter."""
    now = datetime.now(UTC)
    routine = await JobRun.filter(
        periodic=True,
        status=JobStatus.SUCCEEDED,
        finished_at__lt=now - timedelta(days=periodic_days),
    ).delete()
    old = await JobRun.filter(
        status__in=list(FINISHED), finished_at__lt=now - timedelta(days=requested_days)
    ).delete()
    return int(routine) + int(old)
