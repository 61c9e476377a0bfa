from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from auditportal.db import TimestampedModel

if TYPE_CHECKING:
    from auditportal.auth.models import User


class Customer(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=300)

    class Meta:
        table = "customers"


class AccountAuditor(Model):
    # The auditor responsible for a customer: workflows assign its work to them. A table of
    # its own rather than a column, so that users and customers do not reference each other.

    id = fields.IntField(primary_key=True)
    customer: fields.OneToOneRelation[Customer] = fields.OneToOneField(
        "auditportal.Customer", related_name="account_auditor", on_delete=fields.CASCADE
    )
    customer_id: Any
    auditor: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name="audited_customers", on_delete=fields.CASCADE
    )
    auditor_id: Any

    class Meta:
        table = "account_auditors"
