"""Practice 11 (case analysis), first half: a case review linked to the inspection it
analyses, set up from definitions only. References are checked on submit (exists, visible
to the submitter, a typed error at the answer's path) and come back as links."""

from __future__ import annotations

from typing import Any

from auditportal.api.relay import parse_global_id
from tests import gql
from tests.conftest import Api
from tests.factories import checklist, good_answers, t
from tests.helpers import publish, submit


def case_review(key: str = "case-review") -> dict[str, Any]:
    return {
        "key": key,
        "category": "custom",
        "title": t("Case review", "案例分析"),
        "audience": ["staff", "customer"],
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["inspection", "outcome"],
            "additionalProperties": False,
            "properties": {
                "inspection": {
                    "type": "string",
                    "format": "uuid",
                    "x-reference": "submission",
                    "x-title": t("Inspection analysed", "所分析的检查"),
                },
                "customer": {
                    "type": "string",
                    "x-reference": "customer",
                    "x-title": t("Customer"),
                },
                "related": {
                    "type": "array",
                    "x-title": t("Related cases"),
                    "items": {"type": "string", "x-reference": "workflowCase"},
                },
                "outcome": {
                    "type": "string",
                    "enum": ["success", "failure"],
                    "x-title": t("Outcome", "结果"),
                },
            },
        },
    }


REFERENCES = """
query($id: ID!) {
  submission(id: $id) {
    references {
      path pointer kind
      target { id __typename ... on Submission { customer { code } } ... on Customer { code } }
    }
  }
}
"""


def raw(global_id: str) -> str:
    return str(parse_global_id(global_id)[1])


async def test_a_case_review_links_the_inspection_it_analyses(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    acme = await api.customer("C-1")
    await publish(admin, checklist(key="site-check"))
    _, review_version = await publish(admin, case_review())
    inspected = await submit(
        auditor,
        formVersionId=(await _version(admin, "site-check")),
        answers=good_answers(),
        customerId=_customer_gid(acme),
    )
    inspection_id = inspected["submission"]["id"]

    accepted = await submit(
        auditor,
        formVersionId=review_version,
        answers={"inspection": raw(inspection_id), "customer": str(acme.id), "outcome": "failure"},
    )
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    links = (await auditor.data(REFERENCES, {"id": accepted["submission"]["id"]}))["submission"]
    assert links["references"] == [
        {
            "path": ["inspection"],
            "pointer": "/inspection",
            "kind": "SUBMISSION",
            "target": {
                "id": inspection_id,
                "__typename": "Submission",
                "customer": {"code": "C-1"},
            },
        },
        {
            "path": ["customer"],
            "pointer": "/customer",
            "kind": "CUSTOMER",
            "target": {"id": _customer_gid(acme), "__typename": "Customer", "code": "C-1"},
        },
    ]


async def test_references_are_checked_on_submit(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    acme = await api.customer("C-1")
    other = await api.customer("C-2")
    _, checklist_version = await publish(
        admin, checklist(key="site-check", audience=["staff", "customer"])
    )
    _, review_version = await publish(admin, case_review())
    theirs = await submit(
        auditor,
        formVersionId=checklist_version,
        answers=good_answers(),
        customerId=_customer_gid(other),
    )
    missing = "00000000-0000-4000-8000-000000000000"
    refused = await submit(
        auditor,
        formVersionId=review_version,
        answers={
            "inspection": missing,
            "customer": "not-an-id",
            "related": [missing],
            "outcome": "success",
        },
    )
    assert refused["__typename"] == "ValidationFailed"
    assert [(e["pointer"], e["message"]) for e in refused["errors"]] == [
        (
            "/input/answers/inspection",
            "Inspection analysed: No such submission, or you may not see it.",
        ),
        ("/input/answers/customer", "Customer: Enter the id (a UUID) of a customer."),
        (
            "/input/answers/related/0",
            "Related cases: No such workflow case, or you may not see it.",
        ),
    ]
    zh = await submit(
        auditor,
        "zh-CN",
        formVersionId=review_version,
        answers={"inspection": missing, "outcome": "success"},
    )
    assert [e["message"] for e in zh["errors"]] == [
        "所分析的检查：找不到该提交记录，或您无权查看。"
    ]

    # A customer user may reference their own records only: another customer's inspection
    # and another customer are refused with the same message as a missing one.
    customer = await api.user("customer", customer=acme)
    hidden = await submit(
        customer,
        formVersionId=review_version,
        answers={
            "inspection": raw(theirs["submission"]["id"]),
            "customer": str(other.id),
            "outcome": "success",
        },
    )
    assert hidden["__typename"] == "ValidationFailed"
    assert [(e["pointer"], e["message"]) for e in hidden["errors"]] == [
        (
            "/input/answers/inspection",
            "Inspection analysed: No such submission, or you may not see it.",
        ),
        ("/input/answers/customer", "Customer: No such customer, or you may not see it."),
    ]
    own = await submit(
        customer,
        formVersionId=review_version,
        answers={
            "customer": str(acme.id),
            "inspection": raw(theirs["submission"]["id"]),
            "outcome": "success",
        },
    )
    assert own["__typename"] == "ValidationFailed"  # still not theirs
    assert [e["pointer"] for e in own["errors"]] == ["/input/answers/inspection"]


async def test_a_reference_belongs_on_a_plain_text_field(api: Api) -> None:
    admin = await api.user("admin")
    definition = case_review()
    definition["schema"]["properties"]["outcome"]["x-reference"] = "customer"
    definition["schema"]["properties"]["customer"]["x-sensitive"] = True
    created = (await admin.data(gql.CREATE_DRAFT, {"definition": definition}))["createFormDraft"]
    assert created["__typename"] == "ValidationFailed"
    assert sorted(e["pointer"] for e in created["errors"]) == [
        "/input/definition/schema/properties/customer/x-reference",
        "/input/definition/schema/properties/outcome/x-reference",
    ]
    definition = case_review()
    definition["schema"]["properties"]["outcome"]["x-reference"] = "invoice"
    created = (await admin.data(gql.CREATE_DRAFT, {"definition": definition}))["createFormDraft"]
    assert created["__typename"] == "ValidationFailed"
    assert [e["pointer"] for e in created["errors"]] == [
        "/input/definition/schema/properties/outcome/x-reference"
    ]


def _customer_gid(customer: Any) -> str:
    from auditportal.api.relay import to_global_id

    return str(to_global_id("Customer", customer.id))


async def _version(admin: Any, key: str) -> str:
    found = await admin.data(
        "query($key: String!) { form(key: $key) { latestVersion { id } } }", {"key": key}
    )
    return str(found["form"]["latestVersion"]["id"])
