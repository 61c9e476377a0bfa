"""What a caller may read of workflows: definitions, versions and instances.

Definitions and versions are the firm's procedures: anyone who may read workflows sees
them. Instances are customer-owned: read through the submissions' row scope (by customer).
Each function checks the permission first.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import Permission, require, submission_scope
from auditportal.auth.principal import Principal
from auditportal.pagination import Page, PageRequest
from auditportal.workflows import queries
from auditportal.workflows.models import WorkflowDefinition, WorkflowInstance, WorkflowVersion


async def definitions(principal: Principal) -> list[WorkflowDefinition]:
    require(principal, Permission.WORKFLOWS_READ)
    return list(await WorkflowDefinition.all().order_by("key"))


async def definition(
    principal: Principal, *, definition_id: UUID | None = None, key: str | None = None
) -> WorkflowDefinition | None:
    require(principal, Permission.WORKFLOWS_READ)
    if definition_id is not None:
        return await WorkflowDefinition.get_or_none(id=definition_id)
    if key is not None:
        return await queries.definition_by_key(key)
    return None


async def version(principal: Principal, version_id: UUID) -> WorkflowVersion | None:
    require(principal, Permission.WORKFLOWS_READ)
    return await queries.version_by_id(version_id)


async def versions_of(
    principal: Principal, definition_id: UUID, limit: int
) -> list[WorkflowVersion]:
    """The published versions of a definition, newest first."""
    require(principal, Permission.WORKFLOWS_READ)
    return await queries.versions_of(definition_id, limit)


async def instance(principal: Principal, instance_id: UUID) -> WorkflowInstance | None:
    """The instance if the caller may see it; None otherwise."""
    require(principal, Permission.WORKFLOWS_READ)
    found = await queries.visible_instance(submission_scope(principal), instance_id)
    if found is not None:
        await read_audit.note(principal, "WorkflowInstance", [found.id])
    return found


async def list_instances(
    principal: Principal,
    filters: queries.InstanceFilter,
    page: PageRequest,
    columns: Sequence[str] | None = None,
) -> Page[WorkflowInstance]:
    require(principal, Permission.WORKFLOWS_READ)
    found = await queries.list_instances(submission_scope(principal), filters, page, columns)
    await read_audit.note(principal, "WorkflowInstance", [i.id for i in found.items])
    return found
