"""Turning jsonschema errors into FieldIssues.

Errors become ``FieldIssue``s (path, code, parameters) that the API renders in the caller's
language; jsonschema's English messages never reach users.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from jsonschema.exceptions import ValidationError

from auditportal.errors import FieldIssue, PathPart
from auditportal.i18n import CUSTOM_MESSAGE, FIELD_TITLE
from auditportal.i18n.messages import FORMAT_NAMES, TYPE_NAMES
from auditportal.schema_language.formats import FORMAT_CHECKER
from auditportal.schema_language.validator import additional_names

__all__ = ["FORMAT_CHECKER", "issues_from_errors"]

# Keywords whose error is better reported by its more specific sub-errors.
_COMBINATORS = {"anyOf", "oneOf", "allOf"}


def issues_from_errors(errors: Iterable[ValidationError]) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    seen: set[tuple[tuple[PathPart, ...], str]] = set()
    for error in errors:
        for issue in _issues(error):
            marker = (issue.path, issue.code)
            if marker not in seen:
                seen.add(marker)
                issues.append(issue)
    return issues


def _issues(error: ValidationError) -> list[FieldIssue]:
    keyword = str(error.validator)
    path: tuple[PathPart, ...] = tuple(error.absolute_path)
    # The keyword's value in the schema (the required list, the enum, the limit, ...).
    value: Any = error.validator_value
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    if keyword in _COMBINATORS and error.context:
        best = min(error.context, key=lambda sub: (-len(sub.absolute_path), str(sub.validator)))
        if keyword == "allOf" or len(best.absolute_path) > len(error.absolute_path):
            return _issues(best)
    if keyword in ("required", "dependentRequired"):
        return _missing(schema, error.instance, path, keyword, value)
    about = _about(schema, keyword)
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        extra = sorted(_extra_names(error))
        return [
            FieldIssue((*path, name), f"schema.{keyword}", {"names": name, **about})
            for name in extra
        ] or [FieldIssue(path, f"schema.{keyword}", {"names": "", **about})]
    if keyword == "type":
        expected = value if isinstance(value, list) else [value]
        zh = " / ".join(TYPE_NAMES.get(t, (t, t))[0] for t in expected)
        en = " or ".join(TYPE_NAMES.get(t, (t, t))[1] for t in expected)
        return [FieldIssue(path, "schema.type", {"expected_zh": zh, "expected_en": en, **about})]
    if keyword == "enum":
        return [FieldIssue(path, "schema.enum", {"options": _option_labels(schema), **about})]
    if keyword == "const":
        return [FieldIssue(path, "schema.const", {"expected": _option_labels(schema), **about})]
    if keyword == "format":
        zh, en = FORMAT_NAMES.get(str(value), (str(value), str(value)))
        return [FieldIssue(path, "schema.format", {"format_zh": zh, "format_en": en, **about})]
    if keyword in _LIMITS:
        return [FieldIssue(path, f"schema.{keyword}", {"limit": value, **about})]
    if keyword in ("pattern", "uniqueItems", "oneOf", "anyOf", "not"):
        return [FieldIssue(path, f"schema.{keyword}", about)]
    return [FieldIssue(path, "schema.invalid", {"keyword": keyword, **about})]


def _about(schema: dict[str, Any], keyword: str) -> dict[str, Any]:
    """The field's title and, if its author wrote one, their message for this keyword."""
    about: dict[str, Any] = {}
    title = schema.get("x-title")
    if _bilingual(title):
        about[FIELD_TITLE] = title
    own = (schema.get("x-error-messages") or {}).get(keyword)
    if _bilingual(own):
        about[CUSTOM_MESSAGE] = own
    return about


def _bilingual(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _missing(
    schema: dict[str, Any],
    instance: Any,
    path: tuple[PathPart, ...],
    keyword: str,
    value: Any,
) -> list[FieldIssue]:
    """One issue per missing name, at the missing field itself, named by its title."""
    if not isinstance(instance, dict):
        return [FieldIssue(path, "schema.required")]
    if keyword == "required":
        wanted = [name for name in value if isinstance(name, str)]
    else:
        wanted = [n for trigger, names in value.items() if trigger in instance for n in names]
    properties = schema.get("properties") or {}
    issues = []
    for name in dict.fromkeys(wanted):
        if name in instance:
            continue
        field = properties.get(name)
        about = _about(field, "required") if isinstance(field, dict) else {}
        issues.append(FieldIssue((*path, name), "schema.required", about))
    return issues or [FieldIssue(path, "schema.required")]


def _option_labels(schema: dict[str, Any]) -> dict[str, str]:
    """The options a field allows, by their labels (x-enum-titles) in both languages."""
    options = schema["enum"] if "enum" in schema else [schema.get("const")]
    titles = schema.get("x-enum-titles")
    labels: dict[str, str] = {}
    for language, separator in (("zh-CN", "、"), ("en", ", ")):
        names = titles.get(language) if isinstance(titles, dict) else None
        if isinstance(names, list) and len(names) == len(options):
            labels[language] = separator.join(str(name) for name in names)
        else:
            labels[language] = separator.join(_raw(option) for option in options)
    return labels


def _raw(option: Any) -> str:
    return option if isinstance(option, str) else json.dumps(option, ensure_ascii=False)


_LIMITS = {
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
}


def _extra_names(error: ValidationError) -> set[str]:
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if not isinstance(instance, dict):
        return set()
    return set(additional_names(instance, schema))
