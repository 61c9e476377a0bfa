"""Write fields of the workflows domain."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import (
    Conflict,
    NotAllowed,
    NotFound,
    ValidationFailed,
    run_mutation,
    under,
)
from auditportal.api.jobs.types import JobRunNode
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.api.workflows.types import (
    TransitionRefused,
    WorkflowDefinitionNode,
    WorkflowInstanceNode,
    WorkflowVersionNode,
)
from auditportal.auth.policy import Permission
from auditportal.submissions import form_rules
from auditportal.workflows import definitions, instances
from auditportal.workflows.instances import WorkflowRefused


@strawberry.input
class SaveWorkflowDraftInput:
    definition: JSON = strawberry.field(description="workflow-definition.schema.json")
    expected_draft_revision: int | None = None


@strawberry.input
class PublishWorkflowInput:
    workflow_id: strawberry.ID


@strawberry.input
class RetireWorkflowVersionInput:
    workflow_version_id: strawberry.ID


@strawberry.input
class FireTransitionInput:
    instance_id: strawberry.ID
    event: str
    input: JSON | None = None
    comment: str | None = None
    expected_lock_version: int | None = strawberry.field(
        default=None, description="The lockVersion you saw; a newer one is a conflict."
    )


@strawberry.type
class WorkflowDraftSaved:
    workflow: WorkflowDefinitionNode


@strawberry.type
class WorkflowPublished:
    workflow: WorkflowDefinitionNode
    version: WorkflowVersionNode
    created: bool


@strawberry.type
class WorkflowVersionRetired:
    version: WorkflowVersionNode


@strawberry.type
class TransitionFired:
    instance: WorkflowInstanceNode


SaveWorkflowDraftResult = Annotated[
    WorkflowDraftSaved | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("SaveWorkflowDraftResult"),
]
PublishWorkflowResult = Annotated[
    WorkflowPublished | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("PublishWorkflowResult"),
]
RetireWorkflowVersionResult = Annotated[
    WorkflowVersionRetired | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("RetireWorkflowVersionResult"),
]
FireTransitionResult = Annotated[
    TransitionFired | TransitionRefused | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("FireTransitionResult"),
]


@strawberry.input
class RecheckFormSubmissionsInput:
    form_id: strawberry.ID


@strawberry.type(description="A re-run of the form's rules was requested; follow the job.")
class FormRecheckRequested:
    run: JobRunNode


RecheckFormSubmissionsResult = Annotated[
    FormRecheckRequested | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("RecheckFormSubmissionsResult"),
]


@strawberry.type
class WorkflowMutations:
    @strawberry.mutation(extensions=requires(Permission.FORMS_DESIGN))
    async def save_workflow_draft(
        self,
        info: Info[Context, Any],
        input: SaveWorkflowDraftInput,
    ) -> SaveWorkflowDraftResult:
        async def action() -> WorkflowDraftSaved:
            saved = await under(
                "definition",
                definitions.save_draft(
                    info.context.principal,
                    input.definition,
                    expected_revision=input.expected_draft_revision,
                    settings=info.context.settings,
                ),
            )
            return WorkflowDraftSaved(workflow=WorkflowDefinitionNode(model=saved))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.FORMS_DESIGN))
    async def publish_workflow(
        self,
        info: Info[Context, Any],
        input: PublishWorkflowInput,
    ) -> PublishWorkflowResult:
        async def action() -> WorkflowPublished:
            published = await definitions.publish(
                info.context.principal,
                input_id(input.workflow_id, "WorkflowDefinition", "workflowId"),
            )
            return WorkflowPublished(
                workflow=WorkflowDefinitionNode(model=published.definition),
                version=WorkflowVersionNode(model=published.version),
                created=published.created,
            )

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Stop starting new instances on this version; running ones finish on it.",
        extensions=requires(Permission.FORMS_DESIGN),
    )
    async def retire_workflow_version(
        self,
        info: Info[Context, Any],
        input: RetireWorkflowVersionInput,
    ) -> RetireWorkflowVersionResult:
        async def action() -> WorkflowVersionRetired:
            version = await definitions.retire(
                info.context.principal,
                input_id(input.workflow_version_id, "WorkflowVersion", "workflowVersionId"),
            )
            return WorkflowVersionRetired(version=WorkflowVersionNode(model=version))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Move an instance: typed refusal when your role, a guard, a comment or "
        "the input says no; Conflict when someone moved it first.",
        extensions=requires(Permission.WORKFLOWS_ACT),
    )
    async def fire_transition(
        self,
        info: Info[Context, Any],
        input: FireTransitionInput,
    ) -> FireTransitionResult:
        principal = info.context.principal

        async def action() -> TransitionFired | TransitionRefused:
            instance_id = input_id(input.instance_id, "WorkflowInstance", "instanceId")
            try:
                fired = await instances.fire_transition(
                    principal,
                    instance_id,
                    input.event,
                    input_=input.input if isinstance(input.input, dict) else None,
                    comment=input.comment,
                    expected_lock_version=input.expected_lock_version,
                    settings=info.context.settings,
                )
            except WorkflowRefused as refused:  # a typed result of its own, not an error
                return TransitionRefused.of(refused.refusal, info.context, "input")
            return TransitionFired(instance=WorkflowInstanceNode(model=fired.instance))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Run the form's finding rules and cross-checks (its newest version's) "
        "again over its current submissions, as a job with progress.",
        extensions=requires(Permission.FORMS_DESIGN),
    )
    async def recheck_form_submissions(
        self, info: Info[Context, Any], input: RecheckFormSubmissionsInput
    ) -> RecheckFormSubmissionsResult:
        async def action() -> FormRecheckRequested:
            form_id = input_id(input.form_id, "Form", "formId")
            run = await form_rules.request_recheck(info.context.principal, form_id)
            return FormRecheckRequested(run=JobRunNode(model=run))

        return await run_mutation(info, action, "input")
