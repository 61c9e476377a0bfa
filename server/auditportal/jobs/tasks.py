"""Job functions. Each is idempotent: ARQ may run a job again after a worker dies.

Periodic jobs (cron in the worker, a timer in the embedded runner) are plain async
functions of the ARQ context, each recorded as a run for admins. Requested jobs (an import,
a scheduling pass) register with ``@job`` in their domain's module listed in
``REQUESTED_JOB_MODULES`` and run through ``auditportal.jobs.runs.execute``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from auditportal.audit.service import verify_chain, write_checkpoint
from auditportal.auth.cleanup import remove_expired
from auditportal.jobs import dispatch
from auditportal.jobs.runs import pending_runs, prune_runs, track_periodic
from auditportal.settings import Settings
from auditportal.workflows.instances import escalate_overdue, send_reminders
from auditportal.workflows.outbox import deliver_pending

logger = logging.getLogger("auditportal.jobs")

# Modules whose import registers requested jobs (``@job("name")``).
REQUESTED_JOB_MODULES: list[str] = [
    "auditportal.customers.jobs",
    "auditportal.inspections.jobs",
    "auditportal.imports.jobs",
    "auditportal.imports.sync",
    "auditportal.forms.jobs",
    "auditportal.search.jobs",
    "auditportal.evidence.jobs",
    "auditportal.submissions.form_rules",
    "auditportal.exports.jobs",
]


def load_requested_jobs() -> None:
    for module in REQUESTED_JOB_MODULES:
        importlib.import_module(module)


PeriodicJob = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def settings_of(ctx: dict[str, Any]) -> Settings:
    """The settings the running process put in the job context (the ARQ worker's startup,
    the embedded runner): jobs never read the environment themselves."""
    settings = ctx["settings"]
    assert isinstance(settings, Settings)
    return settings


def periodic(body: Callable[[Settings], Awaitable[dict[str, Any]]]) -> PeriodicJob:
    """A periodic job whose every run is recorded in ``job_runs``."""

    @wraps(body)
    async def run(ctx: dict[str, Any]) -> dict[str, Any]:
        settings = settings_of(ctx)
        record = await track_periodic(body.__name__, lambda: body(settings))
        return dict(record.result or {})

    return run


@periodic
async def verify_audit_trail(settings: Settings) -> dict[str, Any]:
    """Internal control: re-check the audit trail's hash chain and report a break loudly."""
    report = await verify_chain()
    if report.ok:
        logger.info("audit trail intact: %d events", report.checked)
    else:
        logger.error("audit trail broken at event %s: %s", report.first_broken_id, report.reason)
    return {"ok": report.ok, "checked": report.checked, "firstBrokenId": report.first_broken_id}


@periodic
async def write_audit_checkpoint(settings: Settings) -> dict[str, Any]:
    """Sign the audit trail's count and head, so a later truncation or rewrite is found."""
    checkpoint = await write_checkpoint()
    if checkpoint is None:
        return {"checkpoint": None}
    return {"checkpoint": checkpoint.id, "events": checkpoint.event_count}


@periodic
async def escalate_overdue_work(settings: Settings) -> dict[str, Any]:
    """Fire the SLA escalation of every overdue workflow instance, exactly once each."""
    fired = await escalate_overdue(settings)
    if fired:
        logger.info("escalated %d overdue workflow instance(s)", fired)
    # Reminders before the due time ride on the same pass (sla.remind).
    reminded = await send_reminders()
    return {"escalated": fired, "reminded": reminded}


@periodic
async def deliver_outbox(settings: Settings) -> dict[str, Any]:
    """Do what workflow steps asked for after they committed: webhooks, notifications,
    PDF reports."""
    counts: dict[str, Any] = dict(await deliver_pending(settings))
    if any(counts.values()):
        logger.info("outbox: %s", counts)
    return counts


@periodic
async def remove_expired_credentials(settings: Settings) -> dict[str, Any]:
    """Daily: delete refresh tokens, codes, revoked ids and throttles that can no longer
    matter, job records past their keeping time, uploaded customer files past theirs and
    evidence uploads no submission took."""
    from auditportal.evidence.service import remove_unused
    from auditportal.imports.service import remove_expired_files

    removed = await remove_expired()
    logger.info("removed expired credentials: %s", removed)
    return {
        **vars(removed),
        "jobRuns": await prune_runs(),
        "importFiles": await remove_expired_files(settings),
        "unusedAttachments": await remove_unused(settings),
    }


@periodic
async def reclassify_customers_daily(settings: Settings) -> dict[str, Any]:
    """Daily: refresh every customer's risk score and tier (findings and complaints age out
    of their windows), ending overdue tier overrides first."""
    from auditportal.customers.jobs import reclassify_all

    return await reclassify_all()


@periodic
async def expire_tier_overrides(settings: Settings) -> dict[str, Any]:
    """Hourly: end tier overrides past their expiry and reclassify those customers."""
    from auditportal.customers.classification import expire_overrides

    return await expire_overrides()


@periodic
async def communication_reminders(settings: Settings) -> dict[str, Any]:
    """Hourly: turn communication plans into due tasks (unique per plan and date) and
    notify their owners."""
    from auditportal.customers.communications import materialise_due_tasks

    return await materialise_due_tasks()


@periodic
async def sync_crm_connections(settings: Settings) -> dict[str, Any]:
    """Request an incremental sync of every active CRM connection (Zoho, Fxiaoke)."""
    from auditportal.imports.sync import request_incremental_syncs

    return await request_incremental_syncs()


async def requeue_stranded(ctx: dict[str, Any]) -> dict[str, Any]:
    """Nudge requested runs whose queue entry may be gone (Redis flushed or replaced).
    Not recorded as a run itself: it runs every minute and changes nothing it finds."""
    stale_after = timedelta(seconds=settings_of(ctx).job_timeout_seconds + 60)
    return {"nudged": await dispatch.requeue_lost(await pending_runs(stale_after=stale_after))}
