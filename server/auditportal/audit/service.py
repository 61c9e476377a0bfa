"""Appending to the audit trail and verifying its hash chain.

``record`` must run inside the caller's transaction: the event commits or rolls back with
the write it describes. Appends are serialised (an advisory lock on PostgreSQL; SQLite
serialises writers itself) so that each event hashes exactly one predecessor.

The chain is keyed: each hash is an HMAC-SHA256 with the chain key, which lives outside the
database (``keystore.load_audit_chain_key``; the entry points install it with
``use_chain_key``). Whoever can edit the database but lacks the key cannot recompute the
hashes after a rewritten row. Signed checkpoints (``write_checkpoint``, a periodic job)
state the count and head of the trail, so deleting the newest events is found too, back
to the latest checkpoint. Events from before the chain was keyed (``key_id`` null) are
verified as legacy SHA-256 links, and only before the first keyed event.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from auditportal.audit.context import request_id_var
from auditportal.audit.models import AuditCheckpoint, AuditEvent
from auditportal.auth.policy import reads_are_audited
from auditportal.auth.principal import Principal
from auditportal.keystore import ChainKey

logger = logging.getLogger("auditportal.audit")

GENESIS = "0" * 64
# Arbitrary constant naming the audit-append lock among the database's advisory locks.
_APPEND_LOCK_KEY = 0x417564697454  # "AuditT"

# The process's chain key, installed by the entry point (server lifespan, CLI, worker)
# from its settings, as the job queue is (jobs.dispatch.use_queue).
_chain_key: ChainKey | None = None


def use_chain_key(key: ChainKey | None) -> None:
    global _chain_key
    _chain_key = key


def _installed_key() -> ChainKey:
    if _chain_key is None:
        raise RuntimeError("no audit chain key installed: the entry point calls use_chain_key")
    return _chain_key


def _canonical(prev_hash: str, body: dict[str, Any]) -> bytes:
    document = {"prev": prev_hash, **body}
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _legacy_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(prev_hash, body)).hexdigest()


def _event_hash(prev_hash: str, body: dict[str, Any], key: ChainKey | None = None) -> str:
    key = key or _installed_key()
    message = _canonical(prev_hash, {**body, "kid": key.key_id})
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


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
        key_id=_installed_key().key_id,
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
        key = _installed_key()
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
                key_id=key.key_id,
            )
            event.hash = prev = _event_hash(event.prev_hash, _body(event), key)
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
    # Events from before the chain was keyed, verified by plain hash links only.
    legacy: int = 0
    # The newest valid checkpoint the trail was checked against (its event count).
    checkpoint_count: int | None = None

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def _checkpoint_message(
    count: int, head_id: int, head_hash: str, legacy: int, at: datetime, prev: str
) -> bytes:
    stamp = at.astimezone(UTC).isoformat(timespec="microseconds")
    return f"audit-checkpoint|{count}|{head_id}|{head_hash}|{legacy}|{stamp}|{prev}".encode()


def _sign(key: ChainKey, message: bytes) -> str:
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


async def _checkpoints_problem(key: ChainKey) -> tuple[AuditCheckpoint | None, str | None]:
    """The newest checkpoint, after checking every checkpoint's signature and link."""
    prev = GENESIS
    newest = None
    for checkpoint in await AuditCheckpoint.all().order_by("id"):
        message = _checkpoint_message(
            checkpoint.event_count,
            checkpoint.head_id,
            checkpoint.head_hash,
            checkpoint.legacy_count,
            checkpoint.created_at,
            checkpoint.prev_signature,
        )
        if checkpoint.key_id != key.key_id or not hmac.compare_digest(
            checkpoint.signature, _sign(key, message)
        ):
            return newest, f"checkpoint {checkpoint.id} is not signed with the chain key"
        if checkpoint.prev_signature != prev:
            return newest, f"checkpoint {checkpoint.id} does not follow the one before it"
        if newest is not None and checkpoint.event_count < newest.event_count:
            return newest, f"checkpoint {checkpoint.id} counts fewer events than the one before"
        prev = checkpoint.signature
        newest = checkpoint
    return newest, None


async def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Walk the whole trail in order; report the first event whose link or hash is wrong,
    then check it against the newest signed checkpoint (nothing deleted or rewritten
    before it)."""
    key = _installed_key()
    checkpoint, problem = await _checkpoints_problem(key)
    expected_prev = GENESIS
    checked = legacy = 0
    last_id = 0
    keyed = False
    seen_head = False
    while True:
        batch = await AuditEvent.filter(id__gt=last_id).order_by("id").limit(batch_size)
        for event in batch:
            report = ChainReport(checked, event.id, None, legacy)
            if event.prev_hash != expected_prev:
                return _broken(report, "previous-hash link does not match")
            if event.key_id is None:
                if keyed:
                    return _broken(report, "an unkeyed event after keyed ones")
                if _legacy_hash(event.prev_hash, _body(event)) != event.hash:
                    return _broken(report, "content does not match its hash")
                legacy += 1
            else:
                keyed = True
                if event.key_id != key.key_id:
                    return _broken(report, f"hashed with another key ({event.key_id})")
                expected = _event_hash(event.prev_hash, _body(event), key)
                if not hmac.compare_digest(expected, event.hash):
                    return _broken(report, "content does not match its hash")
            expected_prev = event.hash
            checked += 1
            last_id = event.id
            if checkpoint is not None and event.id == checkpoint.head_id:
                seen_head = True
                if event.hash != checkpoint.head_hash or checked != checkpoint.event_count:
                    return ChainReport(
                        checked,
                        event.id,
                        f"the trail up to this event differs from checkpoint {checkpoint.id}",
                        legacy,
                    )
                if legacy != checkpoint.legacy_count:
                    return ChainReport(
                        checked,
                        event.id,
                        f"legacy events differ from checkpoint {checkpoint.id}",
                        legacy,
                    )
        if len(batch) < batch_size:
            break
    if problem is not None:
        return ChainReport(checked, last_id or 0, problem, legacy)
    if checkpoint is not None and not seen_head:
        return ChainReport(
            checked,
            checkpoint.head_id,
            f"events up to {checkpoint.head_id} ({checkpoint.event_count} in checkpoint "
            f"{checkpoint.id}) are missing: the trail was truncated",
            legacy,
        )
    count = checkpoint.event_count if checkpoint is not None else None
    return ChainReport(checked, None, None, legacy, count)


def _broken(report: ChainReport, reason: str) -> ChainReport:
    return ChainReport(report.checked, report.first_broken_id, reason, report.legacy)


async def write_checkpoint() -> AuditCheckpoint | None:
    """Sign the trail's current count and head, chained to the previous checkpoint. The
    signed line is logged too, so a copy lives outside the database (log shipping)."""
    key = _installed_key()
    async with in_transaction() as connection:
        if connection.capabilities.dialect == "postgres":
            # The append lock: no event lands between counting and reading the head.
            await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [_APPEND_LOCK_KEY])
        head = await AuditEvent.all().using_db(connection).order_by("-id").first()
        if head is None:
            return None
        count = await AuditEvent.all().using_db(connection).count()
        legacy = await AuditEvent.filter(key_id=None).using_db(connection).count()
        previous = await AuditCheckpoint.all().using_db(connection).order_by("-id").first()
        if previous is not None and previous.head_id == head.id:
            return previous  # nothing new since
        prev = previous.signature if previous is not None else GENESIS
        now = datetime.now(UTC)
        message = _checkpoint_message(count, head.id, head.hash, legacy, now, prev)
        checkpoint = await AuditCheckpoint.create(
            created_at=now,
            event_count=count,
            head_id=head.id,
            head_hash=head.hash,
            legacy_count=legacy,
            key_id=key.key_id,
            prev_signature=prev,
            signature=_sign(key, message),
            using_db=connection,
        )
    logger.info(
        "audit checkpoint %d: %d events, head %d %s, signature %s",
        checkpoint.id,
        count,
        head.id,
        head.hash,
        checkpoint.signature,
    )
    return checkpoint
