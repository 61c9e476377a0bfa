"""Real ARQ worker processes against the real Redis: a requested scheduling pass runs and
is recorded; a worker killed (SIGKILL) in the middle of one leaves it to a second worker,
which resumes from the checkpoint and finishes it exactly once, nothing duplicated or lost;
a run whose queue entry Redis lost is found again from its row.
Both backends: on SQLite the worker processes and the test share the database file.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings

from auditportal.audit.models import AuditEvent
from auditportal.customers.models import CustomerTier
from auditportal.inspections.models import ScheduledInspection
from auditportal.jobs import dispatch, names
from auditportal.jobs.models import JobRun, JobStatus
from tests import inspection_factories as f
from tests.conftest import Api
from tests.oauth_support import CLI, cli

# Starts real processes (the CLI, a server, a worker): left out of `make test-quick`.
pytestmark = pytest.mark.slow

REDIS_URL = os.environ.get("AUDITPORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# ARQ reruns a killed worker's job once its in-progress key expires: timeout + 10 s.
JOB_TIMEOUT_SECONDS = 8


@pytest.fixture
async def queue(api: Api) -> AsyncIterator[tuple[str, ArqRedis]]:
    """A queue of this test's own, which dispatch.enqueue sends to."""
    name = f"auditportal:test:{uuid.uuid4()}"
    pool = await create_pool(RedisSettings.from_dsn(REDIS_URL), default_queue_name=name)
    dispatch.use_queue(pool)
    try:
        yield name, pool
    finally:
        dispatch.use_queue(None)
        # This test's keys only: other tests' workers share the Redis.
        job_ids = [
            dispatch.arq_job_id(run_id)
            for run_id in await JobRun.all().values_list("id", flat=True)
        ]
        prefixes = ("arq:job:", "arq:result:", "arq:retry:", "arq:in-progress:")
        await pool.delete(name, *[p + job_id for job_id in job_ids for p in prefixes])
        await pool.aclose()


def _worker_env(api: Api, queue_name: str) -> dict[str, str]:
    return {
        **os.environ,
        "AUDITPORTAL_DATABASE_URL": str(api.settings.database_url),
        "AUDITPORTAL_REDIS_URL": REDIS_URL,
        "AUDITPORTAL_QUEUE_NAME": queue_name,
        "AUDITPORTAL_JOB_TIMEOUT_SECONDS": str(JOB_TIMEOUT_SECONDS),
        "AUDITPORTAL_LOG_LEVEL": "INFO",
    }


@contextmanager
def worker(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[str]]:
    with log.open("a") as output:
        process = _start(env, output)
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=15)


def _start(env: dict[str, str], output: IO[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - our own CLI
        [*CLI, "worker"], env=env, stdout=output, stderr=subprocess.STDOUT, text=True
    )


async def _wait_for(run_id: uuid.UUID, done: int | None = None, seconds: float = 45) -> JobRun:
    """The run once it reached ``done`` customers, or once it finished."""
    for _ in range(int(seconds / 0.05)):
        run = await JobRun.get(id=run_id)
        if done is not None and run.progress_done >= done and run.status == JobStatus.RUNNING:
            return run
        if done is None and run.status in (JobStatus.SUCCEEDED, JobStatus.FAILED):
            return run
        await asyncio.sleep(0.05)
    pytest.fail(f"run {run_id} did not get there: {await JobRun.get(id=run_id)}")


async def test_a_requested_pass_runs_in_a_real_worker(
    api: Api, queue: tuple[str, ArqRedis], tmp_path: Path
) -> None:
    await f.load_builtins()
    await f.customers(40, CustomerTier.KEY, prefix="k")
    await f.customers(60, CustomerTier.NORMAL, prefix="n")
    plan = await f.plan()  # enqueues its first pass through Redis
    run = await JobRun.get(name=names.SCHEDULE_INSPECTIONS)
    assert run.status == JobStatus.QUEUED
    with worker(_worker_env(api, queue[0]), tmp_path / "worker.log"):
        finished = await _wait_for(run.id)
    assert finished.status == JobStatus.SUCCEEDED, (tmp_path / "worker.log").read_text()
    assert finished.attempts == 1 and finished.worker is not None
    expected = 40 * f.PER_TIER["key"] + 60 * f.PER_TIER["normal"]
    assert finished.result["created"] == expected
    assert await ScheduledInspection.filter(plan_id=plan.id).count() == expected


async def test_a_killed_worker_s_pass_is_finished_once_by_another(
    api: Api, queue: tuple[str, ArqRedis], tmp_path: Path
) -> None:
    await f.load_builtins()
    await f.customers(1200, CustomerTier.KEY, prefix="k")
    await f.customers(1200, CustomerTier.NORMAL, prefix="n")
    await f.customers(600, CustomerTier.HIGH_RISK, prefix="h")
    total = 3000
    expected = (
        1200 * f.PER_TIER["key"] + 1200 * f.PER_TIER["normal"] + 600 * f.PER_TIER["high_risk"]
    )
    dispatch.use_queue(None)
    plan = await f.plan()
    await JobRun.all().delete()  # the plan's own request: the slow one below replaces it
    dispatch.use_queue(queue[1])
    # Small batches with a pause: slow enough (about 3 s) to be killed in the middle.
    run = await dispatch.enqueue(
        names.SCHEDULE_INSPECTIONS,
        {"planId": str(plan.id), "batchSize": 50, "throttleMs": 50},
    )
    env = _worker_env(api, queue[0])
    log = tmp_path / "workers.log"
    with worker(env, log) as first:
        midway = await _wait_for(run.id, done=600)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    assert midway.progress_done < total
    killed = await JobRun.get(id=run.id)
    assert killed.status == JobStatus.RUNNING and killed.attempts == 1
    committed = await ScheduledInspection.filter(plan_id=plan.id).count()
    assert 0 < committed < expected

    with worker(env, log):
        finished = await _wait_for(run.id, seconds=50)
    assert finished.status == JobStatus.SUCCEEDED, log.read_text()
    assert finished.attempts == 2
    assert (finished.progress_done, finished.progress_total) == (total, total)
    # The second attempt resumed after the last committed batch: it created the rest.
    assert finished.result["created"] == expected - committed
    rows = await ScheduledInspection.filter(plan_id=plan.id).values_list("customer_id", "period")
    assert len(rows) == len(set(rows)) == expected
    events = await AuditEvent.filter(action="inspection_plan.scheduled", object_id=str(plan.id))
    assert [e.summary["jobRunId"] for e in events] == [str(run.id)]


async def test_a_pass_by_hand_from_the_command_line(api: Api, tmp_path: Path) -> None:
    await f.load_builtins()
    await f.customers(5, CustomerTier.KEY, prefix="k")
    plan = await f.plan()
    env = {**os.environ, "AUDITPORTAL_DATABASE_URL": str(api.settings.database_url)}
    done = cli(env, "schedule", "--plan", str(plan.id))
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout.strip().splitlines()[-1])
    assert printed["status"] == "succeeded" and printed["created"] == 5 * f.PER_TIER["key"]
    assert await ScheduledInspection.filter(plan_id=plan.id).count() == 5 * f.PER_TIER["key"]
    again = json.loads(cli(env, "schedule").stdout.strip().splitlines()[-1])
    assert again["created"] == 0 and again["plans"] == 1


async def test_a_run_whose_queue_entry_was_lost_still_runs(
    api: Api, queue: tuple[str, ArqRedis], tmp_path: Path
) -> None:
    await f.load_builtins()
    await f.customers(10, CustomerTier.HIGH_RISK, prefix="h")
    plan = await f.plan()
    run = await JobRun.get(name=names.SCHEDULE_INSPECTIONS)
    # Redis loses the entry (flushed, failed over): the job_runs row is still there.
    name, pool = queue
    await pool.delete(name, f"arq:job:{dispatch.arq_job_id(run.id)}")
    assert await pool.zcard(name) == 0
    with worker(_worker_env(api, name), tmp_path / "worker.log"):
        finished = await _wait_for(run.id)
    assert finished.status == JobStatus.SUCCEEDED, (tmp_path / "worker.log").read_text()
    assert await ScheduledInspection.filter(plan_id=plan.id).count() == 10 * f.PER_TIER["high_risk"]
