"""Inspection plans and scheduled inspections as GraphQL types."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.forms.types import LocalizedText
from auditportal.api.people import UserNode
from auditportal.api.relay import Node, to_global_id
from auditportal.api.workflows.types import WorkflowInstanceNode
from auditportal.customers.models import CustomerTier
from auditportal.i18n import localized
from auditportal.inspections.models import (
    ALL_TIERS,
    NO_CUSTOMER,
    AssignmentRule,
    InspectionStatus,
    PlanAudience,
    PlanHorizon,
)
from auditportal.inspections.models import InspectionPlan as PlanModel
from auditportal.inspections.models import ScheduledInspection as InspectionModel

strawberry.enum(CustomerTier, name="CustomerTier")
strawberry.enum(
    AssignmentRule,
    name="InspectionAssignmentRule",
    description="ACCOUNT_AUDITOR: the customer's account auditor, else the next active "
    "auditor in turn; ROUND_ROBIN: the next active auditor in turn; USER: one named user.",
)
strawberry.enum(InspectionStatus, name="ScheduledInspectionStatus")
strawberry.enum(
    PlanAudience,
    name="PlanAudience",
    description="CUSTOMER: per targeted customer, for staff; CUSTOMER_USERS: per targeted "
    "customer, for that customer's users; STAFF: once per period, about no customer.",
)
strawberry.enum(
    PlanHorizon,
    name="PlanHorizon",
    description="DAYS: horizonDays ahead; QUARTER / YEAR: through the calendar quarter or year.",
)


def tier_or_none(tier: str) -> CustomerTier | None:
    return None if tier == ALL_TIERS else CustomerTier(tier)


@strawberry.type(description="How often one customer tier is inspected.")
class TierRecurrence:
    tier: CustomerTier | None = strawberry.field(description="null: every tier.")
    rule: str = strawberry.field(description="RFC 5545 RRULE, e.g. FREQ=MONTHLY;INTERVAL=3.")


@strawberry.type(description="Which customers a plan inspects; empty lists do not restrict.")
class InspectionTargeting:
    tiers: list[CustomerTier]
    regions: list[str]
    tags: list[str]
    customer_ids: list[strawberry.ID]


@strawberry.type(name="InspectionPlan", description="A recurring inspection programme.")
class InspectionPlanNode(Node):
    model: strawberry.Private[PlanModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("InspectionPlan", self.model.id)

    @strawberry.field
    def name(self, info: Info[Context, Any]) -> str:
        return localized(self.model.name, info.context.language) or ""

    @strawberry.field
    def names(self) -> LocalizedText:
        found = LocalizedText.of(self.model.name)
        assert found is not None
        return found

    @strawberry.field
    def form_key(self) -> str:
        return self.model.form_key

    @strawberry.field
    def workflow_key(self) -> str:
        return self.model.workflow_key

    @strawberry.field
    def targeting(self) -> InspectionTargeting:
        return InspectionTargeting(
            tiers=[CustomerTier(t) for t in self.model.target_tiers],
            regions=list(self.model.target_regions),
            tags=list(self.model.target_tags),
            customer_ids=[
                to_global_id("Customer", UUID(c)) for c in self.model.target_customer_ids
            ],
        )

    @strawberry.field(description="Tiers without a rule are not inspected by this plan.")
    def recurrences(self) -> list[TierRecurrence]:
        return [
            TierRecurrence(tier=tier_or_none(tier), rule=rule)
            for tier, rule in self.model.recurrences.items()
        ]

    @strawberry.field
    def audience(self) -> PlanAudience:
        return self.model.audience

    @strawberry.field
    def horizon(self) -> PlanHorizon:
        return self.model.horizon

    @strawberry.field
    def starts_on(self) -> date:
        return self.model.starts_on

    @strawberry.field(description="Occurrences before this day are not scheduled.")
    def effective_from(self) -> date:
        return self.model.effective_from

    @strawberry.field(description="Days before the due date the inspection is opened.")
    def lead_days(self) -> int:
        return self.model.lead_days

    @strawberry.field(description="Days ahead that inspections are planned.")
    def horizon_days(self) -> int:
        return self.model.horizon_days

    @strawberry.field(
        description="Due dates on weekends and public holidays move to the next working day."
    )
    def shift_to_workday(self) -> bool:
        return self.model.shift_to_workday

    @strawberry.field
    def assignment(self) -> AssignmentRule:
        return self.model.assignment

    @strawberry.field
    async def assignee(self, info: Info[Context, Any]) -> UserNode | None:
        if self.model.assignee_user_id is None:
            return None
        user = await info.context.loaders.user.load(self.model.assignee_user_id)
        return UserNode(model=user) if user else None

    @strawberry.field
    def active(self) -> bool:
        return self.model.active

    @strawberry.field(description="Send it back with an update to detect lost updates.")
    def lock_version(self) -> int:
        return self.model.lock_version

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.model.updated_at


@strawberry.type(
    name="ScheduledInspection",
    description="One inspection of one customer for one period of a plan.",
)
class ScheduledInspectionNode(Node):
    model: strawberry.Private[InspectionModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("ScheduledInspection", self.model.id)

    @strawberry.field
    async def plan(self, info: Info[Context, Any]) -> InspectionPlanNode | None:
        found = await info.context.loaders.inspection_plan.load(self.model.plan_id)
        return InspectionPlanNode(model=found) if found else None

    @strawberry.field
    async def customer(self, info: Info[Context, Any]) -> CustomerNode | None:
        if self.model.customer_id == NO_CUSTOMER:
            return None  # a staff plan's work is about no customer
        customer = await info.context.loaders.customer.load(self.model.customer_id)
        return CustomerNode(model=customer) if customer else None

    @strawberry.field(description="The rule's occurrence date: the period's key.")
    def period(self) -> str:
        return self.model.period

    @strawberry.field(description="The tier it was planned for; null for a staff plan.")
    def tier(self) -> CustomerTier | None:
        return tier_or_none(self.model.tier)

    @strawberry.field
    def due_on(self) -> date:
        return self.model.due_on

    @strawberry.field
    def opens_on(self) -> date:
        return self.model.opens_on

    @strawberry.field
    def status(self) -> InspectionStatus:
        return self.model.status

    @strawberry.field
    def status_label(self, info: Info[Context, Any]) -> str:
        return info.context.t(f"inspection.status.{self.model.status.value}")

    @strawberry.field
    async def assignee(self, info: Info[Context, Any]) -> UserNode | None:
        if self.model.assignee_id is None:
            return None
        user = await info.context.loaders.user.load(self.model.assignee_id)
        return UserNode(model=user) if user else None

    @strawberry.field(description="The workflow instance, once opened.")
    async def instance(self, info: Info[Context, Any]) -> WorkflowInstanceNode | None:
        if self.model.instance_id is None:
            return None
        found = await info.context.loaders.workflow_instance.load(self.model.instance_id)
        return WorkflowInstanceNode(model=found) if found else None

    @strawberry.field
    def opened_at(self) -> datetime | None:
        return self.model.opened_at


@strawberry.type(description="One occurrence: its rule date, due date and opening day.")
class PreviewOccurrence:
    period: date
    due_on: date
    opens_on: date
    shifted: bool = strawberry.field(description="Moved off a weekend or public holiday.")


@strawberry.type(description="The next occurrences of one tier's rule.")
class TierPreview:
    tier: CustomerTier | None = strawberry.field(description="null: the rule for every tier.")
    rule: str
    occurrences: list[PreviewOccurrence]


@strawberry.type(description="What a plan would schedule, per tier.")
class InspectionPlanPreview:
    tiers: list[TierPreview]
