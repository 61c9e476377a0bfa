"""KPIs for a caller: the policy check, the caller's row scope, then the aggregates.

Each figure group is its own function so that a client asking for one group (a dashboard
card) runs only its queries. A consultant's KPIs cover only granted customers
(``internal_customer_scope``), and each of their reads goes to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import Permission, RowScope, internal_customer_scope, require
from auditportal.auth.principal import Principal
from auditportal.kpis import aggregates, drill, queries, training
from auditportal.kpis.figures import (
    Complaints,
    Credit,
    Discovery,
    Efficiency,
    KpiKind,
    KpiRowPage,
    Risk,
    Satisfaction,
)
from auditportal.kpis.queries import GroupCount, KpiFilter, Ratio, Workload
from auditportal.pagination import PageRequest


@dataclass(frozen=True)
class KpiSet:
    inspection_completion: Ratio
    findings_per_submission: Ratio
    credit_grades: list[GroupCount]
    auditor_workload: list[Workload]


async def scope_for(principal: Principal, what: str) -> RowScope:
    """The policy check and the caller's row scope; a consultant's read is audited."""
    require(principal, Permission.CUSTOMERS_INTERNAL_READ)
    scope = internal_customer_scope(principal)
    if not scope.everything:
        await read_audit.note(principal, what, sorted(scope.customer_ids, key=str))
    return scope


async def kpis(principal: Principal, chosen: KpiFilter, *, today: date | None = None) -> KpiSet:
    """The first four KPIs over the customers the caller may see (a consultant: granted)."""
    scope = await scope_for(principal, "Kpis")
    day = today or date.today()
    return KpiSet(
        inspection_completion=await queries.inspection_completion(scope, chosen, day),
        findings_per_submission=await queries.findings_per_submission(scope, chosen),
        credit_grades=await queries.credit_grades(scope, chosen),
        auditor_workload=await queries.auditor_workload(scope, chosen, day),
    )


async def inspection_completion(
    principal: Principal, chosen: KpiFilter, *, today: date | None = None
) -> Ratio:
    scope = await scope_for(principal, "Kpis")
    return await queries.inspection_completion(scope, chosen, today or date.today())


async def findings_per_submission(principal: Principal, chosen: KpiFilter) -> Ratio:
    return await queries.findings_per_submission(await scope_for(principal, "Kpis"), chosen)


async def credit_grades(principal: Principal, chosen: KpiFilter) -> list[GroupCount]:
    return await queries.credit_grades(await scope_for(principal, "Kpis"), chosen)


async def auditor_workload(
    principal: Principal, chosen: KpiFilter, *, today: date | None = None
) -> list[Workload]:
    scope = await scope_for(principal, "Kpis")
    return await queries.auditor_workload(scope, chosen, today or date.today())


async def efficiency(
    principal: Principal, chosen: KpiFilter, *, today: date | None = None
) -> Efficiency:
    scope = await scope_for(principal, "Kpis")
    return await aggregates.efficiency(scope, chosen, today or date.today())


async def discovery(principal: Principal, chosen: KpiFilter) -> Discovery:
    return await aggregates.discovery(await scope_for(principal, "Kpis"), chosen)


async def complaints(principal: Principal, chosen: KpiFilter) -> Complaints:
    return await aggregates.complaints(await scope_for(principal, "Kpis"), chosen)


async def satisfaction(principal: Principal, chosen: KpiFilter) -> Satisfaction:
    return await aggregates.satisfaction(await scope_for(principal, "Kpis"), chosen)


async def training_coverage(principal: Principal, chosen: KpiFilter) -> Ratio:
    return await aggregates.training_coverage(await scope_for(principal, "Kpis"), chosen)


async def auditor_training_coverage(principal: Principal, chosen: KpiFilter) -> Ratio:
    """Auditors with their own training record in the period / active auditors."""
    scope = await scope_for(principal, "Kpis")
    return await training.auditor_training_coverage(scope, chosen)


async def credit(principal: Principal, chosen: KpiFilter) -> Credit:
    return await aggregates.credit(await scope_for(principal, "Kpis"), chosen)


async def risk(principal: Principal, chosen: KpiFilter) -> Risk:
    return await aggregates.risk(await scope_for(principal, "Kpis"), chosen)


async def rows(
    principal: Principal,
    kind: KpiKind,
    chosen: KpiFilter,
    page: PageRequest,
    *,
    today: date | None = None,
) -> KpiRowPage:
    """The rows behind one figure, a page at a time, under the same scope as the figure."""
    scope = await scope_for(principal, "KpiRows")
    return await drill.rows(scope, kind, chosen, page, today or date.today())
