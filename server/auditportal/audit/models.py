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

    class Meta:
        table = "audit_events"
