"""Every write leaves a hash-chained audit event; tampering is detected."""

from __future__ import annotations

import itertools

from auditportal.audit.models import AuditEvent
from auditportal.audit.service import verify_chain
from tests import gql
from tests.conftest import Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit


async def test_each_write_appends_one_chained_event(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    sid = (await submit(auditor, formVersionId=version_id, answers=good_answers()))["submission"][
        "id"
    ]
    await auditor.data(gql.REVISE, {"input": {"submissionId": sid, "answers": good_answers()}})
    await admin.data(gql.RETIRE, {"id": version_id})

    events = await AuditEvent.all().order_by("id")
    actions = [e.action for e in events]
    assert actions == [
        "user.create",
        "user.create",
        "form.create",
        "form.publish",
        "submission.create",
        "submission.revise",
        "form.retire",
    ]
    publish_event = events[3]
    assert publish_event.actor.startswith("user:admin-")
    assert publish_event.actor_role == "admin"
    assert publish_event.summary["number"] == 1
    assert publish_event.request_id  # the HTTP request that caused it
    for previous, event in itertools.pairwise(events):
        assert event.prev_hash == previous.hash
    report = await verify_chain()
    assert report.ok and report.checked == len(events)


async def test_failed_writes_leave_no_event(api: Api) -> None:
    admin = await api.user("admin")
    before = await AuditEvent.all().count()
    await admin.data(gql.CREATE_DRAFT, {"definition": {"key": "x"}})
    await admin.data(
        gql.SUBMIT,
        {
            "input": {
                "formId": "Rm9ybTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
                "answers": {},
            }
        },
    )
    assert await AuditEvent.all().count() == before


async def test_tampering_is_detected_at_the_first_broken_link(api: Api) -> None:
    admin = await api.user("admin")
    await publish(admin, checklist())
    events = await AuditEvent.all().order_by("id")
    victim = events[2]
    await AuditEvent.filter(id=victim.id).update(summary={"key": "rewritten history"})
    report = await verify_chain()
    assert not report.ok
    assert report.first_broken_id == victim.id
    assert report.reason == "content does not match its hash"

    await AuditEvent.filter(id=victim.id).update(summary=victim.summary)
    assert (await verify_chain()).ok
    await AuditEvent.filter(id=events[1].id).delete()
    deleted = await verify_chain()
    assert deleted.first_broken_id == events[2].id
    assert deleted.reason == "previous-hash link does not match"
