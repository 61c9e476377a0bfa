"""Verification plans, their draws per period, and each sampled submission's re-check."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auditportal.auth.models import User
    from auditportal.forms.models import Submission


# Days to verify a draw when its plan says nothing else.
DEFAULT_DUE_DAYS = 14


class PeriodUnit(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


class SizingMode(StrEnum):
    # Sizes per customer tier, as given.
    FIXED = "fixed"
    # From a confidence level and a tolerable error rate (attribute sampling, with the
    # finite population correction), per tier.
    STATISTICAL = "statistical"


class VerificationStatus(StrEnum):
    ASSIGNED = "assigned"
    AGREED = "agreed"
    DISCREPANT = "discrepant"


class VerificationPlan(Model):
    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=200)
    # The forms whose submissions are sampled (Form ids as strings).
    form_ids: Any = fields.JSONField(default=list)
    period_unit = fields.CharEnumField(PeriodUnit, max_length=16, default=PeriodUnit.MONTH)
    sizing = fields.CharEnumField(SizingMode, max_length=16, default=SizingMode.FIXED)
    # {"key": 5, "normal": 10, "high_risk": 3}: the fixed sizes per tier.
    tier_sizes: Any = fields.JSONField(default=dict)
    confidence = fields.FloatField(default=0.95)
    tolerable_error = fields.FloatField(default=0.05)
    expected_error = fields.FloatField(default=0.5)
    active = fields.BooleanField(default=True)
    # The verifier pool: these users (ids as strings) and the staff of these teams
    # (``User.team``); both empty is every active auditor, then manager.
    verifier_ids: Any = fields.JSONField(default=list, db_default="[]")
    verifier_teams: Any = fields.JSONField(default=list, db_default="[]")
    # Days a verifier is given from the draw: each draw's due date.
    due_days = fields.IntField(default=DEFAULT_DUE_DAYS, db_default=DEFAULT_DUE_DAYS)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: Any
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "verification_plans"
        ordering = ("name", "id")


class VerificationDraw(Model):
    # One draw per plan and period; the seed makes it reproducible.
    id = fields.UUIDField(primary_key=True)
    plan: fields.ForeignKeyRelation[VerificationPlan] = fields.ForeignKeyField(
        "auditportal.VerificationPlan", related_name="draws", on_delete=fields.CASCADE
    )
    plan_id: Any
    period = fields.CharField(max_length=10)
    seed = fields.BigIntField()
    # {tier: population size} and {tier: sample size} at the time of the draw.
    population: Any = fields.JSONField(default=dict)
    sizes: Any = fields.JSONField(default=dict)
    drawn_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    drawn_by_id: Any
    drawn_at = fields.DatetimeField(auto_now_add=True)
    # When its verifications are due (the draw's moment plus the plan's days); None for
    # draws made before plans had a due time (they are due ``DEFAULT_DUE_DAYS`` after).
    due_at = fields.DatetimeField(null=True)

    class Meta:
        table = "verification_draws"
        unique_together = (("plan", "period"),)


class Verification(Model):
    # One sampled submission, assigned to a verifier who did not submit it.
    id = fields.UUIDField(primary_key=True)
    draw: fields.ForeignKeyRelation[VerificationDraw] = fields.ForeignKeyField(
        "auditportal.VerificationDraw", related_name="items", on_delete=fields.CASCADE
    )
    draw_id: Any
    submission: fields.ForeignKeyRelation[Submission] = fields.ForeignKeyField(
        "auditportal.Submission", related_name=False, on_delete=fields.RESTRICT
    )
    submission_id: Any
    # Copied at the draw, for the accuracy aggregates without joins.
    form_id = fields.UUIDField()
    customer_id = fields.UUIDField(null=True)
    submitted_by_id = fields.UUIDField()
    tier = fields.CharField(max_length=20)
    period = fields.CharField(max_length=10)
    verifier: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    verifier_id: Any
    status = fields.CharEnumField(
        VerificationStatus, max_length=16, default=VerificationStatus.ASSIGNED
    )
    fields_verified = fields.IntField(default=0)
    discrepancy_count = fields.IntField(default=0)
    comment = fields.TextField(null=True)
    verified_at = fields.DatetimeField(null=True)
    # The correction of the submission a discrepancy opened.
    correction_id = fields.UUIDField(null=True)

    class Meta:
        table = "verifications"
        unique_together = (("draw", "submission"),)
        indexes = (("verifier_id", "status"), ("period", "status"))


class Discrepancy(Model):
    id = fields.BigIntField(primary_key=True)
    verification: fields.ForeignKeyRelation[Verification] = fields.ForeignKeyField(
        "auditportal.Verification", related_name="discrepancies", on_delete=fields.CASCADE
    )
    verification_id: Any
    # RFC 6901 pointer into the submission's answers.
    pointer = fields.CharField(max_length=500)
    # The values as JSON text (a JSONField would take a string value for JSON to parse).
    recorded_json = fields.TextField()
    verified_json = fields.TextField()
    reason = fields.TextField()

    class Meta:
        table = "verification_discrepancies"

    @property
    def recorded_value(self) -> Any:
        return json.loads(self.recorded_json)

    @property
    def verified_value(self) -> Any:
        return json.loads(self.verified_json)
