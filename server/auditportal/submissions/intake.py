"""Submitting a form and starting the workflows it triggers, as one unit of work.

Forms and workflows stay independent domains; this process-level service composes them so
that a submission and the instances it starts commit or roll back together.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.auth.principal import Principal
from auditportal.forms import service as forms
from auditportal.forms.models import Form
from auditportal.settings import Language, Settings
from auditportal.submissions import drafts, register_hooks
from auditportal.workflows import queries as workflow_queries
from auditportal.workflows.instances import start
from auditportal.workflows.models import WorkflowInstance


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
    settings: Settings,
) -> tuple[forms.SubmitResult, list[WorkflowInstance]]:
    """Store the answers, start the workflows they trigger and delete the draft they were
    typed in, as one unit: a refused submission keeps its draft."""
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
        started = await start_triggered(principal, result.submission, settings)
        if not result.replayed:
            await drafts.consume(
                principal,
                version_id=result.submission.form_version_id,
                customer_id=result.submission.customer_id,
                draft_id=draft_id,
                submission_id=result.submission.id,
            )
        tier_changed = (
            False
            if result.replayed
            else await register_hooks.after_submission(principal, result.submission, answers)
        )
    if tier_changed:
        await register_hooks.request_replan(result.submission.customer_id)
    return result, started


async def revise(
    principal: Principal,
    *,
    submission_id: UUID,
    answers: Any,
    language: Language,
    reason: str | None = None,
    idempotency_key: str | None = None,
    settings: Settings,
) -> forms.SubmitResult:
    """A correction, and what it changes in the customer register, in one transaction: a
    corrected credit assessment becomes the current credit record, and the findings that
    count toward the risk score and tier are the corrected ones."""
    async with in_transaction():
        result = await forms.revise(
            principal,
            submission_id=submission_id,
            answers=answers,
            language=language,
            reason=reason,
            idempotency_key=idempotency_key,
            settings=settings,
        )
        tier_changed = (
            False
            if result.replayed
            else await register_hooks.after_submission(
                principal, result.submission, answers, correction=True
            )
        )
    if tier_changed:
        await register_hooks.request_replan(result.submission.customer_id)
    return result


async def start_triggered(
    principal: Principal, submission: Any, settings: Settings
) -> list[WorkflowInstance]:
    """Start each workflow whose trigger names this submission's form or its category.

    Idempotent: a replayed submission finds its instances by their start keys.
    """
    form = await Form.get(id=submission.form_id).only("id", "key", "category")
    versions = await workflow_queries.versions_triggered_by(form.key, form.category.value)
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
