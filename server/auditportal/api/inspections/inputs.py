"""Inputs of the inspection-plan mutations, turned into the domain's ``PlanSpec``."""

from __future__ import annotations

from datetime import date

import strawberry

from auditportal.api.inspections import types as _types  # noqa: F401  (registers the enums)
from auditportal.api.relay import input_id, input_ids
from auditportal.customers.models import CustomerTier
from auditportal.inspections.models import (
    ALL_TIERS,
    AssignmentRule,
    InspectionStatus,
    PlanAudience,
    PlanHorizon,
)
from auditportal.inspections.service import PlanSpec


@strawberry.input
class TierRecurrenceInput:
    tier: CustomerTier | None = strawberry.field(
        default=None, description="null: the rule for every tier (and for a staff plan)."
    )
    rule: str = strawberry.field(description="RFC 5545 RRULE, e.g. FREQ=WEEKLY;INTERVAL=2.")


@strawberry.input
class LocalizedTextInput:
    zh_cn: str = strawberry.field(name="zhCN")
    en: str


@strawberry.input(description="A plan as designed; every field is given on update too.")
class InspectionPlanInput:
    name: LocalizedTextInput
    form_key: str
    workflow_key: str
    recurrences: list[TierRecurrenceInput]
    starts_on: date
    lead_days: int = 14
    horizon_days: int = 92
    assignment: AssignmentRule = AssignmentRule.ACCOUNT_AUDITOR
    assignee_user_id: strawberry.ID | None = None
    tiers: list[CustomerTier] = strawberry.field(default_factory=list)
    regions: list[str] = strawberry.field(default_factory=list)
    tags: list[str] = strawberry.field(default_factory=list)
    customer_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    shift_to_workday: bool = True
    audience: PlanAudience = strawberry.field(
        default=PlanAudience.CUSTOMER,
        description="Who the work is for: staff per customer, the customer's users, or staff "
        "once per period about no customer.",
    )
    horizon: PlanHorizon = strawberry.field(
        default=PlanHorizon.DAYS,
        description="How far ahead to plan: horizonDays, or through the calendar quarter/year.",
    )

    def to_spec(self, *path: str) -> PlanSpec:
        return PlanSpec(
            name={"zh-CN": self.name.zh_cn, "en": self.name.en},
            form_key=self.form_key,
            workflow_key=self.workflow_key,
            recurrences=[(_tier(r), r.rule) for r in self.recurrences],
            starts_on=self.starts_on,
            lead_days=self.lead_days,
            horizon_days=self.horizon_days,
            audience=self.audience,
            horizon=self.horizon,
            assignment=self.assignment,
            assignee_user_id=input_id(self.assignee_user_id, "User", *path, "assigneeUserId")
            if self.assignee_user_id
            else None,
            target_tiers=[tier.value for tier in self.tiers],
            target_regions=[r.strip() for r in self.regions if r.strip()],
            target_tags=[t.strip() for t in self.tags if t.strip()],
            target_customer_ids=input_ids(
                [str(c) for c in self.customer_ids], "Customer", *path, "customerIds"
            ),
            shift_to_workday=self.shift_to_workday,
        )


def _tier(recurrence: TierRecurrenceInput) -> str:
    return recurrence.tier.value if recurrence.tier is not None else ALL_TIERS


@strawberry.input
class CreateInspectionPlanInput:
    plan: InspectionPlanInput


@strawberry.input
class UpdateInspectionPlanInput:
    plan_id: strawberry.ID
    plan: InspectionPlanInput
    expected_lock_version: int | None = strawberry.field(
        default=None, description="The lockVersion you saw; a newer one is a conflict."
    )


@strawberry.input
class DeactivateInspectionPlanInput:
    plan_id: strawberry.ID
    expected_lock_version: int | None = None


@strawberry.input
class ScheduleInspectionsNowInput:
    plan_id: strawberry.ID


@strawberry.input(description="The schedule part of a plan, for the designer's preview.")
class InspectionPlanPreviewInput:
    recurrences: list[TierRecurrenceInput]
    starts_on: date
    lead_days: int = 14
    shift_to_workday: bool = True
    count: int = strawberry.field(default=5, description="Occurrences per tier, 1 to 50.")


@strawberry.input
class ScheduledInspectionFilter:
    plan_id: strawberry.ID | None = None
    customer_id: strawberry.ID | None = None
    status: list[InspectionStatus] | None = None
    due_from: date | None = None
    due_to: date | None = None
    assignee_id: strawberry.ID | None = None
    mine: bool = strawberry.field(default=False, description="Only those assigned to you.")
