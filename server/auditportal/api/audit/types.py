"""Audit events as GraphQL types: read-only, there is no mutation of the trail."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON

from auditportal.audit.models import AuditEvent as AuditEventModel


@strawberry.type(
    name="AuditEvent",
    description="One entry of the append-only, hash-chained audit trail.",
)
class AuditEventNode:
    model: strawberry.Private[AuditEventModel]

    @strawberry.field(description="Position in the trail (ascending, gap-free per append).")
    def sequence(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field
    def occurred_at(self) -> datetime:
        return self.model.occurred_at

    @strawberry.field(description="Who: user:<username>, system:<purpose>, anonymous.")
    def actor(self) -> str:
        return self.model.actor

    @strawberry.field
    def actor_role(self) -> str | None:
        return self.model.actor_role

    @strawberry.field(description="What, e.g. submission.create, consultant.read.")
    def action(self) -> str:
        return self.model.action

    @strawberry.field
    def object_type(self) -> str:
        return self.model.object_type

    @strawberry.field(description="The object's database id (not a global id).")
    def object_id(self) -> str:
        return self.model.object_id

    @strawberry.field
    def summary(self) -> JSON:
        return cast(JSON, self.model.summary)

    @strawberry.field(description="The request that caused it, to match server logs.")
    def request_id(self) -> str | None:
        return self.model.request_id

    @strawberry.field(description="SHA-256 over the event and the previous hash.")
    def hash(self) -> str:
        return self.model.hash

    @strawberry.field
    def prev_hash(self) -> str:
        return self.model.prev_hash
