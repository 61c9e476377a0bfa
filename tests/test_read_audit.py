"""Consultant reads are appended once, after execution, whatever happens to the resolvers:
a field error that cancels sibling resolvers never leaves an append half done (on SQLite that
once locked the database until the process was killed)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.audit.service import verify_chain
from auditportal.auth import grants
from auditportal.auth.principal import system_principal
from tests.conftest import Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit

# Generous: only a hung database takes this long; the assertions are on what comes back.
HANG_GUARD_SECONDS = 60


async def _consultant_with_submissions(api: Api, count: int = 3) -> tuple[Person, Person, Any]:
    admin = await api.user("admin")
    acme = await api.customer("ACME")
    _, version = await publish(admin, checklist(key="visit", audience=["staff", "customer"]))
    auditor = await api.user("auditor")
    for _ in range(count):
        made = await submit(
            auditor,
            formVersionId=version,
            customerId=to_global_id("Customer", acme.id),
            answers=good_answers(),
        )
        assert made["__typename"] == "SubmissionAccepted", made
    consultant = await api.user("consultant")
    await grants.grant_access(
        system_principal("tests"),
        consultant_id=consultant.id,
        customer_ids=[acme.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=1),
        reason="review",
    )
    return admin, consultant, acme


async def _guarded(person: Person, query: str) -> dict[str, Any]:
    return await asyncio.wait_for(person.gql(query), HANG_GUARD_SECONDS)


async def test_a_field_error_among_consultant_reads_leaves_the_database_usable(api: Api) -> None:
    admin, consultant, acme = await _consultant_with_submissions(api)
    for attempt in range(5):
        failed = await _guarded(
            consultant, "{ submissions { nodes { form { draft } customer { code } } } }"
        )
        assert failed["data"] is None
        assert failed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert failed["errors"][0]["path"][-1] == "draft"
        # The next requests, reads and writes, get their answers.
        listed = await _guarded(consultant, "{ submissions { totalCount } }")
        assert listed["data"]["submissions"]["totalCount"] == 3
        created = await _guarded(
            admin,
            'mutation { createCustomer(input: {code: "NEXT-' + str(attempt) + '", name: "下一家"}) '
            "{ __typename } }",
        )
        assert created["data"]["createCustomer"]["__typename"] == "CustomerSaved", created

    # What the failed requests read is on the trail, once per record, and the chain holds.
    reads = await AuditEvent.filter(action="consultant.read").values_list(
        "object_type", "object_id", "request_id"
    )
    # The submissions were read before the error; whether the customer loader ran before the
    # error cancelled its siblings depends on scheduling, but nothing else is ever recorded.
    assert any(row[0] == "Submission" for row in reads)
    customer_reads = [row for row in reads if row[0] == "Customer"]
    assert {row[1] for row in customer_reads} <= {str(acme.id)}
    per_request: dict[Any, list[str]] = {}
    for object_type, object_id, request_id in reads:
        per_request.setdefault(request_id, []).append(f"{object_type}:{object_id}")
    assert all(len(items) == len(set(items)) for items in per_request.values())
    assert (await verify_chain()).ok


async def test_consultant_reads_are_appended_once_after_execution(api: Api) -> None:
    _, consultant, _ = await _consultant_with_submissions(api, count=2)
    before = await AuditEvent.all().count()
    seen = await consultant.data(
        "{ a: submissions { nodes { id customer { code } } } "
        "b: submissions { nodes { id customer { code } } } }"
    )
    assert len(seen["a"]["nodes"]) == 2
    events = await AuditEvent.filter(id__gt=before).order_by("id")
    assert sorted(e.object_type for e in events) == ["Customer", "Submission", "Submission"]
    # One append: one request id, consecutive ids, all in one batch.
    assert len({e.request_id for e in events}) == 1
    assert [e.id for e in events] == list(range(events[0].id, events[0].id + 3))


async def test_consultant_reads_of_the_heat_map_and_the_register_are_audited(api: Api) -> None:
    from tests.test_customer_access import _setup

    a1, b1 = await _setup(api)
    consultant = await api.user("consultant")
    await grants.grant_access(
        system_principal("tests"),
        consultant_id=consultant.id,
        customer_ids=[a1.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=1),
        reason="review",
    )
    before = await AuditEvent.all().count()
    cells = (await consultant.data("{ riskHeatMap { count } }"))["riskHeatMap"]
    assert sum(cell["count"] for cell in cells) == 1
    heat = await AuditEvent.filter(id__gt=before, action="consultant.read").values_list(
        "object_type", "object_id"
    )
    assert heat == [("RiskHeatMap", str(a1.id))]

    before = await AuditEvent.all().count()
    await consultant.data(
        '{ customer(code: "A1") { tags accountAuditor { id } activeOverride { reason } } }'
    )
    read = set(
        await AuditEvent.filter(id__gt=before, action="consultant.read").values_list(
            "object_type", "object_id"
        )
    )
    assert {("Customer", str(a1.id)), ("CustomerTags", str(a1.id))} <= read
    assert not any(object_id == str(b1.id) for _, object_id in read)
