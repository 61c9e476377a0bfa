"""Reads of the audit trail (there are no writes here: events are only ever appended)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from auditportal.audit.models import AuditEvent
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.pagination import Page, PageRequest, paginate


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    request_id: str | None = None
    occurred_after: datetime | None = None
    occurred_before: datetime | None = None


async def list_events(
    principal: Principal, filters: AuditFilter, page: PageRequest
) -> Page[AuditEvent]:
    """Matching events, newest first (``audit.read``)."""
    require(principal, Permission.AUDIT_READ)
    query = AuditEvent.all()
    if filters.actor is not None:
        query = query.filter(actor=filters.actor)
    if filters.action is not None:
        query = query.filter(action=filters.action)
    if filters.object_type is not None:
        query = query.filter(object_type=filters.object_type)
    if filters.object_id is not None:
        query = query.filter(object_id=filters.object_id)
    if filters.request_id is not None:
        query = query.filter(request_id=filters.request_id)
    if filters.occurred_after is not None:
        query = query.filter(occurred_at__gte=filters.occurred_after)
    if filters.occurred_before is not None:
        query = query.filter(occurred_at__lt=filters.occurred_before)
    return await paginate(query, ["-id"], page)
