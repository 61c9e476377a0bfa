"""Consultants: read-only, limited to active grants, masked, and every read audited."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from auditportal.api.relay import from_global_id, to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.audit.service import EventSpec, record_many, verify_chain
from auditportal.auth import grants
from auditportal.auth.principal import system_principal
from auditportal.customers.models import Customer
from tests.conftest import Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit

BOTH = ["staff", "customer"]
SYSTEM = system_principal("tests")
LIST = "{ submissions { nodes { id answers form { key } customer { code } } } }"


async def _grant(consultant: Person, customers: list[Any], forms: list[Any]) -> Any:
    return await grants.grant_access(
        SYSTEM,
        consultant_id=consultant.id,
        customer_ids=[c.id for c in customers],
        form_ids=forms,
        expires_at=datetime.now(UTC) + timedelta(days=3),
        reason="annual review",
    )


async def _reads(consultant: Person) -> list[tuple[str, str]]:
    username = (await consultant.data("{ me { user { username } } }"))["me"]["user"]["username"]
    rows = await AuditEvent.filter(action="consultant.read", actor=f"user:{username}").order_by(
        "id"
    )
    return [(row.object_type, row.object_id) for row in rows]


async def _setup(api: Api) -> dict[str, Any]:
    admin = await api.user("admin")
    acme, globex = await api.customer("ACME"), await api.customer("GLOBEX")
    first_id, first_version = await publish(admin, checklist(key="first", audience=BOTH))
    second_id, second_version = await publish(admin, checklist(key="second", audience=BOTH))
    auditor = await api.user("auditor")
    made = {}
    for customer in (acme, globex):
        for key, version in (("first", first_version), ("second", second_version)):
            result = await submit(
                auditor,
                formVersionId=version,
                customerId=_gid("Customer", customer.id),
                answers=good_answers(),
            )
            made[(customer.code, key)] = result["submission"]["id"]
    return {
        "admin": admin,
        "auditor": auditor,
        "acme": acme,
        "globex": globex,
        "first_id": first_id,
        "second_id": second_id,
        "submissions": made,
    }


def _gid(type_name: str, raw: Any) -> str:
    return str(to_global_id(type_name, raw))


async def test_a_customer_grant_opens_that_customer_and_every_published_form(api: Api) -> None:
    world = await _setup(api)
    consultant = await api.user("consultant")
    await _grant(consultant, [world["acme"]], [])
    seen = (await consultant.data(LIST))["submissions"]["nodes"]
    assert sorted(n["id"] for n in seen) == sorted(
        [world["submissions"][("ACME", "first")], world["submissions"][("ACME", "second")]]
    )
    assert {n["customer"]["code"] for n in seen} == {"ACME"}
    assert all(n["answers"]["bankAccount"] == "******" for n in seen)
    forms = await consultant.data("{ forms { nodes { key } } }")
    assert [n["key"] for n in forms["forms"]["nodes"]] == ["first", "second"]


async def test_a_form_restriction_narrows_submissions_and_forms(api: Api) -> None:
    world = await _setup(api)
    consultant = await api.user("consultant")
    await _grant(consultant, [world["acme"]], [from_global_id(world["first_id"], "Form")])
    seen = (await consultant.data(LIST))["submissions"]["nodes"]
    assert [n["id"] for n in seen] == [world["submissions"][("ACME", "first")]]
    forms = await consultant.data("{ forms { nodes { key } } }")
    assert [n["key"] for n in forms["forms"]["nodes"]] == ["first"]
    hidden = await consultant.data(
        "query($id: ID!) { form(id: $id) { key } node(id: $id) { id } }",
        {"id": world["second_id"]},
    )
    assert hidden == {"form": None, "node": None}


async def test_every_record_read_is_one_audit_event(api: Api) -> None:
    world = await _setup(api)
    consultant = await api.user("consultant")
    await _grant(consultant, [world["acme"]], [])
    before = await AuditEvent.all().count()
    seen = (await consultant.data(LIST))["submissions"]["nodes"]
    reads = await _reads(consultant)
    # Two submissions, their two forms and one customer: one event each, in one append
    # per batch; the chain stays intact.
    assert sorted(t for t, _ in reads) == ["Customer", "Form", "Form", "Submission", "Submission"]
    assert {i for t, i in reads if t == "Customer"} == {str(world["acme"].id)}
    assert await AuditEvent.all().count() == before + 5
    assert (await verify_chain()).ok
    event = await AuditEvent.filter(action="consultant.read").first()
    assert event is not None and event.actor_role == "consultant"
    assert len(seen) == 2

    # Staff reads record nothing.
    count = await AuditEvent.all().count()
    await world["auditor"].data(LIST)
    await world["admin"].data("{ customers { nodes { code } } forms { nodes { key } } }")
    assert await AuditEvent.all().count() == count


async def test_revoked_and_expired_grants_open_nothing(api: Api) -> None:
    world = await _setup(api)
    consultant = await api.user("consultant")
    grant = await _grant(consultant, [world["acme"], world["globex"]], [])
    assert len((await consultant.data(LIST))["submissions"]["nodes"]) == 4
    revoked = await world["admin"].data(
        "mutation($input: RevokeConsultantGrantInput!) { revokeConsultantGrant(input: $input) "
        "{ __typename ... on ConsultantGrantRevoked { grant { active revokedAt } } } }",
        {"input": {"grantId": _gid("ConsultantGrant", grant.id)}},
    )
    assert revoked["revokeConsultantGrant"]["grant"]["active"] is False
    after = await consultant.data("{ submissions { totalCount } forms { totalCount } }")
    assert after == {"submissions": {"totalCount": 0}, "forms": {"totalCount": 0}}
    scope = await grants.active_grant_scope(consultant.id)
    assert scope.customer_ids == frozenset()
    # An expired one, likewise (checked at the moment of the request).
    other = await api.user("consultant")
    await _grant(other, [world["acme"]], [])
    later = await grants.active_grant_scope(other.id, datetime.now(UTC) + timedelta(days=4))
    assert later.customer_ids == frozenset()


async def test_record_many_chains_in_order(api: Api) -> None:
    customer = await Customer.create(code="X", name="X")
    events = await record_many(
        SYSTEM, [EventSpec("test.event", "Customer", customer.id, {"n": n}) for n in range(5)]
    )
    assert [e.summary["n"] for e in events] == list(range(5))
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    stored = await AuditEvent.filter(action="test.event").order_by("id")
    assert [e.hash for e in stored] == [e.hash for e in events]
    assert (await verify_chain()).ok
    assert await record_many(SYSTEM, []) == []
