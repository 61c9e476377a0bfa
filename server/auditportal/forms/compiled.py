"""What a published version needs at submit time, built once per content hash.

Versions never change, so their validator, scoring plan and sensitive paths are built once
and kept in process memory (bounded), instead of per request.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator

from auditportal.errors import FieldIssue
from auditportal.forms.schema_walk import ANY_ITEM, FieldPath
from auditportal.forms.scoring import ScoringPlan, plan_for
from auditportal.forms.sensitive import sensitive_paths
from auditportal.forms.validation import FORMAT_CHECKER, issues_from_errors

_MAX_ENTRIES = 512


@dataclass(frozen=True)
class CompiledForm:
    content_hash: str
    definition: dict[str, Any]
    validator: Draft202012Validator
    plan: ScoringPlan
    sensitive: tuple[FieldPath, ...]

    def is_sensitive(self, location: tuple[str | int, ...]) -> bool:
        """Whether a concrete place in the answers holds a sensitive value."""
        return any(_matches(path, location) for path in self.sensitive)

    def check(self, answers: Any) -> list[FieldIssue]:
        errors = sorted(
            self.validator.iter_errors(answers), key=lambda e: [str(p) for p in e.absolute_path]
        )
        return issues_from_errors(errors)


def _matches(path: FieldPath, location: tuple[str | int, ...]) -> bool:
    return len(path) == len(location) and all(
        part == ANY_ITEM or part == str(there) for part, there in zip(path, location, strict=True)
    )


_cache: OrderedDict[str, CompiledForm] = OrderedDict()


def cached(content_hash: str) -> CompiledForm | None:
    hit = _cache.get(content_hash)
    if hit is not None:
        _cache.move_to_end(content_hash)
    return hit


def compile_definition(content_hash: str, definition: dict[str, Any]) -> CompiledForm:
    hit = _cache.get(content_hash)
    if hit is not None:
        _cache.move_to_end(content_hash)
        return hit
    compiled = CompiledForm(
        content_hash=content_hash,
        definition=definition,
        validator=Draft202012Validator(definition["schema"], format_checker=FORMAT_CHECKER),
        plan=plan_for(definition),
        sensitive=sensitive_paths(definition["schema"]),
    )
    _cache[content_hash] = compiled
    if len(_cache) > _MAX_ENTRIES:
        _cache.popitem(last=False)
    return compiled
