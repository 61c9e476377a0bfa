"""Submitting answers: validation, scoring, findings, idempotency, corrections, listing."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from tortoise import connections

from auditportal.audit.models import AuditEvent
from auditportal.forms.models import Submission
from tests import gql
from tests.conftest import Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit


async def test_valid_submission_is_scored_and_raises_findings(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    customer = await api.customer("C-100")
    _, version_id = await publish(admin, checklist())
    answers = good_answers(contracts={"signed": "no", "archived": "yes"}, payments={"onTime": "na"})
    result = await submit(
        auditor,
        formVersionId=version_id,
        customerId=_customer_gid(customer.id),
        answers=answers,
    )
    assert result["__typename"] == "SubmissionAccepted", result
    submission = result["submission"]
    score = submission["score"]
    # contracts: signed no (0 of 2) + archived yes (2 of 2) = 2 of 4 -> 50 %, weight 3
    # payments: the only question is not applicable -> no maximum, left out of the percent
    sections = {s["key"]: s for s in score["sections"]}
    assert sections["contracts"] == {
        "key": "contracts",
        "weight": 3.0,
        "raw": 2.0,
        "max": 4.0,
        "percent": 50.0,
        "title": "Contracts",
    }
    assert sections["payments"]["max"] == 0.0
    assert sections["payments"]["percent"] is None
    assert (score["raw"], score["max"], score["percent"], score["passed"]) == (
        2.0,
        4.0,
        50.0,
        False,
    )
    assert submission["hasFindings"] is True
    assert submission["findings"] == [
        {
            "path": ["contracts", "signed"],
            "pointer": "/contracts/signed",
            "severity": "HIGH",
            "title": "Signed: no",
            "answer": "no",
        }
    ]
    assert submission["customer"] == {"code": "C-100"}
    assert submission["answers"]["bankAccount"] == "6222021234567890"


async def test_weighted_percent_across_sections(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    answers = good_answers(
        contracts={"signed": "yes", "archived": "yes"}, payments={"onTime": "no"}
    )
    result = await submit(auditor, formVersionId=version_id, answers=answers)
    score = result["submission"]["score"]
    # contracts 100 % (weight 3), payments 0 % (weight 1) -> 75 %
    assert score["percent"] == 75.0
    assert score["raw"] == 4.0 and score["max"] == 6.0
    assert score["passed"] is False
    assert [f["severity"] for f in result["submission"]["findings"]] == ["MEDIUM"]


def _customer_gid(customer_id: object) -> str:
    from auditportal.api.relay import to_global_id

    return str(to_global_id("Customer", customer_id))  # type: ignore[arg-type]


async def test_invalid_answers_list_every_error_with_path_in_both_languages(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    bad = {
        "visitDate": "2026-13-45",
        "contactEmail": "not-an-email",
        "bankAccount": "123",
        "contracts": {"signed": "maybe"},
        "payments": {"onTime": "yes", "extra": 1},
    }
    en = await submit(auditor, "en", formVersionId=version_id, answers=bad)
    zh = await submit(auditor, "zh-CN", formVersionId=version_id, answers=bad)
    assert en["__typename"] == zh["__typename"] == "ValidationFailed"
    # Paths start at the input: /input/answers/<the question>.
    by_pointer = {e["pointer"].removeprefix("/input/answers"): e for e in en["errors"]}
    assert all(e["path"][:2] == ["input", "answers"] for e in en["errors"])
    assert set(by_pointer) == {
        "/visitDate",
        "/contactEmail",
        "/bankAccount",
        "/contracts/signed",
        "/contracts/archived",
        "/payments/extra",
    }
    assert by_pointer["/visitDate"]["code"] == "schema.format"
    # Each message names its field by its title and options by their labels.
    assert by_pointer["/visitDate"]["message"] == "Visit date: Not a valid date (YYYY-MM-DD)."
    assert by_pointer["/contactEmail"]["message"] == "Contact email: Not a valid email address."
    assert by_pointer["/bankAccount"]["message"] == (
        "Bank account: Must be at least 6 characters long."
    )
    assert by_pointer["/contracts/signed"]["message"] == (
        "Signed: Not one of the allowed options: Yes, No, N/A."
    )
    assert by_pointer["/contracts/archived"]["code"] == "schema.required"
    assert by_pointer["/contracts/signed"]["code"] == "schema.enum"
    assert by_pointer["/payments/extra"]["code"] == "schema.additionalProperties"
    zh_by_pointer = {
        e["pointer"].removeprefix("/input/answers"): e["message"] for e in zh["errors"]
    }
    assert zh_by_pointer["/contracts/archived"] == "Archived（中文）：此项为必填项。"
    assert zh_by_pointer["/visitDate"] == "Visit date（中文）：不是有效的日期（YYYY-MM-DD）。"
    assert zh_by_pointer["/contracts/signed"] == (
        "Signed（中文）：取值不在允许的选项中：是、否、不适用。"
    )
    assert "6 个字符" in zh_by_pointer["/bankAccount"]
    assert en["message"] == "The answers are not valid: 6 error(s)."
    assert zh["message"] == "提交的答案未通过校验，共 6 处错误。"
    # Nothing was written: no submission, no audit event for it.
    assert await Submission.all().count() == 0
    assert await AuditEvent.filter(action="submission.create").count() == 0


async def test_wrong_types_and_non_object_answers(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    not_object = await submit(auditor, formVersionId=version_id, answers=["a", "list"])
    assert not_object["__typename"] == "ValidationFailed"
    assert not_object["errors"][0]["path"] == ["input", "answers"]
    assert not_object["errors"][0]["message"] == "Wrong type; expected an object."
    wrong_type = await submit(
        auditor, formVersionId=version_id, answers=good_answers(contracts="yes")
    )
    assert wrong_type["errors"][0]["pointer"] == "/input/answers/contracts"


async def test_idempotency_key_replays_the_first_result(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    first = await submit(
        auditor, formVersionId=version_id, answers=good_answers(), idempotencyKey="visit-42"
    )
    retry = await submit(
        auditor, formVersionId=version_id, answers=good_answers(), idempotencyKey="visit-42"
    )
    assert first["replayed"] is False
    assert retry["replayed"] is True
    assert retry["submission"]["id"] == first["submission"]["id"]
    assert await Submission.all().count() == 1

    different = await submit(
        auditor,
        formVersionId=version_id,
        answers=good_answers(payments={"onTime": "no"}),
        idempotencyKey="visit-42",
    )
    assert different["__typename"] == "Conflict"
    assert "visit-42" in different["message"]
    # Another user's identical key is their own.
    other = await api.user("auditor")
    mine = await submit(
        other, formVersionId=version_id, answers=good_answers(), idempotencyKey="visit-42"
    )
    assert mine["replayed"] is False
    too_long = await submit(
        other, formVersionId=version_id, answers=good_answers(), idempotencyKey="k" * 129
    )
    assert too_long["__typename"] == "ValidationFailed"
    assert too_long["errors"][0]["path"] == ["input", "idempotencyKey"]


async def test_revision_links_to_the_original_which_stays_unchanged(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    original = (
        await submit(
            auditor, formVersionId=version_id, answers=good_answers(payments={"onTime": "no"})
        )
    )["submission"]
    revised = (
        await auditor.data(
            gql.REVISE,
            {
                "input": {
                    "submissionId": original["id"],
                    "answers": good_answers(),
                    "reason": "Payment proof found",
                }
            },
        )
    )["reviseSubmission"]
    assert revised["__typename"] == "SubmissionAccepted"
    assert revised["submission"]["revision"] == 2
    assert revised["submission"]["revises"]["id"] == original["id"]
    assert revised["submission"]["score"]["percent"] == 100.0

    query = """query($id: ID!) { submission(id: $id) {
        revision score { percent } supersededBy { id } answers } }"""
    old = (await auditor.data(query, {"id": original["id"]}))["submission"]
    assert old["score"]["percent"] == 75.0
    assert old["answers"]["payments"] == {"onTime": "no"}
    assert old["supersededBy"]["id"] == revised["submission"]["id"]

    again = (
        await auditor.data(
            gql.REVISE, {"input": {"submissionId": original["id"], "answers": good_answers()}}
        )
    )["reviseSubmission"]
    assert again["__typename"] == "Conflict"

    invalid = (
        await auditor.data(
            gql.REVISE,
            {"input": {"submissionId": revised["submission"]["id"], "answers": {"visitDate": 1}}},
        )
    )["reviseSubmission"]
    assert invalid["__typename"] == "ValidationFailed"

    listed = await auditor.data("{ submissions { totalCount } }")
    assert listed["submissions"]["totalCount"] == 1
    everything = await auditor.data(
        "{ submissions(filter: {includeSuperseded: true}) { totalCount } }"
    )
    assert everything["submissions"]["totalCount"] == 2


async def test_only_the_submitter_or_reviewers_may_revise(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    colleague = await api.user("auditor")
    manager = await api.user("manager")
    _, version_id = await publish(admin, checklist())
    original = (await submit(auditor, formVersionId=version_id, answers=good_answers()))[
        "submission"
    ]
    variables = {"input": {"submissionId": original["id"], "answers": good_answers()}}
    refused = (await colleague.data(gql.REVISE, variables))["reviseSubmission"]
    assert refused["__typename"] == "NotAllowed"
    allowed = (await manager.data(gql.REVISE, variables))["reviseSubmission"]
    assert allowed["__typename"] == "SubmissionAccepted"


async def test_customer_users_submit_for_their_own_customer_only(api: Api) -> None:
    admin = await api.user("admin")
    acme = await api.customer("ACME")
    globex = await api.customer("GLOBEX")
    acme_user = await api.user("customer", customer=acme)
    globex_user = await api.user("customer", customer=globex)
    _, version_id = await publish(admin, checklist(audience=["staff", "customer"]))

    implicit = await submit(acme_user, formVersionId=version_id, answers=good_answers())
    assert implicit["submission"]["customer"] == {"code": "ACME"}
    foreign = await submit(
        acme_user,
        formVersionId=version_id,
        customerId=_customer_gid(globex.id),
        answers=good_answers(),
    )
    assert foreign["__typename"] == "NotAllowed"

    await submit(globex_user, formVersionId=version_id, answers=good_answers())
    mine = await acme_user.data("{ submissions { totalCount nodes { customer { code } } } }")
    assert mine["submissions"]["totalCount"] == 1
    assert mine["submissions"]["nodes"][0]["customer"]["code"] == "ACME"
    other_id = (await globex_user.data("{ submissions { nodes { id } } }"))["submissions"]["nodes"][
        0
    ]["id"]
    assert (
        await acme_user.data("query($id: ID!) { submission(id: $id) { id } }", {"id": other_id})
    )["submission"] is None
    assert (await acme_user.data("query($id: ID!) { node(id: $id) { id } }", {"id": other_id}))[
        "node"
    ] is None
    revise = await acme_user.data(
        gql.REVISE, {"input": {"submissionId": other_id, "answers": good_answers()}}
    )
    assert revise["reviseSubmission"]["__typename"] == "NotFound"


async def test_list_filters(api: Api) -> None:
    admin = await api.user("admin")
    alice = await api.user("auditor")
    bob = await api.user("auditor")
    acme = await api.customer("ACME")
    _, version_id = await publish(admin, checklist())
    perfect = good_answers()
    half = good_answers(contracts={"signed": "no", "archived": "yes"}, payments={"onTime": "no"})
    await submit(
        alice, formVersionId=version_id, answers=perfect, customerId=_customer_gid(acme.id)
    )
    await submit(alice, formVersionId=version_id, answers=half)
    await submit(bob, formVersionId=version_id, answers=perfect)

    async def count(filter_: str) -> int:
        data = await admin.data(f"{{ submissions(filter: {filter_}) {{ totalCount }} }}")
        return int(data["submissions"]["totalCount"])

    assert await count("{hasFindings: true}") == 1
    assert await count("{hasFindings: false}") == 2
    assert await count("{minScorePercent: 90}") == 2
    assert await count("{maxScorePercent: 50}") == 1
    assert await count(f'{{customerId: "{_customer_gid(acme.id)}"}}') == 1
    bob_gid = (await bob.data("{ me { user { id } } }"))["me"]["user"]["id"]
    assert await count(f'{{submittedById: "{bob_gid}"}}') == 1
    assert await count('{submittedAfter: "2000-01-01T00:00:00Z"}') == 3
    assert await count('{submittedBefore: "2000-01-01T00:00:00Z"}') == 0
    ranked = await admin.data(
        "{ submissions(orderBy: {field: SCORE_PERCENT, direction: ASC}) { nodes { score { percent } } } }"
    )
    assert [n["score"]["percent"] for n in ranked["submissions"]["nodes"]] == [37.5, 100.0, 100.0]


async def test_pagination_walks_every_row_once(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    for _ in range(7):
        await submit(auditor, formVersionId=version_id, answers=good_answers())
    seen: list[str] = []
    after = None
    while True:
        page = (
            await admin.data(
                "query($after: String) { submissions(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }",
                {"after": after},
            )
        )["submissions"]
        assert page["totalCount"] == 7
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 7


@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Every SQL statement the ORM sends, read from its own query log."""
    statements: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            statements.append(record.getMessage())

    logger = logging.getLogger("tortoise.db_client")
    handler = Collect(level=logging.DEBUG)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield statements
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


LIST_WITH_RELATIONS = """
query($first: Int) {
  submissions(first: $first) {
    totalCount
    nodes {
      id submittedAt answers hasFindings score { percent }
      form { key title latestVersion { number } }
      formVersion { number title }
      submittedBy { username }
      customer { code }
    }
  }
}
"""


async def test_listing_costs_the_same_number_of_queries_for_any_n(api: Api) -> None:
    admin = await api.user("admin")
    auditors = [await api.user("auditor") for _ in range(3)]
    customers = [await api.customer(f"N-{i}") for i in range(3)]
    _, version_id = await publish(admin, checklist(key="form-a"))
    _, other_version = await publish(admin, checklist(key="form-b"))

    async def measure(n: int) -> int:
        await admin.data("{ me { role } }")  # authentication warm: its cache lasts seconds
        with count_queries() as statements:
            data = await admin.data(LIST_WITH_RELATIONS, {"first": n})
        assert len(data["submissions"]["nodes"]) == n
        return len(statements)

    for i in range(2):
        await submit(
            auditors[i],
            formVersionId=version_id,
            answers=good_answers(),
            customerId=_customer_gid(customers[i].id),
        )
    small = await measure(2)
    for i in range(18):
        await submit(
            auditors[i % 3],
            formVersionId=version_id if i % 2 else other_version,
            answers=good_answers(),
            customerId=_customer_gid(customers[i % 3].id),
        )
    large = await measure(20)
    assert 0 < small <= 12, small
    assert small == large, (small, large)
    assert connections.get("default") is not None
