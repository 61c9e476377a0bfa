"""Concurrent writes on PostgreSQL: retries and races never duplicate or lose anything."""

from __future__ import annotations

import asyncio

import pytest

from auditportal.audit.models import AuditEvent
from auditportal.audit.service import verify_chain
from auditportal.forms.models import FormVersion, Submission
from tests import gql
from tests.conftest import Api
from tests.factories import checklist, good_answers
from tests.helpers import publish

pytestmark = pytest.mark.postgres_only


async def test_racing_retries_with_one_idempotency_key_store_one_submission(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    variables = {
        "input": {"formVersionId": version_id, "answers": good_answers(), "idempotencyKey": "k-1"}
    }
    results = await asyncio.gather(*(auditor.data(gql.SUBMIT, variables) for _ in range(8)))
    payloads = [r["submitForm"] for r in results]
    assert {p["__typename"] for p in payloads} == {"SubmissionAccepted"}
    assert len({p["submission"]["id"] for p in payloads}) == 1
    assert sum(not p["replayed"] for p in payloads) == 1
    assert await Submission.all().count() == 1
    assert await AuditEvent.filter(action="submission.create").count() == 1


async def test_racing_publishes_make_one_version(api: Api) -> None:
    admin = await api.user("admin")
    created = await admin.data(gql.CREATE_DRAFT, {"definition": checklist()})
    form_id = created["createFormDraft"]["form"]["id"]
    results = await asyncio.gather(
        *(admin.data(gql.PUBLISH, {"formId": form_id}) for _ in range(6))
    )
    payloads = [r["publishForm"] for r in results]
    assert {p["__typename"] for p in payloads} == {"FormPublished"}
    assert sum(p["created"] for p in payloads) == 1
    assert await FormVersion.all().count() == 1


async def test_concurrent_writes_keep_the_audit_chain_linear(api: Api) -> None:
    admin = await api.user("admin")
    auditors = [await api.user("auditor") for _ in range(4)]
    _, version_id = await publish(admin, checklist())
    await asyncio.gather(
        *(
            person.data(
                gql.SUBMIT, {"input": {"formVersionId": version_id, "answers": good_answers()}}
            )
            for person in auditors
            for _ in range(5)
        )
    )
    assert await Submission.all().count() == 20
    report = await verify_chain()
    assert report.ok, report


async def test_racing_corrections_of_one_submission_keep_one(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    original = await auditor.data(
        gql.SUBMIT, {"input": {"formVersionId": version_id, "answers": good_answers()}}
    )
    sid = original["submitForm"]["submission"]["id"]
    results = await asyncio.gather(
        *(
            auditor.data(
                gql.REVISE,
                {"input": {"submissionId": sid, "answers": good_answers(), "reason": str(i)}},
            )
            for i in range(5)
        )
    )
    kinds = sorted(r["reviseSubmission"]["__typename"] for r in results)
    assert kinds == ["Conflict"] * 4 + ["SubmissionAccepted"]
    assert await Submission.filter(revises_id__isnull=False).count() == 1
