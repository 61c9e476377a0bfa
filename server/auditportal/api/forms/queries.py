"""Read fields of the forms domain."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.forms import inputs
from auditportal.api.forms.projection import SUBMISSION_JOINS, submission_columns
from auditportal.api.forms.types import FormNode, FormVersionNode, SubmissionNode
from auditportal.api.joins import columns_with_joins, prime
from auditportal.api.loaders import selected_node_fields
from auditportal.api.policy import requires
from auditportal.api.relay import (
    Connection,
    connection_from_page,
    from_global_id,
    page_request,
)
from auditportal.api.search.inputs import conditions
from auditportal.auth.policy import Permission
from auditportal.forms import queries, reads
from auditportal.forms.models import Submission
from auditportal.pagination import BadInput


def _optional_id(value: str | None, type_name: str) -> Any:
    return from_global_id(value, type_name) if value is not None else None


@strawberry.type
class FormQueries:
    @strawberry.field(
        description=(
            "Forms; callers who do not design forms see published ones only (customers: those "
            "offered to them; consultants: those their grants open)."
        ),
        extensions=requires(Permission.FORMS_READ),
    )
    async def forms(
        self,
        info: Info[Context, Any],
        filter: inputs.FormFilter | None = None,
        order_by: inputs.FormOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[FormNode]:
        chosen = filter or inputs.FormFilter()
        order = order_by or inputs.FormOrder()
        found = await reads.list_forms(
            info.context.principal,
            queries.FormFilter(
                category=chosen.category,
                search=chosen.search,
                published_only=chosen.published_only,
            ),
            order.field,
            order.direction,
            page_request(info, first, after),
        )
        return connection_from_page(found, lambda form: FormNode(model=form))

    @strawberry.field(
        description="One form by global id or by key.",
        extensions=requires(Permission.FORMS_READ),
    )
    async def form(
        self,
        info: Info[Context, Any],
        id: strawberry.ID | None = None,
        key: str | None = None,
    ) -> FormNode | None:
        if id is None and key is None:
            raise BadInput("error.bad_id", id="")
        form = await reads.form(
            info.context.principal,
            form_id=from_global_id(id, "Form") if id is not None else None,
            key=key,
        )
        return FormNode(model=form) if form else None

    @strawberry.field(extensions=requires(Permission.FORMS_READ))
    async def form_version(
        self,
        info: Info[Context, Any],
        id: strawberry.ID,
    ) -> FormVersionNode | None:
        version = await reads.version(info.context.principal, from_global_id(id, "FormVersion"))
        return FormVersionNode(model=version) if version else None

    @strawberry.field(
        description="Submissions the caller may see, newest first unless ordered otherwise.",
        extensions=requires(Permission.SUBMISSIONS_READ),
    )
    async def submissions(
        self,
        info: Info[Context, Any],
        filter: inputs.SubmissionFilter | None = None,
        order_by: inputs.SubmissionOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SubmissionNode]:
        chosen = filter or inputs.SubmissionFilter()
        order = order_by or inputs.SubmissionOrder()
        # The page reads its rows' forms, versions and customers in its own statement.
        columns, joins = columns_with_joins(
            info, Submission, SUBMISSION_JOINS, submission_columns(selected_node_fields(info))
        )
        found = await reads.list_submissions(
            info.context.principal,
            queries.SubmissionFilter(
                form_id=_optional_id(chosen.form_id, "Form"),
                form_version_id=_optional_id(chosen.form_version_id, "FormVersion"),
                customer_id=_optional_id(chosen.customer_id, "Customer"),
                submitted_by_id=_optional_id(chosen.submitted_by_id, "User"),
                submitted_after=chosen.submitted_after,
                submitted_before=chosen.submitted_before,
                min_score_percent=chosen.min_score_percent,
                max_score_percent=chosen.max_score_percent,
                has_findings=chosen.has_findings,
                include_superseded=chosen.include_superseded,
                answers=conditions(chosen.answers),
            ),
            order.field,
            order.direction,
            page_request(info, first, after),
            columns,
        )
        prime(info, found.items, joins)
        return connection_from_page(found, lambda s: SubmissionNode(model=s))

    @strawberry.field(extensions=requires(Permission.SUBMISSIONS_READ))
    async def submission(
        self,
        info: Info[Context, Any],
        id: strawberry.ID,
    ) -> SubmissionNode | None:
        found = await info.context.loaders.submission.load(from_global_id(id, "Submission"))
        return SubmissionNode(model=found) if found else None
