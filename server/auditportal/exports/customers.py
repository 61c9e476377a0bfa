"""Customers as an export table, filtered like the customers list and read through its scope.

Tier, risk score and credit grade are the internal register: only callers who may read it
get those columns (customer users see their own name and code, not their classification).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import Permission, allows, customer_scope, require
from auditportal.auth.principal import Principal
from auditportal.customers.models import Customer
from auditportal.customers.queries import filtered_customers
from auditportal.errors import NotAllowed
from auditportal.exports.filters import customer_filter
from auditportal.exports.kinds import Table, keyset, register, translator
from auditportal.exports.writer import Row
from auditportal.settings import Language, Settings

CUSTOMERS = "customers"


@register(CUSTOMERS)
async def open_customers(
    principal: Principal, raw: dict[str, Any], language: Language, settings: Settings
) -> Table:
    require(principal, Permission.CUSTOMERS_READ)
    filters = customer_filter(raw)
    internal = allows(principal, Permission.CUSTOMERS_INTERNAL_READ)
    uses_internal = filters.tier is not None or filters.min_risk_score is not None
    if (uses_internal or filters.max_risk_score is not None) and not internal:
        raise NotAllowed("error.not_allowed")
    query = filtered_customers(customer_scope(principal), filters)
    total = await query.count()
    t = translator(language)
    header = [
        t("export.col.code"),
        t("export.col.name"),
        t("export.col.industry"),
        t("export.col.region"),
    ]
    if internal:
        header += [t("export.col.tier"), t("export.col.risk_score"), t("export.col.credit_grade")]
    header.append(t("export.col.created_at"))

    def row(c: Customer) -> Row:
        cells: list[Any] = [c.code, c.name, c.industry, c.region]
        if internal:
            cells += [t(f"export.tier.{c.tier.value}"), round(c.risk_score, 2), c.credit_grade]
        cells.append(c.created_at.isoformat(timespec="seconds") if c.created_at else None)
        return cells

    async def rows() -> AsyncIterator[Row]:
        async for batch in keyset(query, "code"):
            await read_audit.note(principal, "Customer", [c.id for c in batch])
            for c in batch:
                yield row(c)

    return Table(t("export.title.customers"), header, total, rows)
