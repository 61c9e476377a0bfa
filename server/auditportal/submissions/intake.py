"""Submitting a form and starting the workflows it triggers, as one unit of work.

Forms and workflows stay independent domains; this process-level service composes them so
that a submission and the instances it starts commit or roll back together.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import Conflict
from auditportal.evidence import service as evidence
from auditportal.forms import service as forms
from auditportal.forms.models import Form, FormCategory, Submission
from auditportal.settings import Language, Settings
from auditportal.submissions import cases, drafts, form_rules, register_hooks
from auditportal.workflows import queries as workflow_queries
from auditportal.workflows.effects import AfterCommit, writes_register
from auditportal.workflows.instances import advance, start
from auditportal.workflows.models import WorkflowInstance, WorkflowVersion


async def submit(
    principal: Principal,
    *,
    answers: Any,
    language: Language,
    version_id: UUID | None = None,
    form_id: UUID | None = None,
    customer_id: UUID | None = None,
    idempotency_key: str | None = None,
    draft_id: UUID | None = None,
    workflow_instance_id: UUID | None = None,
    settings: Settings,
) -> tuple[forms.SubmitResult, list[WorkflowInstance]]:
    """Store the answers, start the workflows they trigger and delete the draft they were
    typed in, as one unit: a refused submission keeps its draft.

    With ``workflow_instance_id`` the answers are for that case (``cases``): attached to
    it and moving it instead of starting workflows."""
    if workflow_instance_id is not None:
        return await _submit_for_case(
            principal,
            workflow_instance_id,
            answers=answers,
            language=language,
            version_id=version_id,
            form_id=form_id,
            customer_id=customer_id,
            idempotency_key=idempotency_key,
            draft_id=draft_id,
            settings=settings,
        )
    async with in_transaction():
        result = await forms.submit(
            principal,
            answers=answers,
            language=language,
            version_id=version_id,
            form_id=form_id,
            customer_id=customer_id,
            idempotency_key=idempotency_key,
            settings=settings,
        )
        if not result.replayed:
            # The form's finding rules and cross-checks, before workflows and the register
            # read the findings.
            await form_rules.apply_on_submit(principal, result.submission, _definition(result))
        # Read once for both: the triggers go by key and category, the register by category.
        form = await _form_of(result.submission)
        versions = await _triggered_versions(form)
        started = await start_triggered(principal, result.submission, settings, versions)
        tier_changed = (
            False
            if result.replayed
            else await _after_store(
                principal,
                result,
                answers,
                draft_id=draft_id,
                category=form.category,
                credit_by_workflow=_writes_credit(versions),
            )
        )
    if tier_changed:
        await register_hooks.request_replan(result.submission.customer_id)
    return result, started


def _definition(result: forms.SubmitResult) -> dict[str, Any] | None:
    """The stored version's definition when the store just compiled it, else None (read)."""
    return dict(result.compiled.definition) if result.compiled is not None else None


async def _after_store(
    principal: Principal,
    result: forms.SubmitResult,
    answers: Any,
    *,
    draft_id: UUID | None,
    category: FormCategory | None,
    credit_by_workflow: bool,
    instance_id: UUID | None = None,
    revised: Submission | None = None,
) -> bool:
    """The tail both submit paths share once the answers are stored (and their rules and
    workflow applied): evidence, then the draft, then the customer register. True when the
    customer's tier changed (the caller asks for a replan after the commit)."""
    submission = result.submission
    # Before the draft goes: attachments uploaded with it name it.
    await evidence.attach(
        principal,
        submission,
        answers,
        draft_id=draft_id,
        revises=revised,
        schema=dict(result.compiled.definition["schema"]) if result.compiled else None,
    )
    await drafts.consume(
        principal,
        version_id=submission.form_version_id,
        customer_id=submission.customer_id,
        draft_id=draft_id,
        submission_id=submission.id,
        instance_id=instance_id,
    )
    return await register_hooks.after_submission(
        principal,
        submission,
        answers,
        correction=revised is not None,
        category=category,
        credit_by_workflow=credit_by_workflow,
    )


async def _submit_for_case(
    principal: Principal,
    instance_id: UUID,
    *,
    answers: Any,
    language: Language,
    version_id: UUID | None,
    form_id: UUID | None,
    customer_id: UUID | None,
    idempotency_key: str | None,
    draft_id: UUID | None,
    settings: Settings,
) -> tuple[forms.SubmitResult, list[WorkflowInstance]]:
    require(principal, Permission.SUBMISSIONS_CREATE)
    after = AfterCommit()
    async with in_transaction():
        form = await cases.requested_form(version_id, form_id)
        if form is None:
            # Let the form service say what is missing, as without a case.
            await forms.submit(
                principal,
                answers=answers,
                language=language,
                version_id=version_id,
                form_id=form_id,
                customer_id=customer_id,
                settings=settings,
            )
            raise AssertionError("a submit without a form was accepted")  # pragma: no cover
        target = await cases.case_for_submission(
            principal,
            instance_id,
            form=form,
            customer_id=customer_id,
            idempotency_key=idempotency_key,
        )
        customer_id = customer_id or target.instance.customer_id
        # What this submission corrects: the case's current one (after a return), or on a
        # replay of a correction the one that correction replaced.
        corrects: UUID | None = (
            target.replay.revises_id
            if target.replay is not None
            else (target.current.id if target.current is not None else None)
        )
        correcting = corrects is not None
        if corrects is not None:
            result = await forms.revise(
                principal,
                submission_id=corrects,
                answers=answers,
                language=language,
                idempotency_key=idempotency_key,
                case_assignee=True,
                settings=settings,
            )
        else:
            result = await forms.submit(
                principal,
                answers=answers,
                language=language,
                version_id=version_id,
                form_id=form_id,
                customer_id=customer_id,
                idempotency_key=idempotency_key,
                settings=settings,
            )
        if result.replayed:
            if target.replay is None or target.replay.id != result.submission.id:
                # The key was used for another submission (another case, or none).
                raise Conflict("submission.idempotency_reused", key=idempotency_key)
            return result, [target.instance]
        submission = result.submission
        await form_rules.apply_on_submit(principal, submission, _definition(result))
        await cases.link(target, submission)
        await advance(
            principal,
            target.instance,
            target.version,
            target.events,
            submission,
            settings=settings,
            after=after,
        )
        revised = await Submission.get(id=submission.revises_id) if correcting else None
        tier_changed = await _after_store(
            principal,
            result,
            answers,
            draft_id=draft_id,
            category=form.category,
            credit_by_workflow=writes_register(target.version.content, "credit"),
            instance_id=instance_id,
            revised=revised,
        )
    await after.run()
    if tier_changed:
        await register_hooks.request_replan(submission.customer_id)
    return result, [target.instance]


async def revise(
    principal: Principal,
    *,
    submission_id: UUID,
    answers: Any,
    language: Language,
    reason: str | None = None,
    idempotency_key: str | None = None,
    case_assignee: bool = False,
    settings: Settings,
) -> forms.SubmitResult:
    """A correction, and what it changes in the customer register, in one transaction: a
    corrected credit assessment becomes the current credit record, and the findings that
    count toward the risk score and tier are the corrected ones.

    ``case_assignee``: the caller was given this submission to correct (see
    ``forms.service.revise``), e.g. the verifier of a sampled submission."""
    async with in_transaction():
        result = await forms.revise(
            principal,
            submission_id=submission_id,
            answers=answers,
            language=language,
            reason=reason,
            idempotency_key=idempotency_key,
            case_assignee=case_assignee,
            settings=settings,
        )
        if not result.replayed:
            original = await Submission.get(id=result.submission.revises_id)
            await evidence.attach(principal, result.submission, answers, revises=original)
            await form_rules.apply_on_submit(principal, result.submission)
        tier_changed = (
            False
            if result.replayed
            else await register_hooks.after_submission(
                principal,
                result.submission,
                answers,
                correction=True,
                credit_by_workflow=_writes_credit(
                    await _triggered_versions(await _form_of(result.submission))
                ),
            )
        )
    if tier_changed:
        await register_hooks.request_replan(result.submission.customer_id)
    return result


async def _form_of(submission: Any) -> Form:
    return await Form.get(id=submission.form_id).only("id", "key", "category")


async def _triggered_versions(form: Form) -> list[WorkflowVersion]:
    return list(await workflow_queries.versions_triggered_by(form.key, form.category.value))


def _writes_credit(versions: list[WorkflowVersion]) -> bool:
    return any(writes_register(version.content, "credit") for version in versions)


async def start_triggered(
    principal: Principal,
    submission: Any,
    settings: Settings,
    versions: list[WorkflowVersion] | None = None,
) -> list[WorkflowInstance]:
    """Start each workflow whose trigger names this submission's form or its category.

    Idempotent: a replayed submission finds its instances by their start keys.
    """
    if versions is None:
        versions = await _triggered_versions(await _form_of(submission))
    return [
        await start(
            principal,
            version,
            subject_type=version.content["subject"],
            subject_id=str(submission.id),
            start_key=f"submission:{submission.id}:{version.content['key']}",
            submission=submission,
            settings=settings,
        )
        for version in versions
    ]
