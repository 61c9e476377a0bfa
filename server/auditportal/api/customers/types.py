"""GraphQL types of the customer register.

Customer users see their own customer's basics only (code, name, industry, region,
contacts); everything else (tags, attributes, account auditor, tier, credit, risks,
communications, plans) needs CUSTOMERS_INTERNAL_READ and is null (or empty) without it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.loaders import loaders_of
from auditportal.api.people import UserNode
from auditportal.api.relay import Node, to_global_id
from auditportal.auth.policy import Permission, allows
from auditportal.customers.models import Customer as CustomerModel
from auditportal.customers.models import CustomerSource, CustomerTier, TierSource
from auditportal.customers.register_models import (
    Channel,
    ClassificationRuleSet,
    Communication,
    CommunicationPlan,
    CommunicationTask,
    CreditRecord,
    FollowUp,
    Risk,
    RiskCategory,
    RiskStatus,
    TierChange,
    TierChangeSource,
    TierOverride,
)

strawberry.enum(CustomerTier, name="CustomerTier")
strawberry.enum(TierSource, name="TierSource")
strawberry.enum(TierChangeSource, name="TierChangeSource")
strawberry.enum(CustomerSource, name="CustomerSource")
strawberry.enum(RiskCategory, name="RiskCategory")
strawberry.enum(RiskStatus, name="RiskStatus")
strawberry.enum(Channel, name="CommunicationChannel")


def internal(info: Info[Context, Any]) -> bool:
    return allows(info.context.principal, Permission.CUSTOMERS_INTERNAL_READ)


async def _user(info: Info[Context, Any], user_id: Any) -> UserNode | None:
    if user_id is None:
        return None
    user = await info.context.loaders.user.load(user_id)
    return UserNode(model=user) if user else None


@strawberry.type(description="A contact person at the customer.")
class Contact:
    name: str
    title: str | None
    email: str | None
    phone: str | None
    primary: bool


@strawberry.type(description="A manual tier in force until it expires.")
class TierOverrideType:
    model: strawberry.Private[TierOverride]

    @strawberry.field
    def tier(self) -> CustomerTier:
        return self.model.tier

    @strawberry.field
    def reason(self) -> str:
        return self.model.reason

    @strawberry.field
    def expires_at(self) -> datetime:
        return self.model.expires_at

    @strawberry.field
    def set_at(self) -> datetime:
        return self.model.set_at

    @strawberry.field
    async def set_by(self, info: Info[Context, Any]) -> UserNode | None:
        return await _user(info, self.model.set_by_id)


@strawberry.type(description="One change of a customer's tier and why.")
class TierChangeType:
    model: strawberry.Private[TierChange]

    @strawberry.field
    def from_tier(self) -> CustomerTier:
        return self.model.from_tier

    @strawberry.field
    def to_tier(self) -> CustomerTier:
        return self.model.to_tier

    @strawberry.field
    def source(self) -> TierChangeSource:
        return self.model.source

    @strawberry.field(description="The override's reason (override, expiry, cleared).")
    def reason(self) -> str | None:
        return self.model.reason

    @strawberry.field(description="The facts the rules saw (rules, expiry, cleared).")
    def facts(self) -> JSON | None:
        return cast(JSON, self.model.facts)

    @strawberry.field(description="high_risk or key; null when no rule matched (normal).")
    def matched_rule(self) -> str | None:
        return self.model.matched_rule

    @strawberry.field(description="The rules version used; 0 for the built-in defaults.")
    def rule_set_number(self) -> int | None:
        return self.model.rule_set_number

    @strawberry.field
    def actor(self) -> str:
        return self.model.actor

    @strawberry.field
    def changed_at(self) -> datetime:
        return self.model.changed_at


@strawberry.type(description="A credit assessment result.")
class CreditRecordType:
    model: strawberry.Private[CreditRecord]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("CreditRecord", self.model.id)

    @strawberry.field
    def grade(self) -> str:
        return self.model.grade

    @strawberry.field
    def credit_limit(self) -> Decimal | None:
        return self.model.credit_limit

    @strawberry.field
    def currency(self) -> str:
        return self.model.currency

    @strawberry.field
    def assessed_at(self) -> datetime:
        return self.model.assessed_at

    @strawberry.field
    async def assessed_by(self, info: Info[Context, Any]) -> UserNode | None:
        return await _user(info, self.model.assessed_by_id)

    @strawberry.field(description="form (the proposed grade), score (score bands) or manual.")
    def grade_basis(self) -> str:
        return self.model.grade_basis

    @strawberry.field(description="The credit-assessment submission, if it came from one.")
    def source_submission_id(self) -> strawberry.ID | None:
        sid = self.model.source_submission_id
        return to_global_id("Submission", sid) if sid else None

    @strawberry.field
    def note(self) -> str | None:
        return self.model.note


@strawberry.type(description="The customer's current grade and limit, and their history.")
class CreditFile:
    grade: str | None
    credit_limit: Decimal | None
    records: list[CreditRecordType]


@strawberry.type(name="Risk", description="A risk in the customer's risk register.")
class RiskNode:
    model: strawberry.Private[Risk]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("Risk", self.model.id)

    @strawberry.field
    def category(self) -> RiskCategory:
        return self.model.category

    @strawberry.field
    def title(self) -> str:
        return self.model.title

    @strawberry.field
    def description(self) -> str:
        return self.model.description

    @strawberry.field
    def likelihood(self) -> int:
        return self.model.likelihood

    @strawberry.field
    def impact(self) -> int:
        return self.model.impact

    @strawberry.field(description="likelihood x impact, 1 to 25.")
    def severity(self) -> int:
        return self.model.likelihood * self.model.impact

    @strawberry.field
    async def owner(self, info: Info[Context, Any]) -> UserNode | None:
        return await _user(info, self.model.owner_id)

    @strawberry.field
    def mitigation(self) -> str:
        return self.model.mitigation

    @strawberry.field
    def review_on(self) -> date | None:
        return self.model.review_on

    @strawberry.field
    def status(self) -> RiskStatus:
        return self.model.status

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return self.model.closed_at

    @strawberry.field
    def lock_version(self) -> int:
        return self.model.lock_version


@strawberry.type
class FollowUpType:
    model: strawberry.Private[FollowUp]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("FollowUp", self.model.id)

    @strawberry.field
    def description(self) -> str:
        return self.model.description

    @strawberry.field
    async def owner(self, info: Info[Context, Any]) -> UserNode | None:
        return await _user(info, self.model.owner_id)

    @strawberry.field
    def due_on(self) -> date | None:
        return self.model.due_on

    @strawberry.field
    def done(self) -> bool:
        return self.model.done_at is not None

    @strawberry.field
    def done_at(self) -> datetime | None:
        return self.model.done_at


@strawberry.type(name="Communication", description="A logged contact with the customer.")
class CommunicationNode:
    model: strawberry.Private[Communication]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("Communication", self.model.id)

    @strawberry.field
    def channel(self) -> Channel:
        return self.model.channel

    @strawberry.field
    def occurred_at(self) -> datetime:
        return self.model.occurred_at

    @strawberry.field
    def summary(self) -> str:
        return self.model.summary

    @strawberry.field
    def participants(self) -> list[str]:
        return list(self.model.participants or [])

    @strawberry.field
    async def logged_by(self, info: Info[Context, Any]) -> UserNode | None:
        return await _user(info, self.model.logged_by_id)

    @strawberry.field
    async def follow_ups(self, info: Info[Context, Any]) -> list[FollowUpType]:
        rows = await loaders_of(info.context).follow_ups.load(self.model.id)
        return [FollowUpType(model=row) for row in rows]


@strawberry.type(name="CommunicationPlan", description="A recurring contact with the customer.")
class CommunicationPlanNode:
    model: strawberry.Private[CommunicationPlan]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("CommunicationPlan", self.model.id)

    @strawberry.field
    def title(self) -> str:
        return self.model.title

    @strawberry.field
    def channel(self) -> Channel:
        return self.model.channel

    @strawberry.field(description="RFC 5545 RRULE, e.g. FREQ=MONTHLY.")
    def rrule(self) -> str:
        return self.model.rrule

    @strawberry.field
    def starts_on(self) -> date:
        return self.model.starts_on

    @strawberry.field
    async def owner(self, info: Info[Context, Any]) -> UserNode | None:
        return await _user(info, self.model.owner_id)

    @strawberry.field
    def lead_days(self) -> int:
        return self.model.lead_days

    @strawberry.field
    def active(self) -> bool:
        return self.model.active

    @strawberry.field(description="Null for a plan targeting customers by tier, region or tag.")
    async def customer(self, info: Info[Context, Any]) -> CustomerNode | None:
        if self.model.customer_id is None:
            return None
        found = await info.context.loaders.customer.load(self.model.customer_id)
        return CustomerNode(model=found) if found else None

    @strawberry.field
    def target_tiers(self) -> list[CustomerTier]:
        return [CustomerTier(tier) for tier in self.model.target_tiers]

    @strawberry.field
    def target_regions(self) -> list[str]:
        return list(self.model.target_regions)

    @strawberry.field
    def target_tags(self) -> list[str]:
        return list(self.model.target_tags)


@strawberry.type(description="A due contact of a communication plan.")
class CommunicationTaskType:
    model: strawberry.Private[CommunicationTask]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("CommunicationTask", self.model.id)

    @strawberry.field
    def plan_id(self) -> strawberry.ID:
        return to_global_id("CommunicationPlan", self.model.plan_id)

    @strawberry.field
    def due_on(self) -> date:
        return self.model.due_on

    @strawberry.field
    async def owner(self, info: Info[Context, Any]) -> UserNode | None:
        return await _user(info, self.model.owner_id)

    @strawberry.field
    def done(self) -> bool:
        return self.model.done_at is not None

    @strawberry.field
    def communication_id(self) -> strawberry.ID | None:
        cid = self.model.communication_id
        return to_global_id("Communication", cid) if cid else None


@strawberry.type(description="One saved version of the classification rules.")
class ClassificationRules:
    model: strawberry.Private[ClassificationRuleSet | None]
    defaults: strawberry.Private[dict[str, Any] | None] = None

    @strawberry.field(description="0: the built-in defaults (nothing saved yet).")
    def number(self) -> int:
        return self.model.number if self.model else 0

    @strawberry.field(description="complaintsWindowDays, findingsWindowDays, rules.")
    def document(self) -> JSON:
        return cast(JSON, self.model.document if self.model else self.defaults)

    @strawberry.field
    def note(self) -> str | None:
        return self.model.note if self.model else None

    @strawberry.field
    def saved_at(self) -> datetime | None:
        return self.model.saved_at if self.model else None

    @strawberry.field
    async def saved_by(self, info: Info[Context, Any]) -> UserNode | None:
        return await _user(info, self.model.saved_by_id if self.model else None)


@strawberry.type(description="Risks counted in one likelihood x impact cell.")
class HeatMapCell:
    likelihood: int
    impact: int
    count: int


@strawberry.type(name="Customer", description="An audited customer.")
class CustomerNode(Node):
    model: strawberry.Private[CustomerModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("Customer", self.model.id)

    @strawberry.field(description="The customer's code, e.g. its CRM id.")
    def code(self) -> str:
        return self.model.code

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field
    def industry(self) -> str | None:
        return self.model.industry

    @strawberry.field
    def region(self) -> str | None:
        return self.model.region

    @strawberry.field
    def contacts(self) -> list[Contact]:
        return [
            Contact(
                name=c.get("name") or "",
                title=c.get("title"),
                email=c.get("email"),
                phone=c.get("phone"),
                primary=bool(c.get("primary")),
            )
            for c in self.model.contacts or []
        ]

    @strawberry.field(description="Compare-and-set: pass it back when editing.")
    def lock_version(self) -> int:
        return self.model.lock_version

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.model.updated_at

    # Internal parts: CUSTOMERS_INTERNAL_READ.

    @strawberry.field(description="Internal.")
    async def tags(self, info: Info[Context, Any]) -> list[str]:
        if not internal(info):
            return []
        return await loaders_of(info.context).tags.load(self.model.id)

    @strawberry.field(description="Internal: answers to the customer attributes form.")
    def attributes(self, info: Info[Context, Any]) -> JSON | None:
        return cast(JSON, self.model.attributes) if internal(info) else None

    @strawberry.field(description="Internal.")
    async def account_auditor(self, info: Info[Context, Any]) -> UserNode | None:
        if not internal(info):
            return None
        return await _user(info, await loaders_of(info.context).auditor_id.load(self.model.id))

    @strawberry.field(description="Internal: the tier in force.")
    def tier(self, info: Info[Context, Any]) -> CustomerTier | None:
        return self.model.tier if internal(info) else None

    @strawberry.field(description="Internal: what the rules say, even under an override.")
    def rule_tier(self, info: Info[Context, Any]) -> CustomerTier | None:
        return self.model.rule_tier if internal(info) else None

    @strawberry.field(description="Internal.")
    def tier_source(self, info: Info[Context, Any]) -> TierSource | None:
        return self.model.tier_source if internal(info) else None

    @strawberry.field(description="Internal.")
    async def active_override(self, info: Info[Context, Any]) -> TierOverrideType | None:
        if not internal(info):
            return None
        found = await loaders_of(info.context).override.load(self.model.id)
        return TierOverrideType(model=found) if found else None

    @strawberry.field(description="Internal: newest first.")
    async def tier_history(self, info: Info[Context, Any]) -> list[TierChangeType]:
        if not internal(info):
            return []
        rows = await loaders_of(info.context).tier_history.load(self.model.id)
        return [TierChangeType(model=row) for row in rows]

    @strawberry.field(description="Internal: 0 to 100.")
    def risk_score(self, info: Info[Context, Any]) -> float | None:
        return self.model.risk_score if internal(info) else None

    @strawberry.field(description="Internal.")
    def transaction_volume(self, info: Info[Context, Any]) -> Decimal | None:
        return self.model.transaction_volume if internal(info) else None

    @strawberry.field(description="Internal.")
    def source(self, info: Info[Context, Any]) -> CustomerSource | None:
        return self.model.source if internal(info) else None

    @strawberry.field(description="Internal.")
    async def credit_file(self, info: Info[Context, Any]) -> CreditFile | None:
        if not internal(info):
            return None
        rows = await loaders_of(info.context).credit.load(self.model.id)
        return CreditFile(
            grade=self.model.credit_grade,
            credit_limit=self.model.credit_limit,
            records=[CreditRecordType(model=row) for row in rows],
        )

    @strawberry.field(description="Internal: open first.")
    async def risks(
        self, info: Info[Context, Any], status: RiskStatus | None = None
    ) -> list[RiskNode]:
        if not internal(info):
            return []
        rows = await loaders_of(info.context).risks.load(self.model.id)
        return [RiskNode(model=r) for r in rows if status is None or r.status == status]

    @strawberry.field(description="Internal: newest first.")
    async def communications(self, info: Info[Context, Any]) -> list[CommunicationNode]:
        if not internal(info):
            return []
        rows = await loaders_of(info.context).communications.load(self.model.id)
        return [CommunicationNode(model=row) for row in rows]

    @strawberry.field(description="Internal.")
    async def communication_plans(self, info: Info[Context, Any]) -> list[CommunicationPlanNode]:
        if not internal(info):
            return []
        rows = await loaders_of(info.context).plans.load(self.model.id)
        return [CommunicationPlanNode(model=row) for row in rows]

    @strawberry.field(description="Internal: by due date.")
    async def communication_tasks(
        self, info: Info[Context, Any], open_only: bool = False
    ) -> list[CommunicationTaskType]:
        if not internal(info):
            return []
        rows = await loaders_of(info.context).tasks.load(self.model.id)
        return [CommunicationTaskType(model=r) for r in rows if not open_only or r.done_at is None]
