"""What a caller may read of the customer register.

Each function checks the permission first, reads through the caller's customer scope
(``customer_scope``; the internal register: ``internal_customer_scope``) and notes what it
returns for the audit of consultant reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import (
    Permission,
    allows,
    customer_scope,
    internal_customer_scope,
    require,
)
from auditportal.auth.principal import Principal
from auditportal.customers import classification, risks
from auditportal.customers import queries as customer_queries
from auditportal.customers.models import Customer
from auditportal.customers.register_models import ClassificationRuleSet, RiskCategory, RiskStatus
from auditportal.errors import NotAllowed
from auditportal.pagination import Page, PageRequest

# Filters and orders over the internal register: using them tells what they filter on.
_INTERNAL_ORDERS = (customer_queries.CustomerOrder.RISK_SCORE,)


def _uses_internal_register(
    filters: customer_queries.CustomerFilter, order: customer_queries.CustomerOrder
) -> bool:
    internal_filters = (
        filters.tier,
        filters.tag,
        filters.auditor_id,
        filters.min_risk_score,
        filters.max_risk_score,
    )
    return order in _INTERNAL_ORDERS or any(value is not None for value in internal_filters)


async def list_customers(
    principal: Principal,
    filters: customer_queries.CustomerFilter,
    page: PageRequest,
    *,
    order: customer_queries.CustomerOrder = customer_queries.CustomerOrder.CODE,
    descending: bool = False,
    columns: Sequence[str] | None = None,
) -> Page[Customer]:
    require(principal, Permission.CUSTOMERS_READ)
    if _uses_internal_register(filters, order) and not allows(
        principal, Permission.CUSTOMERS_INTERNAL_READ
    ):
        raise NotAllowed("error.not_allowed")
    found = await customer_queries.list_customers(
        customer_scope(principal),
        filters,
        page,
        order=order,
        descending=descending,
        columns=columns,
    )
    await read_audit.note(principal, "Customer", [c.id for c in found.items])
    return found


async def customer(
    principal: Principal, *, customer_id: UUID | None = None, code: str | None = None
) -> Customer | None:
    """One customer by id or code; None when missing or not visible to the caller."""
    require(principal, Permission.CUSTOMERS_READ)
    scope = customer_scope(principal)
    if customer_id is not None:
        found = await customer_queries.visible_customer(scope, customer_id)
    elif code is not None:
        found = await customer_queries.visible_customer_by_code(scope, code)
    else:
        found = None
    if found is not None:
        await read_audit.note(principal, "Customer", [found.id])
    return found


async def heat_map(
    principal: Principal,
    *,
    customer_id: UUID | None = None,
    category: RiskCategory | None = None,
    status: RiskStatus | None = RiskStatus.OPEN,
) -> list[risks.HeatCell]:
    """The heat map over the customers the caller may see; for consultants, one read of
    each customer's heat map is recorded (the customers whose risks were counted)."""
    require(principal, Permission.CUSTOMERS_INTERNAL_READ)
    scope = internal_customer_scope(principal)
    cells = await risks.heat_map(scope, customer_id=customer_id, category=category, status=status)
    if not scope.everything:
        counted = scope.customer_ids if customer_id is None else scope.customer_ids & {customer_id}
        await read_audit.note(principal, "RiskHeatMap", sorted(counted, key=str))
    return cells


async def classification_rules(principal: Principal) -> ClassificationRuleSet | dict[str, object]:
    """The rules in force: the newest saved version, or the built-in defaults' document."""
    require(principal, Permission.CUSTOMERS_INTERNAL_READ)
    history = await customer_queries.rule_history(limit=1)
    if history:
        await read_audit.note(principal, "ClassificationRuleSet", [history[0].id])
        return history[0]
    return dict((await classification.current_rules()).document)


async def classification_rule_history(
    principal: Principal, limit: int
) -> list[ClassificationRuleSet]:
    require(principal, Permission.CUSTOMERS_INTERNAL_READ)
    rows = await customer_queries.rule_history(limit)
    await read_audit.note(principal, "ClassificationRuleSet", [row.id for row in rows])
    return rows
