"""What an admin can publish must work: definitions are compiled and resolved at save,
answers are checked as JSON Schema 2020-12 and the browser (Ajv) read them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tortoise import connections

from auditportal.api.relay import from_global_id
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Role
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.forms.definition import content_hash
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.workflows.definition import check_workflow_definition
from tests import gql
from tests.conftest import REPO_ROOT, Api, Person
from tests.factories import t
from tests.helpers import publish, submit


def _form(properties: dict[str, Any], **schema: Any) -> dict[str, Any]:
    return {
        "key": "id-check",
        "category": "custom",
        "title": t("ID check", "身份核验"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": properties,
            **schema,
        },
    }


def _text(title: str, **rules: Any) -> dict[str, Any]:
    return {"type": "string", "x-title": t(title), **rules}


async def _refused(admin: Person, definition: dict[str, Any], language: str = "en") -> Any:
    result = await admin.data(gql.CREATE_DRAFT, {"definition": definition}, language=language)
    payload = result["createFormDraft"]
    assert payload["__typename"] == "ValidationFailed", payload
    return {
        e["pointer"].removeprefix("/input/definition"): (e["code"], e["message"])
        for e in payload["errors"]
    }


async def test_definitions_that_would_fail_every_submission_are_refused_at_save(api: Api) -> None:
    admin = await api.user("admin")
    definition = _form(
        {
            "name": _text("Name", pattern=r"^\p{Han}{2,4}$"),
            "code": _text("Code", pattern="["),
            "extra": {"x-title": t("Extra"), "$ref": "#/$defs/missing"},
            "loop": {"x-title": t("Loop"), "$ref": "#/$defs/loop"},
        },
        patternProperties={"(?P<python>x)": {"type": "string"}},
        **{"$defs": {"loop": {"allOf": [{"$ref": "#/$defs/loop"}]}}},
    )
    errors = await _refused(admin, definition)
    p = "/schema/properties"
    assert errors[f"{p}/name/pattern"][0] == "definition.bad_pattern_suggestion"
    assert r"^\p{Script=Han}{2,4}$" in errors[f"{p}/name/pattern"][1]
    assert errors[f"{p}/code/pattern"][0] == "definition.bad_pattern"
    assert errors[f"{p}/extra/$ref"][0] == "definition.unresolved_ref"
    assert errors["/schema/patternProperties/(?P<python>x)"][0] == "definition.bad_pattern"
    # Validation would recurse forever: refused where the loop closes.
    assert errors["/schema/$defs/loop/allOf/0/$ref"][0] == "definition.ref_cycle"
    zh = await _refused(admin, definition, language="zh-CN")
    assert zh[f"{p}/extra/$ref"][1] == "引用 #/$defs/missing 在本表单中找不到对应的定义。"
    assert "ECMA-262" in zh[f"{p}/code/pattern"][1]
    assert await Form.all().count() == 0


async def _publish_and_check(
    api: Api, definition: dict[str, Any], cases: list[tuple[dict[str, Any], bool]]
) -> list[Any]:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, definition)
    results = []
    for answers, accepted in cases:
        result = await submit(auditor, formVersionId=version_id, answers=answers)
        expected = "SubmissionAccepted" if accepted else "ValidationFailed"
        assert result["__typename"] == expected, (answers, result)
        results.append(result)
    return results


async def test_patterns_follow_ecma_262_like_the_browser(api: Api) -> None:
    definition = _form(
        {
            "idNumber": _text("ID number", pattern=r"^\d{17}[\dX]$"),
            "name": _text("Name", pattern=r"^\p{Script=Han}{2,4}$"),
            "date": _text("Date", pattern=r"^(?<year>\d{4})-(?<month>\d{2})$"),
        }
    )
    await _publish_and_check(
        api,
        definition,
        [
            ({"idNumber": "11010519491231002X", "name": "张三", "date": "2026-11"}, True),
            ({"idNumber": "１１０１０５１９４９１２３１００２X"}, False),  # full-width digits
            ({"idNumber": "11010519491231002X\n"}, False),  # $ is the end, not a newline
            ({"name": "Zhang"}, False),
            ({"date": "2026-1"}, False),
        ],
    )


async def test_money_multiples_and_email_addresses(api: Api) -> None:
    definition = _form(
        {
            "amount": {"type": "number", "multipleOf": 0.01, "x-title": t("Amount")},
            "email": _text("Email", format="email"),
        }
    )
    cents = [19.99, 0.07, 1234567.89, 0.29, 1.15]
    results = await _publish_and_check(
        api,
        definition,
        [({"amount": amount}, True) for amount in cents]
        + [({"amount": 19.995}, False)]
        + [
            ({"email": good}, True)
            for good in ("li.wei@example.cn", "张三@例子.中国", '"li wei"@example.cn')
        ]
        + [({"email": bad}, False) for bad in ("@", "a@", "张三 <a@b.cn>", "a@b", "a..b@c.cn")],
    )
    refused = results[len(cents)]
    assert refused["errors"][0]["path"][-1] == "amount"
    assert refused["errors"][0]["code"] == "schema.multipleOf"


async def test_definitions_refused_by_mistake_before_now_publish_and_work(api: Api) -> None:
    address = {
        "$id": "https://forms.example.cn/address",
        "type": "string",
        "minLength": 4,
        "x-title": t("Address"),
    }
    definition = _form(
        {
            "office": {"x-title": t("Office"), "$ref": "https://forms.example.cn/address"},
            "marker": {
                "x-title": t("Marker"),
                "enum": [{"$ref": "not a schema"}, "plain"],
                "x-enum-titles": {"zh-CN": ["引用", "普通"], "en": ["Reference", "Plain"]},
            },
            "fixed": {"x-title": t("Fixed"), "const": {"$ref": "#/nowhere"}},
        },
        **{"$defs": {"address": address}},
        patternProperties={"^phone_[a-z]+$": {"type": "string", "x-title": t("Phone")}},
        allOf=[{"properties": {"contact": _text("Contact")}}],
        required=["office", "phone_mobile", "contact"],
    )
    await _publish_and_check(
        api,
        definition,
        [
            ({"office": "北京市朝阳区", "phone_mobile": "13800000000", "contact": "李伟"}, True),
            ({"office": "x", "phone_mobile": "1", "contact": "李伟"}, False),
            ({"office": "北京市朝阳区", "contact": "李伟"}, False),
            (
                {
                    "office": "北京市朝阳区",
                    "phone_mobile": "1",
                    "contact": "李伟",
                    "marker": {"$ref": "not a schema"},
                    "fixed": {"$ref": "#/nowhere"},
                },
                True,  # "$ref" inside const and enum is data, not a reference
            ),
        ],
    )


SEALED_PLACES = _form(
    {
        "idNumber": {"x-title": t("ID number"), "$ref": "#/$defs/idNumber"},
        "kind": {"type": "string", "enum": ["person", "company"], "x-title": t("Kind")},
        "holder": {"type": "string", "x-title": t("Holder")},
        "notes": {
            "type": "object",
            "x-title": t("Notes"),
            "additionalProperties": {"type": "string", "x-sensitive": True},
        },
        "contacts": {
            "type": "array",
            "x-title": t("Contacts"),
            "items": {"anyOf": [{"type": "string", "x-sensitive": True}, {"type": "null"}]},
        },
        "pair": {
            "type": "array",
            "x-title": t("Pair"),
            "prefixItems": [
                {"type": "string", "x-title": t("Bank")},
                {"type": "string", "x-title": t("Account"), "x-sensitive": True},
            ],
        },
    },
    **{"$defs": {"idNumber": {"type": "string", "x-title": t("ID number"), "x-sensitive": True}}},
    patternProperties={
        "^card_": {"type": "string", "x-title": t("Card"), "x-sensitive": True},
    },
    additionalProperties=False,
    **{
        "if": {"properties": {"kind": {"const": "person"}}},
        "then": {"properties": {"holder": {"x-sensitive": True}}},
    },
)


async def test_sensitive_wherever_a_value_can_be(api: Api) -> None:
    answers = {
        "idNumber": "110105194912310021",
        "kind": "person",
        "holder": "李伟",
        "pair": ["ICBC", "6222021234567890"],
        "card_visa": "4111111111111111",
        "notes": {"private": "家庭住址：北京市"},
        "contacts": ["13800000000", None],
    }
    results = await _publish_and_check(api, SEALED_PLACES, [(answers, True)])
    rows = await connections.get("default").execute_query_dict("SELECT answers FROM submissions")
    raw = str(rows[0]["answers"])
    secrets = ("110105194912310021", "李伟", "6222021234567890", "4111111111111111", "13800000000")
    for secret in (*secrets, "家庭住址"):
        assert secret not in raw and json.dumps(secret)[1:-1] not in raw, secret
    stored = json.loads(raw)
    assert stored["kind"] == "person"
    assert stored["pair"][0] == "ICBC"
    assert set(stored["card_visa"]) == {"$enc"}
    assert stored["contacts"][1] is None
    # The submitter sees them in clear; a service tool sees them masked.
    assert results[0]["submission"]["answers"] == answers
    tool = await api.user("service", scopes=default_scopes(Role.SERVICE))
    query = "query($id: ID!) { submission(id: $id) { answers } }"
    seen = (await tool.data(query, {"id": results[0]["submission"]["id"]}))["submission"]
    masked = seen["answers"]
    assert masked["idNumber"] == masked["holder"] == masked["card_visa"] == "******"
    assert masked["pair"] == ["ICBC", "******"]
    assert masked["notes"] == {"private": "******"}
    assert masked["contacts"] == ["******", None]


async def test_a_branch_marks_values_only_where_it_applies(api: Api) -> None:
    company = {"kind": "company", "holder": "北京某某有限公司"}
    await _publish_and_check(api, SEALED_PLACES, [(company, True)])
    rows = await connections.get("default").execute_query_dict("SELECT answers FROM submissions")
    # "then" applies to persons only: a company's holder is not personal data.
    assert json.loads(str(rows[0]["answers"]))["holder"] == "北京某某有限公司"


async def test_a_version_published_before_these_checks_is_refused_not_a_crash(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, _form({"name": _text("Name", minLength=1)}))
    # As an older release let it through: a Python-only pattern in a published version.
    version = await FormVersion.get(id=from_global_id(version_id, "FormVersion"))
    broken = _form({"name": _text("Name", pattern="(?P<name>x)")})
    await FormVersion.filter(id=version.id).update(
        definition=broken, content_hash=content_hash(broken)
    )
    result = await submit(auditor, "zh-CN", formVersionId=version_id, answers={"name": "x"})
    assert result["__typename"] == "Conflict", result
    assert "修正后发布新版本" in result["message"]
    assert await Submission.all().count() == 0


def test_workflow_transition_inputs_are_checked_like_form_answers() -> None:
    definition = json.loads((REPO_ROOT / "workflows" / "corrective-action.json").read_text())
    index, transition = next(
        (i, tr) for i, tr in enumerate(definition["transitions"]) if "schema" in tr.get("input", {})
    )
    name = next(iter(transition["input"]["schema"]["properties"]))
    transition["input"]["schema"]["properties"][name]["pattern"] = r"^\p{Han}+$"
    with pytest.raises(DomainValidationFailed) as refused:
        check_workflow_definition(
            definition, REPO_ROOT / "schema" / "workflow-definition.schema.json"
        )
    assert [(i.pointer, i.code) for i in refused.value.issues] == [
        (
            f"/transitions/{index}/input/schema/properties/{name}/pattern",
            "definition.bad_pattern_suggestion",
        )
    ]
