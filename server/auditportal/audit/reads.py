"""Consultant reads: noted where a record is read, appended to the trail once per request.

``note`` is called with every record a caller was given. For callers whose reads are not
audited it does nothing. Inside a request that collects (``ReadLog.collecting``, opened
by the GraphQL layer around execution) the notes wait in the request's log and are
appended in one short transaction when execution has finished (``ReadLog.flush``): no
append runs while resolvers do, so a resolver cancelled because a sibling field failed
can never leave an append half done (on SQLite that kept the database locked for good).
Anywhere else (a download, a command) a note is appended at once.

Appends are shielded from cancellation: once begun, an append commits or rolls back even
if the request that asked for it goes away.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from auditportal.audit.service import CONSULTANT_READ, EventSpec, record_many
from auditportal.auth.policy import reads_are_audited
from auditportal.auth.principal import Principal

_current: ContextVar[ReadLog | None] = ContextVar("auditportal_read_log", default=None)


class ReadLog:
    """The records one caller read during one request, each appended once."""

    def __init__(self, principal: Principal) -> None:
        self.principal = principal
        self._pending: dict[tuple[str, str], None] = {}  # insertion-ordered set
        self._written: set[tuple[str, str]] = set()

    @property
    def pending(self) -> list[tuple[str, str]]:
        return list(self._pending)

    def add(self, object_type: str, object_ids: Iterable[object]) -> None:
        for object_id in object_ids:
            key = (object_type, str(object_id))
            if key not in self._written:
                self._pending[key] = None

    @contextmanager
    def collecting(self) -> Iterator[ReadLog]:
        """Notes of this caller made inside the block wait in this log."""
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)

    async def flush(self) -> None:
        """Append everything noted since the last flush, in one transaction."""
        entries = list(self._pending)
        if not entries:
            return
        await _append(self.principal, entries)
        self._written.update(entries)
        for entry in entries:
            self._pending.pop(entry, None)


async def note(principal: Principal, object_type: str, object_ids: Iterable[object]) -> None:
    """Record that ``principal`` read these records (only consultants' reads are audited)."""
    if not reads_are_audited(principal):
        return
    log = _current.get()
    if log is not None and log.principal == principal:
        log.add(object_type, object_ids)
        return
    entries = list(dict.fromkeys((object_type, str(object_id)) for object_id in object_ids))
    if entries:
        await _append(principal, entries)


async def _append(principal: Principal, entries: list[tuple[str, str]]) -> None:
    events = [
        EventSpec(CONSULTANT_READ, object_type, object_id) for object_type, object_id in entries
    ]
    # A task of its own, shielded: cancelling the caller does not cut the transaction short.
    await asyncio.shield(asyncio.ensure_future(record_many(principal, events)))
