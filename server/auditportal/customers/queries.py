"""Reads of the customer register: visibility becomes SQL here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.customers.models import AccountAuditor, Customer, CustomerTag, CustomerTier
from auditportal.customers.register_models import (
    ClassificationRuleSet,
    Communication,
    CommunicationPlan,
    CommunicationTask,
    CreditRecord,
    FollowUp,
    Risk,
    RiskStatus,
    TierChange,
    TierOverride,
)
from auditportal.pagination import Page, PageRequest, paginate
from auditportal.search.index import CUSTOMER, Condition, matching


class CustomerOrder(StrEnum):
    CODE = "code"
    NAME = "name"
    RISK_SCORE = "risk_score"
    UPDATED_AT = "updated_at"


@dataclass(frozen=True)
class CustomerFilter:
    search: str | None = None
    tier: CustomerTier | None = None
    region: str | None = None
    tag: str | None = None
    auditor_id: UUID | None = None
    min_risk_score: float | None = None
    max_risk_score: float | None = None
    # Conditions on the custom attributes form's declared search fields.
    attributes: tuple[Condition, ...] = ()


# A customer's own row, and the rows of its internal register, by the customer they are of.
CUSTOMER_SCOPE = ScopeFields(customer="id")
REGISTER_SCOPE = ScopeFields(customer="customer_id")


def _visible(scope: RowScope) -> QuerySet[Customer]:
    return scoped(Customer.all(), scope, CUSTOMER_SCOPE)


async def list_customers(
    scope: RowScope,
    filters: CustomerFilter,
    page: PageRequest,
    *,
    order: CustomerOrder = CustomerOrder.CODE,
    descending: bool = False,
    columns: Sequence[str] | None = None,
) -> Page[Customer]:
    """``columns``: read only these (``rel__column`` for a joined relation's), as light rows
    (``pagination.Row``); the list's selection needs no more, and no model is built."""
    query = filtered_customers(scope, filters)
    sign = "-" if descending else ""
    return await paginate(query, [f"{sign}{order.value}", "code", "id"], page, columns)


def filtered_customers(scope: RowScope, filters: CustomerFilter) -> QuerySet[Customer]:
    """The customers a scope sees that meet the filters, as one query (lists, exports)."""
    query = _visible(scope)
    if filters.search:
        term = filters.search.strip()
        query = query.filter(Q(code__icontains=term) | Q(name__icontains=term))
    if filters.tier is not None:
        query = query.filter(tier=filters.tier)
    if filters.region is not None:
        query = query.filter(region=filters.region)
    if filters.tag is not None:
        query = query.filter(
            id__in=Subquery(CustomerTag.filter(tag=filters.tag).values("customer_id"))
        )
    if filters.auditor_id is not None:
        query = query.filter(
            id__in=Subquery(
                AccountAuditor.filter(auditor_id=filters.auditor_id).values("customer_id")
            )
        )
    if filters.min_risk_score is not None:
        query = query.filter(risk_score__gte=filters.min_risk_score)
    if filters.max_risk_score is not None:
        query = query.filter(risk_score__lte=filters.max_risk_score)
    if filters.attributes:
        query = query.filter(matching(CUSTOMER, filters.attributes))
    return query


async def visible_customer(scope: RowScope, customer_id: object) -> Customer | None:
    return await _visible(scope).filter(id=customer_id).first()


def _grouped(rows: Iterable[Any], key: str = "customer_id") -> dict[UUID, list[Any]]:
    grouped: dict[UUID, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


async def tags_by_customer(ids: Iterable[UUID]) -> dict[UUID, list[str]]:
    rows = await CustomerTag.filter(customer_id__in=list(ids)).order_by("tag")
    return {k: [r.tag for r in v] for k, v in _grouped(rows).items()}


async def auditors_by_customer(ids: Iterable[UUID]) -> dict[UUID, UUID]:
    rows = await AccountAuditor.filter(customer_id__in=list(ids)).values_list(
        "customer_id", "auditor_id"
    )
    return {customer_id: auditor_id for customer_id, auditor_id in rows}


async def overrides_by_customer(ids: Iterable[UUID]) -> dict[UUID, TierOverride]:
    rows = await TierOverride.filter(customer_id__in=list(ids), cleared_at__isnull=True).order_by(
        "set_at"
    )
    return {row.customer_id: row for row in rows}  # the newest wins


async def tier_history(ids: Iterable[UUID]) -> dict[UUID, list[TierChange]]:
    rows = await TierChange.filter(customer_id__in=list(ids)).order_by("-changed_at", "-id")
    return _grouped(rows)


async def credit_records(ids: Iterable[UUID]) -> dict[UUID, list[CreditRecord]]:
    rows = await CreditRecord.filter(customer_id__in=list(ids)).order_by(
        "-assessed_at", "-created_at"
    )
    return _grouped(rows)


async def risks(ids: Iterable[UUID]) -> dict[UUID, list[Risk]]:
    rows = await Risk.filter(customer_id__in=list(ids)).order_by("status", "-created_at")
    return _grouped(rows)


async def communications(ids: Iterable[UUID]) -> dict[UUID, list[Communication]]:
    rows = await Communication.filter(customer_id__in=list(ids)).order_by("-occurred_at")
    return _grouped(rows)


async def follow_ups(communication_ids: Iterable[UUID]) -> dict[UUID, list[FollowUp]]:
    rows = await FollowUp.filter(communication_id__in=list(communication_ids)).order_by("due_on")
    return _grouped(rows, "communication_id")


async def plans(ids: Iterable[UUID]) -> dict[UUID, list[CommunicationPlan]]:
    rows = await CommunicationPlan.filter(customer_id__in=list(ids)).order_by("-active", "title")
    return _grouped(rows)


async def tasks(ids: Iterable[UUID]) -> dict[UUID, list[CommunicationTask]]:
    rows = await CommunicationTask.filter(customer_id__in=list(ids)).order_by("due_on")
    return _grouped(rows)


async def rule_history(limit: int = 50) -> list[ClassificationRuleSet]:
    return list(await ClassificationRuleSet.all().order_by("-number").limit(limit))


async def risk_in_scope(scope: RowScope, risk_id: UUID) -> Risk | None:
    return await scoped(Risk.filter(id=risk_id), scope, REGISTER_SCOPE).first()


OPEN = RiskStatus.OPEN


async def visible_customer_by_code(scope: RowScope, code: str) -> Customer | None:
    return await _visible(scope).filter(code=code).first()
