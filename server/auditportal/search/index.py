"""Writing search values on every write of a submission or a customer, and reading them as
SQL conditions (a subquery of owner ids), never by loading rows into Python."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise.expressions import Q, Subquery

from auditportal.search.fields import SearchField, as_value, declared, extract
from auditportal.search.models import SearchValue

SUBMISSION = "submission"
CUSTOMER = "customer"


@dataclass(frozen=True)
class Condition:
    """One filter on a search field: every given part must hold."""

    key: str
    equals: str | None = None
    any_of: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    # Part of the text, case-insensitive.
    contains: str | None = None


async def replace(
    owner: str,
    items: Sequence[tuple[UUID, UUID, list[SearchField], Any]],
    *,
    fresh: bool = False,
) -> int:
    """Store the values of (owner id, form id, fields, document) for each item, replacing
    what those owners had (``fresh``: the owners were created in this transaction, so they
    have none to replace). Joins the caller's transaction. Returns how many rows."""
    if not items:
        return 0
    if not fresh:
        await SearchValue.filter(owner=owner, owner_id__in=[item[0] for item in items]).delete()
    rows = [
        SearchValue(
            owner=owner,
            owner_id=owner_id,
            form_id=form_id,
            key=key,
            text_value=text,
            number_value=number,
        )
        for owner_id, form_id, fields, document in items
        for key, text, number in extract(fields, document)
    ]
    if rows:
        await SearchValue.bulk_create(rows, batch_size=1000)
    return len(rows)


def matching(owner: str, conditions: Iterable[Condition]) -> Q:
    """A condition on the owner's id: one indexed subquery per search condition."""
    combined = Q()
    for condition in conditions:
        query = SearchValue.filter(owner=owner, key=condition.key)
        if condition.equals is not None:
            query = query.filter(text_value__in=_texts([condition.equals]))
        if condition.any_of is not None:
            query = query.filter(text_value__in=_texts(condition.any_of))
        if condition.min is not None:
            query = query.filter(number_value__gte=condition.min)
        if condition.max is not None:
            query = query.filter(number_value__lte=condition.max)
        if condition.contains:
            query = query.filter(text_value__icontains=condition.contains)
        combined &= Q(id__in=Subquery(query.values("owner_id")))
    return combined


def _texts(values: Iterable[str]) -> list[str]:
    """Each filter value as written and, if it reads as a number, as numbers are stored
    ("3", not "3.0"): a text "0123" still matches only "0123"."""
    found: list[str] = []
    for value in values:
        found.append(value)
        try:
            parsed = as_value(float(value))
        except ValueError:
            parsed = None
        if parsed is not None and parsed[0] not in found:
            found.append(parsed[0])
    return found


@dataclass(frozen=True)
class AttributeSearch:
    """The custom attributes form and its search fields."""

    form_id: UUID
    fields: list[SearchField]

    async def index(self, customers: Iterable[tuple[UUID, Any]]) -> int:
        """Replace the search values of these (customer id, attributes)."""
        return await replace(
            CUSTOMER,
            [(customer_id, self.form_id, self.fields, doc) for customer_id, doc in customers],
        )


async def attribute_search(form_key: str) -> AttributeSearch | None:
    """None when there is no attributes form (then no attribute is searchable)."""
    from auditportal.forms import queries as form_queries

    form = await form_queries.form_by_key(form_key)
    if form is None:
        return None
    return AttributeSearch(form.id, await form_search_fields(form.id))


async def form_search_fields(form_id: UUID) -> list[SearchField]:
    """The declarations of the form's newest published version."""
    from auditportal.forms import queries as form_queries

    newest = await form_queries.newest_version_header(form_id)
    if newest is None:
        return []
    definition = await form_queries.version_definition(newest.id)
    return declared(definition)
