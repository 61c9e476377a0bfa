"""The ``kpis`` and ``kpiRows`` queries: a few lines calling the KPI service."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.kpis.types import KpiFilterInput, KpiRow, KpiRowPage, Kpis, domain_filter
from auditportal.api.policy import requires
from auditportal.api.relay import page_request
from auditportal.auth.policy import Permission
from auditportal.kpis import figures, service
from auditportal.pagination import encode_cursor


@strawberry.type
class KpiQueries:
    @strawberry.field(
        description="KPIs over the customers you may see (consultants: granted ones).",
        extensions=requires(Permission.CUSTOMERS_INTERNAL_READ),
    )
    async def kpis(self, info: Info[Context, Any], filter: KpiFilterInput | None = None) -> Kpis:
        return Kpis(principal=info.context.principal, chosen=domain_filter(filter))

    @strawberry.field(
        description="The rows behind one KPI figure (drill-down), same scope and filter.",
        extensions=requires(Permission.CUSTOMERS_INTERNAL_READ),
    )
    async def kpi_rows(
        self,
        info: Info[Context, Any],
        kpi: figures.KpiKind,
        filter: KpiFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> KpiRowPage:
        page = page_request(info, first, after)
        found = await service.rows(info.context.principal, kpi, domain_filter(filter), page)
        last = found.offset + len(found.rows) - 1
        return KpiRowPage(
            nodes=[KpiRow.of(r) for r in found.rows],
            total_count=found.total,
            has_next_page=found.has_next_page,
            end_cursor=encode_cursor(last) if found.rows else None,
        )
