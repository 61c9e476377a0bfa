"""Inspection plans (admin-designed) and the inspections they schedule."""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from auditportal.db import DocumentField, TimestampedModel


class AssignmentRule(StrEnum):
    # The customer's account auditor; without one, the next active auditor in turn.
    ACCOUNT_AUDITOR = "account_auditor"
    # The next active auditor in turn, whoever the account auditor is.
    ROUND_ROBIN = "round_robin"
    # One named (active) user.
    USER = "user"


class PlanAudience(StrEnum):
    # Per targeted customer, the work assigned to staff by the plan's rule (inspections).
    CUSTOMER = "customer"
    # Per targeted customer, the work goes to that customer's own users (a survey).
    CUSTOMER_USERS = "customer_users"
    # Internal work about no customer, once per period, assigned to staff (a review).
    STAFF = "staff"


class PlanHorizon(StrEnum):
    # Occurrences up to horizon_days after today.
    DAYS = "days"
    # Through the end of the calendar quarter / year that today falls in (calendar
    # periods, not a rolling window).
    QUARTER = "quarter"
    YEAR = "year"


# The recurrence key for every tier, and the customer id of a staff plan's rows.
ALL_TIERS = "all"
NO_CUSTOMER = UUID(int=0)


class InspectionStatus(StrEnum):
    PLANNED = "planned"
    OPENED = "opened"
    CANCELLED = "cancelled"
    DONE = "done"


class InspectionPlan(TimestampedModel):
    # Which customers are inspected with which form and workflow, how often per tier,
    # how early the work opens and who gets it. Edits are compare-and-set on lock_version.
    id = fields.UUIDField(primary_key=True)
    name: Any = fields.JSONField()  # {"zh-CN": ..., "en": ...}
    form_key = fields.CharField(max_length=64)
    workflow_key = fields.CharField(max_length=64)
    # Targeting: every non-empty criterion must match; all empty = every customer.
    target_tiers: Any = fields.JSONField(default=list)
    target_regions: Any = fields.JSONField(default=list)
    target_tags: Any = fields.JSONField(default=list)
    target_customer_ids: Any = fields.JSONField(default=list)
    # Tier -> RRULE text. A tier without a rule is not inspected by this plan.
    recurrences: Any = DocumentField(default=dict)
    starts_on = fields.DateField()
    # Occurrences before this day are never materialised: the day the plan (or its
    # schedule) was last set, so that a plan starting in the past does not flood auditors.
    effective_from = fields.DateField()
    lead_days = fields.IntField(default=14)
    horizon_days = fields.IntField(default=92)
    # A due date on a weekend or public holiday moves to the next working day.
    shift_to_workday = fields.BooleanField(default=True)
    assignment = fields.CharEnumField(AssignmentRule, max_length=20)
    assignee_user_id = fields.UUIDField(null=True)
    audience = fields.CharEnumField(
        PlanAudience, max_length=20, default=PlanAudience.CUSTOMER, db_default="customer"
    )
    horizon = fields.CharEnumField(
        PlanHorizon, max_length=10, default=PlanHorizon.DAYS, db_default="days"
    )
    active = fields.BooleanField(default=True, db_index=True)
    lock_version = fields.IntField(default=1)
    created_by_id = fields.UUIDField(null=True)
    updated_by_id = fields.UUIDField(null=True)

    class Meta:
        table = "inspection_plans"


class ScheduledInspection(Model):
    # One inspection of one customer for one period of one plan. The unique key makes
    # materialising idempotent: reruns, two workers and lost queue entries insert with
    # conflict-ignore and can neither duplicate nor (with the periodic pass) drop one.
    id = fields.UUIDField(primary_key=True)
    plan: fields.ForeignKeyRelation[InspectionPlan] = fields.ForeignKeyField(
        "auditportal.InspectionPlan", related_name="inspections", on_delete=fields.CASCADE
    )
    plan_id: Any
    customer_id = fields.UUIDField()
    # The occurrence date of the rule (ISO), before any working-day shift.
    period = fields.CharField(max_length=10)
    # The tier the occurrence was planned for; a tier change replaces unopened rows.
    tier = fields.CharField(max_length=20)
    due_on = fields.DateField(db_index=True)
    opens_on = fields.DateField()
    status = fields.CharEnumField(
        InspectionStatus, max_length=20, default=InspectionStatus.PLANNED, db_index=True
    )
    instance_id = fields.UUIDField(null=True)
    assignee_id = fields.UUIDField(null=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    opened_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "scheduled_inspections"
        unique_together = (("plan", "customer_id", "period"),)
        indexes = (("plan_id", "status", "opens_on"), ("customer_id", "status"))
