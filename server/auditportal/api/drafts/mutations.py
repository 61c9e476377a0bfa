"""Draft mutations: save (as the user types), discard."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.drafts import inputs
from auditportal.api.drafts.types import FormDraftNode
from auditportal.api.errors import Conflict, NotAllowed, NotFound, ValidationFailed, run_mutation
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.auth.policy import Permission
from auditportal.submissions import drafts


@strawberry.type(description="The answers are saved; send lockVersion with the next save.")
class DraftSaved:
    draft: FormDraftNode


@strawberry.type(description="The draft is deleted.")
class DraftDiscarded:
    id: strawberry.ID


SaveDraftResult = Annotated[
    DraftSaved | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("SaveDraftResult"),
]
DiscardDraftResult = Annotated[
    DraftDiscarded | ValidationFailed | NotAllowed | NotFound,
    strawberry.union("DiscardDraftResult"),
]


@strawberry.type
class DraftMutations:
    @strawberry.mutation(
        description="Save your answers in progress (not validated; size-limited). Without "
        "lockVersion it creates the draft; with it, it replaces the answers if nobody saved "
        "meanwhile (else Conflict: load myDraft and merge).",
        extensions=requires(Permission.SUBMISSIONS_CREATE),
    )
    async def save_draft(
        self, info: Info[Context, Any], input: inputs.SaveDraftInput
    ) -> SaveDraftResult:
        async def action() -> DraftSaved:
            version_id = input_id(input.form_version_id, "FormVersion", "formVersionId")
            customer_id = (
                input_id(input.customer_id, "Customer", "customerId")
                if input.customer_id is not None
                else None
            )
            instance_id = (
                input_id(input.workflow_instance_id, "WorkflowInstance", "workflowInstanceId")
                if input.workflow_instance_id is not None
                else None
            )
            draft = await drafts.save_draft(
                info.context.principal,
                version_id=version_id,
                customer_id=customer_id,
                workflow_instance_id=instance_id,
                answers=input.answers,
                lock_version=input.lock_version,
                settings=info.context.settings,
            )
            return DraftSaved(draft=FormDraftNode(model=draft))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Delete one of your drafts.",
        extensions=requires(Permission.SUBMISSIONS_CREATE),
    )
    async def discard_draft(
        self, info: Info[Context, Any], input: inputs.DiscardDraftInput
    ) -> DiscardDraftResult:
        async def action() -> DraftDiscarded:
            draft_id = input_id(input.id, "FormDraft", "id")
            await drafts.discard(info.context.principal, draft_id)
            return DraftDiscarded(id=input.id)

        return await run_mutation(info, action, "input")
