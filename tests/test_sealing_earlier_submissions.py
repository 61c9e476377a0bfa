"""Marking a field sensitive later seals what earlier submissions hold in clear (a job), and
request hashes are keyed so that stored rows do not confirm guessed answers."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from tortoise import connections

from auditportal.audit.models import AuditEvent
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Role
from auditportal.forms.models import Submission
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from tests import gql
from tests.conftest import SETTINGS, Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit

ACCOUNT = "6222021234567890"
QUERY = "query($id: ID!) { submission(id: $id) { answers findings { path answer } } }"


def _unkeyed(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


_COLUMNS = {
    "answers": "SELECT answers FROM submissions ORDER BY submitted_at",
    "findings": "SELECT findings FROM submissions ORDER BY submitted_at",
}


async def _raw(column: str) -> list[str]:
    rows = await connections.get("default").execute_query_dict(_COLUMNS[column])
    return [str(row[column]) for row in rows]


async def test_request_hash_is_keyed_and_old_rows_still_replay(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    answers = good_answers()
    first = await submit(auditor, formVersionId=version_id, answers=answers, idempotencyKey="k1")
    submission = await Submission.get()
    promised = {"version": submission.form_version_id, "customer": None, "answers": answers}
    # Not the unkeyed SHA-256 an attacker can recompute from guesses.
    assert submission.request_hash != _unkeyed(promised)
    again = await submit(auditor, formVersionId=version_id, answers=answers, idempotencyKey="k1")
    assert again["replayed"] is True
    assert again["submission"]["id"] == first["submission"]["id"]
    # A row written before the upgrade (unkeyed hash) still replays...
    await Submission.filter(id=submission.id).update(request_hash=_unkeyed(promised))
    old = await submit(auditor, formVersionId=version_id, answers=answers, idempotencyKey="k1")
    assert old["replayed"] is True
    # ...and still refuses other content under the same key.
    other = await submit(
        auditor,
        formVersionId=version_id,
        answers=good_answers(bankAccount="6222020000000000"),
        idempotencyKey="k1",
    )
    assert other["__typename"] == "Conflict"


def _without_sensitive(definition: dict[str, Any]) -> dict[str, Any]:
    plain = copy.deepcopy(definition)
    del plain["schema"]["properties"]["bankAccount"]["x-sensitive"]
    plain["schema"]["properties"]["bankAccount"]["x-findings"] = [
        {"in": [ACCOUNT], "severity": "low", "title": {"zh-CN": "测试账户", "en": "Test account"}}
    ]
    return plain


async def test_publishing_a_sensitive_mark_seals_earlier_submissions(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    tool = await api.user("service", scopes=default_scopes(Role.SERVICE))
    marked = _without_sensitive(checklist())
    marked["schema"]["properties"]["bankAccount"]["x-sensitive"] = True
    form_id, version_id = await publish(admin, _without_sensitive(checklist()))
    earlier = await submit(
        auditor, formVersionId=version_id, answers=good_answers(), idempotencyKey="before"
    )
    sid = earlier["submission"]["id"]
    assert ACCOUNT in (await _raw("answers"))[0]
    submission = await Submission.get()
    legacy = _unkeyed(
        {"version": submission.form_version_id, "customer": None, "answers": good_answers()}
    )
    await Submission.filter(id=submission.id).update(request_hash=legacy)  # as before upgrade

    draft = await admin.data(gql.UPDATE_DRAFT, {"formId": form_id, "definition": marked})
    assert draft["updateFormDraft"]["__typename"] == "FormDraftSaved", draft
    published = await admin.data(gql.PUBLISH, {"formId": form_id})
    assert published["publishForm"]["__typename"] == "FormPublished"
    run = await JobRun.get(name="seal_form_submissions")
    assert run.status is JobStatus.QUEUED
    publish_event = await AuditEvent.filter(action="form.publish").order_by("-id").first()
    assert publish_event is not None and publish_event.summary["sealing_job"] == str(run.id)

    assert await drain(SETTINGS) == 1
    finished = await JobRun.get(id=run.id)
    assert finished.status is JobStatus.SUCCEEDED, finished.error
    assert finished.result["changed"] == 1
    assert ACCOUNT not in (await _raw("answers"))[0]
    assert ACCOUNT not in (await _raw("findings"))[0]
    sealed = await Submission.get()
    assert sealed.request_hash != legacy
    assert await AuditEvent.filter(action="submission.seal", object_id=str(sealed.id)).count() == 1

    # The earlier submission reads as before for those who may see it, masked for others.
    assert (await auditor.data(QUERY, {"id": sid}))["submission"]["answers"][
        "bankAccount"
    ] == ACCOUNT
    seen_by_tool = (await tool.data(QUERY, {"id": sid}))["submission"]
    assert seen_by_tool["answers"]["bankAccount"] == "******"
    assert seen_by_tool["findings"][0]["answer"] == "******"
    # Its idempotency key still replays after the rewrite.
    again = await submit(
        auditor, formVersionId=version_id, answers=good_answers(), idempotencyKey="before"
    )
    assert again["replayed"] is True

    # Running again changes nothing (a rerun after a crash is safe).
    await JobRun.filter(id=run.id).update(status=JobStatus.QUEUED, checkpoint={})
    assert await drain(SETTINGS) == 1
    assert (await JobRun.get(id=run.id)).result["changed"] == 0


async def test_answers_to_an_older_open_version_are_sealed_by_the_newer_marks(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    marked = _without_sensitive(checklist())
    marked["schema"]["properties"]["bankAccount"]["x-sensitive"] = True
    form_id, old_version = await publish(admin, _without_sensitive(checklist()))
    await admin.data(gql.UPDATE_DRAFT, {"formId": form_id, "definition": marked})
    await admin.data(gql.PUBLISH, {"formId": form_id})
    # The old version is still open: a client that cached it submits to it.
    late = await submit(auditor, formVersionId=old_version, answers=good_answers())
    assert late["__typename"] == "SubmissionAccepted"
    assert late["submission"]["answers"]["bankAccount"] == ACCOUNT
    assert all(ACCOUNT not in raw for raw in await _raw("answers"))
    assert all(ACCOUNT not in raw for raw in await _raw("findings"))
