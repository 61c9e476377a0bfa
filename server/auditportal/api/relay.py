"""Relay conventions: the Node interface, global ids, cursor connections."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from uuid import UUID

import strawberry
from strawberry.types import Info

from auditportal.errors import FieldIssue, PathPart, ValidationFailed
from auditportal.pagination import BadInput, Count, Page, PageRequest

if TYPE_CHECKING:
    from auditportal.api.context import Context

T = TypeVar("T")
M = TypeVar("M")


@strawberry.interface(description="An object with a global id, fetchable with Query.node.")
class Node:
    @strawberry.field(description="Global id: opaque, stable, unique across types.")
    def id(self) -> strawberry.ID:
        raise NotImplementedError


def to_global_id(type_name: str, object_id: UUID) -> strawberry.ID:
    raw = f"{type_name}:{object_id}".encode()
    return strawberry.ID(base64.urlsafe_b64encode(raw).decode().rstrip("="))


def parse_global_id(global_id: str) -> tuple[str, UUID]:
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, raw_id = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        return type_name, UUID(raw_id)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadInput("error.bad_id", id=global_id) from None


def from_global_id(global_id: str, expected_type: str) -> UUID:
    type_name, object_id = parse_global_id(global_id)
    if type_name != expected_type:
        raise BadInput("error.bad_id", id=global_id)
    return object_id


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def _edge_cursor(root: Any) -> str:
    return str(root.page.cursor(root.index))


@strawberry.type
class Edge(Generic[T]):
    # Encoded only when a client selects it (issue 11: most lists ask for the end cursor).
    cursor: str = strawberry.field(resolver=_edge_cursor)
    node: T
    page: strawberry.Private[Page[Any]]
    index: strawberry.Private[int]


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    # Counting every matching row is the dearest part of a list: only when selected.
    count: strawberry.Private[Count]

    @strawberry.field(description="Rows matching the filter, all pages.")
    async def total_count(self) -> int:
        return await self.count()

    @strawberry.field(description="The nodes of the edges, for clients that skip cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def connection_from_page(page: Page[M], wrap: Callable[[M], T]) -> Connection[T]:
    edges = [Edge(node=wrap(item), page=page, index=i) for i, item in enumerate(page.items)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursor(0) if edges else None,
            end_cursor=page.cursor(len(edges) - 1) if edges else None,
        ),
        count=page.count,
    )


def page_request(info: Info[Context, Any], first: int | None, after: str | None) -> PageRequest:
    """A connection's page arguments, checked against the configured page sizes."""
    settings = info.context.settings
    return PageRequest.from_args(
        first, after, default=settings.default_page_size, maximum=settings.max_page_size
    )


def input_ids(values: list[str], type_name: str, *path: PathPart) -> list[UUID]:
    """Global ids from a mutation's input; a malformed one is a ValidationFailed at its path."""
    issues: list[FieldIssue] = []
    parsed: list[UUID] = []
    for index, value in enumerate(values):
        try:
            parsed.append(from_global_id(value, type_name))
        except BadInput:
            issues.append(FieldIssue((*path, index), "error.bad_id", {"id": value}))
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))
    return parsed


def input_id(value: str, type_name: str, *path: PathPart) -> UUID:
    """One global id from a mutation's input (see ``input_ids``)."""
    try:
        return from_global_id(value, type_name)
    except BadInput:
        issue = FieldIssue(path, "error.bad_id", {"id": value})
        raise ValidationFailed("error.invalid_input", [issue], count=1) from None
