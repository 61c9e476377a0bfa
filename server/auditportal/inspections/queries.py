"""Reads of plans and scheduled inspections; visibility as SQL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.inspections.models import InspectionPlan, InspectionStatus, ScheduledInspection
from auditportal.pagination import Page, PageRequest, paginate


async def plan_by_id(plan_id: UUID) -> InspectionPlan | None:
    return await InspectionPlan.get_or_none(id=plan_id)


async def plans_by_ids(ids: Iterable[UUID]) -> dict[UUID, InspectionPlan]:
    return {plan.id: plan for plan in await InspectionPlan.filter(id__in=list(ids))}


async def list_plans(*, include_inactive: bool) -> list[InspectionPlan]:
    query = InspectionPlan.all()
    if not include_inactive:
        query = query.filter(active=True)
    return list(await query.order_by("-created_at", "id"))


@dataclass(frozen=True)
class InspectionFilter:
    plan_id: UUID | None = None
    customer_id: UUID | None = None
    statuses: tuple[InspectionStatus, ...] = ()
    due_from: date | None = None
    due_to: date | None = None
    assignee_id: UUID | None = None


INSPECTION_SCOPE = ScopeFields(customer="customer_id")


def _scoped(scope: RowScope) -> QuerySet[ScheduledInspection]:
    return scoped(ScheduledInspection.all(), scope, INSPECTION_SCOPE)


async def visible_inspection(scope: RowScope, inspection_id: UUID) -> ScheduledInspection | None:
    return await _scoped(scope).filter(id=inspection_id).first()


async def list_inspections(
    scope: RowScope, filters: InspectionFilter, page: PageRequest
) -> Page[ScheduledInspection]:
    query = _scoped(scope)
    if filters.plan_id is not None:
        query = query.filter(plan_id=filters.plan_id)
    if filters.customer_id is not None:
        query = query.filter(customer_id=filters.customer_id)
    if filters.statuses:
        query = query.filter(status__in=list(filters.statuses))
    if filters.due_from is not None:
        query = query.filter(due_on__gte=filters.due_from)
    if filters.due_to is not None:
        query = query.filter(due_on__lte=filters.due_to)
    if filters.assignee_id is not None:
        query = query.filter(assignee_id=filters.assignee_id)
    return await paginate(query, ["due_on", "id"], page)
