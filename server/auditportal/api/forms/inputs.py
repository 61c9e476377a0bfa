"""Filter, ordering and mutation inputs of the forms domain."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from auditportal.api.search.inputs import SearchCondition
from auditportal.forms.models import FormCategory
from auditportal.forms.queries import FormSortField, SortDirection, SubmissionSortField

# The domain's enums, exposed under GraphQL names (strawberry.enum marks the class itself).
strawberry.enum(SortDirection, name="OrderDirection")
strawberry.enum(FormSortField, name="FormOrderField")
strawberry.enum(SubmissionSortField, name="SubmissionOrderField")


@strawberry.input
class FormFilter:
    category: FormCategory | None = None
    search: str | None = strawberry.field(
        default=None, description="Part of the key or of a title, either language."
    )
    published_only: bool = False


@strawberry.input
class FormOrder:
    field: FormSortField = FormSortField.KEY
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class SubmissionFilter:
    form_id: strawberry.ID | None = None
    form_version_id: strawberry.ID | None = None
    customer_id: strawberry.ID | None = None
    submitted_by_id: strawberry.ID | None = None
    submitted_after: datetime | None = strawberry.field(default=None, description="Inclusive.")
    submitted_before: datetime | None = strawberry.field(default=None, description="Exclusive.")
    min_score_percent: float | None = None
    max_score_percent: float | None = None
    has_findings: bool | None = None
    include_superseded: bool = strawberry.field(
        default=False, description="Also list submissions that a correction replaced."
    )
    answers: list[SearchCondition] | None = strawberry.field(
        default=None, description="Conditions on the forms' declared search fields."
    )


@strawberry.input
class SubmissionOrder:
    field: SubmissionSortField = SubmissionSortField.SUBMITTED_AT
    direction: SortDirection = SortDirection.DESC


@strawberry.input
class CreateFormDraftInput:
    definition: JSON = strawberry.field(
        description="A form definition (form-definition.schema.json)."
    )


@strawberry.input
class UpdateFormDraftInput:
    form_id: strawberry.ID
    definition: JSON
    expected_draft_revision: int | None = strawberry.field(
        default=None, description="The draftRevision you edited; a newer one is a conflict."
    )


@strawberry.input
class PublishFormInput:
    form_id: strawberry.ID


@strawberry.input
class RetireFormVersionInput:
    form_version_id: strawberry.ID


@strawberry.input
class SubmitFormInput:
    form_version_id: strawberry.ID | None = strawberry.field(
        default=None, description="The version answered; or give formId for its newest open one."
    )
    form_id: strawberry.ID | None = None
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Customer users may leave it out: their own is used."
    )
    answers: JSON
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the first result."
    )
    draft_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The draft the answers were typed in: deleted with the submission, and its "
        "attachments may be referenced. Without it, your draft of this version for this "
        "customer (no case) is the one deleted.",
    )
    workflow_instance_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The case these answers are for (an opened inspection assigned to you): "
        "the submission is attached to it and moves it by its submit step instead of "
        "starting new workflows. After a return for correction, a correction of the case's "
        "submission. Your draft for this case is the one deleted. Needs workflows:write "
        "too; refusals are at workflowInstanceId, the submit step's own a TransitionRefused.",
    )


@strawberry.input
class ReviseSubmissionInput:
    submission_id: strawberry.ID
    answers: JSON
    reason: str | None = None
    idempotency_key: str | None = None
