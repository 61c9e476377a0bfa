"""How many customers each tier would hold under draft classification rules; nothing saved.

The draft is checked as ``save_rules`` checks it (the same field paths). Customers are read
in pages of ``BATCH`` with their facts gathered per page in a few grouped queries (tags,
open findings, complaints, active overrides), never one request per customer; the rules
themselves are evaluated in Python by the very ``classify`` the reclassification runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast
from uuid import UUID

from tortoise.functions import Count, Sum

from auditportal.auth.policy import Permission, internal_customer_scope, require
from auditportal.auth.principal import Principal
from auditportal.auth.scoping import scoped
from auditportal.customers.classification import (
    CREDIT_RANK,
    RuleSet,
    check_rules,
    classify,
)
from auditportal.customers.models import Customer, CustomerTag, CustomerTier
from auditportal.customers.queries import CUSTOMER_SCOPE
from auditportal.customers.register_models import TierOverride
from auditportal.errors import FieldIssue, ValidationFailed
from auditportal.forms.models import FormCategory, Submission

BATCH = 500


@dataclass(frozen=True)
class TierCount:
    tier: CustomerTier
    current: int  # the effective tier stored now
    by_rules: int  # what the draft rules alone give
    effective: int  # the draft rules, with the overrides in force winning


@dataclass(frozen=True)
class RulesPreview:
    total: int
    overridden: int  # customers whose override in force wins over the rules
    changed: int  # customers whose effective tier the draft would change
    tiers: list[TierCount]


def _fail_on(document: Any) -> None:
    issues = check_rules(document)
    if issues:
        rooted = [FieldIssue(("document", *i.path), i.code, i.params) for i in issues]
        raise ValidationFailed("classification.invalid", rooted, count=len(rooted))


async def _facts_of_batch(
    customers: list[Customer], rules: RuleSet, now: datetime
) -> dict[UUID, dict[str, Any]]:
    """The facts ``classification.facts_of`` gives, for a page of customers at once."""
    from auditportal.rule_context import customer_facts

    ids = [c.id for c in customers]
    tags: dict[UUID, list[str]] = defaultdict(list)
    for customer_id, tag in await CustomerTag.filter(customer_id__in=ids).values_list(
        "customer_id", "tag"
    ):
        tags[cast(UUID, customer_id)].append(str(tag))
    current = Submission.filter(customer_id__in=ids, superseded_at__isnull=True)
    findings = await _grouped_sum(
        current.filter(submitted_at__gte=now - rules.findings_window, finding_count__gt=0)
    )
    complaints = await _grouped_count(
        current.filter(
            submitted_at__gte=now - rules.complaints_window,
            form__category=FormCategory.COMPLAINT,
        )
    )
    facts: dict[UUID, dict[str, Any]] = {}
    for customer in customers:
        own = sorted(tags.get(customer.id, []))
        facts[customer.id] = {
            "transactionVolume": float(customer.transaction_volume or 0),
            "creditGrade": customer.credit_grade,
            "creditRank": CREDIT_RANK.get(customer.credit_grade or ""),
            "openFindings": findings.get(customer.id, 0),
            "complaintsInWindow": complaints.get(customer.id, 0),
            "riskScore": customer.risk_score,
            "region": customer.region,
            "industry": customer.industry,
            "tags": own,
            "customer": customer_facts(customer, own),
        }
    return facts


async def _grouped_sum(query: Any) -> dict[UUID, int]:
    rows = (
        await query.annotate(n=Sum("finding_count"))
        .group_by("customer_id")
        .values("customer_id", "n")
    )
    return {cast(UUID, row["customer_id"]): int(row["n"] or 0) for row in rows}


async def _grouped_count(query: Any) -> dict[UUID, int]:
    rows = await query.annotate(n=Count("id")).group_by("customer_id").values("customer_id", "n")
    return {cast(UUID, row["customer_id"]): int(row["n"] or 0) for row in rows}


async def _overrides(ids: list[UUID], now: datetime) -> dict[UUID, CustomerTier]:
    """The override in force per customer (the newest), as ``active_override`` reads it."""
    rows = (
        await TierOverride.filter(customer_id__in=ids, cleared_at__isnull=True, expires_at__gt=now)
        .order_by("customer_id", "-set_at")
        .values_list("customer_id", "tier")
    )
    found: dict[UUID, CustomerTier] = {}
    for customer_id, tier in rows:
        found.setdefault(cast(UUID, customer_id), CustomerTier(tier))
    return found


async def preview_rules(principal: Principal, document: Any) -> RulesPreview:
    """Counts per tier under ``document`` for the customers the caller's register shows."""
    require(principal, Permission.CUSTOMERS_CLASSIFY)
    require(principal, Permission.CUSTOMERS_INTERNAL_READ)
    _fail_on(document)
    rules = RuleSet(-1, document)
    now = datetime.now(UTC)
    visible = scoped(Customer.all(), internal_customer_scope(principal), CUSTOMER_SCOPE)
    current: Counter[CustomerTier] = Counter()
    by_rules: Counter[CustomerTier] = Counter()
    effective: Counter[CustomerTier] = Counter()
    total = overridden = changed = 0
    offset = 0
    while True:
        page = list(await visible.order_by("id").offset(offset).limit(BATCH))
        if not page:
            break
        offset += len(page)
        facts = await _facts_of_batch(page, rules, now)
        overrides = await _overrides([c.id for c in page], now)
        for customer in page:
            rule_tier, _ = classify(facts[customer.id], rules)
            override = overrides.get(customer.id)
            tier = override or rule_tier
            total += 1
            overridden += override is not None
            changed += tier != customer.tier
            current[customer.tier] += 1
            by_rules[rule_tier] += 1
            effective[tier] += 1
        if len(page) < BATCH:
            break
    return RulesPreview(
        total=total,
        overridden=overridden,
        changed=changed,
        tiers=[
            TierCount(tier, current[tier], by_rules[tier], effective[tier]) for tier in CustomerTier
        ],
    )
