"""Classification of customers into key / normal / high-risk by admin-editable rules.

The rules document (versioned: every save is a new numbered ``ClassificationRuleSet``)::

    {"complaintsWindowDays": 90, "findingsWindowDays": 365,
     "rules": {"high_risk": <JsonLogic>, "key": <JsonLogic>}}

Rules are evaluated in order ``high_risk``, then ``key``; a customer matching neither is
``normal``. They read these facts of one customer:

- ``transactionVolume`` (number), ``riskScore`` (0-100), ``region``, ``industry``, ``tags``;
- ``creditGrade`` ("AAA" … "C" or null) and ``creditRank`` (AAA=1, AA=2, A=3, BBB=4, BB=5,
  B=6, CCC=7, CC=8, C=9; null without a grade): a higher rank is a poorer grade;
- ``openFindings``: the findings of the customer's submissions that are the latest revision
  (not superseded) and were submitted within ``findingsWindowDays``. A finding is "open"
  while the submission that raised it is current and in the window: a corrected submission
  without it, or time, closes it;
- ``complaintsInWindow``: the customer's current submissions of forms of category
  ``complaint`` in the last ``complaintsWindowDays`` days.

A manual override (tier, required reason, required future expiry) wins over the rules
while in force; ``expire_overrides`` ends overdue ones and reclassifies. Every change of the
effective tier is kept in ``TierChange`` with its source and reason or the facts that
matched; callers request the re-plan job for each changed customer after their commit.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal, system_principal
from auditportal.customers.models import Customer, CustomerTag, CustomerTier, TierSource
from auditportal.customers.register_models import (
    ClassificationRuleSet,
    TierChange,
    TierChangeSource,
    TierOverride,
)
from auditportal.errors import FieldIssue, NotFound, ValidationFailed
from auditportal.forms.models import FormCategory, Submission
from auditportal.jobs import dispatch, names
from auditportal.rules import RuleLanguage, check_rule, rule_allows

GRADES = ("AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C")
CREDIT_RANK = {grade: rank for rank, grade in enumerate(GRADES, start=1)}
FACTS = frozenset(
    {
        "transactionVolume",
        "creditGrade",
        "creditRank",
        "openFindings",
        "complaintsInWindow",
        "riskScore",
        "region",
        "industry",
        "tags",
    }
)
ORDER = (CustomerTier.HIGH_RISK, CustomerTier.KEY)
CLASSIFICATION = RuleLanguage(
    # "customer": the named part every rule reads (auditportal.rule_context), beside the
    # flat facts the rules documents were first written with.
    roots=FACTS | {"customer"},
    not_rule="classification.not_rule",
    unknown_operator="classification.unknown_operator",
    bad_variable="classification.bad_variable",
)
DEFAULT_RULES: dict[str, Any] = {
    "complaintsWindowDays": 90,
    "findingsWindowDays": 365,
    "rules": {
        "high_risk": {
            "or": [
                {">=": [{"var": "riskScore"}, 60]},
                {">=": [{"var": "complaintsInWindow"}, 3]},
                {">=": [{"var": "creditRank"}, 7]},
            ]
        },
        "key": {">=": [{"var": "transactionVolume"}, 10_000_000]},
    },
}
MAX_WINDOW_DAYS = 3650


@dataclass(frozen=True)
class RuleSet:
    number: int  # 0: the built-in defaults, never saved
    document: dict[str, Any]

    @property
    def complaints_window(self) -> timedelta:
        return timedelta(days=int(self.document["complaintsWindowDays"]))

    @property
    def findings_window(self) -> timedelta:
        return timedelta(days=int(self.document["findingsWindowDays"]))


def check_rules(document: Any) -> list[FieldIssue]:
    """Every problem of a rules document, with its path."""
    if not isinstance(document, dict):
        return [FieldIssue((), "classification.not_object")]
    issues: list[FieldIssue] = []
    for name in sorted(set(document) - {"complaintsWindowDays", "findingsWindowDays", "rules"}):
        issues.append(FieldIssue((name,), "classification.unknown_key"))
    for name in ("complaintsWindowDays", "findingsWindowDays"):
        value = document.get(name)
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not 1 <= value <= MAX_WINDOW_DAYS
        ):
            issues.append(
                FieldIssue((name,), "classification.bad_window", {"max": MAX_WINDOW_DAYS})
            )
    rules = document.get("rules")
    if not isinstance(rules, dict):
        return [*issues, FieldIssue(("rules",), "classification.not_object")]
    for name in sorted(set(rules) - {tier.value for tier in ORDER}):
        issues.append(FieldIssue(("rules", name), "classification.unknown_tier"))
    for tier in ORDER:
        if tier.value in rules:
            issues += check_rule(rules[tier.value], ("rules", tier.value), CLASSIFICATION)
    return issues


async def current_rules() -> RuleSet:
    saved = await ClassificationRuleSet.all().order_by("-number").first()
    if saved is None:
        return RuleSet(0, copy.deepcopy(DEFAULT_RULES))
    return RuleSet(saved.number, saved.document)


async def save_rules(
    principal: Principal, document: Any, note: str | None = None
) -> ClassificationRuleSet:
    """Store a new version of the rules; invalid rules store nothing."""
    require(principal, Permission.CUSTOMERS_CLASSIFY)
    issues = check_rules(document)
    if issues:
        rooted = [FieldIssue(("document", *i.path), i.code, i.params) for i in issues]
        raise ValidationFailed("classification.invalid", rooted, count=len(rooted))
    async with in_transaction():
        last = await ClassificationRuleSet.all().order_by("-number").first()
        saved = await ClassificationRuleSet.create(
            number=(last.number + 1) if last else 1,
            document=document,
            note=note,
            saved_by_id=principal.user_id,
        )
        await audit.record(
            principal, "classification.rules_save", "ClassificationRuleSet", saved.number, {}
        )
    return saved


def classify(facts: dict[str, Any], rules: RuleSet) -> tuple[CustomerTier, str | None]:
    """The tier the rules give, and the name of the rule that matched (None: normal)."""
    for tier in ORDER:
        rule = rules.document["rules"].get(tier.value)
        if rule is not None and rule_allows(rule, facts):
            return tier, tier.value
    return CustomerTier.NORMAL, None


async def open_findings(customer_id: UUID, window: timedelta, now: datetime) -> list[Any]:
    """The findings of the customer's current submissions within the window (see above)."""
    rows = await Submission.filter(
        customer_id=customer_id,
        superseded_at__isnull=True,
        submitted_at__gte=now - window,
        finding_count__gt=0,
    ).values_list("findings", flat=True)
    return [finding for findings in rows for finding in (findings or [])]


async def facts_of(customer: Customer, rules: RuleSet, now: datetime) -> dict[str, Any]:
    # The shared rule context reads this module's credit ranks: imported here, not on top.
    from auditportal.rule_context import customer_facts

    findings = await open_findings(customer.id, rules.findings_window, now)
    complaints = await Submission.filter(
        customer_id=customer.id,
        superseded_at__isnull=True,
        submitted_at__gte=now - rules.complaints_window,
        form__category=FormCategory.COMPLAINT,
    ).count()
    tags = await CustomerTag.filter(customer_id=customer.id).values_list("tag", flat=True)
    return {
        "transactionVolume": float(customer.transaction_volume or 0),
        "creditGrade": customer.credit_grade,
        "creditRank": CREDIT_RANK.get(customer.credit_grade or ""),
        "openFindings": len(findings),
        "complaintsInWindow": complaints,
        "riskScore": customer.risk_score,
        "region": customer.region,
        "industry": customer.industry,
        "tags": sorted(tags),
        "customer": customer_facts(customer, sorted(str(tag) for tag in tags)),
    }


async def active_override(customer_id: UUID) -> TierOverride | None:
    return (
        await TierOverride.filter(customer_id=customer_id, cleared_at__isnull=True)
        .order_by("-set_at")
        .first()
    )


async def _change_tier(
    principal: Principal,
    customer: Customer,
    to_tier: CustomerTier,
    *,
    source: TierChangeSource,
    tier_source: TierSource,
    rule_tier: CustomerTier,
    reason: str | None = None,
    facts: dict[str, Any] | None = None,
    matched: str | None = None,
    rule_set: int | None = None,
) -> bool:
    """Store tier, rule tier and tier source; record a change if the tier moved.
    Call inside a transaction; True when the effective tier changed."""
    changed = customer.tier != to_tier
    await Customer.filter(id=customer.id).update(
        tier=to_tier, rule_tier=rule_tier, tier_source=tier_source
    )
    if changed:
        await TierChange.create(
            customer_id=customer.id,
            from_tier=customer.tier,
            to_tier=to_tier,
            source=source,
            reason=reason,
            facts=facts,
            matched_rule=matched,
            rule_set_number=rule_set,
            actor=principal.actor,
        )
        await audit.record(
            principal,
            "customer.tier_change",
            "Customer",
            customer.id,
            {"from": customer.tier.value, "to": to_tier.value, "source": source.value}
            | ({"reason": reason} if reason else {})
            | ({"matched": matched} if facts is not None else {}),
        )
    customer.tier, customer.rule_tier, customer.tier_source = to_tier, rule_tier, tier_source
    return changed


async def reclassify_in_transaction(
    principal: Principal, customer: Customer, rules: RuleSet | None = None
) -> bool:
    """Evaluate the rules for one customer (expiring an overdue override); call inside the
    caller's transaction. True when the effective tier changed."""
    rules = rules or await current_rules()
    now = datetime.now(UTC)
    facts = await facts_of(customer, rules, now)
    rule_tier, matched = classify(facts, rules)
    override = await active_override(customer.id)
    if override is not None and override.expires_at <= now:
        await TierOverride.filter(id=override.id).update(cleared_at=now)
        await audit.record(principal, "customer.tier_override_expire", "Customer", customer.id, {})
        return await _change_tier(
            principal,
            customer,
            rule_tier,
            source=TierChangeSource.EXPIRY,
            tier_source=TierSource.RULES,
            rule_tier=rule_tier,
            reason=override.reason,
            facts=facts,
            matched=matched,
            rule_set=rules.number,
        )
    if override is not None:
        return await _change_tier(
            principal,
            customer,
            override.tier,
            source=TierChangeSource.OVERRIDE,
            tier_source=TierSource.OVERRIDE,
            rule_tier=rule_tier,
            reason=override.reason,
        )
    return await _change_tier(
        principal,
        customer,
        rule_tier,
        source=TierChangeSource.RULES,
        tier_source=TierSource.RULES,
        rule_tier=rule_tier,
        facts=facts,
        matched=matched,
        rule_set=rules.number,
    )


async def request_replans(customer_ids: Iterable[UUID]) -> None:
    """After a commit: ask the inspection planner to re-plan customers whose tier changed."""
    for customer_id in customer_ids:
        await dispatch.enqueue(names.REPLAN_CUSTOMER_INSPECTIONS, {"customerId": str(customer_id)})


async def reclassify(principal: Principal, customer_ids: Iterable[UUID]) -> list[UUID]:
    """Reclassify the customers, one transaction each; the ids whose tier changed."""
    rules = await current_rules()
    changed: list[UUID] = []
    for customer_id in customer_ids:
        async with in_transaction():
            customer = await Customer.filter(id=customer_id).select_for_update().first()
            if customer is not None and await reclassify_in_transaction(principal, customer, rules):
                changed.append(customer_id)
    await request_replans(changed)
    return changed


async def override_tier(
    principal: Principal,
    customer_id: UUID,
    tier: CustomerTier,
    reason: str,
    expires_at: datetime,
) -> Customer:
    require(principal, Permission.CUSTOMERS_CLASSIFY)
    issues: list[FieldIssue] = []
    if not reason.strip():
        issues.append(FieldIssue(("reason",), "customer.required"))
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    if expires_at <= datetime.now(UTC):
        issues.append(FieldIssue(("expiresAt",), "classification.expiry_not_future"))
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))
    changed = False
    async with in_transaction():
        customer = await Customer.filter(id=customer_id).select_for_update().first()
        if customer is None:
            raise NotFound("customer.not_found")
        now = datetime.now(UTC)
        await TierOverride.filter(customer_id=customer_id, cleared_at__isnull=True).update(
            cleared_at=now, cleared_by_id=principal.user_id
        )
        await TierOverride.create(
            customer_id=customer_id,
            tier=tier,
            reason=reason.strip(),
            expires_at=expires_at,
            set_by_id=principal.user_id,
        )
        await audit.record(
            principal,
            "customer.tier_override",
            "Customer",
            customer_id,
            {"tier": tier.value, "reason": reason.strip(), "expiresAt": expires_at.isoformat()},
        )
        changed = await reclassify_in_transaction(principal, customer)
    if changed:
        await request_replans([customer_id])
    return await Customer.get(id=customer_id)


async def clear_override(principal: Principal, customer_id: UUID, reason: str) -> Customer:
    require(principal, Permission.CUSTOMERS_CLASSIFY)
    changed = False
    async with in_transaction():
        customer = await Customer.filter(id=customer_id).select_for_update().first()
        if customer is None:
            raise NotFound("customer.not_found")
        override = await active_override(customer_id)
        if override is None:
            raise NotFound("classification.no_override")
        await TierOverride.filter(id=override.id).update(
            cleared_at=datetime.now(UTC), cleared_by_id=principal.user_id
        )
        await audit.record(
            principal, "customer.tier_override_clear", "Customer", customer_id, {"reason": reason}
        )
        rules = await current_rules()
        facts = await facts_of(customer, rules, datetime.now(UTC))
        rule_tier, matched = classify(facts, rules)
        changed = await _change_tier(
            principal,
            customer,
            rule_tier,
            source=TierChangeSource.CLEARED,
            tier_source=TierSource.RULES,
            rule_tier=rule_tier,
            reason=reason.strip() or None,
            facts=facts,
            matched=matched,
            rule_set=rules.number,
        )
    if changed:
        await request_replans([customer_id])
    return await Customer.get(id=customer_id)


async def expire_overrides() -> dict[str, Any]:
    """Periodic: end every override past its expiry and reclassify those customers."""
    overdue = await TierOverride.filter(
        cleared_at__isnull=True, expires_at__lte=datetime.now(UTC)
    ).values_list("customer_id", flat=True)
    ids = [cast(UUID, customer_id) for customer_id in dict.fromkeys(overdue)]
    changed = await reclassify(system_principal("classification"), ids)
    return {"expired": len(ids), "changed": len(changed)}
