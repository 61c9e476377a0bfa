"""The audited customers: the register's profile, tags and account auditor."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from auditportal.db import DocumentField, TimestampedModel

if TYPE_CHECKING:
    from auditportal.auth.models import User


class CustomerTier(StrEnum):
    # How important and how risky a customer is: decides how often and how deeply it is
    # inspected (the source article's practice 2).
    KEY = "key"
    NORMAL = "normal"
    HIGH_RISK = "high_risk"


class TierSource(StrEnum):
    RULES = "rules"
    OVERRIDE = "override"


class CustomerSource(StrEnum):
    MANUAL = "manual"
    IMPORT = "import"
    ZOHO = "zoho"
    FXIAOKE = "fxiaoke"


class Customer(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    # Unique; the CRM's own id when the customer was imported from one.
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=300)
    industry = fields.CharField(max_length=100, null=True, db_index=True)
    region = fields.CharField(max_length=100, null=True, db_index=True)
    # [{name, title, email, phone, primary}]
    contacts: Any = DocumentField(default=list, db_default="[]")
    # Admin-defined attributes, validated by the published customer-profile form.
    attributes: Any = DocumentField(default=dict, db_default="{}")
    tier = fields.CharEnumField(
        CustomerTier, max_length=20, default=CustomerTier.NORMAL, db_default="normal", db_index=True
    )
    # What the rules say, kept even while an override is in force.
    rule_tier = fields.CharEnumField(
        CustomerTier, max_length=20, default=CustomerTier.NORMAL, db_default="normal"
    )
    tier_source = fields.CharEnumField(
        TierSource, max_length=20, default=TierSource.RULES, db_default="rules"
    )
    # 0 to 100, from the risk register and open findings.
    risk_score = fields.FloatField(default=0, db_default=0, db_index=True)
    credit_grade = fields.CharField(max_length=8, null=True)
    credit_limit = fields.DecimalField(max_digits=18, decimal_places=2, null=True)
    # Yearly transaction volume in the customer's currency, as the CRM or an import says.
    transaction_volume = fields.DecimalField(
        max_digits=18, decimal_places=2, default=Decimal(0), db_default=0
    )
    source = fields.CharEnumField(
        CustomerSource, max_length=20, default=CustomerSource.MANUAL, db_default="manual"
    )
    # The CRM record's own modification time: incremental syncs start after the newest.
    external_modified_at = fields.DatetimeField(null=True)
    # Plain ids, not foreign keys: users already reference customers.
    created_by_id = fields.UUIDField(null=True)
    updated_by_id = fields.UUIDField(null=True)
    # Compare-and-set for edits from two screens.
    lock_version = fields.IntField(default=1, db_default=1)

    class Meta:
        table = "customers"


class CustomerTag(Model):
    # One row per tag: filtering by tag is the same index lookup on SQLite and PostgreSQL.
    id = fields.IntField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="tag_rows", on_delete=fields.CASCADE
    )
    customer_id: Any
    tag = fields.CharField(max_length=64, db_index=True)

    class Meta:
        table = "customer_tags"
        unique_together = (("customer", "tag"),)


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
