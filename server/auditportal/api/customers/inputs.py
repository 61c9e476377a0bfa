"""Inputs of the customer register's fields."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.scalars import JSON

from auditportal.api.forms import inputs as _form_inputs  # noqa: F401

# api.forms.inputs names SortDirection "OrderDirection" in the schema: load it first, so the
# name does not depend on which module the schema imports first.
from auditportal.api.search.inputs import SearchCondition
from auditportal.customers.models import CustomerTier
from auditportal.customers.queries import CustomerOrder
from auditportal.customers.register_models import Channel, RiskCategory, RiskStatus
from auditportal.forms.queries import SortDirection

strawberry.enum(CustomerOrder, name="CustomerOrderField")


@strawberry.input
class CustomerFilter:
    search: str | None = strawberry.field(default=None, description="Part of the code or name.")
    tier: CustomerTier | None = strawberry.field(default=None, description="Internal.")
    region: str | None = None
    tag: str | None = strawberry.field(default=None, description="Internal.")
    auditor_id: strawberry.ID | None = strawberry.field(default=None, description="Internal.")
    min_risk_score: float | None = strawberry.field(default=None, description="Internal.")
    max_risk_score: float | None = strawberry.field(default=None, description="Internal.")
    attributes: list[SearchCondition] | None = strawberry.field(
        default=None, description="Conditions on the custom attributes form's search fields."
    )


@strawberry.input
class CustomerOrderBy:
    field: CustomerOrder = CustomerOrder.CODE
    direction: SortDirection = SortDirection.ASC


@strawberry.input
class ContactInput:
    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    primary: bool = False


@strawberry.input
class CreateCustomerInput:
    code: str
    name: str
    industry: str | None = None
    region: str | None = None
    contacts: list[ContactInput] = strawberry.field(default_factory=list)
    tags: list[str] = strawberry.field(default_factory=list)
    attributes: JSON | None = strawberry.field(
        default=None, description="Answers to the published customer attributes form."
    )
    transaction_volume: Decimal | None = None
    account_auditor_id: strawberry.ID | None = None


@strawberry.input
class UpdateCustomerInput:
    customer_id: strawberry.ID
    lock_version: int = strawberry.field(description="The version you edited (compare-and-set).")
    code: str | None = None
    name: str | None = None
    industry: str | None = strawberry.field(default=None, description="An empty string clears it.")
    region: str | None = strawberry.field(default=None, description="An empty string clears it.")
    contacts: list[ContactInput] | None = None
    attributes: JSON | None = None
    transaction_volume: Decimal | None = None


@strawberry.input
class SetCustomerTagsInput:
    customer_id: strawberry.ID
    lock_version: int
    tags: list[str]


@strawberry.input
class SetAccountAuditorInput:
    customer_id: strawberry.ID
    auditor_id: strawberry.ID | None = strawberry.field(description="null: none.")


@strawberry.input
class OverrideCustomerTierInput:
    customer_id: strawberry.ID
    tier: CustomerTier
    reason: str
    expires_at: datetime


@strawberry.input
class ClearTierOverrideInput:
    customer_id: strawberry.ID
    reason: str = ""


@strawberry.input
class SaveClassificationRulesInput:
    document: JSON = strawberry.field(
        description="{complaintsWindowDays, findingsWindowDays, rules: {high_risk, key}}."
    )
    note: str | None = None


@strawberry.input
class RecordCreditInput:
    customer_id: strawberry.ID
    grade: str
    credit_limit: Decimal | None = None
    currency: str = "CNY"
    assessed_at: datetime | None = None
    note: str | None = None


@strawberry.input
class CreateRiskInput:
    customer_id: strawberry.ID
    category: RiskCategory
    title: str
    likelihood: int
    impact: int
    description: str = ""
    owner_id: strawberry.ID | None = None
    mitigation: str = ""
    review_on: date | None = None


@strawberry.input
class UpdateRiskInput:
    risk_id: strawberry.ID
    lock_version: int
    category: RiskCategory | None = None
    title: str | None = None
    likelihood: int | None = None
    impact: int | None = None
    description: str | None = None
    owner_id: strawberry.ID | None = None
    mitigation: str | None = None
    review_on: date | None = None


@strawberry.input
class CloseRiskInput:
    risk_id: strawberry.ID
    lock_version: int
    note: str | None = None


@strawberry.input
class FollowUpInput:
    description: str
    owner_id: strawberry.ID | None = None
    due_on: date | None = None


@strawberry.input
class LogCommunicationInput:
    customer_id: strawberry.ID
    channel: Channel
    occurred_at: datetime
    summary: str
    participants: list[str] = strawberry.field(default_factory=list)
    follow_ups: list[FollowUpInput] = strawberry.field(default_factory=list)
    task_id: strawberry.ID | None = strawberry.field(
        default=None, description="The plan task this contact fulfils (marks it done)."
    )


@strawberry.input
class CompleteFollowUpInput:
    follow_up_id: strawberry.ID


@strawberry.input
class SaveCommunicationPlanInput:
    customer_id: strawberry.ID
    plan_id: strawberry.ID | None = strawberry.field(default=None, description="null: a new plan.")
    title: str
    channel: Channel
    rrule: str
    starts_on: date
    owner_id: strawberry.ID
    lead_days: int = 7
    active: bool = True


@strawberry.input
class DeactivateCommunicationPlanInput:
    plan_id: strawberry.ID


@strawberry.input
class HeatMapFilter:
    customer_id: strawberry.ID | None = None
    category: RiskCategory | None = None
    status: RiskStatus | None = RiskStatus.OPEN
