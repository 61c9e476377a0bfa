"""The risk register: risks per customer, the customer's risk score, the heat map.

Risk score (0-100), recomputed in the transaction of every risk write and whenever a
submission with findings is stored for the customer:

    risks    = min(70, 70 * sum(likelihood * impact over open risks) / 50)
    findings = min(30, sum over open findings of 10 (high), 5 (medium), 2 (low or other))
    score    = round(min(100, risks + findings), 1)

so two open 5x5 risks alone reach 70, and three open high findings alone reach 30. "Open
findings" are those of ``auditportal.customers.classification`` (current submissions within
the rules' ``findingsWindowDays``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from tortoise.functions import Count
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, RowScope, require
from auditportal.auth.principal import Principal
from auditportal.auth.scoping import scoped
from auditportal.customers import classification
from auditportal.customers.models import Customer
from auditportal.customers.queries import REGISTER_SCOPE
from auditportal.customers.register_models import Risk, RiskCategory, RiskStatus
from auditportal.errors import Conflict, FieldIssue, NotFound, ValidationFailed

FINDING_WEIGHTS = {"high": 10.0, "medium": 5.0, "low": 2.0}
OTHER_FINDING_WEIGHT = 2.0


def score(open_risks: list[tuple[int, int]], findings: list[Any]) -> float:
    risk_part = min(70.0, 70.0 * sum(lik * imp for lik, imp in open_risks) / 50.0)
    finding_part = min(
        30.0,
        sum(
            FINDING_WEIGHTS.get(str(f.get("severity")) if isinstance(f, dict) else "", 2.0)
            for f in findings
        ),
    )
    return round(min(100.0, risk_part + finding_part), 1)


async def refresh_risk_score(customer_id: UUID) -> float:
    """Recompute and store the customer's risk score; call in the caller's transaction."""
    rules = await classification.current_rules()
    open_risks = await Risk.filter(customer_id=customer_id, status=RiskStatus.OPEN).values_list(
        "likelihood", "impact"
    )
    findings = await classification.open_findings(
        customer_id, rules.findings_window, datetime.now(UTC)
    )
    value = score([(int(lik), int(imp)) for lik, imp in open_risks], findings)
    await Customer.filter(id=customer_id).update(risk_score=value)
    return value


@dataclass
class RiskFields:
    category: RiskCategory | None = None
    title: str | None = None
    description: str | None = None
    likelihood: int | None = None
    impact: int | None = None
    owner_id: UUID | None = None
    mitigation: str | None = None
    review_on: date | None = None


def _checked(fields: RiskFields, *, creating: bool) -> dict[str, Any]:
    issues: list[FieldIssue] = []
    values: dict[str, Any] = {}
    if creating and fields.category is None:
        issues.append(FieldIssue(("category",), "customer.required"))
    if fields.category is not None:
        values["category"] = fields.category
    if fields.title is not None or creating:
        title = (fields.title or "").strip()
        if not title:
            issues.append(FieldIssue(("title",), "customer.required"))
        elif len(title) > 300:
            issues.append(FieldIssue(("title",), "customer.too_long", {"limit": 300}))
        values["title"] = title
    for name in ("likelihood", "impact"):
        value = getattr(fields, name)
        if value is None and creating:
            issues.append(FieldIssue((name,), "customer.required"))
        elif value is not None and not 1 <= value <= 5:
            issues.append(FieldIssue((name,), "risk.scale"))
        if value is not None:
            values[name] = value
    for name in ("description", "mitigation"):
        if getattr(fields, name) is not None:
            values[name] = getattr(fields, name).strip()
    if fields.owner_id is not None:
        values["owner_id"] = fields.owner_id
    if fields.review_on is not None:
        values["review_on"] = fields.review_on
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))
    return values


async def _owner_exists(owner_id: UUID | None) -> None:
    from auditportal.auth.models import User

    if owner_id is not None and not await User.exists(id=owner_id, is_active=True):
        issue = FieldIssue(("ownerId",), "risk.owner_unknown")
        raise ValidationFailed("error.invalid_input", [issue], count=1)


async def _after_risk_write(principal: Principal, customer_id: UUID) -> bool:
    await refresh_risk_score(customer_id)
    customer = await Customer.get(id=customer_id)
    return await classification.reclassify_in_transaction(principal, customer)


async def create_risk(principal: Principal, customer_id: UUID, fields: RiskFields) -> Risk:
    require(principal, Permission.CUSTOMERS_CASEWORK)
    values = _checked(fields, creating=True)
    await _owner_exists(fields.owner_id)
    async with in_transaction():
        if await Customer.filter(id=customer_id).select_for_update().first() is None:
            raise NotFound("customer.not_found")
        risk = await Risk.create(
            customer_id=customer_id,
            created_by_id=principal.user_id,
            updated_by_id=principal.user_id,
            **values,
        )
        await audit.record(
            principal, "risk.create", "Risk", risk.id, {"customer": str(customer_id), **values}
        )
        changed = await _after_risk_write(principal, customer_id)
    if changed:
        await classification.request_replans([customer_id])
    return risk


async def _update(
    principal: Principal,
    risk_id: UUID,
    lock_version: int,
    values: dict[str, Any],
    action: str,
) -> Risk:
    current = await Risk.get_or_none(id=risk_id)
    if current is None:
        raise NotFound("risk.not_found")
    changed_fields = {k: v for k, v in values.items() if getattr(current, k) != v}
    async with in_transaction():
        await Customer.filter(id=current.customer_id).select_for_update().first()
        written = await Risk.filter(id=risk_id, lock_version=lock_version).update(
            **changed_fields, lock_version=lock_version + 1, updated_by_id=principal.user_id
        )
        if written != 1:
            raise Conflict("risk.stale", version=lock_version)
        await audit.record(
            principal,
            action,
            "Risk",
            risk_id,
            {"changed": sorted(changed_fields), "to": changed_fields},
        )
        changed = await _after_risk_write(principal, current.customer_id)
    if changed:
        await classification.request_replans([current.customer_id])
    return await Risk.get(id=risk_id)


async def update_risk(
    principal: Principal, risk_id: UUID, lock_version: int, fields: RiskFields
) -> Risk:
    require(principal, Permission.CUSTOMERS_CASEWORK)
    values = _checked(fields, creating=False)
    await _owner_exists(fields.owner_id)
    return await _update(principal, risk_id, lock_version, values, "risk.update")


async def close_risk(
    principal: Principal, risk_id: UUID, lock_version: int, note: str | None = None
) -> Risk:
    require(principal, Permission.CUSTOMERS_CASEWORK)
    values = {
        "status": RiskStatus.CLOSED,
        "closed_at": datetime.now(UTC),
        "closing_note": (note or "").strip() or None,
    }
    return await _update(principal, risk_id, lock_version, values, "risk.close")


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int


async def heat_map(
    scope: RowScope,
    *,
    customer_id: UUID | None = None,
    category: RiskCategory | None = None,
    status: RiskStatus | None = RiskStatus.OPEN,
) -> list[HeatCell]:
    """Risks counted per likelihood x impact over the customers the scope shows; all 25
    cells, zeros included, likelihood then impact ascending."""
    query = scoped(Risk.all(), scope, REGISTER_SCOPE)
    if customer_id is not None:
        query = query.filter(customer_id=customer_id)
    if category is not None:
        query = query.filter(category=category)
    if status is not None:
        query = query.filter(status=status)
    rows = (
        await query.annotate(count=Count("id"))
        .group_by("likelihood", "impact")
        .values("likelihood", "impact", "count")
    )
    counts = {(int(r["likelihood"]), int(r["impact"])): int(r["count"]) for r in rows}
    return [
        HeatCell(likelihood, impact, counts.get((likelihood, impact), 0))
        for likelihood in range(1, 6)
        for impact in range(1, 6)
    ]
