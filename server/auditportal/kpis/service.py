"""KPIs for a caller: the policy check, the caller's row scope, then the aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import Permission, internal_customer_scope, require
from auditportal.auth.principal import Principal
from auditportal.kpis import queries
from auditportal.kpis.queries import GroupCount, KpiFilter, Ratio, Workload


@dataclass(frozen=True)
class KpiSet:
    inspection_completion: Ratio
    findings_per_submission: Ratio
    credit_grades: list[GroupCount]
    auditor_workload: list[Workload]


async def kpis(principal: Principal, chosen: KpiFilter, *, today: date | None = None) -> KpiSet:
    """Every KPI over the customers the caller may see (a consultant: granted ones only)."""
    require(principal, Permission.CUSTOMERS_INTERNAL_READ)
    scope = internal_customer_scope(principal)
    day = today or date.today()
    found = KpiSet(
        inspection_completion=await queries.inspection_completion(scope, chosen, day),
        findings_per_submission=await queries.findings_per_submission(scope, chosen),
        credit_grades=await queries.credit_grades(scope, chosen),
        auditor_workload=await queries.auditor_workload(scope, chosen, day),
    )
    if not scope.everything:
        await read_audit.note(principal, "Kpis", sorted(scope.customer_ids, key=str))
    return found
