"""Page requests and pages, independent of GraphQL.

Cursors are opaque to clients. They encode a position in the ordered result; an order
always ends with the primary key, so positions are stable for rows that already exist.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Generic, TypeVar

from auditportal.errors import DomainError

T = TypeVar("T")


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


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    offset: int
    total_count: int

    @property
    def has_next_page(self) -> bool:
        return self.offset + len(self.items) < self.total_count

    @property
    def has_previous_page(self) -> bool:
        return self.offset > 0

    def cursor(self, index: int) -> str:
        return encode_cursor(self.offset + index)


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
