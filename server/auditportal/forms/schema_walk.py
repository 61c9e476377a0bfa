"""Walk a form's answer schema and its answers by the same paths.

A field path is a tuple of property names, with ``"*"`` standing for every item of an array.
Scoring, findings, sensitive fields and definition checks all use these paths, so they
agree on where a field lives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

ANY_ITEM = "*"
FieldPath = tuple[str, ...]


@dataclass(frozen=True)
class SchemaField:
    path: FieldPath
    # Where the subschema sits inside the definition document, for error paths.
    schema_path: tuple[str | int, ...]
    schema: dict[str, Any]

    @property
    def is_section(self) -> bool:
        return len(self.path) == 1 and self.schema.get("type") == "object"

    @property
    def section(self) -> str | None:
        return self.path[0] if len(self.path) > 1 else None


def walk_fields(
    schema: dict[str, Any], schema_path: tuple[str | int, ...] = ("schema",)
) -> Iterator[SchemaField]:
    """Every named property of the schema, depth first, with its path."""
    yield from _walk(schema, (), schema_path)


def declared_properties(
    schema: dict[str, Any],
) -> Iterator[tuple[str, dict[str, Any], tuple[str | int, ...]]]:
    """The properties a container declares, with where each sits relative to the container:
    its ``properties``, then those only present under a condition (``then``/``else`` of the
    container or of an ``allOf`` entry: the form builder's "show when"), each name once."""
    seen: set[str] = set()
    places: list[tuple[Any, tuple[str | int, ...]]] = [(schema, ())]
    for branch in ("then", "else"):
        places.append((schema.get(branch), (branch,)))
    rules = schema.get("allOf")
    if isinstance(rules, list):
        for index, rule in enumerate(rules):
            if isinstance(rule, dict):
                for branch in ("then", "else"):
                    places.append((rule.get(branch), ("allOf", index, branch)))
    for place, at in places:
        properties = place.get("properties") if isinstance(place, dict) else None
        if not isinstance(properties, dict):
            continue
        for name, subschema in properties.items():
            if name in seen or not isinstance(subschema, dict):
                continue
            seen.add(name)
            yield name, subschema, (*at, "properties", name)


def _walk(
    schema: dict[str, Any], path: FieldPath, schema_path: tuple[str | int, ...]
) -> Iterator[SchemaField]:
    for name, subschema, at in declared_properties(schema):
        sub_path = (*schema_path, *at)
        field = SchemaField(path=(*path, name), schema_path=sub_path, schema=subschema)
        yield field
        yield from _walk(subschema, field.path, sub_path)
    items = schema.get("items")
    if isinstance(items, dict):
        yield from _walk(items, (*path, ANY_ITEM), (*schema_path, "items"))


def values_at(document: Any, path: FieldPath) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """The values present at ``path`` in an answer document, with their concrete paths."""
    if ANY_ITEM in path:
        return _values(document, path, ())
    # No array in the way (most fields): one value at most, found by plain lookups.
    node = document
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return iter(())
        node = node[part]
    return iter(((tuple(path), node),))


def _values(
    node: Any, path: FieldPath, here: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if not path:
        yield here, node
        return
    head, rest = path[0], path[1:]
    if head == ANY_ITEM:
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from _values(item, rest, (*here, index))
    elif isinstance(node, dict) and head in node:
        yield from _values(node[head], rest, (*here, head))


def replace_at(document: Any, concrete_path: tuple[str | int, ...], value: Any) -> None:
    """Set the value at a concrete path that ``values_at`` returned."""
    node = document
    for part in concrete_path[:-1]:
        node = node[part]
    node[concrete_path[-1]] = value


def option_key(value: Any) -> str:
    """How x-scores and x-findings name an answer: "yes", "true", "3"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
