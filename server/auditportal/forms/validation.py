"""Turning jsonschema errors into FieldIssues.

Errors become ``FieldIssue``s (path, code, parameters) that the API renders in the caller's
language; jsonschema's English messages never reach users.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from auditportal.errors import FieldIssue, PathPart
from auditportal.i18n.messages import FORMAT_NAMES, TYPE_NAMES

FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER

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
    if keyword in _COMBINATORS and error.context:
        best = min(error.context, key=lambda sub: (-len(sub.absolute_path), str(sub.validator)))
        if keyword == "allOf" or len(best.absolute_path) > len(error.absolute_path):
            return _issues(best)
    if keyword == "required":
        missing = _reported_name(error, value)
        return [FieldIssue((*path, missing) if missing else path, "schema.required")]
    if keyword == "dependentRequired":
        missing = _reported_name(error, [n for deps in value.values() for n in deps])
        return [FieldIssue((*path, missing) if missing else path, "schema.required")]
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        extra = sorted(_extra_names(error))
        return [
            FieldIssue((*path, name), f"schema.{keyword}", {"names": name}) for name in extra
        ] or [FieldIssue(path, f"schema.{keyword}", {"names": ""})]
    if keyword == "type":
        expected = value if isinstance(value, list) else [value]
        zh = " / ".join(TYPE_NAMES.get(t, (t, t))[0] for t in expected)
        en = " or ".join(TYPE_NAMES.get(t, (t, t))[1] for t in expected)
        return [FieldIssue(path, "schema.type", {"expected_zh": zh, "expected_en": en})]
    if keyword == "enum":
        options = ", ".join(str(option) for option in value)
        return [FieldIssue(path, "schema.enum", {"options": options})]
    if keyword == "const":
        return [FieldIssue(path, "schema.const", {"expected": value})]
    if keyword == "format":
        zh, en = FORMAT_NAMES.get(str(value), (str(value), str(value)))
        return [FieldIssue(path, "schema.format", {"format_zh": zh, "format_en": en})]
    if keyword in _LIMITS:
        return [FieldIssue(path, f"schema.{keyword}", {"limit": value})]
    if keyword in ("pattern", "uniqueItems", "oneOf", "anyOf", "not"):
        return [FieldIssue(path, f"schema.{keyword}")]
    return [FieldIssue(path, "schema.invalid", {"keyword": keyword})]


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


def _reported_name(error: ValidationError, candidates: Iterable[str]) -> str | None:
    """Which property a required-style error is about: jsonschema puts its repr first."""
    for name in candidates:
        if error.message.startswith(repr(name) + " "):
            return name
    return None


def _extra_names(error: ValidationError) -> set[str]:
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if not isinstance(instance, dict):
        return set()
    known = set(schema.get("properties", {}))
    patterns = schema.get("patternProperties", {})
    return {
        name
        for name in instance
        if name not in known and not any(re.search(p, name) for p in patterns)
    }
