"""Appending to the audit trail and verifying its hash chain.

``record`` must run inside the caller's transaction: the event commits or rolls back with
the write it describes. Appends are serialised (an advisory lock on PostgreSQL; SQLite
serialises writers itself) so that each event hashes exactly one predecessor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from auditportal.audit.context import request_id_var
from auditportal.audit.models import AuditEvent
from auditportal.auth.policy import reads_are_audited
from auditportal.auth.principal import Principal

GENESIS = "0" * 64
# Arbitrary constant naming the audit-append lock among the database's advisory locks.
_APPEND_LOCK_KEY = 0x417564697454  # "AuditT"


def _event_hash(prev_hash: str, body: dict[str, Any]) -> str:
    canonical = json.dumps(
        {"prev": prev_hash, **body}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _body(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": event.actor,
        "role": event.actor_role,
        "action": event.action,
        "type": event.object_type,
        "object": event.object_id,
        "summary": event.summary,
        "request": event.request_id,
    }


async def record(
    principal: Principal,
    action: str,
    object_type: str,
    object_id: object,
    summary: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event; call inside the transaction of the write it describes."""
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [_APPEND_LOCK_KEY])
    last = await AuditEvent.all().order_by("-id").only("id", "hash").first()
    event = AuditEvent(
        occurred_at=datetime.now(UTC),
        actor=principal.actor,
        actor_role=principal.role.value if principal.role else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=json.loads(json.dumps(summary or {}, default=str)),
        request_id=request_id_var.get(),
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = _event_hash(event.prev_hash, _body(event))
    await event.save()
    return event


@dataclass(frozen=True)
class EventSpec:
    """One event of a batch for ``record_many``."""

    action: str
    object_type: str
    object_id: object
    summary: dict[str, Any] | None = None


async def record_many(principal: Principal, events: Sequence[EventSpec]) -> list[AuditEvent]:
    """Append several events in order: one lock, one read of the tail, one bulk insert.

    Runs in its own transaction when the caller has none (audited reads), and joins the
    caller's otherwise, like ``record``.
    """
    if not events:
        return []
    async with in_transaction() as connection:
        if connection.capabilities.dialect == "postgres":
            await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [_APPEND_LOCK_KEY])
        last = await AuditEvent.all().using_db(connection).order_by("-id").only("hash").first()
        prev = last.hash if last else GENESIS
        now = datetime.now(UTC)
        request_id = request_id_var.get()
        built: list[AuditEvent] = []
        for spec in events:
            event = AuditEvent(
                occurred_at=now,
                actor=principal.actor,
                actor_role=principal.role.value if principal.role else None,
                action=spec.action,
                object_type=spec.object_type,
                object_id=str(spec.object_id),
                summary=json.loads(json.dumps(spec.summary or {}, default=str)),
                request_id=request_id,
                prev_hash=prev,
            )
            event.hash = prev = _event_hash(event.prev_hash, _body(event))
            built.append(event)
        await AuditEvent.bulk_create(built, using_db=connection)
    return built


CONSULTANT_READ = "consultant.read"


async def record_reads(
    principal: Principal, object_type: str, object_ids: Iterable[object]
) -> None:
    """One ``consultant.read`` event per record the caller read; nothing for other roles."""
    if not reads_are_audited(principal):
        return
    unique = list(dict.fromkeys(str(object_id) for object_id in object_ids))
    await record_many(
        principal, [EventSpec(CONSULTANT_READ, object_type, object_id) for object_id in unique]
    )


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


async def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Walk the whole trail in order; report the first event whose link or hash is wrong."""
    expected_prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        batch = await AuditEvent.filter(id__gt=last_id).order_by("id").limit(batch_size)
        if not batch:
            return ChainReport(checked, None, None)
        for event in batch:
            if event.prev_hash != expected_prev:
                return ChainReport(checked, event.id, "previous-hash link does not match")
            if _event_hash(event.prev_hash, _body(event)) != event.hash:
                return ChainReport(checked, event.id, "content does not match its hash")
            expected_prev = event.hash
            checked += 1
            last_id = event.id
