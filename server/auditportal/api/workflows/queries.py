"""Read fields of the workflows domain."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import ValidationFailed, as_result
from auditportal.api.joins import Join, columns_with_joins, every_column, prime
from auditportal.api.policy import requires
from auditportal.api.relay import (
    Connection,
    connection_from_page,
    from_global_id,
    page_request,
)
from auditportal.api.workflows.design import (
    SimulateWorkflowResult,
    SimulationStepInput,
    WorkflowProblem,
    as_dict,
    problem,
    simulation,
)
from auditportal.api.workflows.types import WorkflowDefinitionNode, WorkflowInstanceNode
from auditportal.auth.models import User
from auditportal.auth.policy import Permission
from auditportal.customers.models import Customer
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.workflows import design, queries, reads
from auditportal.workflows.models import WorkflowInstance

# What a cases page joins when its rows select them (the customer and user loaders' columns).
INSTANCE_JOINS = (
    Join("customer", "customer", lambda loaders: loaders.customer, every_column(Customer)),
    Join("assignee", "assignee", lambda loaders: loaders.user, every_column(User)),
)


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
        # The page reads its rows' customers and assignees in its own statement.
        columns, joins = columns_with_joins(info, WorkflowInstance, INSTANCE_JOINS)
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
            columns,
        )
        prime(info, found.items, joins)
        return connection_from_page(found, lambda i: WorkflowInstanceNode(model=i))

    @strawberry.field(extensions=requires(Permission.WORKFLOWS_READ))
    async def workflow_instance(
        self,
        info: Info[Context, Any],
        id: strawberry.ID,
    ) -> WorkflowInstanceNode | None:
        found = await reads.instance(info.context.principal, from_global_id(id, "WorkflowInstance"))
        return WorkflowInstanceNode(model=found) if found else None

    @strawberry.field(
        description="Every problem of a draft definition, as saving it would report them "
        "(errors), and what it allows but probably does not mean (warnings); nothing is stored.",
        extensions=requires(Permission.FORMS_DESIGN),
    )
    async def lint_workflow_definition(
        self, info: Info[Context, Any], definition: JSON
    ) -> list[WorkflowProblem]:
        found = await design.lint(info.context.principal, definition, info.context.settings)
        return [problem(p, info.context) for p in found]

    @strawberry.field(
        description="Walk a case through a draft definition as the chosen people, over sample "
        "answers; the engine decides each step. Pure: nothing is stored.",
        extensions=requires(Permission.FORMS_DESIGN),
    )
    async def simulate_workflow(
        self,
        info: Info[Context, Any],
        definition: JSON,
        steps: list[SimulationStepInput],
        answers: JSON | None = None,
        customer: JSON | None = None,
    ) -> SimulateWorkflowResult:
        try:
            found = await design.simulate(
                info.context.principal,
                definition,
                [
                    design.SimulatedStep(
                        event=s.event,
                        role=s.role,
                        person=s.person,
                        submitter=s.submitter,
                        assignee=s.assignee,
                        account_auditor=s.account_auditor,
                        input=as_dict(s.input),
                        comment=s.comment,
                    )
                    for s in steps
                ],
                answers=as_dict(answers),
                customer=as_dict(customer),
                settings=info.context.settings,
            )
        except DomainValidationFailed as failed:
            result = as_result(failed, info.context)
            assert isinstance(result, ValidationFailed)
            return result
        return simulation(found, info.context)
