"""Running a form's own rules (finding rules, cross-checks; ``auditportal.form_rules``) on
submit, and in bulk over past submissions as a job with progress.

On submit the rules run in the submission's transaction, before the workflows start and
the register is updated, so that their findings start corrective actions and count toward
the risk score like any field finding. ``names.RECHECK_FORM_SUBMISSIONS`` takes
``{"formId": str}``: every current (not superseded) submission of the form is checked
again by the rules of the form's newest published version (an admin who adds a cross-check
wants it over the past quarter too), in batches of ``BATCH``, one transaction each, with
one audit event per changed submission and the customers' risk scores refreshed; the
checkpoint is the last id done, so a rerun resumes, and a second run changes nothing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit.service import EventSpec, record_many
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal, system_principal
from auditportal.customers import risks
from auditportal.errors import NotFound
from auditportal.form_rules import has_rules, merged, run_form_rules
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.jobs import dispatch
from auditportal.jobs.models import JobRun
from auditportal.jobs.runs import RunContext, job
from auditportal.rule_context import rule_context

RECHECK_FORM_SUBMISSIONS = "recheck_form_submissions"
BATCH = 200


async def apply_on_submit(
    principal: Principal, submission: Submission, definition: dict[str, Any] | None = None
) -> bool:
    """Add the rules' findings to a new submission; True when it raised any. Call in the
    submission's transaction."""
    if definition is None:
        rows = await FormVersion.filter(id=submission.form_version_id).values_list(
            "definition", flat=True
        )
        definition = rows[0] if rows else None  # type: ignore[assignment]
    if not has_rules(definition):
        return False
    assert definition is not None
    return await _recheck(principal, submission, definition)


async def _recheck(
    principal: Principal | None, submission: Submission, definition: dict[str, Any]
) -> bool:
    context = await rule_context(submission=submission, principal=principal)
    results = run_form_rules(definition, context)
    stored = list(submission.findings or [])
    findings = merged(stored, results.findings)
    if findings == stored:
        return False
    submission.findings, submission.finding_count = findings, len(findings)
    await Submission.filter(id=submission.id).update(findings=findings, finding_count=len(findings))
    return True


async def request_recheck(principal: Principal, form_id: UUID) -> JobRun:
    """Run the form's rules again over its past submissions (a job; see the module)."""
    require(principal, Permission.FORMS_DESIGN)
    if not await Form.exists(id=form_id):
        raise NotFound("form.not_found")
    return await dispatch.enqueue(
        RECHECK_FORM_SUBMISSIONS, {"formId": str(form_id)}, requested_by=principal.user_id
    )


@job(RECHECK_FORM_SUBMISSIONS)
async def recheck_form_submissions(run: RunContext) -> dict[str, Any]:
    form_id = UUID(str(run.arguments["formId"]))
    version = (
        await FormVersion.filter(form_id=form_id, retired_at__isnull=True)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise NotFound("form.not_found")
    definition: dict[str, Any] = version.definition
    principal = system_principal("form-rules")
    query = Submission.filter(form_id=form_id, superseded_at__isnull=True)
    total = await query.count()
    after = run.checkpoint.get("after")
    done = int(run.checkpoint.get("done", 0))
    changed = int(run.checkpoint.get("changed", 0))
    await run.progress(done, total)
    while True:
        async with in_transaction():
            batch = query.order_by("id").limit(BATCH).select_for_update()
            if after is not None:
                batch = batch.filter(id__gt=UUID(after))
            rows = await batch
            if not rows:
                break
            events: list[EventSpec] = []
            customers: set[UUID] = set()
            for submission in rows:
                before = len(submission.findings or [])
                # The rules read the register now: the actor is the re-run, not the submitter.
                if await _recheck(None, submission, definition):
                    events.append(
                        EventSpec(
                            "submission.recheck",
                            "Submission",
                            submission.id,
                            {
                                "version": version.number,
                                "before": before,
                                "after": submission.finding_count,
                            },
                        )
                    )
                    if submission.customer_id is not None:
                        customers.add(submission.customer_id)
            for customer_id in sorted(customers):
                await risks.refresh_risk_score(customer_id)
            await record_many(principal, events)
            changed += len(events)
            done += len(rows)
            after = str(rows[-1].id)
            await run.save_checkpoint({"after": after, "done": done, "changed": changed}, done=done)
    return {"form": str(form_id), "version": version.number, "checked": done, "changed": changed}
