"""Sealing what was stored in clear before a form marked it sensitive.

``names.SEAL_FORM_SUBMISSIONS`` takes ``{"formId": str, "versionId": str}``: publishing
``versionId`` marked values sensitive, so every submission of the form (of any version) is
read with that version's marks, and values at sensitive places still in clear are sealed,
in the answers and in the findings that repeat them. Rows whose request hash is the old
unkeyed SHA-256 get the keyed one. Batches of ``BATCH`` rows, one transaction each with
one audit event per changed submission; the checkpoint is the last id done, so a rerun
resumes, and a row already sealed is left as it is (idempotent).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit.service import EventSpec, record_many
from auditportal.auth.principal import system_principal
from auditportal.forms import request_hash as request_hashes
from auditportal.forms.compiled import CompiledForm, compile_definition
from auditportal.forms.models import FormVersion, Submission
from auditportal.forms.sensitive import seal, seal_findings, unseal
from auditportal.jobs import names
from auditportal.jobs.runs import RunContext, job
from auditportal.keystore import FieldKeys, field_keys

BATCH = 200


def _promised(submission: Submission, answers: Any) -> dict[str, Any]:
    """What the submission's idempotency key promised (see forms.service.submit/revise)."""
    if submission.revises_id is not None:
        return {
            "revises": submission.revises_id,
            "answers": answers,
            "reason": submission.revision_reason,
        }
    return {
        "version": submission.form_version_id,
        "customer": submission.customer_id,
        "answers": answers,
    }


def reseal(
    submission: Submission, compiled: CompiledForm, keys: FieldKeys
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields of one stored submission to change, and what the audit should say."""
    record_id = str(submission.id)
    stored_findings = list(submission.findings or [])
    clear = unseal(submission.answers, keys, record_id, reveal=True)
    locations = compiled.sensitive_locations(clear)
    changes: dict[str, Any] = {}
    sealed = seal(submission.answers, locations, keys, record_id)
    if sealed != submission.answers:
        changes["answers"] = sealed
    findings = seal_findings(stored_findings, locations, keys, record_id)
    if findings != stored_findings:
        changes["findings"] = findings
    promised = _promised(submission, clear)
    if submission.idempotency_key is not None and request_hashes.is_legacy(
        submission.request_hash, promised
    ):
        changes["request_hash"] = request_hashes.request_hash(promised, keys)
    summary = {
        "version": str(submission.form_version_id),
        "answersSealed": "answers" in changes,
        "findingsSealed": "findings" in changes,
        "requestHashKeyed": "request_hash" in changes,
    }
    return changes, summary


@job(names.SEAL_FORM_SUBMISSIONS)
async def seal_form_submissions(run: RunContext) -> dict[str, Any]:
    form_id = UUID(str(run.arguments["formId"]))
    version = await FormVersion.get(id=UUID(str(run.arguments["versionId"])))
    compiled = compile_definition(version.content_hash, version.definition)
    keys = field_keys(run.settings)
    principal = system_principal("seal-sensitive")
    query = Submission.filter(form_id=form_id)
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
            events = []
            for submission in rows:
                changes, summary = reseal(submission, compiled, keys)
                if changes:
                    await Submission.filter(id=submission.id).update(**changes)
                    events.append(
                        EventSpec("submission.seal", "Submission", submission.id, summary)
                    )
            await record_many(principal, events)
            changed += len(events)
            done += len(rows)
            after = str(rows[-1].id)
            await run.save_checkpoint({"after": after, "done": done, "changed": changed}, done=done)
    return {"form": str(form_id), "version": version.number, "checked": done, "changed": changed}
