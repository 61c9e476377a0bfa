"""Which property names a ``required`` may name: a check for typos in a definition.

A name is known when the object it is required of can have it: a ``properties`` name or
a ``patternProperties`` match of that object's schema or of any subschema that applies to
the same object in place (allOf, anyOf, oneOf, if/then/else, dependentSchemas, $ref). So
``then: {required: [...]}`` may name the properties its parent declares.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from referencing._core import Resolver
from referencing.exceptions import Unresolvable

from auditportal.errors import FieldIssue
from auditportal.schema_language import patterns
from auditportal.schema_language.keywords import children
from auditportal.schema_language.validator import local_registry

PathPart = str | int
_IN_PLACE = frozenset({"allOf", "anyOf", "oneOf", "if", "then", "else", "dependentSchemas"})


def required_issues(schema: Any, at: tuple[PathPart, ...]) -> list[FieldIssue]:
    resolver = local_registry(schema).resolver()
    issues: list[FieldIssue] = []
    seen: set[int] = set()
    pending: list[tuple[Any, tuple[PathPart, ...]]] = [(schema, at)]
    while pending:
        object_schema, object_at = pending.pop()
        if id(object_schema) in seen:
            continue
        seen.add(id(object_schema))
        group = list(_in_place(object_schema, object_at, at, resolver, set()))
        names: set[str] = set()
        pattern_list: list[str] = []
        for member, _member_at in group:
            names |= set(member.get("properties") or {})
            pattern_list += [p for p in member.get("patternProperties") or {} if _compiles(p)]
        for member, member_at in group:
            for position, name in enumerate(member.get("required") or []):
                if not isinstance(name, str) or name in names:
                    continue
                if any(patterns.search(p, name) for p in pattern_list):
                    continue
                issues.append(
                    FieldIssue(
                        (*member_at, "required", position),
                        "definition.unknown_property",
                        {"name": name},
                    )
                )
            for keyword, sub, sub_at in children(member, member_at):
                if keyword not in _IN_PLACE and keyword != "$defs" and isinstance(sub, dict):
                    pending.append((sub, sub_at))
    return issues


def _in_place(
    schema: Any,
    at: tuple[PathPart, ...],
    root_at: tuple[PathPart, ...],
    resolver: Resolver[Any],
    seen: set[int],
) -> Iterator[tuple[dict[str, Any], tuple[PathPart, ...]]]:
    if not isinstance(schema, dict) or id(schema) in seen:
        return
    seen.add(id(schema))
    yield schema, at
    if isinstance(schema.get("$ref"), str):
        try:
            resolved = resolver.lookup(schema["$ref"])
        except Unresolvable:
            pass  # reported on its own
        else:
            target_at = _target_path(schema["$ref"], root_at) or (*at, "$ref")
            yield from _in_place(resolved.contents, target_at, root_at, resolver, seen)
    for keyword, sub, sub_at in children(schema, at):
        if keyword in _IN_PLACE:
            yield from _in_place(sub, sub_at, root_at, resolver, seen)


def _target_path(ref: str, root_at: tuple[PathPart, ...]) -> tuple[PathPart, ...] | None:
    """Where a JSON Pointer reference points in the document, for error paths."""
    if not ref.startswith("#/"):
        return None
    parts = [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]
    return (*root_at, *(int(p) if p.isdigit() else p for p in parts))


def _compiles(pattern: str) -> bool:
    return patterns.problem(pattern) is None
