"""Import and CRM reads."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.imports.crm_types import CrmConnectionNode
from auditportal.api.imports.types import CustomerImportNode
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, from_global_id, page_request
from auditportal.auth.policy import Permission
from auditportal.imports import connections
from auditportal.imports import service as imports


@strawberry.type
class ImportQueries:
    @strawberry.field(extensions=requires(Permission.CUSTOMERS_IMPORT))
    async def customer_import(
        self, info: Info[Context, Any], id: strawberry.ID
    ) -> CustomerImportNode | None:
        record = await imports.get_import(
            info.context.principal, from_global_id(id, "CustomerImport")
        )
        return CustomerImportNode(model=record) if record else None

    @strawberry.field(
        description="Uploaded customer files, newest first.",
        extensions=requires(Permission.CUSTOMERS_IMPORT),
    )
    async def customer_imports(
        self, info: Info[Context, Any], first: int | None = None, after: str | None = None
    ) -> Connection[CustomerImportNode]:
        found = await imports.list_imports(info.context.principal, page_request(info, first, after))
        return connection_from_page(found, lambda record: CustomerImportNode(model=record))

    @strawberry.field(
        description="CRM connections (secrets shown only as set or not set).",
        extensions=requires(Permission.CRM_MANAGE),
    )
    async def crm_connections(self, info: Info[Context, Any]) -> list[CrmConnectionNode]:
        found = await connections.list_connections(info.context.principal)
        return [CrmConnectionNode(model=c) for c in found]
