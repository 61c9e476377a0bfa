"""What makes a schema unusable for checking values: found when a definition is saved.

A reference that goes nowhere (or outside the document), a reference loop that never
descends into the value, or a pattern that is not ECMA-262 would make every check of an
answer fail with an internal error; each is reported at its place instead.
"""

from __future__ import annotations

from typing import Any

from auditportal.errors import FieldIssue
from auditportal.schema_language import patterns
from auditportal.schema_language.keywords import PathPart, subschemas
from auditportal.schema_language.validator import reference_cycles, unresolved_references


def schema_problems(schema: Any, at: tuple[PathPart, ...]) -> list[FieldIssue]:
    """Every problem of the schema, with paths below ``at`` (where it sits in its document)."""
    issues: list[FieldIssue] = []
    for unresolved in unresolved_references(schema):
        code = (
            "definition.unresolved_ref"
            if unresolved.ref.startswith("#")
            else "definition.bad_schema_ref"
        )
        issues.append(FieldIssue((*at, *unresolved.at), code, {"ref": unresolved.ref}))
    for cycle in reference_cycles(schema):
        issues.append(FieldIssue((*at, *cycle.at), "definition.ref_cycle", {"ref": cycle.ref}))
    for sub in subschemas(schema, at):
        if not isinstance(sub.schema, dict):
            continue
        if isinstance(sub.schema.get("pattern"), str):
            issues.extend(pattern_issues(sub.schema["pattern"], (*sub.at, "pattern")))
        for pattern in sub.schema.get("patternProperties") or {}:
            issues.extend(pattern_issues(pattern, (*sub.at, "patternProperties", pattern)))
    return issues


def pattern_issues(pattern: str, at: tuple[PathPart, ...]) -> list[FieldIssue]:
    found = patterns.problem(pattern)
    if found is None:
        return []
    if found.suggestion is not None:
        return [
            FieldIssue(
                at,
                "definition.bad_pattern_suggestion",
                {"reason": found.reason, "suggestion": found.suggestion},
            )
        ]
    return [FieldIssue(at, "definition.bad_pattern", {"reason": found.reason})]
