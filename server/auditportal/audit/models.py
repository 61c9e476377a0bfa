from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    # One write (or audited read). Rows are only ever inserted, each hashing the previous.

    id = fields.BigIntField(primary_key=True)
    occurred_at = fields.DatetimeField()
    actor = fields.CharField(max_length=200)
    actor_role = fields.CharField(max_length=20, null=True)
    action = fields.CharField(max_length=100, db_index=True)
    object_type = fields.CharField(max_length=60)
    object_id = fields.CharField(max_length=64, db_index=True)
    summary: Any = fields.JSONField(default=dict)
    request_id = fields.CharField(max_length=64, null=True)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)
    # The chain key that made ``hash`` an HMAC; null for events written before the chain
    # was keyed (plain SHA-256, verified as legacy).
    key_id = fields.CharField(max_length=16, null=True)

    class Meta:
        table = "audit_events"


class AuditCheckpoint(Model):
    # A signed statement "the trail had ``event_count`` events up to ``head_id`` whose hash
    # was ``head_hash``": deleting newer events than a checkpoint, or rewriting one before
    # it, no longer matches. Each checkpoint signs its predecessor's signature too.

    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField()
    event_count = fields.BigIntField()
    head_id = fields.BigIntField()
    head_hash = fields.CharField(max_length=64)
    legacy_count = fields.BigIntField(default=0)
    key_id = fields.CharField(max_length=16)
    prev_signature = fields.CharField(max_length=64)
    signature = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_checkpoints"
