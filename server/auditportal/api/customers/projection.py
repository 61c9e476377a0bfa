"""What a customers list reads, from what its rows select (issue 11): the JSON documents
(contacts, attributes) are read and decoded only when a selected field shows them."""

from __future__ import annotations

from typing import Any

from auditportal.api.loaders import selected_node_fields
from auditportal.auth.models import User
from auditportal.auth.policy import Permission, allows
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


# The account auditor joined into the page (reverse one-to-one, then the user): the register's
# row and the user cost no statement of their own. Every column of the user but its hash.
_AUDITOR = "account_auditor"


def _auditor_columns() -> list[str]:
    user = [name for name in User._meta.fields_db_projection if name != "password_hash"]
    return [f"{_AUDITOR}__id", f"{_AUDITOR}__auditor_id"] + [
        f"{_AUDITOR}__auditor__{name}" for name in user
    ]


def list_columns(info: Any) -> tuple[list[str], bool]:
    """The columns a customers page reads for its selection, and whether they join the
    account auditor (then ``prime_auditors``). Not for consultants: their loaders note every
    register row they read in the trail."""
    selected = selected_node_fields(info)
    columns = customer_columns(selected) or list(Customer._meta.fields_db_projection)
    joined = (
        "accountAuditor" in selected
        and not info.context.loaders.reads.enabled
        and allows(info.context.principal, Permission.CUSTOMERS_INTERNAL_READ)
    )
    return (columns + _auditor_columns() if joined else columns), joined


def prime_auditors(info: Any, rows: list[Any]) -> None:
    """Hand the page's account auditors (ids and users) to the request's loaders."""
    auditor_ids = info.context.customer_loaders.auditor_id
    users = info.context.loaders.user
    for row in rows:
        register = row.__dict__.get(f"_{_AUDITOR}")
        if register is None:
            auditor_ids.prime(row.id, None)
            continue
        auditor_ids.prime(row.id, register.auditor_id)
        user = register.__dict__.get("_auditor")
        if user is not None:
            users.prime(register.auditor_id, user)
