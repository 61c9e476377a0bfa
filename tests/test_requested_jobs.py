"""Requested jobs: one durable row per request, run by the embedded runner or a worker."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from asgi_lifespan import LifespanManager
from tortoise import Tortoise

from auditportal.app import create_app
from auditportal.jobs import dispatch
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from auditportal.jobs.runs import RunContext, TransientError, job
from tests.conftest import SETTINGS

CALLS: dict[str, int] = {}


@job("tests.count_to")
async def count_to(run: RunContext) -> dict[str, Any]:
    target = int(run.arguments["target"])
    start = int(run.checkpoint.get("reached", 0))
    for number in range(start + 1, target + 1):
        await run.save_checkpoint({"reached": number}, done=number)
    await run.progress(target, target)
    CALLS[str(run.run.id)] = CALLS.get(str(run.run.id), 0) + 1
    return {"reached": target, "resumedFrom": start}


@job("tests.flaky")
async def flaky(run: RunContext) -> dict[str, Any]:
    if run.attempt == 1:
        raise TransientError("the CRM said 429", retry_after=120)
    return {"attempt": run.attempt}


@job("tests.broken")
async def broken(_run: RunContext) -> dict[str, Any]:
    raise RuntimeError("secret connection string postgres://u:p@h/db")


async def _init(database_url: str) -> None:
    settings = SETTINGS.model_copy(update={"database_url": database_url})
    from auditportal.db import tortoise_config

    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def test_a_requested_job_runs_once_and_reports_progress(database_url: str) -> None:
    await _init(database_url)
    try:
        run = await dispatch.enqueue("tests.count_to", {"target": 3}, key=f"count-{uuid4()}")
        again = await dispatch.enqueue("tests.count_to", {"target": 3}, key=run.key)
        assert again.id == run.id  # the same request twice is one run
        assert await drain(SETTINGS) == 1
        done = await JobRun.get(id=run.id)
        assert done.status is JobStatus.SUCCEEDED
        assert done.attempts == 1
        assert (done.progress_done, done.progress_total) == (3, 3)
        assert done.result == {"reached": 3, "resumedFrom": 0}
        assert await drain(SETTINGS) == 0  # finished runs are never run again
        assert CALLS[str(run.id)] == 1
    finally:
        await Tortoise.close_connections()


async def test_a_transient_failure_waits_for_its_back_off_then_succeeds(database_url: str) -> None:
    await _init(database_url)
    try:
        run = await dispatch.enqueue("tests.flaky")
        assert await drain(SETTINGS) == 1
        waiting = await JobRun.get(id=run.id)
        assert waiting.status is JobStatus.RETRYING
        assert waiting.not_before is not None
        assert waiting.not_before > datetime.now(UTC) + timedelta(seconds=60)  # Retry-After won
        assert "429" in (waiting.error or "")
        assert await drain(SETTINGS) == 0  # not before the back-off ends
        await JobRun.filter(id=run.id).update(not_before=datetime.now(UTC) - timedelta(seconds=1))
        assert await drain(SETTINGS) == 1
        done = await JobRun.get(id=run.id)
        assert (done.status, done.attempts, done.result) == (
            JobStatus.SUCCEEDED,
            2,
            {"attempt": 2},
        )
    finally:
        await Tortoise.close_connections()


async def test_failures_are_recorded_without_internals(database_url: str) -> None:
    await _init(database_url)
    try:
        crashed = await dispatch.enqueue("tests.broken")
        unknown = await dispatch.enqueue("tests.no_such_job")
        assert await drain(SETTINGS) == 2
        crashed_row = await JobRun.get(id=crashed.id)
        assert crashed_row.status is JobStatus.FAILED
        assert "postgres://" not in (crashed_row.error or "")
        unknown_row = await JobRun.get(id=unknown.id)
        assert unknown_row.status is JobStatus.FAILED
        assert "tests.no_such_job" in (unknown_row.error or "")
    finally:
        await Tortoise.close_connections()


async def test_a_run_whose_process_died_resumes_from_its_checkpoint(database_url: str) -> None:
    await _init(database_url)
    try:
        run = await dispatch.enqueue("tests.count_to", {"target": 5})
        # As a killed process leaves it: running, two steps done, heartbeat long ago.
        await JobRun.filter(id=run.id).update(
            status=JobStatus.RUNNING,
            attempts=1,
            checkpoint={"reached": 2},
            heartbeat_at=datetime.now(UTC) - timedelta(hours=2),
        )
        assert await drain(SETTINGS, stale_after=timedelta(hours=1)) == 1
        done = await JobRun.get(id=run.id)
        assert (done.status, done.attempts) == (JobStatus.SUCCEEDED, 2)
        assert done.result == {"reached": 5, "resumedFrom": 2}
    finally:
        await Tortoise.close_connections()


async def test_the_embedded_runner_runs_a_request_as_soon_as_it_is_made(
    database_url: str,
) -> None:
    settings = SETTINGS.model_copy(
        update={
            "database_url": database_url,
            "embedded_jobs": True,
            "embedded_jobs_interval_seconds": 3600,
        }
    )
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60):
        run = await dispatch.enqueue("tests.count_to", {"target": 2})
        status = JobStatus.QUEUED
        for _ in range(100):  # woken at once; up to ~10 s on a slow machine
            status = (await JobRun.get(id=run.id)).status
            if status is JobStatus.SUCCEEDED:
                break
            await asyncio.sleep(0.1)
    assert status is JobStatus.SUCCEEDED
