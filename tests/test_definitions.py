"""Bad form definitions: every error with its path, nothing stored."""

from __future__ import annotations

import copy
from typing import Any

from auditportal.audit.models import AuditEvent
from auditportal.forms.models import Form
from tests import gql
from tests.conftest import Api
from tests.factories import checklist


async def _errors(api: Api, definition: Any, language: str = "en") -> dict[str, Any]:
    admin = await api.user("admin")
    result = await admin.data(gql.CREATE_DRAFT, {"definition": definition}, language=language)
    payload = result["createFormDraft"]
    assert payload["__typename"] == "ValidationFailed", payload
    # Every error is under the definition of the input; the tests below name the places
    # inside the definition.
    for error in payload["errors"]:
        assert error["path"][:2] == ["input", "definition"], error
        assert error["pointer"].startswith("/input/definition")
        error["pointer"] = error["pointer"].removeprefix("/input/definition")
    return payload  # type: ignore[no-any-return]


async def test_meta_schema_errors_are_all_reported_with_paths(api: Api) -> None:
    bad = checklist()
    bad["key"] = "Not A Key"
    bad["category"] = "poetry"
    del bad["title"]["zh-CN"]
    bad["unexpected"] = True
    signed = bad["schema"]["properties"]["contracts"]["properties"]["signed"]
    signed["x-findings"][0]["severity"] = "catastrophic"
    signed["minLength"] = "three"  # not a valid JSON Schema: minLength is an integer
    payload = await _errors(api, bad)
    got = sorted((e["pointer"], e["code"]) for e in payload["errors"])
    signed_at = "/schema/properties/contracts/properties/signed"
    assert got == [
        ("/category", "schema.enum"),
        ("/key", "schema.pattern"),
        (f"{signed_at}/minLength", "schema.type"),
        (f"{signed_at}/x-findings/0/severity", "schema.enum"),
        ("/title/zh-CN", "schema.required"),
        ("/unexpected", "schema.additionalProperties"),
    ]
    assert (
        payload["message"]
        == f"The form definition is not valid: {len(payload['errors'])} error(s)."
    )
    assert await Form.all().count() == 0
    assert await AuditEvent.filter(action="form.create").count() == 0


async def test_rules_beyond_the_meta_schema(api: Api) -> None:
    bad = checklist()
    props = bad["schema"]["properties"]
    del props["visitDate"]["x-title"]
    props["contracts"]["properties"]["signed"]["x-scores"]["perhaps"] = 1
    props["contracts"]["properties"]["signed"]["x-enum-titles"]["en"] = ["Yes", "No"]
    props["contracts"]["properties"]["archived"]["x-weight"] = 2
    props["contracts"]["x-sensitive"] = True
    props["payments"]["properties"]["onTime"]["x-findings"] = [
        {"lt": 3, "severity": "low", "title": {"zh-CN": "低", "en": "Low"}},
        {"in": ["later"], "severity": "low", "title": {"zh-CN": "晚", "en": "Late"}},
    ]
    props["contactEmail"]["x-scores"] = {"a": 1}
    bad["schema"]["required"].append("ghost")
    bad["uiSchema"]["ui:order"].append("phantom")
    payload = await _errors(api, bad)
    got = {(e["pointer"], e["code"]) for e in payload["errors"]}
    p = "/schema/properties"
    assert got == {
        (f"{p}/visitDate/x-title", "definition.missing_title"),
        (f"{p}/contracts/properties/signed/x-scores/perhaps", "definition.unknown_option"),
        (f"{p}/contracts/properties/signed/x-enum-titles/en", "definition.enum_titles_length"),
        (f"{p}/contracts/properties/archived/x-weight", "definition.weight_not_section"),
        (f"{p}/contracts/x-sensitive", "definition.sensitive_not_leaf"),
        (f"{p}/payments/properties/onTime/x-findings/0/lt", "definition.finding_needs_number"),
        (f"{p}/payments/properties/onTime/x-findings/1/in/0", "definition.unknown_option"),
        (f"{p}/contactEmail/x-scores", "definition.scores_without_options"),
        ("/schema/required/3", "definition.unknown_property"),
        ("/uiSchema/ui:order/4", "definition.unknown_property"),
    }
    zh = await _errors(api, bad, language="zh-CN")
    messages = {e["pointer"]: e["message"] for e in zh["errors"]}
    assert messages[f"{p}/visitDate/x-title"] == "每个字段都需要中英文标题（x-title）。"


async def test_external_references_are_refused(api: Api) -> None:
    bad = checklist()
    bad["schema"]["properties"]["visitDate"] = {
        "$ref": "https://example.com/evil.json",
        "x-title": {"zh-CN": "日期", "en": "Date"},
    }
    payload = await _errors(api, bad)
    assert [(e["pointer"], e["code"]) for e in payload["errors"]] == [
        ("/schema/properties/visitDate/$ref", "definition.bad_schema_ref")
    ]


async def test_not_an_object_at_all(api: Api) -> None:
    for junk in (42, "form", [], {"key": "abc"}):
        payload = await _errors(api, junk)
        assert payload["errors"], junk


async def test_update_with_an_invalid_definition_keeps_the_old_draft(api: Api) -> None:
    admin = await api.user("admin")
    created = await admin.data(gql.CREATE_DRAFT, {"definition": checklist()})
    form_id = created["createFormDraft"]["form"]["id"]
    broken = copy.deepcopy(checklist())
    broken["schema"]["type"] = "array"
    result = await admin.data(gql.UPDATE_DRAFT, {"formId": form_id, "definition": broken})
    assert result["updateFormDraft"]["__typename"] == "ValidationFailed"
    assert result["updateFormDraft"]["errors"][0]["path"] == [
        "input",
        "definition",
        "schema",
        "type",
    ]
    form = await Form.get(key="site-check")
    assert form.draft["schema"]["type"] == "object"
    assert form.draft_revision == 1


async def test_unknown_ids_are_not_found_and_malformed_ids_are_validation_errors(api: Api) -> None:
    admin = await api.user("admin")
    import uuid

    from auditportal.api.relay import to_global_id

    missing = to_global_id("Form", uuid.uuid4())
    for document, name in ((gql.PUBLISH, "publishForm"),):
        result = await admin.data(document, {"formId": missing})
        assert result[name]["__typename"] == "NotFound"
        malformed = await admin.data(document, {"formId": "%%%"})
        assert malformed[name]["__typename"] == "ValidationFailed"
    retired = await admin.data(gql.RETIRE, {"id": to_global_id("FormVersion", uuid.uuid4())})
    assert retired["retireFormVersion"]["__typename"] == "NotFound"
    wrong_type = await admin.data(gql.RETIRE, {"id": missing})
    assert wrong_type["retireFormVersion"]["__typename"] == "ValidationFailed"
    updated = await admin.data(gql.UPDATE_DRAFT, {"formId": missing, "definition": checklist()})
    assert updated["updateFormDraft"]["__typename"] == "NotFound"
    submitted = await admin.data(gql.SUBMIT, {"input": {"formId": missing, "answers": {}}})
    assert submitted["submitForm"]["__typename"] == "NotFound"
    revised = await admin.data(
        gql.REVISE,
        {"input": {"submissionId": str(to_global_id("Submission", uuid.uuid4())), "answers": {}}},
    )
    assert revised["reviseSubmission"]["__typename"] == "NotFound"


async def test_non_designers_cannot_write_forms(api: Api) -> None:
    for role in ("manager", "auditor", "consultant", "service"):
        person = await api.user(role)
        result = await person.data(gql.CREATE_DRAFT, {"definition": checklist()})
        assert result["createFormDraft"]["__typename"] == "NotAllowed", role
    anonymous = await api.gql(gql.CREATE_DRAFT, {"definition": checklist()})
    assert anonymous["data"]["createFormDraft"]["__typename"] == "NotAllowed"
    assert anonymous["data"]["createFormDraft"]["message"] == "Sign in first."
    assert await Form.all().count() == 0
