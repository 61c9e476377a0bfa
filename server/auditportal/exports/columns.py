"""A form's questions as export columns: one column per question, in the chosen language.

Nested sections are flattened with their titles ("Contracts / Signed"); a repeating group
(an array of objects) gives one column per question inside it, the items' answers joined
with `` | ``; a multiple choice (an array of options) joins its option labels with ``, ``.
Options show their labels, not their codes; yes/no shows the language's words. Questions
that appear only under a condition (allOf, if/then/else) get their columns too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditportal.exports.writer import Cell
from auditportal.i18n import localized, translate
from auditportal.settings import Language

EACH = "*"  # a path step over every item of a repeating group
ITEM_SEPARATOR = " | "
CHOICE_SEPARATOR = ", "
TITLE_SEPARATOR = " / "


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Cell]


@dataclass(frozen=True)
class Question:
    path: tuple[str, ...]
    titles: tuple[str, ...]
    schema: dict[str, Any]


def _title(schema: dict[str, Any], name: str, language: Language) -> str:
    text = schema.get("x-title")
    if isinstance(text, dict):
        return localized(text, language) or name
    return str(schema.get("title") or name)


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    """Properties of an object schema, with those its conditional branches add."""
    merged: dict[str, Any] = {}
    branches = [schema, *(schema.get("allOf") or [])]
    for branch in list(branches):
        if isinstance(branch, dict):
            branches.extend(b for b in (branch.get("then"), branch.get("else")) if b)
    for branch in branches:
        if isinstance(branch, dict) and isinstance(branch.get("properties"), dict):
            for name, sub in branch["properties"].items():
                if isinstance(sub, dict) and (name not in merged or len(sub) > len(merged[name])):
                    merged[name] = sub
    return merged


def _is_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def questions(
    schema: dict[str, Any], language: Language, ui_order: list[str] | None = None
) -> list[Question]:
    found: list[Question] = []
    _walk(schema, (), (), language, found, ui_order)
    return found


def _ordered(names: list[str], ui_order: list[str] | None) -> list[str]:
    if not ui_order:
        return names
    head = [n for n in ui_order if n in names]
    rest = [n for n in names if n not in head]
    if "*" in ui_order:
        at = ui_order.index("*")
        before = [n for n in ui_order[:at] if n in names]
        after = [n for n in ui_order[at + 1 :] if n in names]
        return before + [n for n in rest] + after
    return head + rest


def _walk(
    schema: dict[str, Any],
    path: tuple[str, ...],
    titles: tuple[str, ...],
    language: Language,
    found: list[Question],
    ui_order: list[str] | None = None,
) -> None:
    properties = _properties(schema)
    for name in _ordered(list(properties), ui_order):
        sub = properties[name]
        title = _title(sub, name, language)
        here = (*path, name)
        items = sub.get("items")
        if sub.get("type") == "array" and isinstance(items, dict) and _is_object(items):
            _walk(items, (*here, EACH), (*titles, title), language, found)
        elif _is_object(sub) and _properties(sub):
            _walk(sub, here, (*titles, title), language, found)
        else:
            found.append(Question(here, (*titles, title), sub))


def _values_at(document: Any, path: tuple[str, ...]) -> list[Any]:
    nodes = [document]
    for step in path:
        following: list[Any] = []
        for node in nodes:
            if step == EACH:
                if isinstance(node, list):
                    following.extend(node)
            elif isinstance(node, dict) and step in node:
                following.append(node[step])
        nodes = following
    return nodes


def display(value: Any, schema: dict[str, Any], language: Language) -> str:
    """One answer as text: option labels, yes/no words, numbers without a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return translate("export.yes" if value else "export.no", language)
    if isinstance(value, list):
        found = schema.get("items")
        items: dict[str, Any] = found if isinstance(found, dict) else {}
        return CHOICE_SEPARATOR.join(display(v, items, language) for v in value)
    options = schema.get("enum")
    labels = schema.get("x-enum-titles")
    if isinstance(options, list) and isinstance(labels, dict) and value in options:
        texts = labels.get(language) or labels.get("en") or []
        index = options.index(value)
        if index < len(texts):
            return str(texts[index])
    one_of = schema.get("oneOf")
    if isinstance(one_of, list):
        for choice in one_of:
            if isinstance(choice, dict) and choice.get("const") == value:
                return _title(choice, str(value), language)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return ""  # structured values (files, references) have no one text
    return str(value)


def _labels(schema: dict[str, Any], language: Language) -> dict[Any, str]:
    """Option code -> label, for the fast path of single answers."""
    options = schema.get("enum")
    titles = schema.get("x-enum-titles")
    if not isinstance(options, list) or not isinstance(titles, dict):
        return {}
    texts = titles.get(language) or titles.get("en") or []
    return {
        option: str(texts[i])
        for i, option in enumerate(options)
        if i < len(texts) and isinstance(option, str)
    }


def _single(path: tuple[str, ...], schema: dict[str, Any], language: Language) -> Any:
    labels = _labels(schema, language)

    def value(answers: Any) -> Cell:
        node = answers
        for step in path:
            if not isinstance(node, dict):
                return None
            node = node.get(step)
            if node is None:
                return None
        if isinstance(node, str):
            return labels.get(node, node)
        if isinstance(node, int | float) and not isinstance(node, bool):
            return node
        return display(node, schema, language)

    return value


def answer_columns(
    schema: dict[str, Any], language: Language, ui_order: list[str] | None = None
) -> list[Column]:
    columns = []
    for question in questions(schema, language, ui_order):
        header = TITLE_SEPARATOR.join(question.titles)
        if EACH not in question.path:
            columns.append(Column(header, _single(question.path, question.schema, language)))
            continue

        def value(answers: Any, q: Question = question) -> Cell:
            found = _values_at(answers, q.path)
            if not found:
                return None
            return ITEM_SEPARATOR.join(display(v, q.schema, language) for v in found)

        columns.append(Column(header, value))
    return columns
