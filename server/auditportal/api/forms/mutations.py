"""Write fields of the forms domain: each a few lines around a service call."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any, TypeVar
from uuid import UUID

import strawberry
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
from auditportal.api.forms import inputs
from auditportal.api.forms.types import FormNode, FormVersionNode, SubmissionNode
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.api.workflows.types import TransitionRefused, WorkflowInstanceNode
from auditportal.auth.policy import Permission
from auditportal.errors import FieldIssue
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.forms import service
from auditportal.submissions import drafts, intake
from auditportal.submissions.cases import CaseRefused
from auditportal.workflows.instances import WorkflowRefused

MAX_IDEMPOTENCY_KEY = 128
R = TypeVar("R")


@strawberry.type(description="The draft was saved.")
class FormDraftSaved:
    form: FormNode


@strawberry.type(description="The draft is published; created is false when nothing changed.")
class FormPublished:
    form: FormNode
    version: FormVersionNode
    created: bool


@strawberry.type(description="The version takes no new submissions.")
class FormVersionRetired:
    version: FormVersionNode


@strawberry.type(description="Stored; replayed is true when an idempotency key matched.")
class SubmissionAccepted:
    submission: SubmissionNode
    replayed: bool
    workflow_instances: list[WorkflowInstanceNode] = strawberry.field(
        default_factory=list, description="Workflows the submission started (or had started)."
    )


CreateFormDraftResult = Annotated[
    FormDraftSaved | ValidationFailed | NotAllowed | Conflict,
    strawberry.union("CreateFormDraftResult"),
]
UpdateFormDraftResult = Annotated[
    FormDraftSaved | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("UpdateFormDraftResult"),
]
PublishFormResult = Annotated[
    FormPublished | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("PublishFormResult"),
]
RetireFormVersionResult = Annotated[
    FormVersionRetired | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("RetireFormVersionResult"),
]
SubmitFormResult = Annotated[
    SubmissionAccepted | ValidationFailed | NotAllowed | NotFound | Conflict | TransitionRefused,
    strawberry.union("SubmitFormResult"),
]
ReviseSubmissionResult = Annotated[
    SubmissionAccepted | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("ReviseSubmissionResult"),
]


def _input_id(value: str | None, type_name: str, field: str) -> UUID | None:
    return None if value is None else input_id(value, type_name, field)


async def _answers_under(call: Awaitable[R]) -> R:
    """As ``under("answers", ...)``, but a case's refusal stays at ``workflowInstanceId``."""
    try:
        return await call
    except CaseRefused:
        raise
    except DomainValidationFailed as error:
        raise error.under("answers") from None


def _check_idempotency_key(key: str | None) -> None:
    if key is not None and not 1 <= len(key) <= MAX_IDEMPOTENCY_KEY:
        issue = FieldIssue(("idempotencyKey",), "schema.maxLength", {"limit": 128})
        raise DomainValidationFailed("submission.invalid", [issue], count=1)


@strawberry.type
class FormMutations:
    @strawberry.mutation(extensions=requires(Permission.FORMS_DESIGN))
    async def create_form_draft(
        self,
        info: Info[Context, Any],
        input: inputs.CreateFormDraftInput,
    ) -> CreateFormDraftResult:
        async def action() -> FormDraftSaved:
            form = await under(
                "definition",
                service.create_draft(
                    info.context.principal, input.definition, settings=info.context.settings
                ),
            )
            return FormDraftSaved(form=FormNode(model=form))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.FORMS_DESIGN))
    async def update_form_draft(
        self,
        info: Info[Context, Any],
        input: inputs.UpdateFormDraftInput,
    ) -> UpdateFormDraftResult:
        async def action() -> FormDraftSaved:
            form_id = _input_id(input.form_id, "Form", "formId")
            assert form_id is not None
            form = await under(
                "definition",
                service.update_draft(
                    info.context.principal,
                    form_id,
                    input.definition,
                    input.expected_draft_revision,
                    settings=info.context.settings,
                ),
            )
            return FormDraftSaved(form=FormNode(model=form))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.FORMS_DESIGN))
    async def publish_form(
        self,
        info: Info[Context, Any],
        input: inputs.PublishFormInput,
    ) -> PublishFormResult:
        async def action() -> FormPublished:
            form_id = _input_id(input.form_id, "Form", "formId")
            assert form_id is not None
            result = await service.publish(
                info.context.principal, form_id, settings=info.context.settings
            )
            return FormPublished(
                form=FormNode(model=result.form),
                version=FormVersionNode(model=result.version),
                created=result.created,
            )

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.FORMS_DESIGN))
    async def retire_form_version(
        self,
        info: Info[Context, Any],
        input: inputs.RetireFormVersionInput,
    ) -> RetireFormVersionResult:
        async def action() -> FormVersionRetired:
            version_id = _input_id(input.form_version_id, "FormVersion", "formVersionId")
            assert version_id is not None
            version = await service.retire(info.context.principal, version_id)
            return FormVersionRetired(version=FormVersionNode(model=version))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.SUBMISSIONS_CREATE))
    async def submit_form(
        self,
        info: Info[Context, Any],
        input: inputs.SubmitFormInput,
    ) -> SubmitFormResult:
        async def action() -> SubmissionAccepted | TransitionRefused:
            _check_idempotency_key(input.idempotency_key)
            version_id = _input_id(input.form_version_id, "FormVersion", "formVersionId")
            form_id = _input_id(input.form_id, "Form", "formId")
            customer_id = _input_id(input.customer_id, "Customer", "customerId")
            draft_id = _input_id(input.draft_id, "FormDraft", "draftId")
            instance_id = _input_id(
                input.workflow_instance_id, "WorkflowInstance", "workflowInstanceId"
            )
            if (
                draft_id is not None
                and await drafts.draft(info.context.principal, draft_id) is None
            ):
                issue = FieldIssue(("draftId",), "draft.not_for_submission")
                raise DomainValidationFailed("error.invalid_input", [issue], count=1)
            try:
                result, started = await _answers_under(
                    intake.submit(
                        info.context.principal,
                        answers=input.answers,
                        language=info.context.language,
                        version_id=version_id,
                        form_id=form_id,
                        customer_id=customer_id,
                        idempotency_key=input.idempotency_key,
                        draft_id=draft_id,
                        workflow_instance_id=instance_id,
                        settings=info.context.settings,
                    )
                )
            except WorkflowRefused as refused:
                # The case's step refused (its guard, its roles): nothing was stored.
                return TransitionRefused.of(refused.refusal, info.context, "input")
            return SubmissionAccepted(
                submission=SubmissionNode(model=result.submission),
                replayed=result.replayed,
                workflow_instances=[WorkflowInstanceNode(model=i) for i in started],
            )

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.SUBMISSIONS_REVISE))
    async def revise_submission(
        self,
        info: Info[Context, Any],
        input: inputs.ReviseSubmissionInput,
    ) -> ReviseSubmissionResult:
        async def action() -> SubmissionAccepted:
            _check_idempotency_key(input.idempotency_key)
            submission_id = _input_id(input.submission_id, "Submission", "submissionId")
            assert submission_id is not None
            result = await under(
                "answers",
                intake.revise(
                    info.context.principal,
                    submission_id=submission_id,
                    answers=input.answers,
                    language=info.context.language,
                    reason=input.reason,
                    idempotency_key=input.idempotency_key,
                    settings=info.context.settings,
                ),
            )
            return SubmissionAccepted(
                submission=SubmissionNode(model=result.submission), replayed=result.replayed
            )

        return await run_mutation(info, action, "input")
