"""Exports as Node types: one's own only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.exports.types import ExportNode
from auditportal.api.node_types import NodeType
from auditportal.auth.policy import Permission
from auditportal.exports import service


async def _export(info: Info[Context, Any], object_id: UUID) -> ExportNode | None:
    found = await service.export_by_id(info.context.principal, object_id)
    return ExportNode(model=found) if found else None


NODE_TYPES = {"Export": NodeType(Permission.SIGNED_IN, _export)}
