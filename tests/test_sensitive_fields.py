"""Sensitive answers: ciphertext in the database, plaintext only for those allowed."""

from __future__ import annotations

import json

from tortoise import connections

from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Role
from auditportal.forms.models import Submission
from tests.conftest import Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit

ACCOUNT = "6222021234567890"


async def _raw_answers(submission_gid: str) -> str:
    """The answers column exactly as the database holds it."""
    submission = await Submission.all().first()
    assert submission is not None
    rows = await connections.get("default").execute_query_dict(
        "SELECT answers FROM submissions WHERE id = $1"
        if connections.get("default").capabilities.dialect == "postgres"
        else "SELECT answers FROM submissions WHERE id = ?",
        [str(submission.id)],
    )
    return str(rows[0]["answers"])


async def test_database_holds_no_plaintext_of_sensitive_answers(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    result = await submit(auditor, formVersionId=version_id, answers=good_answers())
    raw = await _raw_answers(result["submission"]["id"])
    assert ACCOUNT not in raw
    stored = json.loads(raw)
    envelope = stored["bankAccount"]["$enc"]
    assert envelope.startswith("v1.k")  # version and key id travel with the ciphertext
    assert stored["contactEmail"] == "li.wei@example.cn"  # not sensitive: stored as is
    assert result["submission"]["answers"]["bankAccount"] == ACCOUNT


async def test_masked_for_callers_without_the_right(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    manager = await api.user("manager")
    tool = await api.user("service", scopes=default_scopes(Role.SERVICE))
    _, version_id = await publish(admin, checklist())
    sid = (await submit(auditor, formVersionId=version_id, answers=good_answers()))["submission"][
        "id"
    ]
    query = "query($id: ID!) { submission(id: $id) { answers } }"

    assert (await manager.data(query, {"id": sid}))["submission"]["answers"][
        "bankAccount"
    ] == ACCOUNT
    seen_by_tool = (await tool.data(query, {"id": sid}))["submission"]["answers"]
    assert seen_by_tool["bankAccount"] == "******"
    assert seen_by_tool["contactEmail"] == "li.wei@example.cn"


async def test_customer_sees_its_own_sensitive_answers(api: Api) -> None:
    admin = await api.user("admin")
    acme = await api.customer("ACME")
    acme_user = await api.user("customer", customer=acme)
    _, version_id = await publish(admin, checklist(audience=["staff", "customer"]))
    result = await submit(acme_user, formVersionId=version_id, answers=good_answers())
    listed = await acme_user.data("{ submissions { nodes { answers } } }")
    assert listed["submissions"]["nodes"][0]["answers"]["bankAccount"] == ACCOUNT
    assert result["submission"]["answers"]["bankAccount"] == ACCOUNT


async def test_ciphertext_moved_to_another_row_does_not_open(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    await submit(auditor, formVersionId=version_id, answers=good_answers())
    await submit(
        auditor, formVersionId=version_id, answers=good_answers(bankAccount="6222029999999999")
    )
    a, b = await Submission.all()
    # Copy A's sealed account number into B: bound to A's id, it must not decrypt as B's.
    b.answers = {**b.answers, "bankAccount": a.answers["bankAccount"]}
    await b.save(update_fields=["answers"])
    query = "{ submissions { nodes { answers } } }"
    response = await auditor.gql(query)
    # An integrity failure is an incident: masked for the client, logged with the request id.
    assert response["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert response["errors"][0]["extensions"]["requestId"]
    assert "6222021234567890" not in json.dumps(response)
