"""Messages a compliance user understands: the field's title in the caller's language, option
labels instead of codes, the field's own message for a pattern, missing fields named."""

from __future__ import annotations

from typing import Any

from tests import gql
from tests.conftest import Api
from tests.factories import t
from tests.helpers import publish, submit

ID_MESSAGE = {
    "zh-CN": "请输入18位身份证号码，最后一位可为X。",
    "en": "Enter the 18-character ID number.",
}


def _form() -> dict[str, Any]:
    return {
        "key": "kyc",
        "category": "custom",
        "title": t("Know your customer", "客户身份识别"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {
                "idNumber": {
                    "type": "string",
                    "pattern": r"^\d{17}[\dX]$",
                    "x-title": t("ID number", "身份证号"),
                    "x-error-messages": {"pattern": ID_MESSAGE},
                },
                "phone": {
                    "type": "string",
                    "pattern": r"^1\d{10}$",
                    "x-title": t("Mobile", "手机号"),
                },
                "consent": {
                    "const": "agreed",
                    "x-title": t("Consent", "授权"),
                    "x-enum-titles": {"zh-CN": ["同意"], "en": ["I agree"]},
                },
                "riskLevel": {
                    "type": "string",
                    "enum": ["low", "high"],
                    "x-title": t("Risk level", "风险等级"),
                    "x-enum-titles": {"zh-CN": ["低", "高"], "en": ["Low", "High"]},
                },
                "hasGuarantor": {"type": "boolean", "x-title": t("Guarantor", "有担保人")},
                "guarantorName": {
                    "type": "string",
                    "x-title": t("Guarantor name", "担保人姓名"),
                    "x-error-messages": {
                        "required": {
                            "zh-CN": "有担保人时请填写其姓名。",
                            "en": "Name the guarantor.",
                        }
                    },
                },
            },
            "required": ["consent"],
            "dependentRequired": {"hasGuarantor": ["guarantorName"]},
        },
    }


BAD = {
    "idNumber": "12345",
    "phone": "12",
    "consent": "no",
    "riskLevel": "medium",
    "hasGuarantor": True,
}


def _at(error: dict[str, Any]) -> str:
    """Where in the answers (mutation paths start at input)."""
    return str(error["pointer"]).removeprefix("/input/answers")


def _in_definition(error: dict[str, Any]) -> str:
    return str(error["pointer"]).removeprefix("/input/definition")


async def test_messages_name_fields_and_options_in_the_callers_language(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, _form())
    en = await submit(auditor, "en", formVersionId=version_id, answers=BAD)
    zh = await submit(auditor, "zh-CN", formVersionId=version_id, answers=BAD)
    en_by = {_at(e): (e["code"], e["message"]) for e in en["errors"]}
    zh_by = {_at(e): e["message"] for e in zh["errors"]}
    assert en_by == {
        "/idNumber": ("schema.pattern", "ID number: Enter the 18-character ID number."),
        "/phone": ("schema.pattern", "Mobile: Does not have the expected format."),
        "/consent": ("schema.const", "Consent: Must be I agree."),
        "/riskLevel": ("schema.enum", "Risk level: Not one of the allowed options: Low, High."),
        # dependentRequired: at the missing field, not at the root.
        "/guarantorName": ("schema.required", "Guarantor name: Name the guarantor."),
    }
    assert zh_by == {
        "/idNumber": "身份证号：请输入18位身份证号码，最后一位可为X。",
        "/phone": "手机号：格式不正确。",
        "/consent": "授权：取值必须为 同意。",
        "/riskLevel": "风险等级：取值不在允许的选项中：低、高。",
        "/guarantorName": "担保人姓名：有担保人时请填写其姓名。",
    }
    missing = await submit(auditor, "zh-CN", formVersionId=version_id, answers={})
    assert [(_at(e), e["message"]) for e in missing["errors"]] == [
        ("/consent", "授权：此项为必填项。")
    ]


async def test_a_message_for_a_rule_the_field_lacks_is_refused(api: Api) -> None:
    admin = await api.user("admin")
    definition = _form()
    phone = definition["schema"]["properties"]["phone"]
    phone["x-error-messages"] = {"minLength": {"zh-CN": "太短", "en": "Too short"}}
    consent = definition["schema"]["properties"]["consent"]
    consent["x-enum-titles"] = {"zh-CN": ["同意", "不同意"], "en": ["I agree", "No"]}
    result = await admin.data(gql.CREATE_DRAFT, {"definition": definition}, language="zh-CN")
    payload = result["createFormDraft"]
    assert payload["__typename"] == "ValidationFailed"
    got = {_in_definition(e): e["code"] for e in payload["errors"]}
    p = "/schema/properties"
    assert got == {
        f"{p}/phone/x-error-messages/minLength": "definition.message_without_keyword",
        f"{p}/consent/x-enum-titles/zh-CN": "definition.enum_titles_length",
        f"{p}/consent/x-enum-titles/en": "definition.enum_titles_length",
    }
    # A keyword that is not a rule at all is refused by the meta-schema.
    phone["x-error-messages"] = {"colour": {"zh-CN": "红", "en": "Red"}}
    consent["x-enum-titles"] = {"zh-CN": ["同意"], "en": ["I agree"]}
    result = await admin.data(gql.CREATE_DRAFT, {"definition": definition})
    errors = result["createFormDraft"]["errors"]
    assert [_in_definition(e) for e in errors] == [f"{p}/phone/x-error-messages/colour"]
