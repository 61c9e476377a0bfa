"""Delivering the outbox: side effects of workflow steps, after their transaction committed.

Webhooks are POSTed as JSON with an ``X-AuditPortal-Signature`` HMAC-SHA256 header (when
the action names a secret setting) and an ``Idempotency-Key`` equal to the message id:
delivery is at least once, receivers deduplicate. Failures are retried with exponential
backoff, then marked failed for an administrator. Notifications become in-app messages
for their recipients. Report rendering is picked up by the reporting worker, not here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from auditportal.auth.models import User
from auditportal.forms.models import Submission
from auditportal.reports.service import render_for_message
from auditportal.settings import Settings
from auditportal.workflows.assignment import Relations, account_auditor_of
from auditportal.workflows.models import Notification, OutboxMessage, WorkflowInstance

logger = logging.getLogger("auditportal.workflows.outbox")

MAX_ATTEMPTS = 8
BASE_BACKOFF_SECONDS = 30
WEBHOOK_TIMEOUT_SECONDS = 10
DELIVERED_HERE = ("webhook", "notify", "renderReport")


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at 2 hours."""
    return timedelta(seconds=min(BASE_BACKOFF_SECONDS * 2 ** (attempts - 1), 7200))


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver_pending(
    settings: Settings,
    now: datetime | None = None,
    limit: int = 100,
    client: httpx.AsyncClient | None = None,
) -> dict[str, int]:
    """Deliver what is due. Each message is claimed by bumping its attempt count first."""
    moment = now or datetime.now(UTC)
    due = (
        await OutboxMessage.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=moment),
            delivered_at__isnull=True,
            failed_at__isnull=True,
            kind__in=list(DELIVERED_HERE),
        )
        .order_by("id")
        .limit(limit)
    )
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    owns_client = client is None
    http = client or httpx.AsyncClient(timeout=WEBHOOK_TIMEOUT_SECONDS)
    try:
        for message in due:
            claimed = await OutboxMessage.filter(
                id=message.id, attempts=message.attempts, delivered_at__isnull=True
            ).update(
                attempts=message.attempts + 1,
                next_attempt_at=moment + backoff(message.attempts + 1),
            )
            if claimed != 1:
                continue  # another worker has it
            message.attempts += 1
            try:
                if message.kind == "webhook":
                    await _post_webhook(http, message)
                elif message.kind == "renderReport":
                    await render_for_message(message, settings)
                else:
                    await _notify(message)
            except Exception as error:  # any failure is retried, then reported
                failed = message.attempts >= MAX_ATTEMPTS
                await OutboxMessage.filter(id=message.id).update(
                    last_error=str(error)[:2000], failed_at=moment if failed else None
                )
                counts["failed" if failed else "retrying"] += 1
                logger.warning("outbox %s %s failed (attempt %d): %s", message.kind, message.id,
                               message.attempts, error)  # fmt: skip
                continue
            await OutboxMessage.filter(id=message.id).update(delivered_at=datetime.now(UTC))
            counts["delivered"] += 1
    finally:
        if owns_client:
            await http.aclose()
    return counts


async def _post_webhook(http: httpx.AsyncClient, message: OutboxMessage) -> None:
    action = message.payload
    body = json.dumps(
        {
            "id": message.id,
            "instance": str(message.instance_id) if message.instance_id else None,
            "state": action.get("state"),
            "createdAt": message.created_at.isoformat(),
        },
        separators=(",", ":"),
    ).encode()
    headers = {"Content-Type": "application/json", "Idempotency-Key": f"auditportal-{message.id}"}
    secret_name = action.get("secretSetting")
    if secret_name:
        secret = os.environ.get(secret_name)
        if not secret:
            raise RuntimeError(f"webhook secret setting {secret_name} is not set")
        headers["X-AuditPortal-Signature"] = signature(secret, body)
    response = await http.post(action["url"], content=body, headers=headers)
    if response.status_code >= 300:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")


async def _notify(message: OutboxMessage) -> None:
    instance = (
        await WorkflowInstance.get_or_none(id=message.instance_id) if message.instance_id else None
    )
    recipients = await _recipients(message.payload["to"], instance)
    async with in_transaction():
        await Notification.bulk_create(
            [
                Notification(user_id=user_id, instance=instance, message=message.payload["message"])
                for user_id in recipients
            ]
        )


async def _recipients(recipient: dict[str, Any], instance: WorkflowInstance | None) -> list[Any]:
    if "user" in recipient:
        return list(
            await User.filter(username=recipient["user"], is_active=True).values_list(
                "id", flat=True
            )
        )
    if "role" in recipient or "roundRobin" in recipient:
        role = recipient.get("role") or recipient["roundRobin"]
        return list(await User.filter(role=role, is_active=True).values_list("id", flat=True))
    if instance is None:
        return []
    submission = (
        await Submission.get_or_none(id=instance.submission_id) if instance.submission_id else None
    )
    relations = Relations(
        submitter_id=submission.submitted_by_id if submission else None,
        account_auditor_id=await account_auditor_of(instance.customer_id),
        assignee_id=instance.assignee_id,
    )
    chosen = (
        relations.account_auditor_id if recipient.get("accountAuditor")
        else relations.submitter_id if recipient.get("submitter")
        else relations.assignee_id
    )  # fmt: skip
    return [chosen] if chosen else []
