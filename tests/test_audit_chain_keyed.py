"""The audit chain is keyed and anchored: a rewrite that recomputes the hashes after it,
and the deletion of the newest events, are both found; old unkeyed events verify as legacy
only up to the first keyed one."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from auditportal.audit.models import AuditCheckpoint, AuditEvent
from auditportal.audit.service import GENESIS, verify_chain, write_checkpoint
from tests.conftest import Api


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


def _sha256(prev: str, body: dict[str, Any]) -> str:
    canonical = json.dumps(
        {"prev": prev, **body}, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


async def _some_events(api: Api, count: int) -> list[AuditEvent]:
    for index in range(count):
        await api.customer(f"K{index}")
    return list(await AuditEvent.all().order_by("id"))


async def _rehash_from(events: list[AuditEvent], start: int, hasher: Any) -> None:
    """What someone with database access but without the key can do: rewrite one event
    and recompute every hash after it, so every link matches again."""
    prev = events[start - 1].hash if start else GENESIS
    for event in events[start:]:
        fresh = await AuditEvent.get(id=event.id)
        new_hash = hasher(prev, fresh)
        await AuditEvent.filter(id=event.id).update(prev_hash=prev, hash=new_hash)
        prev = new_hash


async def test_a_rewrite_with_recomputed_hashes_is_found(api: Api) -> None:
    events = await _some_events(api, 4)
    assert (await verify_chain()).ok
    assert all(event.key_id for event in events)
    victim = events[1]
    await AuditEvent.filter(id=victim.id).update(summary={"code": "rewritten"})
    await _rehash_from(events, 1, lambda prev, e: _sha256(prev, _body(e)))
    report = await verify_chain()
    assert not report.ok
    assert report.first_broken_id == victim.id
    assert report.reason == "content does not match its hash"

    # Keeping the key id and guessing a key does not help either.
    def guessed_key(prev: str, event: AuditEvent) -> str:
        message = json.dumps(
            {"prev": prev, **_body(event), "kid": event.key_id},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hmac.new(b"\0" * 32, message.encode(), hashlib.sha256).hexdigest()

    await _rehash_from(events, 1, guessed_key)
    report = await verify_chain()
    assert report.first_broken_id == victim.id
    assert report.reason == "content does not match its hash"


async def test_deleting_the_newest_events_is_found_against_the_checkpoint(api: Api) -> None:
    events = await _some_events(api, 3)
    checkpoint = await write_checkpoint()
    assert checkpoint is not None and checkpoint.event_count == len(events)
    await api.customer("AFTER")  # events after the checkpoint are fine
    report = await verify_chain()
    assert report.ok and report.checkpoint_count == len(events)

    newest = await AuditEvent.all().order_by("-id").limit(2)
    await AuditEvent.filter(id__in=[event.id for event in newest]).delete()
    report = await verify_chain()
    assert not report.ok
    assert "truncated" in (report.reason or "")


async def test_a_forged_or_edited_checkpoint_is_found(api: Api) -> None:
    events = await _some_events(api, 3)
    checkpoint = await write_checkpoint()
    assert checkpoint is not None
    # Truncate and move the checkpoint back to match: its signature no longer does.
    await AuditEvent.filter(id=events[-1].id).delete()
    await AuditCheckpoint.filter(id=checkpoint.id).update(
        event_count=len(events) - 1, head_id=events[-2].id, head_hash=events[-2].hash
    )
    report = await verify_chain()
    assert not report.ok
    assert "not signed with the chain key" in (report.reason or "")


async def test_checkpoints_chain_and_repeat_nothing(api: Api) -> None:
    await _some_events(api, 2)
    first = await write_checkpoint()
    assert first is not None
    assert (await write_checkpoint()) == first  # nothing new since
    await api.customer("MORE")
    second = await write_checkpoint()
    assert second is not None and second.prev_signature == first.signature
    assert (await verify_chain()).ok


async def test_old_unkeyed_events_verify_as_legacy_until_the_first_keyed_one(api: Api) -> None:
    # The trail as an older version wrote it: plain SHA-256 links, no key id.
    prev = GENESIS
    for index in range(3):
        event = AuditEvent(
            occurred_at=datetime.now(UTC),
            actor="system:old",
            actor_role=None,
            action="legacy.write",
            object_type="Thing",
            object_id=str(index),
            summary={"n": index},
            request_id=None,
            prev_hash=prev,
        )
        event.hash = prev = _sha256(prev, _body(event))
        await event.save()
    await api.customer("NEW")
    report = await verify_chain()
    assert report.ok, report
    assert report.legacy == 3
    assert report.checked == 4

    # An unkeyed event after a keyed one is not legacy: it is a forgery.
    last = await AuditEvent.all().order_by("-id").first()
    assert last is not None and last.key_id is not None
    forged = AuditEvent(
        occurred_at=datetime.now(UTC),
        actor="system:old",
        actor_role=None,
        action="legacy.write",
        object_type="Thing",
        object_id="x",
        summary={},
        request_id=None,
        prev_hash=last.hash,
    )
    forged.hash = _sha256(last.hash, _body(forged))
    await forged.save()
    report = await verify_chain()
    assert report.first_broken_id == forged.id
    assert report.reason == "an unkeyed event after keyed ones"
