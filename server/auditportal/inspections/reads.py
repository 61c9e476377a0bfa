"""What a caller may read of inspection plans and scheduled inspections.

Plans are the firm's programme (``plans.read``); scheduled inspections are customer-owned
and read through the internal customer scope. Each function checks the permission first.
"""

from __future__ import annotations

from uuid import UUID

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import Permission, internal_customer_scope, require
from auditportal.auth.principal import Principal
from auditportal.inspections import queries
from auditportal.inspections.models import InspectionPlan, ScheduledInspection
from auditportal.pagination import Page, PageRequest


async def plans(principal: Principal, *, include_inactive: bool) -> list[InspectionPlan]:
    require(principal, Permission.PLANS_READ)
    return await queries.list_plans(include_inactive=include_inactive)


async def plan(principal: Principal, plan_id: UUID) -> InspectionPlan | None:
    require(principal, Permission.PLANS_READ)
    return await queries.plan_by_id(plan_id)


async def inspection(principal: Principal, inspection_id: UUID) -> ScheduledInspection | None:
    require(principal, Permission.PLANS_READ)
    found = await queries.visible_inspection(internal_customer_scope(principal), inspection_id)
    if found is not None:
        await read_audit.note(principal, "ScheduledInspection", [found.id])
    return found


async def list_inspections(
    principal: Principal, filters: queries.InspectionFilter, page: PageRequest
) -> Page[ScheduledInspection]:
    require(principal, Permission.PLANS_READ)
    found = await queries.list_inspections(internal_customer_scope(principal), filters, page)
    await read_audit.note(principal, "ScheduledInspection", [row.id for row in found.items])
    return found
