"""Read fields of the audit trail (administrators and managers)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.audit.types import AuditEventNode
from auditportal.api.context import Context
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, page_request
from auditportal.audit import queries
from auditportal.auth.policy import Permission


@strawberry.input
class AuditEventFilter:
    actor: str | None = strawberry.field(default=None, description="e.g. user:alice")
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = strawberry.field(default=None, description="A database id.")
    request_id: str | None = None
    occurred_after: datetime | None = strawberry.field(default=None, description="Inclusive.")
    occurred_before: datetime | None = strawberry.field(default=None, description="Exclusive.")


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="The audit trail, newest first. Nothing can change or delete an event.",
        extensions=requires(Permission.AUDIT_READ),
    )
    async def audit_events(
        self,
        info: Info[Context, Any],
        filter: AuditEventFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditEventNode]:
        chosen = filter or AuditEventFilter()
        found = await queries.list_events(
            info.context.principal,
            queries.AuditFilter(
                actor=chosen.actor,
                action=chosen.action,
                object_type=chosen.object_type,
                object_id=chosen.object_id,
                request_id=chosen.request_id,
                occurred_after=chosen.occurred_after,
                occurred_before=chosen.occurred_before,
            ),
            page_request(info, first, after),
        )
        return connection_from_page(found, lambda event: AuditEventNode(model=event))
