"""The customer register (the minimum submissions need; the full register comes later)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.customers.models import Customer


async def ensure_customer(principal: Principal, code: str, name: str) -> Customer:
    """The customer with ``code``, created with ``name`` if it does not exist yet."""
    require(principal, Permission.CUSTOMERS_WRITE)
    existing = await Customer.get_or_none(code=code)
    if existing is not None:
        return existing
    async with in_transaction():
        customer = await Customer.create(code=code, name=name)
        await audit.record(principal, "customer.create", "Customer", customer.id, {"code": code})
    return customer


async def customers_by_ids(ids: Iterable[UUID]) -> dict[UUID, Customer]:
    return {c.id: c for c in await Customer.filter(id__in=list(ids))}


async def customer_by_id(customer_id: UUID) -> Customer | None:
    return await Customer.get_or_none(id=customer_id)
