"""Job functions. Each is idempotent: ARQ may run a job again after a worker dies."""

from __future__ import annotations

import logging
from typing import Any

from auditportal.audit.service import verify_chain
from auditportal.auth.cleanup import remove_expired
from auditportal.workflows.instances import escalate_overdue
from auditportal.workflows.outbox import deliver_pending

logger = logging.getLogger("auditportal.jobs")


async def verify_audit_trail(_ctx: dict[str, Any]) -> dict[str, Any]:
    """Internal control: re-check the audit trail's hash chain and report a break loudly."""
    report = await verify_chain()
    if report.ok:
        logger.info("audit trail intact: %d events", report.checked)
    else:
        logger.error("audit trail broken at event %s: %s", report.first_broken_id, report.reason)
    return {"ok": report.ok, "checked": report.checked, "firstBrokenId": report.first_broken_id}


async def escalate_overdue_work(_ctx: dict[str, Any]) -> dict[str, Any]:
    """Fire the SLA escalation of every overdue workflow instance, exactly once each."""
    fired = await escalate_overdue()
    if fired:
        logger.info("escalated %d overdue workflow instance(s)", fired)
    return {"escalated": fired}


async def deliver_outbox(_ctx: dict[str, Any]) -> dict[str, Any]:
    """Do what workflow steps asked for after they committed: webhooks, notifications,
    PDF reports."""
    counts: dict[str, Any] = dict(await deliver_pending())
    if any(counts.values()):
        logger.info("outbox: %s", counts)
    return counts


async def remove_expired_credentials(_ctx: dict[str, Any]) -> dict[str, Any]:
    """Daily: delete refresh tokens, codes, revoked ids and throttles that can no longer matter."""
    removed = await remove_expired()
    logger.info("removed expired credentials: %s", removed)
    return dict(vars(removed))
