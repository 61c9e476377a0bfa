"""ARQ worker settings: `auditportal worker` (or `arq auditportal.jobs.worker.WorkerSettings`)."""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import Any, cast
from uuid import UUID

from arq import Retry, cron, func
from arq.connections import RedisSettings
from arq.cron import CronJob
from arq.worker import run_worker as arq_run_worker

from auditportal.settings import Settings

# A worker starts with the ORM and its models only: a job's domain (the workflow engine, the
# scheduler, reports, imports, validators) is imported when that job first runs, so a start
# takes well under a second instead of several (issue 11; tests/test_worker_imports.py).
PeriodicJob = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def _lazy(module: str, name: str) -> PeriodicJob:
    """``module.name``, imported at its first run; ARQ knows it by the same name."""

    async def run(ctx: dict[str, Any]) -> dict[str, Any]:
        target: PeriodicJob = getattr(importlib.import_module(module), name)
        return await target(ctx)

    run.__name__ = run.__qualname__ = name
    return run


_TASKS = "auditportal.jobs.tasks"
verify_audit_trail = _lazy(_TASKS, "verify_audit_trail")
write_audit_checkpoint = _lazy(_TASKS, "write_audit_checkpoint")
escalate_overdue_work = _lazy(_TASKS, "escalate_overdue_work")
deliver_outbox = _lazy(_TASKS, "deliver_outbox")
remove_expired_credentials = _lazy(_TASKS, "remove_expired_credentials")
reclassify_customers_daily = _lazy(_TASKS, "reclassify_customers_daily")
expire_tier_overrides = _lazy(_TASKS, "expire_tier_overrides")
communication_reminders = _lazy(_TASKS, "communication_reminders")
requeue_stranded = _lazy(_TASKS, "requeue_stranded")
sync_crm_connections = _lazy(_TASKS, "sync_crm_connections")
request_scheduling_pass = _lazy("auditportal.inspections.jobs", "request_scheduling_pass")


async def on_startup(ctx: dict[str, Any]) -> None:
    # One ORM for the whole worker process: jobs run in their own tasks, and connections
    # they open must be the ones on_shutdown closes.
    from tortoise import Tortoise

    from auditportal.audit.service import use_chain_key
    from auditportal.db import tortoise_config
    from auditportal.jobs import dispatch
    from auditportal.keystore import load_audit_chain_key

    settings = ctx["settings"]
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    # Jobs may request further jobs (a scheduling pass per plan): through the same Redis.
    dispatch.use_queue(ctx["redis"])


async def on_shutdown(_ctx: dict[str, Any]) -> None:
    from tortoise import Tortoise

    await Tortoise.close_connections()


async def execute_run(ctx: dict[str, Any], run_id: str) -> dict[str, Any]:
    """The one ARQ function for requested jobs: the run row says what to do."""
    from auditportal.jobs.runs import execute, worker_name
    from auditportal.jobs.tasks import load_requested_jobs, settings_of

    load_requested_jobs()  # the domains' @job registrations, at the first requested job
    outcome = await execute(UUID(run_id), settings_of(ctx), worker=worker_name())
    if outcome.retry_in is not None:
        # ARQ keeps the job and runs it again after the back-off.
        raise Retry(defer=outcome.retry_in)
    return {"status": outcome.status.value if outcome.status else None}


def crm_sync_minutes(settings: Settings) -> set[int]:
    """Minutes of the hour the CRM sync pass runs: every N minutes, at most hourly (:23)."""
    every = settings.crm_sync_interval_minutes
    return set(range(0, 60, every)) if 0 < every < 60 else {23}


def redis_settings(settings: Settings) -> RedisSettings:
    return RedisSettings.from_dsn(settings.redis_url or "redis://127.0.0.1:6379/0")


def _cron(job: Callable[[dict[str, Any]], Awaitable[dict[str, Any]]], **when: Any) -> CronJob:
    """A unique cron entry (ARQ's own type of a job coroutine is narrower than ours)."""
    return cron(cast(Any, job), unique=True, **when)


def worker_settings(settings: Settings) -> dict[str, Any]:
    """What ARQ's Worker is built from, for these settings (also in every job's context)."""
    from auditportal.jobs import dispatch

    return {
        "functions": [
            func(execute_run, name=dispatch.ARQ_FUNCTION, timeout=settings.job_timeout_seconds),
            verify_audit_trail,
            write_audit_checkpoint,
            escalate_overdue_work,
            deliver_outbox,
            remove_expired_credentials,
            reclassify_customers_daily,
            expire_tier_overrides,
            communication_reminders,
            request_scheduling_pass,
            sync_crm_connections,
        ],
        "cron_jobs": [
            # Every minute: claiming is per instance, so overlapping runs never double-fire.
            _cron(escalate_overdue_work, second={0}, run_at_startup=True),
            _cron(deliver_outbox, second={15, 45}, run_at_startup=True),
            _cron(requeue_stranded, second={30}, run_at_startup=True),
            # Hourly: request a scheduling pass over every active plan (keyed per hour).
            _cron(request_scheduling_pass, minute={5}, second={0}, run_at_startup=False),
            _cron(remove_expired_credentials, hour={3}, minute={7}),
            _cron(verify_audit_trail, hour={2}, minute={17}, run_at_startup=False),
            _cron(write_audit_checkpoint, minute={47}, run_at_startup=False),
            _cron(reclassify_customers_daily, hour={1}, minute={37}),
            _cron(expire_tier_overrides, minute={5}, run_at_startup=True),
            _cron(communication_reminders, minute={25}, run_at_startup=True),
            _cron(sync_crm_connections, minute=crm_sync_minutes(settings)),
        ],
        "on_startup": on_startup,
        "on_shutdown": on_shutdown,
        "redis_settings": redis_settings(settings),
        "queue_name": settings.queue_name,
        "max_tries": 10,
        # Every function's timeout, and so how long ARQ waits before rerunning the job of a
        # killed worker (this plus 10 s): without it ARQ's 300 s default would apply.
        "job_timeout": settings.job_timeout_seconds,
        "ctx": {"settings": settings},
    }


def __getattr__(name: str) -> Any:
    # `arq auditportal.jobs.worker.WorkerSettings` reads this attribute: built when asked
    # for, from the environment, so that importing this module reads no settings.
    if name == "WorkerSettings":
        return worker_settings(Settings())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run_worker(settings: Settings, *, burst: bool = False) -> None:
    arq_run_worker(worker_settings(settings), burst=burst)
