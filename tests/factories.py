"""Small form definitions that tests build on."""

from __future__ import annotations

import copy
from typing import Any

YES_NO_NA = {
    "type": "string",
    "enum": ["yes", "no", "na"],
    "x-enum-titles": {"zh-CN": ["是", "否", "不适用"], "en": ["Yes", "No", "N/A"]},
    "x-scores": {"yes": 2, "no": 0, "na": None},
}


def t(en: str, zh: str | None = None) -> dict[str, str]:
    return {"zh-CN": zh or f"{en}（中文）", "en": en}


def question(title: str, *, finding: str | None = None) -> dict[str, Any]:
    field = copy.deepcopy(YES_NO_NA)
    field["x-title"] = t(title)
    if finding:
        field["x-findings"] = [{"in": ["no"], "severity": finding, "title": t(f"{title}: no")}]
    return field


def checklist(key: str = "site-check", **overrides: Any) -> dict[str, Any]:
    """Two weighted sections, a finding, a sensitive field, a date and an email."""
    definition: dict[str, Any] = {
        "key": key,
        "category": "inspection_checklist",
        "title": t("Site check", "现场检查"),
        "description": t("A small checklist", "一个小检查表"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["visitDate", "contracts", "payments"],
            "additionalProperties": False,
            "properties": {
                "visitDate": {"type": "string", "format": "date", "x-title": t("Visit date")},
                "contactEmail": {
                    "type": "string",
                    "format": "email",
                    "x-title": t("Contact email"),
                },
                "bankAccount": {
                    "type": "string",
                    "minLength": 6,
                    "x-title": t("Bank account"),
                    "x-sensitive": True,
                },
                "contracts": {
                    "type": "object",
                    "x-title": t("Contracts", "合同"),
                    "x-weight": 3,
                    "required": ["signed", "archived"],
                    "additionalProperties": False,
                    "properties": {
                        "signed": question("Signed", finding="high"),
                        "archived": question("Archived"),
                    },
                },
                "payments": {
                    "type": "object",
                    "x-title": t("Payments", "支付"),
                    "x-weight": 1,
                    "required": ["onTime"],
                    "additionalProperties": False,
                    "properties": {"onTime": question("On time", finding="medium")},
                },
            },
        },
        "uiSchema": {"ui:order": ["visitDate", "contracts", "payments", "*"]},
        "scoring": {"passPercent": 80},
    }
    definition.update(overrides)
    return definition


def good_answers(**overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "visitDate": "2026-11-20",
        "contactEmail": "li.wei@example.cn",
        "bankAccount": "6222021234567890",
        "contracts": {"signed": "yes", "archived": "yes"},
        "payments": {"onTime": "yes"},
    }
    answers.update(overrides)
    return answers


def large_checklist(fields: int = 50, key: str = "large-check") -> dict[str, Any]:
    """A scored checklist with ``fields`` questions in five sections (benchmarks use it)."""
    per_section = fields // 5
    sections = {}
    for s in range(5):
        sections[f"s{s}"] = {
            "type": "object",
            "x-title": t(f"Section {s}"),
            "x-weight": s + 1,
            "required": [f"q{s}_{q}" for q in range(per_section)],
            "additionalProperties": False,
            "properties": {
                f"q{s}_{q}": question(f"Question {s}.{q}", finding="low" if q == 0 else None)
                for q in range(per_section)
            },
        }
    return {
        "key": key,
        "category": "inspection_checklist",
        "title": t("Large checklist"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": list(sections),
            "additionalProperties": False,
            "properties": sections,
        },
    }


def large_answers(fields: int = 50, answer: str = "yes") -> dict[str, Any]:
    per_section = fields // 5
    return {f"s{s}": {f"q{s}_{q}": answer for q in range(per_section)} for s in range(5)}
