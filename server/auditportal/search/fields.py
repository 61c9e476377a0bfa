"""Search fields a form declares, and the values they take from one document.

A form definition lists its search fields at the top level::

    "search": [{"key": "outcome", "field": "/review/outcome", "title": {...}}]

``field`` is a JSON Pointer into the answers (``*`` for every item of an array). The
declarations of a form's newest published version apply to all of its submissions, of
any version: a field added later is filled in for earlier submissions by a backfill job.
The customer attributes form (setting ``customer_attributes_form``) declares the
searchable custom attributes the same way.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from auditportal.errors import FieldIssue
from auditportal.forms.schema_walk import ANY_ITEM, values_at, walk_fields

TEXT = "text"
NUMBER = "number"
BOOLEAN = "boolean"
MAX_TEXT = 500


@dataclass(frozen=True)
class SearchField:
    key: str
    path: tuple[str, ...]
    kind: str


# (key, text value, number value)
Value = tuple[str, str, float | None]


def pointer_path(pointer: str) -> tuple[str, ...]:
    """``/a/b/*/c`` as field path parts, JSON Pointer escapes undone."""
    if not pointer.startswith("/"):
        return ()
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/"))


def _field_schemas(schema: dict[str, Any]) -> dict[tuple[str, ...], dict[str, Any]]:
    found = {field.path: field.schema for field in walk_fields(schema)}
    # Items of an array field that are not objects have no name of their own.
    for path, sub in list(found.items()):
        items = sub.get("items")
        if isinstance(items, dict) and "properties" not in items:
            found.setdefault((*path, ANY_ITEM), items)
    return found


def _kind(schema: dict[str, Any]) -> str:
    types = schema.get("type")
    if types == "array" and isinstance(schema.get("items"), dict):
        return _kind(schema["items"])
    types = set(types) if isinstance(types, list) else {types}
    if types & {"number", "integer"} and not types & {"string"}:
        return NUMBER
    if types == {"boolean"}:
        return BOOLEAN
    return TEXT


def declared(definition: dict[str, Any] | None) -> list[SearchField]:
    """The search fields of a definition (those that name a field of its schema)."""
    if not definition:
        return []
    schemas = _field_schemas(definition.get("schema") or {})
    found = []
    for entry in definition.get("search") or []:
        path = pointer_path(str(entry.get("field", "")))
        if path in schemas:
            found.append(SearchField(str(entry["key"]), path, _kind(schemas[path])))
    return found


def declaration_issues(definition: dict[str, Any]) -> list[FieldIssue]:
    """Problems of the ``search`` list the meta-schema cannot see."""
    entries = definition.get("search")
    if not isinstance(entries, list):
        return []
    schemas = _field_schemas(definition.get("schema") or {})
    issues: list[FieldIssue] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        at: tuple[str | int, ...] = ("search", index)
        key = entry.get("key")
        if key in seen:
            issues.append(FieldIssue((*at, "key"), "definition.search_duplicate_key", {"key": key}))
        seen.add(key)
        pointer = str(entry.get("field", ""))
        schema = schemas.get(pointer_path(pointer))
        if schema is None:
            issues.append(
                FieldIssue((*at, "field"), "definition.search_unknown_field", {"field": pointer})
            )
        elif _sensitive(schema):
            issues.append(FieldIssue((*at, "field"), "definition.search_sensitive"))
        elif _container(schema):
            issues.append(FieldIssue((*at, "field"), "definition.search_not_value"))
    return issues


def _sensitive(schema: dict[str, Any]) -> bool:
    items = schema.get("items")
    return schema.get("x-sensitive") is True or (
        isinstance(items, dict) and items.get("x-sensitive") is True
    )


def _container(schema: dict[str, Any]) -> bool:
    if schema.get("type") == "object" or "properties" in schema:
        return True
    items = schema.get("items")
    return schema.get("type") == "array" and (
        not isinstance(items, dict) or items.get("type") in ("object", "array")
    )


def extract(fields: list[SearchField], document: Any) -> list[Value]:
    """The values of these fields in one document (answers or custom attributes)."""
    values: list[Value] = []
    for field in fields:
        seen: set[str] = set()
        for _, found in values_at(document, field.path):
            for item in found if isinstance(found, list) else [found]:
                value = as_value(item)
                if value is not None and value[0] not in seen:
                    seen.add(value[0])
                    values.append((field.key, *value))
    return values


def as_value(item: Any) -> tuple[str, float | None] | None:
    """One leaf as (text, number); None for what is not a searchable leaf (objects, sealed
    envelopes, null)."""
    if isinstance(item, bool):
        return ("true" if item else "false", None)
    if isinstance(item, int | float):
        if isinstance(item, float) and not math.isfinite(item):
            return None
        if isinstance(item, float) and item.is_integer():
            item = int(item)
        return (json.dumps(item), float(item))
    if isinstance(item, str):
        return (item[:MAX_TEXT], None)
    return None
