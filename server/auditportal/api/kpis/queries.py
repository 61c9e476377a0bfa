"""The ``kpis`` query: a few lines calling the KPI service."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.kpis.types import (
    AuditorWorkload,
    KpiFilterInput,
    KpiGroupCount,
    KpiRatio,
    Kpis,
    domain_filter,
)
from auditportal.api.policy import requires
from auditportal.auth.policy import Permission
from auditportal.kpis import service


@strawberry.type
class KpiQueries:
    @strawberry.field(
        description="KPIs over the customers you may see (consultants: granted ones).",
        extensions=requires(Permission.CUSTOMERS_INTERNAL_READ),
    )
    async def kpis(self, info: Info[Context, Any], filter: KpiFilterInput | None = None) -> Kpis:
        found = await service.kpis(info.context.principal, domain_filter(filter))
        return Kpis(
            inspection_completion=KpiRatio.of(found.inspection_completion),
            findings_per_submission=KpiRatio.of(found.findings_per_submission),
            credit_grades=[KpiGroupCount.of(g) for g in found.credit_grades],
            auditor_workload=[AuditorWorkload.of(w) for w in found.auditor_workload],
        )
