"""Reads of the verification domain: the population of a period, and the accuracy aggregates.

The accuracy rates are SQL aggregates (sums of verified fields and of discrepancies, grouped
by one dimension); only the grouped rows reach Python, for the Wilson interval.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise.functions import Count, Sum

from auditportal.auth.models import User
from auditportal.auth.principal import Role
from auditportal.forms.models import Form, Submission
from auditportal.verification.models import Verification, VerificationStatus
from auditportal.verification.sampling import Period, wilson


@dataclass(frozen=True)
class Candidate:
    submission_id: UUID
    tier: str
    submitted_by_id: UUID
    customer_id: UUID | None
    form_id: UUID


async def population(form_ids: list[UUID], period: Period) -> dict[str, list[Candidate]]:
    """First revisions (not corrections) of the forms, submitted in the period, by tier of
    their customer now; submissions without a customer are not sampled."""
    rows = await Submission.filter(
        form_id__in=form_ids,
        submitted_at__gte=period.start,
        submitted_at__lt=period.end,
        revises_id=None,
        customer_id__isnull=False,
    ).values_list("id", "customer__tier", "submitted_by_id", "customer_id", "form_id")
    found: dict[str, list[Candidate]] = defaultdict(list)
    for submission_id, tier, submitter, customer, form in rows:
        tier_text = str(getattr(tier, "value", tier))
        found[tier_text].append(
            Candidate(
                _uuid(submission_id), tier_text, _uuid(submitter), _uuid(customer), _uuid(form)
            )
        )
    return dict(found)


def _uuid(value: Any) -> Any:
    return value if value is None or isinstance(value, UUID) else UUID(str(value))


async def verifier_pool() -> list[tuple[UUID, Role]]:
    """Active auditors, then managers (who verify only what no auditor may)."""
    rows = await User.filter(role__in=[Role.AUDITOR, Role.MANAGER], is_active=True).values_list(
        "id", "role"
    )
    return [(_uuid(user_id), Role(getattr(role, "value", role))) for user_id, role in rows]


DIMENSIONS: dict[str, str] = {
    "form": "form_id",
    "auditor": "submitted_by_id",
    "tier": "tier",
    "period": "period",
}


@dataclass(frozen=True)
class AccuracyRow:
    key: str
    verifications: int
    fields_verified: int
    discrepancies: int

    @property
    def rate(self) -> float | None:
        if self.fields_verified == 0:
            return None
        return (self.fields_verified - self.discrepancies) / self.fields_verified

    @property
    def interval(self) -> tuple[float, float] | None:
        if self.fields_verified == 0:
            return None
        return wilson(self.fields_verified - self.discrepancies, self.fields_verified)


async def accuracy(
    dimension: str, *, period: str | None = None, plan_id: UUID | None = None
) -> list[AccuracyRow]:
    column = DIMENSIONS[dimension]
    query = Verification.filter(
        status__in=[VerificationStatus.AGREED, VerificationStatus.DISCREPANT]
    )
    if period is not None:
        query = query.filter(period=period)
    if plan_id is not None:
        query = query.filter(draw__plan_id=plan_id)
    rows = (
        await query.annotate(
            n=Count("id"), checked=Sum("fields_verified"), wrong=Sum("discrepancy_count")
        )
        .group_by(column)
        .order_by(column)
        .values(column, "n", "checked", "wrong")
    )
    return [
        AccuracyRow(
            key=str(row[column]),
            verifications=int(row["n"] or 0),
            fields_verified=int(row["checked"] or 0),
            discrepancies=int(row["wrong"] or 0),
        )
        for row in rows
    ]


async def labels(dimension: str, keys: list[str], language: str) -> dict[str, str]:
    """Display names of the grouped keys: form titles, auditors' names; tiers and periods
    are shown as they are (the web translates tiers)."""
    if dimension == "form":
        forms = await Form.filter(id__in=keys).values_list("id", "title")
        return {
            str(form_id): (title or {}).get(language) or (title or {}).get("en") or str(form_id)
            for form_id, title in forms
        }
    if dimension == "auditor":
        users = await User.filter(id__in=keys).values_list("id", "display_name", "username")
        return {str(user_id): name or login for user_id, name, login in users}
    return {key: key for key in keys}
