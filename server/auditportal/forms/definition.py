"""Checking a form definition: the meta-schema in schema/, then the rules it cannot express."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from auditportal.errors import FieldIssue, ValidationFailed
from auditportal.evidence import keyword as attachments
from auditportal.form_rules import check_form_rules
from auditportal.forms.required import required_issues
from auditportal.forms.schema_walk import (
    SchemaField,
    declared_properties,
    option_key,
    walk_fields,
)
from auditportal.forms.validation import issues_from_errors
from auditportal.schema_language.formats import CHECKS
from auditportal.schema_language.keywords import Subschema, subschemas
from auditportal.schema_language.problems import schema_problems
from auditportal.search.fields import declaration_issues as search_declaration_issues

NUMERIC_CONDITIONS = ("lt", "lte", "gt", "gte")
CONDITIONS = ("in", *NUMERIC_CONDITIONS)


@lru_cache(maxsize=4)
def _meta_validator(meta_schema_path: Path) -> Draft202012Validator:
    meta_schema = json.loads(meta_schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(meta_schema)
    return Draft202012Validator(meta_schema)


def content_hash(definition: dict[str, Any]) -> str:
    """SHA-256 of the definition's canonical JSON: equal content, equal hash."""
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def check_definition(definition: Any, meta_schema_path: Path) -> None:
    """Raise ValidationFailed listing every problem with its path, or return quietly."""
    errors: list[ValidationError] = sorted(
        _meta_validator(meta_schema_path).iter_errors(definition),
        key=lambda error: [str(part) for part in error.absolute_path],
    )
    issues = issues_from_errors(errors)
    if not issues:
        issues = list(_semantic_issues(definition))
    if issues:
        raise ValidationFailed("form.definition_invalid", issues, count=len(issues))


def unusable_issues(schema: Any) -> list[FieldIssue]:
    """What would make checking answers fail rather than judge them (see
    ``schema_language.problems``). Checked at save, and again before a version published by
    an older release is used."""
    return schema_problems(schema, ("schema",))


def _semantic_issues(definition: dict[str, Any]) -> list[FieldIssue]:
    schema = definition["schema"]
    issues = unusable_issues(schema)
    for sub in subschemas(schema, ("schema",)):
        issues.extend(_subschema_issues(sub))
        misplaced = attachments.misplaced_issue(sub.schema, sub.at, sub.keywords)
        if misplaced is not None:
            issues.append(misplaced)
    for field in walk_fields(schema):
        issues.extend(_field_issues(field))
        issues.extend(attachments.definition_issues(field))
    issues.extend(required_issues(schema, ("schema",)))
    issues.extend(search_declaration_issues(definition))
    issues.extend(_ui_order_issues(schema, definition.get("uiSchema") or {}, ("uiSchema",)))
    # The form's own rules (finding rules, cross-checks) over the shared rule context.
    fields = {".".join(field.path) for field in walk_fields(schema)}
    issues.extend(check_form_rules(definition, fields))
    return issues


# Under these keywords a subschema describes no stored value: nothing there can be sealed.
_NOT_A_VALUE = ("not", "propertyNames", "contentSchema")


def _subschema_issues(sub: Subschema) -> list[FieldIssue]:
    """Rules for every subschema, wherever it sits: formats are ones we check, sensitive
    marks sit on values, messages name real keywords."""
    schema, at = sub.schema, sub.at
    if not isinstance(schema, dict):
        return []
    issues: list[FieldIssue] = []
    if isinstance(schema.get("format"), str) and schema["format"] not in CHECKS:
        issues.append(
            FieldIssue(
                (*at, "format"),
                "definition.unknown_format",
                {"format": schema["format"], "known": ", ".join(sorted(CHECKS))},
            )
        )
    if schema.get("x-sensitive") is True:
        if any(keyword in _NOT_A_VALUE for keyword in sub.keywords):
            issues.append(FieldIssue((*at, "x-sensitive"), "definition.sensitive_not_value"))
        elif schema.get("type") in ("object", "array") or "properties" in schema:
            issues.append(FieldIssue((*at, "x-sensitive"), "definition.sensitive_not_leaf"))
    for keyword in schema.get("x-error-messages") or {}:
        if keyword not in schema and keyword != "required":
            issues.append(
                FieldIssue(
                    (*at, "x-error-messages", keyword),
                    "definition.message_without_keyword",
                    {"keyword": keyword},
                )
            )
    titles = schema.get("x-enum-titles")
    if isinstance(titles, dict) and "const" in schema and "enum" not in schema:
        for language, labels in titles.items():
            if len(labels) != 1:
                issues.append(
                    FieldIssue(
                        (*at, "x-enum-titles", language),
                        "definition.enum_titles_length",
                        {"got": len(labels), "expected": 1},
                    )
                )
    return issues


def _field_issues(field: SchemaField) -> list[FieldIssue]:
    schema, at = field.schema, field.schema_path
    issues: list[FieldIssue] = []
    if "x-title" not in schema:
        issues.append(FieldIssue((*at, "x-title"), "definition.missing_title"))
    options = _options(schema)
    enum_titles = schema.get("x-enum-titles")
    if enum_titles is not None and "enum" in schema:
        for language, titles in enum_titles.items():
            if len(titles) != len(schema["enum"]):
                issues.append(
                    FieldIssue(
                        (*at, "x-enum-titles", language),
                        "definition.enum_titles_length",
                        {"got": len(titles), "expected": len(schema["enum"])},
                    )
                )
    if "x-scores" in schema:
        if options is None:
            issues.append(FieldIssue((*at, "x-scores"), "definition.scores_without_options"))
        else:
            for option in schema["x-scores"]:
                if option not in options:
                    issues.append(
                        FieldIssue(
                            (*at, "x-scores", option),
                            "definition.unknown_option",
                            {"option": option},
                        )
                    )
    for index, rule in enumerate(schema.get("x-findings", [])):
        issues.extend(_finding_issues(rule, options, schema, (*at, "x-findings", index)))
    issues.extend(_reference_issues(schema, at))
    items = schema.get("items")
    if isinstance(items, dict) and "properties" not in items:
        issues.extend(_reference_issues(items, (*at, "items")))
    if "x-weight" in schema and not field.is_section:
        issues.append(FieldIssue((*at, "x-weight"), "definition.weight_not_section"))
    return issues


def _reference_issues(schema: dict[str, Any], at: tuple[str | int, ...]) -> list[FieldIssue]:
    if "x-reference" not in schema:
        return []
    issues: list[FieldIssue] = []
    if schema.get("type") != "string" or "enum" in schema or "const" in schema:
        issues.append(FieldIssue((*at, "x-reference"), "definition.reference_needs_string"))
    if schema.get("x-sensitive") is True:
        issues.append(FieldIssue((*at, "x-reference"), "definition.reference_sensitive"))
    return issues


def _finding_issues(
    rule: dict[str, Any],
    options: set[str] | None,
    schema: dict[str, Any],
    at: tuple[str | int, ...],
) -> list[FieldIssue]:
    present = [name for name in CONDITIONS if name in rule]
    if len(present) != 1:
        return [FieldIssue(at, "definition.finding_condition")]
    condition = present[0]
    if condition == "in":
        if options is None:
            return []
        return [
            FieldIssue(
                (*at, "in", position), "definition.unknown_option", {"option": option_key(value)}
            )
            for position, value in enumerate(rule["in"])
            if option_key(value) not in options
        ]
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    if not {"number", "integer"} & set(types):
        return [FieldIssue((*at, condition), "definition.finding_needs_number")]
    return []


def _options(schema: dict[str, Any]) -> set[str] | None:
    if "enum" in schema:
        return {option_key(value) for value in schema["enum"]}
    if "const" in schema:
        return {option_key(schema["const"])}
    if schema.get("type") == "boolean":
        return {"true", "false"}
    return None


def _ui_order_issues(
    schema: dict[str, Any], ui_schema: dict[str, Any], at: tuple[str | int, ...]
) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    # A field shown under a condition (then/else) is a field of its container too.
    properties = {name: sub for name, sub, _ in declared_properties(schema)}
    order = ui_schema.get("ui:order")
    if isinstance(order, list):
        for position, name in enumerate(order):
            if name != "*" and name not in properties:
                issues.append(
                    FieldIssue(
                        (*at, "ui:order", position), "definition.unknown_property", {"name": name}
                    )
                )
    for name, sub_ui in ui_schema.items():
        if name.startswith("ui:") or not isinstance(sub_ui, dict):
            continue
        if name == "items" and isinstance(schema.get("items"), dict):
            # react-jsonschema-form: hints for an array's items live under "items".
            issues.extend(_ui_order_issues(schema["items"], sub_ui, (*at, "items")))
            continue
        if name not in properties:
            issues.append(FieldIssue((*at, name), "definition.unknown_property", {"name": name}))
        elif isinstance(properties[name], dict):
            issues.extend(_ui_order_issues(properties[name], sub_ui, (*at, name)))
    return issues
