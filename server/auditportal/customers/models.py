from __future__ import annotations

from tortoise import fields

from auditportal.db import TimestampedModel


class Customer(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=300)

    class Meta:
        table = "customers"
