"""Inspection plans and scheduled inspections as Node types."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.inspections.types import InspectionPlanNode, ScheduledInspectionNode
from auditportal.api.node_types import NodeType
from auditportal.auth.policy import Permission
from auditportal.inspections import reads


async def _plan(info: Info[Context, Any], object_id: UUID) -> InspectionPlanNode | None:
    found = await reads.plan(info.context.principal, object_id)
    return InspectionPlanNode(model=found) if found else None


async def _inspection(info: Info[Context, Any], object_id: UUID) -> ScheduledInspectionNode | None:
    found = await reads.inspection(info.context.principal, object_id)
    return ScheduledInspectionNode(model=found) if found else None


NODE_TYPES = {
    "InspectionPlan": NodeType(Permission.PLANS_READ, _plan),
    "ScheduledInspection": NodeType(Permission.PLANS_READ, _inspection),
}
