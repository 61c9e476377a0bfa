"""Reads of the customer register: visibility becomes SQL here."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.customers.models import Customer
from auditportal.pagination import Page, PageRequest


@dataclass(frozen=True)
class CustomerFilter:
    search: str | None = None


def _visible(scope: RowScope) -> QuerySet[Customer]:
    query = Customer.all()
    if scope.everything:
        return query
    if not scope.customer_ids:
        return query.filter(id__in=[])
    return query.filter(id__in=list(scope.customer_ids))


async def list_customers(
    scope: RowScope, filters: CustomerFilter, page: PageRequest
) -> Page[Customer]:
    query = _visible(scope)
    if filters.search:
        term = filters.search.strip()
        query = query.filter(Q(code__icontains=term) | Q(name__icontains=term))
    total = await query.count()
    items = await query.order_by("code", "id").offset(page.offset).limit(page.limit)
    return Page(items=list(items), offset=page.offset, total_count=total)


async def visible_customer(scope: RowScope, customer_id: object) -> Customer | None:
    return await _visible(scope).filter(id=customer_id).first()
