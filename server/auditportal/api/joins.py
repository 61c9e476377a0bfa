"""Related rows read with a list's own page, in its one statement (issue 11).

A list's rows point at other records (a submission's form, version and customer; a case's
customer and assignee). Read through the request's DataLoaders that is one statement per
relation; here the page's SELECT joins the relations its selection asks for, reading the very
columns the loader would, and the loaders are primed with what came back, so the resolvers
find them without another round trip. The loaders stay the path for everything else (and for
consultants, whose loaders note every record they read in the trail).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.models import Model

from auditportal.api.loaders import Loaders, selected_node_fields
from auditportal.pagination import Row


@dataclass(frozen=True)
class Join:
    """``field`` (a GraphQL field of the row) reads the row's ``relation`` (a foreign key) with
    ``loader`` (of ``Loaders``); ``columns``: what that loader reads of the related model."""

    field: str
    relation: str
    loader: Callable[[Loaders], Any]
    columns: Callable[[], Sequence[str]]


def every_column(model: type[Model], *leave_out: str) -> Callable[[], list[str]]:
    def columns() -> list[str]:
        return [name for name in model._meta.fields_db_projection if name not in leave_out]

    return columns


def columns_with_joins(
    info: Any,
    model: type[Model],
    joins: Iterable[Join],
    own: Sequence[str] | None = None,
) -> tuple[list[str] | None, list[Join]]:
    """The ``only()`` columns for a list's page (``own``: its model's, None for all), with
    the selected relations' columns joined; and the joins taken, for ``prime``."""
    loaders: Loaders = info.context.loaders
    if loaders.reads.enabled:
        return (list(own) if own is not None else None), []
    selected = selected_node_fields(info)
    taken = [join for join in joins if join.field in selected]
    if not taken:
        return (list(own) if own is not None else None), []
    columns = list(own) if own is not None else list(model._meta.fields_db_projection)
    for join in taken:
        if join.relation + "_id" not in columns:
            columns.append(join.relation + "_id")
        columns += [f"{join.relation}__{name}" for name in join.columns()]
    return columns, taken


def prime(info: Any, rows: Iterable[Any], joins: Sequence[Join]) -> None:
    """Hand the related rows a page read (models or ``Row``s) to the request's loaders."""
    if not joins:
        return
    loaders: Loaders = info.context.loaders
    for join in joins:
        loader = join.loader(loaders)
        for row in rows:
            related = getattr(row, f"_{join.relation}", None)
            key = getattr(row, f"{join.relation}_id", None)
            if isinstance(related, Model | Row) and key is not None and related.pk is not None:
                loader.prime(key, related)
