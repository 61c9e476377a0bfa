"""A version's schema and UI schema in one language, ready for a generic form renderer.

The stored schema keeps both languages in x-title / x-description / x-enum-titles; a
renderer such as react-jsonschema-form wants plain ``title``, ``description`` and
``ui:enumNames``. This derives them per language without touching the stored document.
"""

from __future__ import annotations

import copy
from typing import Any

from auditportal.i18n import localized
from auditportal.settings import Language


def localized_schema(schema: dict[str, Any], language: Language) -> dict[str, Any]:
    result = copy.deepcopy(schema)
    _localize(result, language)
    return result


def _localize(node: Any, language: Language) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("x-title"), dict):
            node["title"] = localized(node["x-title"], language)
        if isinstance(node.get("x-description"), dict):
            node["description"] = localized(node["x-description"], language)
        for value in node.values():
            _localize(value, language)
    elif isinstance(node, list):
        for item in node:
            _localize(item, language)


def localized_ui_schema(
    schema: dict[str, Any], ui_schema: dict[str, Any], language: Language
) -> dict[str, Any]:
    """The UI schema with ``ui:enumNames`` filled from x-enum-titles where absent."""
    result = copy.deepcopy(ui_schema)
    _enum_names(schema, result, language)
    return result


def _enum_names(schema: dict[str, Any], ui: dict[str, Any], language: Language) -> None:
    for name, subschema in (schema.get("properties") or {}).items():
        if not isinstance(subschema, dict):
            continue
        sub_ui = ui.setdefault(name, {})
        titles = subschema.get("x-enum-titles")
        if isinstance(titles, dict) and "ui:enumNames" not in sub_ui:
            sub_ui["ui:enumNames"] = titles.get(language) or titles.get("en")
        _enum_names(subschema, sub_ui, language)
        items = subschema.get("items")
        if isinstance(items, dict):
            _enum_names(items, sub_ui.setdefault("items", {}), language)
        if not sub_ui:
            del ui[name]
