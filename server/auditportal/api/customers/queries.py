"""Read fields of the customer register."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers import inputs
from auditportal.api.customers.projection import list_columns, prime_auditors
from auditportal.api.customers.types import (
    ClassificationRules,
    CommunicationPlanNode,
    CustomerNode,
    HeatMapCell,
)
from auditportal.api.errors import ValidationFailed, as_graphql_error, as_result
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, from_global_id, page_request
from auditportal.api.search.inputs import conditions
from auditportal.auth.policy import Permission
from auditportal.customers import classification_preview, communications
from auditportal.customers import queries as customer_queries
from auditportal.customers import reads as customer_reads
from auditportal.customers.models import CustomerTier
from auditportal.errors import DomainError, NotAllowed
from auditportal.forms.queries import SortDirection


@strawberry.type(description="Customers of one tier: now, and under the draft rules.")
class ClassificationTierCount:
    tier: CustomerTier
    current: int = strawberry.field(description="Customers in this tier now.")
    by_rules: int = strawberry.field(description="What the draft rules alone give.")
    effective: int = strawberry.field(
        description="Under the draft rules, with the overrides in force winning."
    )


@strawberry.type(description="What draft classification rules would do; nothing is saved.")
class ClassificationPreview:
    total: int
    overridden: int = strawberry.field(description="Customers whose override in force wins.")
    changed: int = strawberry.field(description="Customers whose tier the draft would change.")
    tiers: list[ClassificationTierCount]


ClassificationPreviewResult = Annotated[
    ClassificationPreview | ValidationFailed, strawberry.union("ClassificationPreviewResult")
]


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
        # The page reads its rows' account auditors in its own statement.
        columns, auditors_joined = list_columns(info)
        try:
            found = await customer_reads.list_customers(
                info.context.principal,
                customer_queries.CustomerFilter(
                    search=chosen.search,
                    tier=chosen.tier,
                    region=chosen.region,
                    tag=chosen.tag,
                    auditor_id=from_global_id(chosen.auditor_id, "User")
                    if chosen.auditor_id
                    else None,
                    min_risk_score=chosen.min_risk_score,
                    max_risk_score=chosen.max_risk_score,
                    attributes=conditions(chosen.attributes),
                ),
                page_request(info, first, after),
                order=order.field,
                descending=order.direction is SortDirection.DESC,
                columns=columns,
            )
        except NotAllowed as refused:
            raise as_graphql_error(refused, info.context) from None
        if auditors_joined:
            prime_auditors(info, found.items)
        return connection_from_page(found, lambda customer: CustomerNode(model=customer))

    @strawberry.field(
        description="One customer by id or code; null when missing or not visible to you.",
        extensions=requires(Permission.CUSTOMERS_READ),
    )
    async def customer(
        self, info: Info[Context, Any], id: strawberry.ID | None = None, code: str | None = None
    ) -> CustomerNode | None:
        if id is None and code is None:
            return None
        found = await customer_reads.customer(
            info.context.principal,
            customer_id=from_global_id(id, "Customer") if id is not None else None,
            code=code,
        )
        return CustomerNode(model=found) if found else None

    @strawberry.field(
        description="Communication plans that target customers by tier, region or tag.",
        extensions=requires(Permission.CUSTOMERS_CASEWORK),
    )
    async def targeted_communication_plans(
        self, info: Info[Context, Any]
    ) -> list[CommunicationPlanNode]:
        found = await communications.targeted_plans(info.context.principal)
        return [CommunicationPlanNode(model=plan) for plan in found]

    @strawberry.field(
        description="Risks per likelihood x impact (25 cells) over the customers you may see.",
        extensions=requires(Permission.CUSTOMERS_INTERNAL_READ),
    )
    async def risk_heat_map(
        self, info: Info[Context, Any], filter: inputs.HeatMapFilter | None = None
    ) -> list[HeatMapCell]:
        chosen = filter or inputs.HeatMapFilter()
        cells = await customer_reads.heat_map(
            info.context.principal,
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
        rules = await customer_reads.classification_rules(info.context.principal)
        if isinstance(rules, dict):
            return ClassificationRules(model=None, defaults=rules)
        return ClassificationRules(model=rules)

    @strawberry.field(
        description="Saved versions of the classification rules, newest first.",
        extensions=requires(Permission.CUSTOMERS_INTERNAL_READ),
    )
    async def classification_rule_history(
        self, info: Info[Context, Any], first: int = 20
    ) -> list[ClassificationRules]:
        limit = max(1, min(first, info.context.settings.max_page_size))
        rows = await customer_reads.classification_rule_history(info.context.principal, limit)
        return [ClassificationRules(model=row) for row in rows]

    @strawberry.field(
        description="How many customers each tier would hold under draft rules (checked as "
        "saveClassificationRules checks them, paths under document); nothing is saved.",
        extensions=requires(Permission.CUSTOMERS_CLASSIFY),
    )
    async def preview_classification_rules(
        self, info: Info[Context, Any], document: JSON
    ) -> ClassificationPreviewResult:
        try:
            found = await classification_preview.preview_rules(info.context.principal, document)
        except DomainError as error:
            result = as_result(error, info.context)
            if isinstance(result, ValidationFailed):
                return result
            raise as_graphql_error(error, info.context) from error
        return ClassificationPreview(
            total=found.total,
            overridden=found.overridden,
            changed=found.changed,
            tiers=[
                ClassificationTierCount(
                    tier=t.tier, current=t.current, by_rules=t.by_rules, effective=t.effective
                )
                for t in found.tiers
            ],
        )
