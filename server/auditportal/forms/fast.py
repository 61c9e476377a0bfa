"""A fast yes/no answer to "are these answers valid?", from jsonschema-rs.

The detailed validator (``auditportal.schema_language.validator``, on Python's jsonschema)
turns every error into a translated ``FieldIssue`` with its pointer; it costs milliseconds
per 50-field document. jsonschema-rs answers the yes/no question in microseconds. A
submission asks the fast validator first and runs the detailed one only for a document it
refuses, so the issues a caller sees are the detailed validator's, byte for byte.

That is sound only if "valid" here implies valid there; where the two could disagree the
keyword is either taken over by the portal's own code or the form is left to the detailed
validator alone (``FastValidator.compile`` returns a reason instead of a validator):

- ``pattern``: checked by the same ECMA-262 engine (``regress``, Unicode mode) as the
  detailed validator, as a custom keyword.
- ``multipleOf``: exact decimal division (19.99 is a multiple of 0.01), as a custom keyword.
- ``format``: the portal's own checks for the formats it checks; every other format is an
  annotation only (jsonschema-rs would otherwise assert its own, e.g. ``uri-template``).
- ``patternProperties`` (and so which names ``additionalProperties`` and
  ``unevaluatedProperties`` cover) cannot be handed another regular-expression engine:
  a schema using it is left to the detailed validator. So are dynamic references, a
  ``$schema`` other than 2020-12's (jsonschema-rs would switch drafts, the detailed
  validator does not), ``$vocabulary``, and anything jsonschema-rs refuses to compile.
- A document jsonschema-rs cannot take (a string with a lone surrogate, say) is answered
  by the detailed validator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from auditportal.schema_language import patterns
from auditportal.schema_language.formats import CHECKS
from auditportal.schema_language.validator import exact

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

# Formats jsonschema-rs asserts on its own when formats are validated. Those the portal does
# not check (CHECKS) become annotations, as they are for the detailed validator.
_RS_FORMATS = frozenset(
    {
        "date",
        "date-time",
        "time",
        "duration",
        "email",
        "idn-email",
        "hostname",
        "idn-hostname",
        "ipv4",
        "ipv6",
        "uri",
        "uri-reference",
        "iri",
        "iri-reference",
        "uri-template",
        "json-pointer",
        "relative-json-pointer",
        "regex",
        "uuid",
        "unknown",
    }
)

# Keywords whose presence anywhere in the schema leaves it to the detailed validator.
_UNSUPPORTED = frozenset(
    {
        "patternProperties",
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "$recursiveAnchor",
        "$vocabulary",
    }
)


class _Refused(ValueError):
    pass


class _Pattern:
    """``pattern`` by the detailed validator's ECMA-262 engine."""

    def __init__(self, parent_schema: dict[str, Any], value: Any, schema_path: list[Any]) -> None:
        if not isinstance(value, str):
            raise TypeError("pattern must be a string")
        self._regex = patterns.compiled(value)  # raises RegressError if it is not ECMA-262

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and self._regex.find(instance) is None:
            raise _Refused("pattern")


class _MultipleOf:
    """``multipleOf`` by exact decimal division, as the detailed validator divides."""

    def __init__(self, parent_schema: dict[str, Any], value: Any, schema_path: list[Any]) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise TypeError("multipleOf must be a positive number")
        self._divisor = exact(value)

    def validate(self, instance: Any) -> None:
        if isinstance(instance, bool) or not isinstance(instance, int | float):
            return
        # Non-finite numbers never get here: answers holding one are refused before.
        if (exact(instance) / self._divisor).denominator != 1:
            raise _Refused("multipleOf")


def _accept(_value: str) -> bool:
    return True


@dataclass(frozen=True)
class FastValidator:
    """jsonschema-rs, compiled once per form version, with the portal's keyword semantics."""

    _validator: jsonschema_rs.Validator

    @staticmethod
    def compile(schema: Any) -> FastValidator | str:
        """The fast validator of ``schema``, or why this schema is left to the detailed one."""
        found = _scan(schema)
        if isinstance(found, str):
            return found
        formats: dict[str, Callable[[str], bool]] = {
            name: CHECKS.get(name, _accept) for name in _RS_FORMATS | found
        }
        formats.update(CHECKS)
        try:
            validator = jsonschema_rs.Draft202012Validator(
                schema,
                formats=formats,
                validate_formats=True,
                ignore_unknown_formats=True,
                retriever=_refuse_retrieval,
                keywords={"pattern": _Pattern, "multipleOf": _MultipleOf},
            )
        except Exception as error:  # any refusal: the detailed one decides
            return f"jsonschema-rs does not compile it ({type(error).__name__})"
        return FastValidator(validator)

    def is_valid(self, answers: Any) -> bool | None:
        """True or False; None when jsonschema-rs cannot take this document."""
        try:
            return bool(self._validator.is_valid(answers))
        except Exception:  # e.g. a string Rust cannot take
            return None


def _refuse_retrieval(uri: str) -> Any:
    """Nothing outside the document is fetched (the detailed validator fetches nothing)."""
    raise ValueError(f"not retrieved: {uri}")


def _scan(schema: Any) -> set[str] | str:
    """The format names the schema uses, or why it is left to the detailed validator.

    Every object is looked at, data (``const``, ``enum``, ``default``) too: a name found
    there only makes the check more careful (a format made an annotation that is not used,
    or a fallback that was not needed), never less.
    """
    formats: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for keyword, value in node.items():
                if keyword in _UNSUPPORTED:
                    return f"uses {keyword}"
                if keyword == "$schema" and value != DRAFT_2020_12:
                    return "declares another $schema"
                if keyword == "format" and isinstance(value, str):
                    formats.add(value)
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return formats
