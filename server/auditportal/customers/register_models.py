"""The customer register's casework: classification, credit, risks, communications.

People are referenced by plain UUID columns (``*_by_id``, ``owner_id``) rather than foreign
keys: users already reference customers, and the register only needs their ids (the API
loads names through its DataLoaders).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from auditportal.customers.models import Customer, CustomerTier
from auditportal.db import DocumentField, TimestampedModel


class TierChangeSource(StrEnum):
    RULES = "rules"
    OVERRIDE = "override"
    EXPIRY = "expiry"
    CLEARED = "cleared"


class RiskCategory(StrEnum):
    PAYMENT = "payment"
    CONTRACT = "contract"
    COMPLAINT = "complaint"
    COMPLIANCE = "compliance"
    CUSTOM = "custom"


class RiskStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    MEETING = "meeting"
    VISIT = "visit"


class ClassificationRuleSet(Model):
    # One saved version of the classification rules; the highest number is in force.
    id = fields.IntField(primary_key=True)
    number = fields.IntField(unique=True)
    document: Any = DocumentField()
    note = fields.TextField(null=True)
    saved_by_id = fields.UUIDField(null=True)
    saved_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "classification_rule_sets"


class TierOverride(Model):
    # A manual tier with a reason and an expiry. At most one per customer is in force: the
    # newest whose cleared_at is null.
    id = fields.UUIDField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="tier_overrides", on_delete=fields.CASCADE
    )
    customer_id: Any
    tier = fields.CharEnumField(CustomerTier, max_length=20)
    reason = fields.TextField()
    expires_at = fields.DatetimeField(db_index=True)
    set_by_id = fields.UUIDField(null=True)
    set_at = fields.DatetimeField(auto_now_add=True)
    cleared_at = fields.DatetimeField(null=True, db_index=True)
    cleared_by_id = fields.UUIDField(null=True)

    class Meta:
        table = "customer_tier_overrides"


class TierChange(Model):
    # Every change of a customer's effective tier, and why.
    id = fields.BigIntField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="tier_changes", on_delete=fields.CASCADE
    )
    customer_id: Any
    from_tier = fields.CharEnumField(CustomerTier, max_length=20)
    to_tier = fields.CharEnumField(CustomerTier, max_length=20)
    source = fields.CharEnumField(TierChangeSource, max_length=20)
    reason = fields.TextField(null=True)
    # The facts the rules saw and which rule matched (rules changes only).
    facts: Any = fields.JSONField(null=True)
    matched_rule = fields.CharField(max_length=20, null=True)
    rule_set_number = fields.IntField(null=True)
    actor = fields.CharField(max_length=200)
    changed_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "customer_tier_changes"


class CreditRecord(Model):
    # One credit assessment result; the newest (by assessed_at, then id) is the current one.
    id = fields.UUIDField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="credit_records", on_delete=fields.CASCADE
    )
    customer_id: Any
    grade = fields.CharField(max_length=8)
    credit_limit = fields.DecimalField(max_digits=18, decimal_places=2, null=True)
    currency = fields.CharField(max_length=3, default="CNY")
    assessed_at = fields.DatetimeField(db_index=True)
    assessed_by_id = fields.UUIDField(null=True)
    # The credit-assessment submission it came from; unique so a replay writes nothing.
    source_submission_id = fields.UUIDField(null=True, unique=True)
    # How the grade was found: "form" (the proposed grade), "score" (score bands), "manual".
    grade_basis = fields.CharField(max_length=10, default="manual")
    note = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "customer_credit_records"


class Risk(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="risks", on_delete=fields.CASCADE
    )
    customer_id: Any
    category = fields.CharEnumField(RiskCategory, max_length=20, db_index=True)
    title = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    likelihood = fields.IntField()
    impact = fields.IntField()
    owner_id = fields.UUIDField(null=True)
    mitigation = fields.TextField(default="")
    review_on = fields.DateField(null=True)
    status = fields.CharEnumField(RiskStatus, max_length=10, default=RiskStatus.OPEN, db_index=True)
    closed_at = fields.DatetimeField(null=True)
    closing_note = fields.TextField(null=True)
    created_by_id = fields.UUIDField(null=True)
    updated_by_id = fields.UUIDField(null=True)
    lock_version = fields.IntField(default=1)

    class Meta:
        table = "customer_risks"


class Communication(Model):
    id = fields.UUIDField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="communications", on_delete=fields.CASCADE
    )
    customer_id: Any
    channel = fields.CharEnumField(Channel, max_length=10)
    occurred_at = fields.DatetimeField(db_index=True)
    summary = fields.TextField()
    participants: Any = fields.JSONField(default=list)
    logged_by_id = fields.UUIDField(null=True)
    task_id = fields.UUIDField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "customer_communications"


class FollowUp(Model):
    id = fields.UUIDField(primary_key=True)
    communication: fields.ForeignKeyRelation[Communication] = fields.ForeignKeyField(
        "auditportal.Communication", related_name="follow_ups", on_delete=fields.CASCADE
    )
    communication_id: Any
    customer_id = fields.UUIDField(db_index=True)
    description = fields.TextField()
    owner_id = fields.UUIDField(null=True)
    due_on = fields.DateField(null=True)
    done_at = fields.DatetimeField(null=True)
    done_by_id = fields.UUIDField(null=True)

    class Meta:
        table = "customer_follow_ups"


class CommunicationPlan(TimestampedModel):
    # With a customer: a plan for that customer. Without one, a targeted plan: every pass
    # gives each customer its targets match (tier, region, tag; every non-empty criterion
    # must match) a plan of its own (``parent_id``: the targeted plan) with the same
    # settings, so customers who join the tier later get it, and those who leave stop.
    id = fields.UUIDField(primary_key=True)
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer",
        related_name="communication_plans",
        on_delete=fields.CASCADE,
        null=True,
    )
    customer_id: Any
    target_tiers: Any = fields.JSONField(default=list, db_default="[]")
    target_regions: Any = fields.JSONField(default=list, db_default="[]")
    target_tags: Any = fields.JSONField(default=list, db_default="[]")
    parent_id = fields.UUIDField(null=True, db_index=True)
    title = fields.CharField(max_length=200)
    channel = fields.CharEnumField(Channel, max_length=10)
    rrule = fields.CharField(max_length=500)
    starts_on = fields.DateField()
    owner_id = fields.UUIDField()
    # Tasks appear this many days before they are due.
    lead_days = fields.IntField(default=7)
    active = fields.BooleanField(default=True, db_index=True)
    created_by_id = fields.UUIDField(null=True)

    class Meta:
        table = "customer_communication_plans"


class CommunicationTask(Model):
    # One due contact of a plan. Unique per (plan, due date): reruns never duplicate.
    id = fields.UUIDField(primary_key=True)
    plan: fields.ForeignKeyRelation[CommunicationPlan] = fields.ForeignKeyField(
        "auditportal.CommunicationPlan", related_name="tasks", on_delete=fields.CASCADE
    )
    plan_id: Any
    customer_id = fields.UUIDField(db_index=True)
    due_on = fields.DateField(db_index=True)
    owner_id = fields.UUIDField()
    created_at = fields.DatetimeField(auto_now_add=True)
    done_at = fields.DatetimeField(null=True)
    communication_id = fields.UUIDField(null=True)

    class Meta:
        table = "customer_communication_tasks"
        unique_together = (("plan", "due_on"),)
