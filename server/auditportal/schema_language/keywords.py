"""Where a JSON Schema 2020-12 document holds subschemas, and where it holds data.

A walk that treats every object as a schema misreads ``const``, ``enum``, ``default`` and
``examples`` (data that may well contain a "$ref" key) and the portal's ``x-`` keywords.
These tables name the applicator keywords of the core and validation vocabularies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

PathPart = str | int

# keyword -> how it holds subschemas
SINGLE = frozenset(
    {
        "additionalProperties",
        "unevaluatedProperties",
        "items",
        "contains",
        "propertyNames",
        "if",
        "then",
        "else",
        "not",
        "unevaluatedItems",
        "contentSchema",
    }
)
BY_NAME = frozenset({"properties", "patternProperties", "dependentSchemas", "$defs", "definitions"})
IN_LIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})


@dataclass(frozen=True)
class Subschema:
    schema: Any  # a dict or a boolean schema
    at: tuple[PathPart, ...]  # where it sits in the enclosing document
    # The keywords that lead to it from the root, e.g. ("properties", "not", "allOf").
    keywords: tuple[str, ...]


def children(
    schema: Any, at: tuple[PathPart, ...]
) -> Iterator[tuple[str, Any, tuple[PathPart, ...]]]:
    """The immediate subschemas of ``schema``: (keyword, subschema, path)."""
    if not isinstance(schema, dict):
        return
    for keyword, value in schema.items():
        if keyword in SINGLE and isinstance(value, dict | bool):
            yield keyword, value, (*at, keyword)
        elif keyword in BY_NAME and isinstance(value, dict):
            for name, sub in value.items():
                if isinstance(sub, dict | bool):
                    yield keyword, sub, (*at, keyword, name)
        elif keyword in IN_LIST and isinstance(value, list):
            for index, sub in enumerate(value):
                if isinstance(sub, dict | bool):
                    yield keyword, sub, (*at, keyword, index)


def subschemas(
    schema: Any, at: tuple[PathPart, ...] = (), keywords: tuple[str, ...] = ()
) -> Iterator[Subschema]:
    """Every subschema of the document, the root first, depth first."""
    yield Subschema(schema, at, keywords)
    for keyword, sub, sub_at in children(schema, at):
        yield from subschemas(sub, sub_at, (*keywords, keyword))
