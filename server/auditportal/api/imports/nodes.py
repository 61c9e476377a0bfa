"""Customer imports and CRM connections as Node types."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.imports.crm_types import CrmConnectionNode
from auditportal.api.imports.types import CustomerImportNode
from auditportal.api.node_types import NodeType
from auditportal.auth.policy import Permission
from auditportal.imports import connections
from auditportal.imports import service as imports


async def _import(info: Info[Context, Any], object_id: UUID) -> CustomerImportNode | None:
    found = await imports.get_import(info.context.principal, object_id)
    return CustomerImportNode(model=found) if found else None


async def _connection(info: Info[Context, Any], object_id: UUID) -> CrmConnectionNode | None:
    found = await connections.crm_connection(info.context.principal, object_id)
    return CrmConnectionNode(model=found) if found else None


NODE_TYPES = {
    "CustomerImport": NodeType(Permission.CUSTOMERS_IMPORT, _import),
    "CrmConnection": NodeType(Permission.CRM_MANAGE, _connection),
}
