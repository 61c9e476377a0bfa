"""A Draft 2020-12 validator with ECMA-262 patterns, exact ``multipleOf`` and local references.

jsonschema's own keywords stay, except those that match regular expressions or divide:
``pattern``, ``patternProperties``, ``additionalProperties`` and ``unevaluatedProperties``
(which decide by patternProperties which names are covered) and ``multipleOf``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing._core import Resolver
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from auditportal.schema_language import patterns
from auditportal.schema_language.formats import FORMAT_CHECKER
from auditportal.schema_language.keywords import PathPart, children, subschemas


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    if validator.is_type(instance, "string") and not patterns.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, pattern_properties: dict[str, Any], instance: Any, schema: Any
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in pattern_properties.items():
        for name, value in instance.items():
            if patterns.search(pattern, name):
                yield from validator.descend(value, subschema, path=name, schema_path=pattern)


def additional_names(instance: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """Names neither ``properties`` nor ``patternProperties`` of this schema cover."""
    known = schema.get("properties") or {}
    pattern_list = list(schema.get("patternProperties") or {})
    return [
        name
        for name in instance
        if name not in known and not any(patterns.search(p, name) for p in pattern_list)
    ]


def _additional_properties(
    validator: Any, additional: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    extras = additional_names(instance, schema)
    if validator.is_type(additional, "object"):
        for name in extras:
            yield from validator.descend(instance[name], additional, path=name)
    elif additional is False and extras:
        yield ValidationError(f"Additional properties are not allowed ({extras!r} unexpected)")


def _evaluated_names(validator: Any, instance: dict[str, Any], schema: Any) -> set[str]:
    """The names this schema evaluates, by the annotation rules of 2020-12 section 11.3:
    adjacent keywords and valid in-place subschemas (through $ref, allOf, if/then/else...)."""
    if not isinstance(schema, dict):
        return set()
    names: set[str] = set()
    # jsonschema resolves references in keyword functions through its resolver; we follow
    # its own unevaluatedProperties, which does the same.
    resolver = validator._resolver
    for keyword in ("$ref", "$dynamicRef"):
        if keyword in schema:
            resolved = resolver.lookup(schema[keyword])
            inner = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
            names |= _evaluated_names(inner, instance, resolved.contents)
    names |= set(schema.get("properties") or {}) & set(instance)
    for pattern in schema.get("patternProperties") or {}:
        names |= {name for name in instance if patterns.search(pattern, name)}
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        if keyword in schema:
            names |= {
                name
                for name, value in instance.items()
                if not any(True for _ in validator.descend(value, schema[keyword]))
            }
    for name, subschema in (schema.get("dependentSchemas") or {}).items():
        if name in instance:
            names |= _evaluated_names(validator, instance, subschema)
    for keyword in ("allOf", "anyOf", "oneOf"):
        for subschema in schema.get(keyword) or []:
            if not any(True for _ in validator.descend(instance, subschema)):
                names |= _evaluated_names(validator, instance, subschema)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            names |= _evaluated_names(validator, instance, schema["if"])
            names |= _evaluated_names(validator, instance, schema.get("then"))
        else:
            names |= _evaluated_names(validator, instance, schema.get("else"))
    return names


def _unevaluated_properties(
    validator: Any, unevaluated: Any, instance: Any, schema: Any
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    evaluated = _evaluated_names(validator, instance, schema)
    refused = [
        name
        for name in instance
        if name not in evaluated
        and any(True for _ in validator.descend(instance[name], unevaluated, path=name))
    ]
    if refused:
        yield ValidationError(f"Unevaluated properties are not allowed ({refused!r} unexpected)")


def exact(number: int | float) -> Fraction:
    """The number a JSON text wrote: 19.99 is 1999/100, not its binary neighbour.

    Python's shortest repr of a float is the decimal it was parsed from (for up to 17
    significant digits), so money amounts divide exactly.
    """
    return Fraction(number) if isinstance(number, int) else Fraction(repr(number))


def _multiple_of(validator: Any, divisor: Any, instance: Any, schema: Any) -> Iterator[Any]:
    if not validator.is_type(instance, "number"):
        return
    if isinstance(instance, float) and not math.isfinite(instance):
        yield ValidationError(f"{instance!r} is not a number")
    elif (exact(instance) / exact(divisor)).denominator != 1:
        yield ValidationError(f"{instance!r} is not a multiple of {divisor}")


# Keyword functions take (validator, keyword value, instance, schema), as jsonschema's own.
SchemaValidator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    validators={
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _additional_properties,
        "unevaluatedProperties": _unevaluated_properties,
        "multipleOf": _multiple_of,
    },
    format_checker=FORMAT_CHECKER,
)


def local_registry(schema: Any) -> Registry[Any]:
    """Only the document itself and the resources it embeds by $id; nothing is retrieved."""
    resource: Resource[Any] = DRAFT202012.create_resource(schema)
    registry: Registry[Any] = Registry().with_resource("", resource).crawl()
    return registry


def validator_for(schema: Any) -> Validator:
    """A validator of answers (or inputs) against ``schema``; references stay inside it."""
    validator: Validator = SchemaValidator(
        schema, registry=local_registry(schema), format_checker=FORMAT_CHECKER
    )
    return validator


@dataclass(frozen=True)
class ReferenceSite:
    at: tuple[PathPart, ...]  # the $ref keyword's place in the document
    ref: str


def unresolved_references(schema: Any) -> list[ReferenceSite]:
    """Every $ref and $dynamicRef that does not resolve inside the document itself."""
    registry = local_registry(schema)
    found: list[ReferenceSite] = []
    _check_references(schema, (), registry.resolver(), found)
    return found


def _check_references(
    schema: Any,
    at: tuple[PathPart, ...],
    resolver: Resolver[Any],
    found: list[ReferenceSite],
) -> None:
    if not isinstance(schema, dict):
        return
    if isinstance(schema.get("$id"), str):
        resolver = resolver.in_subresource(DRAFT202012.create_resource(schema))
    for keyword in ("$ref", "$dynamicRef"):
        ref = schema.get(keyword)
        if isinstance(ref, str):
            try:
                resolver.lookup(ref)
            except Unresolvable:
                found.append(ReferenceSite((*at, keyword), ref))
    for _keyword, sub, sub_at in children(schema, at):
        _check_references(sub, sub_at, resolver, found)


# Keywords that apply a subschema to the same value (no descent into the instance).
_IN_PLACE = frozenset({"allOf", "anyOf", "oneOf", "if", "then", "else", "not", "dependentSchemas"})


def reference_cycles(schema: Any) -> list[ReferenceSite]:
    """$refs that lead back to themselves without descending into the value (``"$ref": "#"``
    at the root, ``a: {allOf: [{$ref: a}]}``): a validator would recurse forever."""
    resolver = local_registry(schema).resolver()
    found: list[ReferenceSite] = []
    done: set[int] = set()
    stack: list[int] = []

    def visit(node: Any, at: tuple[PathPart, ...], here: Resolver[Any]) -> None:
        if not isinstance(node, dict) or id(node) in done:
            return
        if isinstance(node.get("$id"), str):
            here = here.in_subresource(DRAFT202012.create_resource(node))
        stack.append(id(node))
        for keyword in ("$ref", "$dynamicRef"):
            ref = node.get(keyword)
            if not isinstance(ref, str):
                continue
            try:
                resolved = here.lookup(ref)
            except Unresolvable:
                continue  # reported by unresolved_references
            if id(resolved.contents) in stack:
                found.append(ReferenceSite((*at, keyword), ref))
            else:
                visit(resolved.contents, _pointer_path(ref) or (*at, keyword), resolved.resolver)
        for keyword, sub, sub_at in children(node, at):
            if keyword in _IN_PLACE:
                if id(sub) in stack:
                    continue  # the same object reused in place: cannot happen in parsed JSON
                visit(sub, sub_at, here)
        stack.pop()
        done.add(id(node))

    for sub in subschemas(schema):
        stack.clear()
        visit(sub.schema, sub.at, resolver)
    return found


def _pointer_path(ref: str) -> tuple[PathPart, ...] | None:
    if not ref.startswith("#/"):
        return None
    parts = [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]
    return tuple(int(p) if p.isdigit() else p for p in parts)
