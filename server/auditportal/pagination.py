"""Page requests and pages, independent of GraphQL.

Cursors are opaque to clients. They encode a position in the ordered result; an order
always ends with the primary key, so positions are stable for rows that already exist.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from auditportal.errors import DomainError

T = TypeVar("T")
M = TypeVar("M", bound=Model)


class BadInput(DomainError):
    code = "bad_input"


@dataclass(frozen=True)
class PageRequest:
    offset: int
    limit: int

    @classmethod
    def from_args(
        cls, first: int | None, after: str | None, *, default: int, maximum: int
    ) -> PageRequest:
        limit = default if first is None else first
        if not 1 <= limit <= maximum:
            raise BadInput("error.page_size", max=maximum)
        return cls(offset=0 if after is None else decode_cursor(after) + 1, limit=limit)


Count = Callable[[], Awaitable[int]]


async def _no_rows() -> int:
    return 0


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of rows. ``count`` runs only when asked for (a GraphQL ``totalCount``): the
    page itself reads ``limit + 1`` rows to know whether another page follows, so a list
    that never shows a total never pays for counting every matching row."""

    items: list[T]
    offset: int
    has_next_page: bool
    count: Count = _no_rows

    @property
    def has_previous_page(self) -> bool:
        return self.offset > 0

    def cursor(self, index: int) -> str:
        return encode_cursor(self.offset + index)

    @classmethod
    def empty(cls, page: PageRequest) -> Page[T]:
        return cls(items=[], offset=page.offset, has_next_page=False)


async def paginate(query: QuerySet[M], order: Sequence[str], page: PageRequest) -> Page[M]:
    """The requested page of ``query`` in ``order`` (which ends with the primary key)."""
    rows = list(await query.order_by(*order).offset(page.offset).limit(page.limit + 1))
    return Page(
        items=rows[: page.limit],
        offset=page.offset,
        has_next_page=len(rows) > page.limit,
        count=query.count,
    )


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"pos:{position}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        prefix, _, number = text.partition(":")
        position = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadInput("error.bad_cursor") from None
    if prefix != "pos" or position < 0:
        raise BadInput("error.bad_cursor")
    return position
