"""Declared, indexed search fields, set up from definitions only.

Practice 11 (case analysis): case reviews filtered by their success/failure tag, also for
reviews submitted before the field was declared (a backfill job). Practice 16 (customer
relationship management): customers found by a custom attribute (开户行), also when
imported from a file, where declared numbers stay numbers.
"""

from __future__ import annotations

from typing import Any

from auditportal.customers.models import Customer
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from auditportal.search.models import SearchValue
from tests import gql
from tests.conftest import SETTINGS, Api, Person
from tests.factories import t
from tests.helpers import publish, submit
from tests.import_support import COMMIT, SET_MAPPING, csv_bytes, dry_run, fetch, uploaded
from tests.test_submissions import count_queries


def case_review(search: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "key": "case-review",
        "category": "custom",
        "title": t("Case review", "案例分析"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["outcome"],
            "additionalProperties": False,
            "properties": {
                "outcome": {
                    "type": "string",
                    "enum": ["success", "failure"],
                    "x-title": t("Outcome", "结果"),
                },
                "lessons": {
                    "type": "array",
                    "x-title": t("Lessons", "经验"),
                    "items": {"type": "string"},
                },
                "loss": {"type": "number", "x-title": t("Loss (CNY)", "损失（元）")},
                "note": {"type": "string", "x-title": t("Note"), "x-sensitive": True},
            },
        },
    }
    if search is not None:
        definition["search"] = search
    return definition


SEARCH = [
    {"key": "outcome", "field": "/outcome", "title": t("Outcome", "结果")},
    {"key": "lesson", "field": "/lessons/*"},
    {"key": "loss", "field": "/loss"},
]

FILTERED = """
query($answers: [SearchCondition!]) {
  submissions(filter: {answers: $answers}) { totalCount nodes { answers } }
}
"""


async def _losses(person: Person, *answers: dict[str, Any]) -> list[float]:
    found = await person.data(FILTERED, {"answers": list(answers)})
    return sorted(node["answers"]["loss"] for node in found["submissions"]["nodes"])


async def test_case_reviews_are_filtered_by_their_declared_answers(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    form_id, version = await publish(admin, case_review(SEARCH))
    reviews = [
        {"outcome": "failure", "lessons": ["contract", "payment"], "loss": 12000, "note": "x"},
        {"outcome": "failure", "lessons": ["payment"], "loss": 800.5},
        {"outcome": "success", "lessons": ["contract"], "loss": 0},
    ]
    for answers in reviews:
        accepted = await submit(auditor, formVersionId=version, answers=answers)
        assert accepted["__typename"] == "SubmissionAccepted", accepted

    assert await _losses(auditor, {"key": "outcome", "equals": "failure"}) == [800.5, 12000]
    assert await _losses(auditor, {"key": "lesson", "anyOf": ["contract"]}) == [0, 12000]
    assert await _losses(
        auditor, {"key": "outcome", "equals": "failure"}, {"key": "lesson", "equals": "contract"}
    ) == [12000]
    assert await _losses(auditor, {"key": "loss", "min": 500, "max": 1000}) == [800.5]
    assert await _losses(auditor, {"key": "loss", "equals": "12000.0"}) == [12000]
    assert await _losses(auditor, {"key": "lesson", "contains": "PAY"}) == [800.5, 12000]
    assert await _losses(auditor, {"key": "outcome", "equals": "nothing"}) == []
    # The sensitive note is not a search field and never reaches the index.
    assert not await SearchValue.filter(text_value="x").exists()

    # One SQL statement per page whatever the number of conditions: the conditions are
    # subqueries, not rows read into Python.
    two = [{"key": "outcome", "equals": "failure"}, {"key": "lesson", "equals": "payment"}]
    with count_queries() as one_condition:
        await auditor.data(FILTERED, {"answers": two[:1]})
    with count_queries() as two_conditions:
        await auditor.data(FILTERED, {"answers": two})
    assert len(two_conditions) == len(one_condition)
    # search_values is read only inside the submissions' own statements (as subqueries).
    searched = [statement for statement in two_conditions if "search_values" in statement]
    assert searched
    assert all('"submissions"' in statement for statement in searched)
    del form_id


async def test_a_search_field_added_later_covers_earlier_submissions(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    form_id, version = await publish(admin, case_review())
    for answers in ({"outcome": "failure", "loss": 1}, {"outcome": "success", "loss": 2}):
        await submit(auditor, formVersionId=version, answers=answers)
    assert await _losses(auditor, {"key": "outcome", "equals": "failure"}) == []

    form = await admin.data('{ form(key: "case-review") { draftRevision } }')
    saved = await admin.data(
        gql.UPDATE_DRAFT,
        {
            "formId": form_id,
            "definition": case_review(SEARCH),
            "rev": form["form"]["draftRevision"],
        },
    )
    assert saved["updateFormDraft"]["__typename"] == "FormDraftSaved", saved
    assert (await admin.data(gql.PUBLISH, {"formId": form_id}))["publishForm"]["__typename"] == (
        "FormPublished"
    )
    await drain(SETTINGS)
    run = await JobRun.get(name="reindex_search_fields")
    assert run.status is JobStatus.SUCCEEDED
    assert run.result["records"] == 2
    # Answers to the old version (still open) are searchable by the new declarations.
    assert await _losses(auditor, {"key": "outcome", "equals": "failure"}) == [1]
    await submit(auditor, formVersionId=version, answers={"outcome": "failure", "loss": 3})
    assert await _losses(auditor, {"key": "outcome", "equals": "failure"}) == [1, 3]


async def test_search_declarations_are_checked(api: Api) -> None:
    admin = await api.user("admin")
    bad = case_review(
        [
            {"key": "outcome", "field": "/outcome"},
            {"key": "outcome", "field": "/nowhere"},
            {"key": "note", "field": "/note"},
        ]
    )
    created = await admin.data(gql.CREATE_DRAFT, {"definition": bad}, language="zh-CN")
    errors = created["createFormDraft"]["errors"]
    assert [(e["pointer"], e["message"]) for e in errors] == [
        ("/input/definition/search/1/key", "检索字段名“outcome”重复。"),
        ("/input/definition/search/1/field", "检索字段 /nowhere 在表单中不存在。"),
        ("/input/definition/search/2/field", "敏感字段不能作为检索字段：其值不能以明文存入索引。"),
    ]


def attributes_form() -> dict[str, Any]:
    return {
        "key": "customer-profile",
        "category": "custom",
        "title": t("Customer profile", "客户档案"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "bank": {"type": "string", "x-title": t("Bank", "开户行")},
                "employees": {"type": "integer", "minimum": 1, "x-title": t("Employees")},
                "listed": {"type": "boolean", "x-title": t("Listed")},
            },
        },
        "search": [
            {"key": "bank", "field": "/bank", "title": t("Bank", "开户行")},
            {"key": "employees", "field": "/employees"},
        ],
    }


CREATE = """
mutation($input: CreateCustomerInput!) {
  createCustomer(input: $input) { __typename ... on ValidationFailed { errors { path } } }
}
"""
CUSTOMERS = """
query($attributes: [SearchCondition!]) {
  customers(filter: {attributes: $attributes}) { nodes { code } }
}
"""


async def _codes(person: Person, *conditions: dict[str, Any]) -> list[str]:
    found = await person.data(CUSTOMERS, {"attributes": list(conditions)})
    return sorted(node["code"] for node in found["customers"]["nodes"])


async def test_customers_are_found_by_a_declared_attribute(api: Api) -> None:
    admin = await api.user("admin")
    await publish(admin, attributes_form())
    for code, attributes in (
        ("C-1", {"bank": "招商银行", "employees": 120}),
        ("C-2", {"bank": "工商银行", "employees": 15}),
        ("C-3", {"employees": 300}),
    ):
        made = await admin.data(
            CREATE, {"input": {"code": code, "name": code, "attributes": attributes}}
        )
        assert made["createCustomer"]["__typename"] == "CustomerSaved", made
    assert await _codes(admin, {"key": "bank", "equals": "招商银行"}) == ["C-1"]
    assert await _codes(admin, {"key": "employees", "min": 100}) == ["C-1", "C-3"]

    # An import keeps declared types: employees arrive as text and are stored as numbers,
    # so they are found by range and a later edit validates; a non-number rejects its row.
    content = csv_bytes(
        [
            ["客户编码", "客户名称", "开户行", "员工数", "上市"],
            ["C-4", "四号", "招商银行", "1,200", "是"],
            ["C-5", "五号", "建设银行", "很多", "否"],
        ]
    )
    record = await uploaded(api, admin, content)
    mapping = [
        {"column": "客户编码", "field": "code"},
        {"column": "客户名称", "field": "name"},
        {"column": "开户行", "field": "attributes.bank"},
        {"column": "员工数", "field": "attributes.employees"},
        {"column": "上市", "field": "attributes.listed"},
    ]
    set_ = await admin.data(SET_MAPPING, {"input": {"importId": record["id"], "mapping": mapping}})
    assert set_["setImportMapping"]["__typename"] == "ImportMappingSet", set_
    await dry_run(admin, record["id"])
    started = await admin.data(COMMIT, {"id": record["id"]})
    assert started["commitImport"]["__typename"] == "ImportCommitStarted", started
    await drain(SETTINGS)
    done = await fetch(admin, record["id"], language="zh-CN")
    assert done["status"] == "COMMITTED", done
    imported = await Customer.get(code="C-4")
    assert imported.attributes == {"bank": "招商银行", "employees": 1200, "listed": True}
    assert not await Customer.exists(code="C-5")
    assert await _codes(admin, {"key": "bank", "equals": "招商银行"}) == ["C-1", "C-4"]
    assert await _codes(admin, {"key": "employees", "min": 1000}) == ["C-4"]
