"""Job runs as Node types."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.jobs.types import JobRunNode
from auditportal.api.node_types import NodeType
from auditportal.auth.policy import Permission
from auditportal.jobs import reads


async def _run(info: Info[Context, Any], object_id: UUID) -> JobRunNode | None:
    found = await reads.run(info.context.principal, object_id)
    return JobRunNode(model=found) if found else None


NODE_TYPES = {"JobRun": NodeType(Permission.JOBS_READ, _run)}
