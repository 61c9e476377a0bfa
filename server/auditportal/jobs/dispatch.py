"""Requesting a job: a row in ``job_runs`` first, then a nudge to whoever runs jobs.

With Redis configured the nudge is an ARQ job carrying the run id; without it, the
embedded runner in the server process is woken. Either way the row is the truth: a run
whose nudge was lost (Redis flushed, server restarted) is found again by ``requeue``.
Call ``enqueue`` after the transaction that makes the job meaningful has committed.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from uuid import UUID

from arq.connections import ArqRedis
from tortoise.exceptions import IntegrityError

from auditportal.jobs.models import JobRun, JobStatus

logger = logging.getLogger("auditportal.jobs")

ARQ_FUNCTION = "execute_run"


class _Target:
    pool: ArqRedis | None = None
    wakeup: asyncio.Event | None = None


_target = _Target()


def use_queue(pool: ArqRedis | None) -> None:
    """Send nudges to ARQ (the server with Redis configured, the worker itself)."""
    _target.pool = pool


def use_embedded(wakeup: asyncio.Event | None) -> None:
    """Wake the in-process runner (the embedded default)."""
    _target.wakeup = wakeup


def arq_job_id(run_id: UUID) -> str:
    return f"run:{run_id}"


async def enqueue(
    name: str,
    arguments: dict[str, Any] | None = None,
    *,
    key: str | None = None,
    requested_by: UUID | None = None,
    max_attempts: int = 5,
    periodic: bool = False,
) -> JobRun:
    """Request a job. With ``key``, a second request returns the first run.

    The name is not checked here: a domain may request a job another domain registers
    (``auditportal.jobs.names``); a run no process knows ends as failed, visibly.
    ``periodic`` marks a run a timer requested rather than a person or another job.
    """
    if key is not None:
        existing = await JobRun.get_or_none(key=key)
        if existing is not None:
            return existing
    try:
        run = await JobRun.create(
            name=name,
            key=key,
            arguments=arguments or {},
            requested_by_id=requested_by,
            max_attempts=max_attempts,
            periodic=periodic,
        )
    except IntegrityError:
        return await JobRun.get(key=key)
    await nudge(run)
    return run


async def nudge(run: JobRun, *, defer_seconds: float | None = None) -> None:
    if _target.pool is not None:
        await _target.pool.enqueue_job(
            ARQ_FUNCTION, str(run.id), _job_id=arq_job_id(run.id), _defer_by=defer_seconds
        )
    elif _target.wakeup is not None:
        _target.wakeup.set()


async def requeue_lost(runs: list[JobRun]) -> int:
    """Nudge again runs that are due but may have no queue entry (ARQ deduplicates)."""
    count = 0
    for run in runs:
        if run.status in (JobStatus.QUEUED, JobStatus.RETRYING, JobStatus.RUNNING):
            await nudge(run)
            count += 1
    return count
