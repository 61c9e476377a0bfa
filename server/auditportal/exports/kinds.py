"""The export registry: each kind turns a caller, filters and a language into a table.

A kind checks its permission, reads through the caller's row scope in keyset-paged batches
(``keyset``) and yields rows lazily; ``total`` is counted up front for progress. Adding a
kind (a KPI table) is one ``register`` call in its module, listed in ``KIND_MODULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from auditportal.auth.principal import Principal
from auditportal.errors import NotFound
from auditportal.exports.writer import Row
from auditportal.i18n import translate
from auditportal.settings import Language, Settings

M = TypeVar("M", bound=Model)

BATCH_SIZE = 500


@dataclass(frozen=True)
class Table:
    title: str
    header: Sequence[str]
    total: int
    rows: Callable[[], AsyncIterator[Row]]


# (principal, filters as JSON, language, settings) -> the table, checked and scoped.
Opener = Callable[[Principal, dict[str, Any], Language, Settings], Awaitable[Table]]


@dataclass(frozen=True)
class ExportKind:
    name: str
    open: Opener


KINDS: dict[str, ExportKind] = {}

KIND_MODULES = [
    "auditportal.exports.submissions",
    "auditportal.exports.customers",
    "auditportal.kpis.export",
]


def translator(language: Language) -> Callable[[str], str]:
    """Column headers and cell words of one language."""

    def t(key: str) -> str:
        return translate(key, language)

    return t


def register(name: str) -> Callable[[Opener], Opener]:
    def add(opener: Opener) -> Opener:
        KINDS[name] = ExportKind(name, opener)
        return opener

    return add


def kind(name: str) -> ExportKind:
    for module in KIND_MODULES:
        importlib.import_module(module)
    found = KINDS.get(name)
    if found is None:
        raise NotFound("export.unknown_kind", kind=name)
    return found


async def keyset(
    query: QuerySet[M], field: str, batch_size: int = BATCH_SIZE
) -> AsyncIterator[list[M]]:
    """The rows of ``query`` in batches ordered by (``field``, id), each batch read after
    the last one's key: constant cost per batch, never an OFFSET, never all rows at once."""
    last: tuple[Any, Any] | None = None
    while True:
        page = query
        if last is not None:
            value, ident = last
            after = Q(**{f"{field}__gt": value}) | Q(**{field: value, "id__gt": ident})
            page = page.filter(after)
        batch = await page.order_by(field, "id").limit(batch_size)
        if not batch:
            return
        yield batch
        if len(batch) < batch_size:
            return
        tail = batch[-1]
        last = (getattr(tail, field), tail.pk)
