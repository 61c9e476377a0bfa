"""The FormDraft type: a caller's answers in progress, as saved."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.forms.types import FormVersionNode
from auditportal.api.relay import Node, to_global_id
from auditportal.api.workflows.types import WorkflowInstanceNode
from auditportal.submissions import drafts
from auditportal.submissions.models import FormDraft as FormDraftModel
from auditportal.workflows import reads as workflow_reads


@strawberry.type(
    name="FormDraft",
    description="Your answers in progress to one form version for one target (not validated).",
)
class FormDraftNode(Node):
    model: strawberry.Private[FormDraftModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("FormDraft", self.model.id)

    @strawberry.field
    async def form_version(self, info: Info[Context, Any]) -> FormVersionNode | None:
        version = await info.context.loaders.form_version.load(self.model.form_version_id)
        return FormVersionNode(model=version) if version else None

    @strawberry.field
    async def customer(self, info: Info[Context, Any]) -> CustomerNode | None:
        if self.model.customer_id is None:
            return None
        customer = await info.context.loaders.customer.load(self.model.customer_id)
        return CustomerNode(model=customer) if customer else None

    @strawberry.field
    async def workflow_instance(self, info: Info[Context, Any]) -> WorkflowInstanceNode | None:
        if self.model.workflow_instance_id is None:
            return None
        found = await workflow_reads.instance(
            info.context.principal, self.model.workflow_instance_id
        )
        return WorkflowInstanceNode(model=found) if found else None

    @strawberry.field(description="The answers as last saved.")
    def answers(self, info: Info[Context, Any]) -> JSON:
        return cast(JSON, drafts.readable_answers(self.model, info.context.settings))

    @strawberry.field(description="Send it back with saveDraft: a newer one is a conflict.")
    def lock_version(self) -> int:
        return self.model.lock_version

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.model.updated_at

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at
