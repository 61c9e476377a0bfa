"""Custom attributes keep their declared types through imports and CRM syncs.

A source cell is text (files) or a JSON value (CRMs); the custom attributes form says what
each attribute is. Numbers become numbers, integers integers, yes/no booleans, so that a
later edit, validated by the same form, does not fail on "123" where 123 belongs, and
search ranges work. A cell that does not read as its type rejects the row.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

NUMBER = "number"
INTEGER = "integer"
BOOLEAN = "boolean"

_TRUE = {"true", "yes", "y", "1", "是", "有", "√"}
_FALSE = {"false", "no", "n", "0", "否", "无", "×"}


async def declared_types(form_key: str) -> dict[str, str]:
    """Attribute name -> "number" | "integer" | "boolean", from the attributes form's
    newest open version (text attributes are not listed: text stays text)."""
    from auditportal.forms import queries as form_queries

    form = await form_queries.form_by_key(form_key)
    if form is None:
        return {}
    version = await form_queries.latest_version(form.id, open_only=True)
    if version is None:
        return {}
    found: dict[str, str] = {}
    for name, schema in (version.definition["schema"].get("properties") or {}).items():
        kind = schema.get("type") if isinstance(schema, dict) else None
        if isinstance(kind, list):
            kinds = [k for k in kind if k != "null"]
            kind = kinds[0] if len(kinds) == 1 else None
        if kind in (NUMBER, INTEGER, BOOLEAN):
            found[name] = str(kind)
    return found


class BadAttribute(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def typed(kind: str | None, raw: Any) -> Any:
    """The value a cell holds as the attribute's declared type; raises BadAttribute."""
    if kind is None:
        return raw
    if kind == BOOLEAN:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise BadAttribute("import.row.bad_boolean")
    if isinstance(raw, bool):
        raise BadAttribute("import.row.bad_number")
    text = str(raw).replace(",", "").replace("，", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise BadAttribute("import.row.bad_number") from None
    if not number.is_finite():
        raise BadAttribute("import.row.bad_number")
    if number == number.to_integral_value():
        return int(number)
    if kind == INTEGER:
        raise BadAttribute("import.row.bad_integer")
    return float(number)
