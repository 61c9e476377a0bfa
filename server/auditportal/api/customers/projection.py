"""What a customers list reads, from what its rows select (issue 11): the JSON documents
(contacts, attributes) are read and decoded only when a selected field shows them."""

from __future__ import annotations

from typing import Any

from auditportal.customers.models import Customer

# GraphQL field -> the JSON column only it reads.
_NEEDS = {"contacts": "contacts", "attributes": "attributes"}


def customer_columns(selected: dict[str, Any]) -> list[str] | None:
    """The columns for rows selecting ``selected`` (``loaders.selected_node_fields``); None
    (every column) when nothing can be left out."""
    left_out = {column for name, column in _NEEDS.items() if name not in selected}
    if not left_out:
        return None
    return [name for name in Customer._meta.fields_db_projection if name not in left_out]
