"""CRM connections as GraphQL types: secrets appear only as set or not set."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.imports.types import ColumnMapping
from auditportal.api.relay import Node, to_global_id
from auditportal.imports.connections import secret_names
from auditportal.imports.models import CrmConnection


@strawberry.type(description="Whether a secret is stored; its value is never shown.")
class CrmSecretState:
    name: str
    is_set: bool


@strawberry.type(name="CrmConnection", description="A CRM account customers are synced from.")
class CrmConnectionNode(Node):
    model: strawberry.Private[CrmConnection]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("CrmConnection", self.model.id)

    @strawberry.field(description="zoho or fxiaoke.")
    def kind(self) -> str:
        return self.model.kind.value

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Non-secret settings.")
    def config(self) -> JSON:
        return cast(JSON, dict(self.model.config or {}))

    @strawberry.field(description="CRM field -> customer field.")
    def field_mapping(self) -> list[ColumnMapping]:
        return [
            ColumnMapping(column=c, field=f) for c, f in (self.model.field_mapping or {}).items()
        ]

    @strawberry.field
    def secrets(self) -> list[CrmSecretState]:
        stored = (self.model.secrets or {}).get("items", {})
        return [
            CrmSecretState(name=name, is_set=name in stored)
            for name in secret_names(self.model.kind)
        ]

    @strawberry.field
    def active(self) -> bool:
        return self.model.active

    @strawberry.field(description="Newest CRM modification time synced: the next sync starts here.")
    def cursor(self) -> datetime | None:
        return self.model.cursor

    @strawberry.field
    def last_sync_at(self) -> datetime | None:
        return self.model.last_sync_at

    @strawberry.field(description="succeeded, failed or retrying.")
    def last_status(self) -> str | None:
        return self.model.last_status

    @strawberry.field(description="Why the last sync failed, in the caller's language.")
    def last_error(self, info: Info[Context, Any]) -> str | None:
        error = self.model.last_error
        if not error:
            return None
        return info.context.t(
            error.get("code", "crm.error.internal"), **(error.get("params") or {})
        )

    @strawberry.field(
        description="created, changed, unchanged, rejected and records of the last sync."
    )
    def last_counts(self) -> JSON:
        return cast(JSON, dict(self.model.last_counts or {}))
