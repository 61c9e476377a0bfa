"""What a published version needs at submit time, built once per content hash.

Versions never change, so their validator and scoring plan are built once and kept in
process memory (bounded), instead of per request.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jsonschema.protocols import Validator
from referencing._core import Resolver

from auditportal.errors import FieldIssue
from auditportal.forms.fast import FastValidator
from auditportal.forms.references import ReferenceField, reference_fields
from auditportal.forms.scoring import ScoringPlan, plan_for
from auditportal.forms.sensitive import (
    ENVELOPE,
    Location,
    has_sensitive_marks,
    reserved_envelopes,
    sensitive_locations,
)
from auditportal.forms.validation import issues_from_errors
from auditportal.schema_language.validator import local_registry, validator_for
from auditportal.search.fields import SearchField
from auditportal.search.fields import declared as declared_search_fields

_MAX_ENTRIES = 512


@dataclass(frozen=True)
class CompiledForm:
    content_hash: str
    definition: dict[str, Any]
    validator: Validator
    plan: ScoringPlan
    # Resolves the schema's references (built once: crawling the document is not free).
    resolver: Resolver[Any]
    # Without any mark there is nothing to look for.
    has_sensitive: bool
    # A version published before its definition was checked this strictly may hold a
    # pattern or reference no validator can use: it is refused, never a crash per answer.
    unusable: tuple[FieldIssue, ...] = ()
    # jsonschema-rs for the yes/no question, or why this form is left to ``validator``.
    fast: FastValidator | str = "not compiled"

    # What a submission walks the schema for, walked once per version (a 50-field form's
    # walk costs about as much as the whole validation).
    @cached_property
    def reference_fields(self) -> list[ReferenceField]:
        return reference_fields(self.definition["schema"])

    @cached_property
    def search_fields(self) -> list[SearchField]:
        return declared_search_fields(self.definition)

    def sensitive_locations(self, answers: Any) -> set[Location]:
        """Where these answers hold values the form marks sensitive."""
        if not self.has_sensitive:
            return set()
        return sensitive_locations(self.definition["schema"], answers, self.resolver, self._applies)

    def _applies(self, subschema: Any, value: Any) -> bool:
        return bool(self.validator.evolve(schema=subschema).is_valid(value))

    def check(self, answers: Any) -> list[FieldIssue]:
        """What is wrong with these answers, in the detailed validator's words: the fast
        validator only spares a valid document the detailed run."""
        if _suspect(answers):
            issues = [
                FieldIssue(at, "submission.reserved_key") for at in reserved_envelopes(answers)
            ]
            issues += [FieldIssue(at, "submission.not_finite") for at in _non_finite(answers)]
            if issues:
                return issues
        if isinstance(self.fast, FastValidator) and self.fast.is_valid(answers):
            return []
        errors = sorted(
            self.validator.iter_errors(answers), key=lambda e: [str(p) for p in e.absolute_path]
        )
        return issues_from_errors(errors)


def _suspect(answers: Any) -> bool:
    """Whether the answers may hold an envelope look-alike or a non-finite number: one
    walk without paths, so that a clean document pays for no more. (Exact types first, as
    parsed JSON has them; subclasses take the slower isinstance branch.)"""
    stack = [answers]
    pop = stack.pop
    while stack:
        node = pop()
        kind = type(node)
        if kind is str or kind is int or kind is bool or node is None:
            continue
        if kind is dict or isinstance(node, dict):
            if ENVELOPE in node:
                return True
            stack.extend(node.values())
        elif kind is list or isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, float) and not math.isfinite(node):
            return True
    return False


def _non_finite(node: Any, here: Location = ()) -> list[Location]:
    """NaN and infinities pass every range check and are not JSON: never stored."""
    if isinstance(node, float) and not math.isfinite(node):
        return [here]
    if isinstance(node, dict):
        return [at for name, value in node.items() for at in _non_finite(value, (*here, name))]
    if isinstance(node, list):
        return [at for index, value in enumerate(node) for at in _non_finite(value, (*here, index))]
    return []


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
    from auditportal.forms.definition import unusable_issues

    compiled = CompiledForm(
        content_hash=content_hash,
        definition=definition,
        unusable=tuple(unusable_issues(definition["schema"])),
        validator=validator_for(definition["schema"]),
        fast=FastValidator.compile(definition["schema"]),
        plan=plan_for(definition),
        resolver=local_registry(definition["schema"]).resolver(),
        has_sensitive=has_sensitive_marks(definition["schema"]),
    )
    _cache[content_hash] = compiled
    if len(_cache) > _MAX_ENTRIES:
        _cache.popitem(last=False)
    return compiled
