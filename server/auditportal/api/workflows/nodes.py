"""The workflows domain's Node types."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.node_types import NodeType
from auditportal.api.workflows.types import (
    WorkflowDefinitionNode,
    WorkflowInstanceNode,
    WorkflowVersionNode,
)
from auditportal.auth.policy import Permission
from auditportal.workflows import reads


async def _definition(info: Info[Context, Any], object_id: UUID) -> WorkflowDefinitionNode | None:
    found = await reads.definition(info.context.principal, definition_id=object_id)
    return WorkflowDefinitionNode(model=found) if found else None


async def _version(info: Info[Context, Any], object_id: UUID) -> WorkflowVersionNode | None:
    found = await reads.version(info.context.principal, object_id)
    return WorkflowVersionNode(model=found) if found else None


async def _instance(info: Info[Context, Any], object_id: UUID) -> WorkflowInstanceNode | None:
    found = await reads.instance(info.context.principal, object_id)
    return WorkflowInstanceNode(model=found) if found else None


NODE_TYPES = {
    "WorkflowDefinition": NodeType(Permission.WORKFLOWS_READ, _definition),
    "WorkflowVersion": NodeType(Permission.WORKFLOWS_READ, _version),
    "WorkflowInstance": NodeType(Permission.WORKFLOWS_READ, _instance),
}
