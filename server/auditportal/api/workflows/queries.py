"""Read fields of the workflows domain."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.policy import requires
from auditportal.api.relay import (
    Connection,
    connection_from_page,
    from_global_id,
    page_request,
)
from auditportal.api.workflows.types import WorkflowDefinitionNode, WorkflowInstanceNode
from auditportal.auth.policy import Permission
from auditportal.workflows import queries, reads


@strawberry.input
class WorkflowInstanceFilter:
    workflow_key: str | None = None
    state: str | None = None
    assignee_id: strawberry.ID | None = None
    customer_id: strawberry.ID | None = None
    overdue: bool = strawberry.field(default=False, description="Only those past their SLA.")
    include_closed: bool = False


@strawberry.type
class WorkflowQueries:
    @strawberry.field(extensions=requires(Permission.WORKFLOWS_READ))
    async def workflow_definitions(self, info: Info[Context, Any]) -> list[WorkflowDefinitionNode]:
        found = await reads.definitions(info.context.principal)
        return [WorkflowDefinitionNode(model=d) for d in found]

    @strawberry.field(extensions=requires(Permission.WORKFLOWS_READ))
    async def workflow_definition(
        self, info: Info[Context, Any], key: str
    ) -> WorkflowDefinitionNode | None:
        found = await reads.definition(info.context.principal, key=key)
        return WorkflowDefinitionNode(model=found) if found else None

    @strawberry.field(
        description="Instances you may see: staff all, customers their own customer's.",
        extensions=requires(Permission.WORKFLOWS_READ),
    )
    async def workflow_instances(
        self,
        info: Info[Context, Any],
        filter: WorkflowInstanceFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[WorkflowInstanceNode]:
        chosen = filter or WorkflowInstanceFilter()
        found = await reads.list_instances(
            info.context.principal,
            queries.InstanceFilter(
                definition_key=chosen.workflow_key,
                state=chosen.state,
                assignee_id=from_global_id(chosen.assignee_id, "User")
                if chosen.assignee_id
                else None,
                customer_id=from_global_id(chosen.customer_id, "Customer")
                if chosen.customer_id
                else None,
                overdue_at=datetime.now(UTC) if chosen.overdue else None,
                open_only=not chosen.include_closed,
            ),
            page_request(info, first, after),
        )
        return connection_from_page(found, lambda i: WorkflowInstanceNode(model=i))

    @strawberry.field(extensions=requires(Permission.WORKFLOWS_READ))
    async def workflow_instance(
        self,
        info: Info[Context, Any],
        id: strawberry.ID,
    ) -> WorkflowInstanceNode | None:
        found = await reads.instance(info.context.principal, from_global_id(id, "WorkflowInstance"))
        return WorkflowInstanceNode(model=found) if found else None
