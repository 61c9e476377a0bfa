from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields

from auditportal.auth.principal import Role
from auditportal.db import TimestampedModel

if TYPE_CHECKING:
    from auditportal.customers.models import Customer


class User(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    username = fields.CharField(max_length=150, unique=True)
    display_name = fields.CharField(max_length=200, default="")
    email = fields.CharField(max_length=254, null=True)
    role = fields.CharEnumField(Role, max_length=20)
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    customer_id: Any
    password_hash = fields.CharField(max_length=255, null=True)
    is_active = fields.BooleanField(default=True)
    preferred_language = fields.CharField(max_length=10, default="zh-CN")

    class Meta:
        table = "users"
