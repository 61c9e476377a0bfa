"""Page requests and pages, independent of GraphQL.

Cursors are opaque to clients. A list read from SQL pages by keyset: its cursor encodes the
row's sort key and id (every order ends with the primary key), and the next page is the rows
after that key, so rows inserted or deleted meanwhile never shift a page (no duplicate, no
gap), and a deep page costs what the first does (the order's index is entered at the key).
Lists built in memory (my work) page by position.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise import fields as tortoise_fields
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from auditportal.errors import DomainError

T = TypeVar("T")
M = TypeVar("M", bound=Model)

_POSITION = "pos"


class BadInput(DomainError):
    code = "bad_input"


@dataclass(frozen=True)
class PageRequest:
    limit: int
    # The decoded cursor: the order it was made for and the key (or position) it points at.
    after: tuple[str, list[Any]] | None = None

    @classmethod
    def from_args(
        cls, first: int | None, after: str | None, *, default: int, maximum: int
    ) -> PageRequest:
        limit = default if first is None else first
        if not 1 <= limit <= maximum:
            raise BadInput("error.page_size", max=maximum)
        return cls(limit=limit, after=None if after is None else _decode(after))

    @property
    def offset(self) -> int:
        """The position after the cursor, for lists built in memory."""
        if self.after is None:
            return 0
        tag, values = self.after
        if tag != _POSITION or len(values) != 1 or not isinstance(values[0], int):
            raise BadInput("error.bad_cursor")
        if values[0] < 0:
            raise BadInput("error.bad_cursor")
        return values[0] + 1


Count = Callable[[], Awaitable[int]]


async def _no_rows() -> int:
    return 0


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of rows with a cursor per row. ``count`` runs only when asked for (a GraphQL
    ``totalCount``): the page itself reads ``limit + 1`` rows to know whether another page
    follows, so a list that never shows a total never pays for counting every matching row.
    A row's cursor is encoded when asked for (``cursor(i)``): most clients ask for the last."""

    items: list[T]
    cursor_at: Callable[[int], str]
    has_next_page: bool
    has_previous_page: bool = False
    count: Count = _no_rows

    def cursor(self, index: int) -> str:
        return self.cursor_at(index)

    @property
    def cursors(self) -> list[str]:
        return [self.cursor_at(i) for i in range(len(self.items))]

    @classmethod
    def empty(cls, page: PageRequest) -> Page[T]:
        return cls(
            items=[],
            cursor_at=_no_cursor,
            has_next_page=False,
            has_previous_page=page.after is not None,
        )

    @classmethod
    def of_list(cls, items: Sequence[T], page: PageRequest) -> Page[T]:
        """A page of a list already in memory, by position."""
        start = page.offset
        chosen = list(items[start : start + page.limit])
        total = len(items)

        async def count() -> int:
            return total

        return cls(
            items=chosen,
            cursor_at=lambda i: encode(_POSITION, [start + i]),
            has_next_page=start + page.limit < total,
            has_previous_page=start > 0,
            count=count,
        )

    def with_items(self, items: list[Any]) -> Page[Any]:
        """The same page (cursors, flags, count) over other objects, one per row."""
        return Page(
            items=items,
            cursor_at=self.cursor_at,
            has_next_page=self.has_next_page,
            has_previous_page=self.has_previous_page,
            count=self.count,
        )


def _no_cursor(index: int) -> str:
    raise IndexError(index)


class Row:
    """A list's row read as plain values, no ORM model built (issue 11: constructing partial
    models was the dearest part of a page). Its columns are attributes, named as on the
    model; a joined relation ``rel`` (columns ``rel__name``) is ``_rel``: a Row, or None when
    the row has none. Only what was read is there: ``"column" in row.__dict__`` tells."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    @property
    def pk(self) -> Any:
        return self.__dict__.get("id")

    @classmethod
    def of(cls, values: dict[str, Any]) -> Row:
        return cls.reader(list(values))(values)

    @classmethod
    def reader(cls, keys: Sequence[str]) -> Callable[[dict[str, Any]], Row]:
        """Rows from value dicts with these keys (a page's, read with ``values()``): the keys
        are split into each relation's once per page, not once per row, and a row keeps the
        dict it was read into (its ``rel__name`` keys too) rather than copying it."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for key in keys:
            relation, joined, rest = key.partition("__")
            if joined:
                groups.setdefault(relation, []).append((key, rest))
        related = [
            (f"_{relation}", pairs, cls.reader([rest for _, rest in pairs]))
            for relation, pairs in groups.items()
        ]
        nested = any("__" in rest for pairs in groups.values() for _, rest in pairs)

        def read(values: dict[str, Any]) -> Row:
            row = cls.__new__(cls)
            row.__dict__ = values
            for attribute, pairs, sub in related:
                part = {rest: values[key] for key, rest in pairs}
                if nested:
                    found = sub(part)
                else:
                    found = cls.__new__(cls)
                    found.__dict__ = part
                values[attribute] = found if part.get("id") is not None else None
            return row

        return read


async def paginate(
    query: QuerySet[M],
    order: Sequence[str],
    page: PageRequest,
    values: Sequence[str] | None = None,
) -> Page[M]:
    """The requested page of ``query`` in ``order`` (which ends with the primary key), after
    the cursor's key. ``values``: read only these columns (``rel__column`` for a joined
    relation's) into light ``Row`` objects instead of models."""
    tag = ",".join(order)
    keyed = query
    if page.after is not None:
        cursor_tag, key = page.after
        if cursor_tag != tag or len(key) != len(order):
            raise BadInput("error.bad_cursor")
        keyed = query.filter(_after(query.model, order, key, _nulls_largest(query)))
    names = [name.lstrip("-") for name in order]
    ordered = keyed.order_by(*order).limit(page.limit + 1)
    rows: list[Any]
    if values is None:
        rows = list(await ordered)
    else:
        read = list(values) + [name for name in names if name not in values]
        make = Row.reader(read)
        rows = [make(found) for found in await ordered.values(*read)]
    items = rows[: page.limit]

    def cursor_at(index: int) -> str:
        row = items[index]
        return encode(tag, [_plain(getattr(row, name)) for name in names])

    return Page(
        items=items,
        cursor_at=cursor_at,
        has_next_page=len(rows) > page.limit,
        has_previous_page=page.after is not None,
        count=query.count,
    )


def _nulls_largest(query: QuerySet[Any]) -> bool:
    """Whether NULL sorts after every value (PostgreSQL) or before (SQLite, MySQL)."""
    from tortoise import connections

    db = getattr(query, "_db", None) or connections.get(query.model._meta.default_connection)
    return bool(db.capabilities.dialect == "postgres")


def _after(model: type[Model], order: Sequence[str], raw: list[Any], nulls_largest: bool) -> Q:
    """Rows strictly after the key ``raw`` in ``order``: the first key after, or equal and the
    rest after. The first key also bounds the scan, so the order's index is entered there."""
    fields_map = model._meta.fields_map
    terms: list[tuple[str, bool, Any, bool]] = []
    for spec, value in zip(order, raw, strict=True):
        name = spec.lstrip("-")
        found = fields_map.get(name) or fields_map.get(name.removesuffix("_id"))
        if found is None:
            raise BadInput("error.bad_cursor")
        terms.append((name, not spec.startswith("-"), _typed(found, value), bool(found.null)))

    def after_from(index: int) -> Q | None:
        name, ascending, value, nullable = terms[index]
        nulls_after = nullable and nulls_largest == ascending
        if value is None:
            beyond = _q(f"{name}__isnull", False) if nullable and not nulls_after else None
            equal = _q(f"{name}__isnull", True)
        else:
            beyond = _q(f"{name}__{'gt' if ascending else 'lt'}", value)
            if nulls_after:
                beyond = beyond | _q(f"{name}__isnull", True)
            equal = Q(**{name: value})
        rest = None if index + 1 == len(terms) else after_from(index + 1)
        tail = equal & rest if rest is not None else None
        if beyond is None and tail is None:
            return None
        if beyond is None:
            return tail
        return beyond | tail if tail is not None else beyond

    condition = after_from(0)
    if condition is None:
        return _q("pk__in", [])
    name, ascending, value, nullable = terms[0]
    if value is not None and not nullable:
        condition = _q(f"{name}__{'gte' if ascending else 'lte'}", value) & condition
    return condition


def _q(lookup: str, value: Any) -> Q:
    condition: dict[str, Any] = {lookup: value}
    return Q(**condition)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def _typed(found: Any, value: Any) -> Any:
    if value is None:
        return None
    try:
        if isinstance(found, tortoise_fields.DatetimeField):
            return datetime.fromisoformat(value)
        if isinstance(found, tortoise_fields.DateField):
            return date.fromisoformat(value)
        if isinstance(
            found, tortoise_fields.UUIDField | tortoise_fields.relational.ForeignKeyFieldInstance
        ):
            return UUID(value) if isinstance(value, str) else value
        if isinstance(found, tortoise_fields.DecimalField):
            return Decimal(value)
    except (TypeError, ValueError):
        raise BadInput("error.bad_cursor") from None
    if isinstance(value, list | dict):
        raise BadInput("error.bad_cursor")
    return value


def encode(tag: str, values: list[Any]) -> str:
    raw = json.dumps([tag, values], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def encode_cursor(position: int) -> str:
    """A position cursor (lists built in memory)."""
    return encode(_POSITION, [position])


def _decode(cursor: str) -> tuple[str, list[Any]]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadInput("error.bad_cursor") from None
    if (
        not isinstance(decoded, list)
        or len(decoded) != 2
        or not isinstance(decoded[0], str)
        or not isinstance(decoded[1], list)
    ):
        raise BadInput("error.bad_cursor")
    return decoded[0], decoded[1]
