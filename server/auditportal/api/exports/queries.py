"""Export reads: the caller's own exports."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.exports.types import ExportNode
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, from_global_id, page_request
from auditportal.auth.policy import Permission
from auditportal.exports import service


@strawberry.type
class ExportQueries:
    @strawberry.field(extensions=requires(Permission.SIGNED_IN))
    async def export(self, info: Info[Context, Any], id: strawberry.ID) -> ExportNode | None:
        found = await service.export_by_id(info.context.principal, from_global_id(id, "Export"))
        return ExportNode(model=found) if found else None

    @strawberry.field(
        description="The caller's own exports, newest first.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def exports(
        self, info: Info[Context, Any], first: int | None = None, after: str | None = None
    ) -> Connection[ExportNode]:
        found = await service.list_exports(info.context.principal, page_request(info, first, after))
        return connection_from_page(found, lambda record: ExportNode(model=record))
