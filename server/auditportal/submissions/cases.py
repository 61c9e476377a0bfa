"""A submission for a case that is waiting for one: checked, attached and moving the case.

A case opened without a submission (an inspection the scheduler opened) asks for one form:
its plan's form, or else a form that would start its workflow (``startsFor``). The
caller must be the person it is assigned or offered to. The answers then move the case by
its ``submit`` step, after the one step that leads there from where the case waits (the
built-in inspection waits in ``scheduled``: ``start_fieldwork`` then ``submit``; after a
return for correction, ``start_correction`` then ``submit``), all in the submit's
transaction, each step checked by the engine as if the caller fired it.

A case that already has its submission takes another only when it is back where its
submit step applies (after a return): that one is a correction, a new revision of the
case's current submission, so the register counts the case's findings once and the guards
read the corrected answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID

from auditportal.auth.policy import Permission, require, submission_scope
from auditportal.auth.principal import Principal
from auditportal.errors import Conflict, FieldIssue, ValidationFailed
from auditportal.forms import queries as form_queries
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.inspections.models import InspectionPlan
from auditportal.workflows import queries
from auditportal.workflows.instances import actor_for, subject_of
from auditportal.workflows.models import WorkflowInstance, WorkflowVersion

SUBMIT_EVENT = "submit"
FIELD = "workflowInstanceId"


class CaseRefused(ValidationFailed):
    """The case cannot take this submission; reported at ``workflowInstanceId``."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key, [FieldIssue((FIELD,), key, params)], **params)


@dataclass(frozen=True)
class CaseTarget:
    instance: WorkflowInstance
    version: WorkflowVersion
    # The case's current submission (the head of its corrections); None on the first.
    current: Submission | None
    # The steps the submission fires, in order (may be empty: attached without a move).
    events: list[str]
    # The caller's earlier submission with the same idempotency key, already this case's.
    replay: Submission | None = None


def submission_path(content: dict[str, Any], state: str) -> list[str]:
    """``submit`` if it leaves ``state``; else one person's step (no comment or input
    asked) into a state it leaves, then ``submit``; else nothing."""
    transitions = content["transitions"]

    def submits_from(name: str) -> bool:
        return any(t["event"] == SUBMIT_EVENT and name in t["from"] for t in transitions)

    if submits_from(state):
        return [SUBMIT_EVENT]
    for t in transitions:
        if (
            state in t["from"]
            and t["event"] != SUBMIT_EVENT
            and t.get("roles")
            and not t.get("auto")
            and not t.get("commentRequired")
            and not t.get("input")
            and submits_from(t["to"])
        ):
            return [t["event"], SUBMIT_EVENT]
    return []


async def _plan_form_key(instance: WorkflowInstance) -> str | None:
    """The form key of the plan that opened this case; None for a case no plan opened."""
    plan_id = ((instance.data or {}).get("inspection") or {}).get("planId")
    if not plan_id:
        return None
    plan = await InspectionPlan.filter(id=UUID(plan_id)).only("id", "form_key").first()
    # A case whose plan is gone asks for no form at all (not any form that starts it).
    return plan.form_key if plan is not None else ""


async def _expected_form(instance: WorkflowInstance, version: WorkflowVersion, form: Form) -> bool:
    plan_key = await _plan_form_key(instance)
    if plan_key is not None:
        return plan_key == form.key
    starts = version.content.get("startsFor") or {}
    return form.key in starts.get("formKeys", []) or form.category.value in starts.get(
        "formCategories", []
    )


async def form_to_fill(instance: WorkflowInstance, version: WorkflowVersion) -> UUID | None:
    """The id of the form the case asks for when it takes a submission, by the rule
    ``case_for_submission`` checks: the form of its current submission (a correction), else
    its plan's form, else the first form named among those that start its workflow. None when
    no form is known (a workflow started by a form category only: the caller picks one).
    Only ids are read: the caller loads the form's header (not its draft) through its loader."""
    if instance.submission_id is not None:
        current = await Submission.filter(id=instance.submission_id).only("id", "form_id").first()
        if current is not None:
            return cast(UUID, current.form_id)
    key = await _plan_form_key(instance)
    if key is None:
        keys = (version.content.get("startsFor") or {}).get("formKeys") or []
        key = keys[0] if keys else None
    if not key:
        return None
    found = await Form.filter(key=key).only("id").first()
    return found.id if found is not None else None


async def requested_form(version_id: UUID | None, form_id: UUID | None) -> Form | None:
    """The form a submit names (by version or form); None lets the submit report it."""
    if version_id is not None:
        version = await FormVersion.filter(id=version_id).only("id", "form_id").first()
        form_id = version.form_id if version is not None else None
    if form_id is None:
        return None
    return await Form.filter(id=form_id).only("id", "key", "category").first()


async def case_for_submission(
    principal: Principal,
    instance_id: UUID,
    *,
    form: Form,
    customer_id: UUID | None,
    idempotency_key: str | None,
) -> CaseTarget:
    """The case, if it is waiting for this form from this caller; ``CaseRefused`` if not.

    A retry with the idempotency key of the submission the case already holds is a replay:
    the target comes back with ``replay`` set and nothing to fire."""
    require(principal, Permission.WORKFLOWS_ACT)
    instance = await queries.visible_instance(submission_scope(principal), instance_id)
    if instance is None:
        raise CaseRefused("case.not_found")
    if idempotency_key is not None and principal.user_id is not None:
        earlier = await form_queries.submission_by_idempotency_key(
            principal.user_id, idempotency_key
        )
        if earlier is not None and instance.submission_id == earlier.id:
            version = await queries.version_by_id(instance.version_id)
            assert version is not None
            return CaseTarget(instance, version, earlier, [], replay=earlier)
    if instance.closed_at is not None:
        raise CaseRefused("case.closed")
    version = await queries.version_by_id(instance.version_id)
    assert version is not None
    current, account_auditor = await subject_of(instance)
    events = submission_path(version.content, instance.state)
    # Not waiting is said first: it holds whoever asks (the reviewer has the case now).
    if current is not None and not events:
        raise CaseRefused("case.already_submitted")
    actor = await actor_for(principal, instance, current, account_auditor)
    if not actor.is_assignee:
        raise CaseRefused("case.not_assigned")
    if not await _expected_form(instance, version, form):
        raise CaseRefused("case.wrong_form", form=form.key)
    if (
        customer_id is not None
        and instance.customer_id is not None
        and customer_id != instance.customer_id
    ):
        raise CaseRefused("case.wrong_customer")
    if current is not None and current.form_id != form.id:
        raise CaseRefused("case.wrong_form", form=form.key)
    return CaseTarget(instance, version, current, events)


async def link(target: CaseTarget, submission: Submission) -> None:
    """Point the case at its (newest) submission: compare-and-set on the one it had, so two
    submissions racing for one case leave one linked and the other refused."""
    previous = target.instance.submission_id
    query = WorkflowInstance.filter(id=target.instance.id)
    query = (
        query.filter(submission_id__isnull=True)
        if previous is None
        else query.filter(submission_id=previous)
    )
    if await query.update(submission_id=submission.id) != 1:
        raise Conflict("case.already_submitted")
    target.instance.submission_id = submission.id
