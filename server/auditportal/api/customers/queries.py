"""Read fields of the customer register."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers import inputs
from auditportal.api.customers.types import (
    ClassificationRules,
    CustomerNode,
    HeatMapCell,
    internal,
)
from auditportal.api.errors import as_graphql_error
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, from_global_id, page_request
from auditportal.auth.policy import Permission, customer_scope, internal_customer_scope
from auditportal.customers import classification, risks
from auditportal.customers import queries as customer_queries
from auditportal.errors import NotAllowed
from auditportal.forms.queries import SortDirection


def _internal_filters_used(chosen: inputs.CustomerFilter) -> bool:
    return any(
        value is not None
        for value in (
            chosen.tier,
            chosen.tag,
            chosen.auditor_id,
            chosen.min_risk_score,
            chosen.max_risk_score,
        )
    )


@strawberry.type
class CustomerQueries:
    @strawberry.field(
        description=(
            "Customers you may see: staff all, customer users their own, consultants the "
            "ones their grants open. Filters marked internal need the internal register."
        ),
        extensions=requires(Permission.CUSTOMERS_READ),
    )
    async def customers(
        self,
        info: Info[Context, Any],
        filter: inputs.CustomerFilter | None = None,
        order_by: inputs.CustomerOrderBy | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CustomerNode]:
        chosen = filter or inputs.CustomerFilter()
        order = order_by or inputs.CustomerOrderBy()
        if (_internal_filters_used(chosen) or order.field.value == "risk_score") and not internal(
            info
        ):
            raise as_graphql_error(NotAllowed("error.not_allowed"), info.context)
        found = await customer_queries.list_customers(
            customer_scope(info.context.principal),
            customer_queries.CustomerFilter(
                search=chosen.search,
                tier=chosen.tier,
                region=chosen.region,
                tag=chosen.tag,
                auditor_id=from_global_id(chosen.auditor_id, "User") if chosen.auditor_id else None,
                min_risk_score=chosen.min_risk_score,
                max_risk_score=chosen.max_risk_score,
            ),
            page_request(info, first, after),
            order=order.field,
            descending=order.direction is SortDirection.DESC,
        )
        await info.context.loaders.reads.record("Customer", found.items)
        return connection_from_page(found, lambda customer: CustomerNode(model=customer))

    @strawberry.field(
        description="One customer by id or code; null when missing or not visible to you.",
        extensions=requires(Permission.CUSTOMERS_READ),
    )
    async def customer(
        self, info: Info[Context, Any], id: strawberry.ID | None = None, code: str | None = None
    ) -> CustomerNode | None:
        scope = customer_scope(info.context.principal)
        if id is not None:
            found = await customer_queries.visible_customer(scope, from_global_id(id, "Customer"))
        elif code is not None:
            found = await customer_queries.visible_customer_by_code(scope, code)
        else:
            return None
        if found is None:
            return None
        await info.context.loaders.reads.record("Customer", [found])
        return CustomerNode(model=found)

    @strawberry.field(
        description="Risks per likelihood x impact (25 cells) over the customers you may see.",
        extensions=requires(Permission.CUSTOMERS_INTERNAL_READ),
    )
    async def risk_heat_map(
        self, info: Info[Context, Any], filter: inputs.HeatMapFilter | None = None
    ) -> list[HeatMapCell]:
        chosen = filter or inputs.HeatMapFilter()
        cells = await risks.heat_map(
            internal_customer_scope(info.context.principal),
            customer_id=from_global_id(chosen.customer_id, "Customer")
            if chosen.customer_id
            else None,
            category=chosen.category,
            status=chosen.status,
        )
        return [HeatMapCell(likelihood=c.likelihood, impact=c.impact, count=c.count) for c in cells]

    @strawberry.field(
        description="The classification rules in force (number 0: the built-in defaults).",
        extensions=requires(Permission.CUSTOMERS_INTERNAL_READ),
    )
    async def classification_rules(self, info: Info[Context, Any]) -> ClassificationRules:
        history = await customer_queries.rule_history(limit=1)
        if history:
            return ClassificationRules(model=history[0])
        defaults = (await classification.current_rules()).document
        return ClassificationRules(model=None, defaults=defaults)

    @strawberry.field(
        description="Saved versions of the classification rules, newest first.",
        extensions=requires(Permission.CUSTOMERS_INTERNAL_READ),
    )
    async def classification_rule_history(
        self, info: Info[Context, Any], first: int = 20
    ) -> list[ClassificationRules]:
        limit = max(1, min(first, info.context.settings.max_page_size))
        return [
            ClassificationRules(model=row) for row in await customer_queries.rule_history(limit)
        ]
