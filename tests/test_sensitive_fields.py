"""Sensitive answers: ciphertext in the database, plaintext only for those allowed."""

from __future__ import annotations

import json
from typing import Any

from tortoise import connections

from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Role
from auditportal.forms.models import Submission
from tests.conftest import Api
from tests.factories import checklist, good_answers, t
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


def _with_sensitive_finding() -> dict[str, Any]:
    """The checklist plus a sensitive number whose low values raise a finding."""
    definition = checklist()
    definition["schema"]["properties"]["annualRevenue"] = {
        "type": "number",
        "x-title": t("Annual revenue", "年营业额"),
        "x-sensitive": True,
        "x-findings": [{"lt": 1000, "severity": "high", "title": t("Revenue too low")}],
    }
    return definition


FINDINGS_QUERY = "query($id: ID!) { submission(id: $id) { findings { path severity answer } } }"
REVENUE = 987.65


async def _raw_findings() -> str:
    rows = await connections.get("default").execute_query_dict("SELECT findings FROM submissions")
    return str(rows[0]["findings"])


async def test_a_finding_on_a_sensitive_field_is_sealed_and_masked(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    manager = await api.user("manager")
    tool = await api.user("service", scopes=default_scopes(Role.SERVICE))
    _, version_id = await publish(admin, _with_sensitive_finding())
    result = await submit(
        auditor, formVersionId=version_id, answers=good_answers(annualRevenue=REVENUE)
    )
    assert result["__typename"] == "SubmissionAccepted", result
    sid = result["submission"]["id"]

    raw = await _raw_findings()
    assert str(REVENUE) not in raw
    stored = json.loads(raw)
    assert stored[0]["path"] == ["annualRevenue"]
    assert stored[0]["answer"]["$enc"].startswith("v1.k")

    def revenue_finding(data: dict[str, Any]) -> dict[str, Any]:
        found = [f for f in data["submission"]["findings"] if f["path"] == ["annualRevenue"]]
        assert len(found) == 1, data
        return found[0]

    seen_by_manager = revenue_finding(await manager.data(FINDINGS_QUERY, {"id": sid}))
    assert seen_by_manager == {"path": ["annualRevenue"], "severity": "HIGH", "answer": REVENUE}
    seen_by_tool = revenue_finding(await tool.data(FINDINGS_QUERY, {"id": sid}))
    assert seen_by_tool["answer"] == "******"
    # Not sensitive: a finding on an ordinary field still shows its answer to everyone.
    other = await submit(
        auditor,
        formVersionId=version_id,
        answers=good_answers(annualRevenue=5000, contracts={"signed": "no", "archived": "yes"}),
    )
    plain = await tool.data(FINDINGS_QUERY, {"id": other["submission"]["id"]})
    assert plain["submission"]["findings"][0]["answer"] == "no"
