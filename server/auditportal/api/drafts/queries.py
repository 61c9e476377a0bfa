"""Read fields of drafts: the caller's own, never anyone else's."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.drafts.types import FormDraftNode
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, from_global_id, page_request
from auditportal.auth.policy import Permission
from auditportal.submissions import drafts


@strawberry.type
class DraftQueries:
    @strawberry.field(
        description="Your draft of a form version for a target (customer and/or case), if any.",
        extensions=requires(Permission.SUBMISSIONS_CREATE),
    )
    async def my_draft(
        self,
        info: Info[Context, Any],
        form_version_id: strawberry.ID,
        customer_id: strawberry.ID | None = None,
        workflow_instance_id: strawberry.ID | None = None,
    ) -> FormDraftNode | None:
        found = await drafts.my_draft(
            info.context.principal,
            version_id=from_global_id(form_version_id, "FormVersion"),
            customer_id=from_global_id(customer_id, "Customer") if customer_id else None,
            workflow_instance_id=(
                from_global_id(workflow_instance_id, "WorkflowInstance")
                if workflow_instance_id
                else None
            ),
        )
        return FormDraftNode(model=found) if found else None

    @strawberry.field(
        description="Your drafts, most recently saved first.",
        extensions=requires(Permission.SUBMISSIONS_CREATE),
    )
    async def my_drafts(
        self, info: Info[Context, Any], first: int | None = None, after: str | None = None
    ) -> Connection[FormDraftNode]:
        found = await drafts.my_drafts(info.context.principal, page_request(info, first, after))
        return connection_from_page(found, lambda d: FormDraftNode(model=d))
