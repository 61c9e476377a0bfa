"""The one context every rule reads, with named parts (see ``auditportal.rules``):

- ``answers``: the submission's answers (sensitive values stay sealed envelopes);
- ``customer``: ``id``, ``code``, ``name``, ``industry``, ``region``, ``tier``, ``tags``,
  ``attributes`` (the admin's custom attributes), ``creditGrade``, ``creditRank`` (AAA=1 …
  C=9), ``creditLimit``, ``riskScore``, ``transactionVolume``, and ``crm``: the values the
  latest CRM sync wrote (``source``, ``modifiedAt`` and the same fields), null for a
  customer that no CRM feeds;
- ``actor``: who acts now: ``id``, ``role``, ``team``;
- ``submission``: ``id``, ``form``, ``submitter``, ``submitterRole``, ``submittedAt`` (ISO
  8601), ``score`` {percent, raw, max, passed}, ``findings`` (how many).

Empty parts are null, not absent defaults: rules over them are undecided unless they test
for them. Workflow guards add ``instance`` and ``input`` (and keep ``score`` and
``findings`` at the top for the definitions written before the named parts).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from auditportal.auth.models import User
from auditportal.auth.principal import Principal
from auditportal.customers.classification import CREDIT_RANK
from auditportal.customers.models import Customer, CustomerSource, CustomerTag

PARTS = frozenset({"answers", "customer", "actor", "submission"})
# Parts whose values may be empty when a rule runs: the definition check warns about them.
NULLABLE = frozenset({"answers", "customer", "submission", "instance", "input", "score"})
_CRM_SOURCES = frozenset({CustomerSource.ZOHO, CustomerSource.FXIAOKE})


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


async def customer_part(customer_id: UUID | None) -> dict[str, Any] | None:
    """The customer as rules see it; None without a customer. Two small queries."""
    if customer_id is None:
        return None
    customer = await Customer.get_or_none(id=customer_id)
    if customer is None:
        return None
    tags = await CustomerTag.filter(customer_id=customer.id).values_list("tag", flat=True)
    return customer_facts(customer, sorted(str(tag) for tag in tags))


def customer_facts(customer: Customer, tags: list[str]) -> dict[str, Any]:
    values = {
        "name": customer.name,
        "industry": customer.industry,
        "region": customer.region,
        "transactionVolume": _number(customer.transaction_volume),
        "creditGrade": customer.credit_grade,
        "creditLimit": _number(customer.credit_limit),
        "attributes": dict(customer.attributes or {}),
    }
    # A CRM-fed customer's register values are the ones its latest sync wrote: an import
    # upserts them into the same columns, so "what the CRM says" reads them back with the
    # sync's own modification time.
    crm = (
        {
            "source": customer.source.value,
            "modifiedAt": customer.external_modified_at.isoformat()
            if customer.external_modified_at
            else None,
            **values,
        }
        if customer.source in _CRM_SOURCES
        else None
    )
    return {
        "id": str(customer.id),
        "code": customer.code,
        **values,
        "tier": customer.tier.value,
        "tags": tags,
        "creditRank": CREDIT_RANK.get(customer.credit_grade or ""),
        "riskScore": customer.risk_score,
        "crm": crm,
    }


async def actor_part(principal: Principal | None) -> dict[str, Any]:
    """Who acts: id, role and team (a system actor has a null id and role "system")."""
    if principal is None or principal.is_system:
        return {"id": None, "role": "system", "team": None}
    team = None
    if principal.user_id is not None:
        rows = await User.filter(id=principal.user_id).values_list("team", flat=True)
        team = rows[0] if rows else None
    return {
        "id": str(principal.user_id) if principal.user_id else None,
        "role": principal.role.value if principal.role else None,
        "team": team,
    }


def submission_part(submission: Any, submitter_role: str | None = None) -> dict[str, Any] | None:
    if submission is None:
        return None
    return {
        "id": str(submission.id),
        "form": str(submission.form_id),
        "submitter": str(submission.submitted_by_id),
        "submitterRole": submitter_role,
        "submittedAt": submission.submitted_at.isoformat() if submission.submitted_at else None,
        "score": {
            "percent": submission.score_percent,
            "raw": submission.score_raw,
            "max": submission.score_max,
            "passed": submission.passed,
        },
        "findings": len(submission.findings or []),
    }


async def rule_context(
    *,
    submission: Any = None,
    customer_id: UUID | None = None,
    principal: Principal | None = None,
    answers: Any = None,
) -> dict[str, Any]:
    """answers, customer, actor and submission for one rule evaluation."""
    customer = customer_id if customer_id is not None else getattr(submission, "customer_id", None)
    role = None
    if submission is not None:
        rows = await User.filter(id=submission.submitted_by_id).values_list("role", flat=True)
        role = str(rows[0].value if hasattr(rows[0], "value") else rows[0]) if rows else None
    return {
        "answers": answers if answers is not None else (submission.answers if submission else {}),
        "customer": await customer_part(customer),
        "actor": await actor_part(principal),
        "submission": submission_part(submission, role),
    }
