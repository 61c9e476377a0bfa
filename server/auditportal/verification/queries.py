"""Reads of the verification domain: the population of a period, and the accuracy aggregates.

The accuracy rates are SQL aggregates (sums of verified fields and of discrepancies, grouped
by one dimension); only the grouped rows reach Python, for the Wilson interval.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.expressions import Q
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


async def population(form_ids: list[UUID], period: Period) -> Population:
    """First revisions (not corrections) of the forms, submitted in the period, by tier of
    their customer now; submissions without a customer are not sampled.

    On PostgreSQL the ids come grouped by tier as text arrays (a month is ~100,000 rows: the
    ORM's per-row conversions cost seconds) and only the drawn rows are read in full;
    elsewhere the ORM reads them all. Both give the same ids as text, and the draw sorts
    them itself, so the sample does not depend on the backend."""
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        _, rows = await connection.execute_query(
            _POPULATION_SQL, [form_ids, period.start, period.end]
        )
        return Population({str(row[0]): list(row[1]) for row in rows}, None)
    tuples = await Submission.filter(
        form_id__in=form_ids,
        submitted_at__gte=period.start,
        submitted_at__lt=period.end,
        revises_id=None,
        customer_id__isnull=False,
    ).values_list("id", "customer__tier", "submitted_by_id", "customer_id", "form_id")
    by_tier: dict[str, list[str]] = defaultdict(list)
    details: dict[str, Candidate] = {}
    for submission_id, tier, submitter, customer, form in tuples:
        tier_text = str(getattr(tier, "value", tier))
        by_tier[tier_text].append(str(submission_id))
        details[str(submission_id)] = Candidate(
            _uuid(submission_id), tier_text, _uuid(submitter), _uuid(customer), _uuid(form)
        )
    return Population(dict(by_tier), details)


class Population:
    """The period's submission ids (text) by tier; the drawn ones are read in full."""

    def __init__(self, by_tier: dict[str, list[str]], details: dict[str, Candidate] | None):
        self.by_tier = by_tier
        self._details = details

    async def candidates(self, picked: dict[str, list[str]]) -> dict[str, Candidate]:
        if self._details is not None:
            return {i: self._details[i] for ids in picked.values() for i in ids}
        tier_of = {i: tier for tier, ids in picked.items() for i in ids}
        connection = connections.get("default")
        _, rows = await connection.execute_query(
            "SELECT id::text, submitted_by_id, customer_id, form_id FROM submissions "
            "WHERE id = ANY($1::uuid[])",
            [[UUID(i) for i in tier_of]],
        )
        return {
            row[0]: Candidate(
                UUID(row[0]), tier_of[row[0]], _uuid(row[1]), _uuid(row[2]), _uuid(row[3])
            )
            for row in rows
        }


_POPULATION_SQL = """
SELECT c.tier, array_agg(s.id::text)
FROM submissions s JOIN customers c ON c.id = s.customer_id
WHERE s.form_id = ANY($1::uuid[]) AND s.submitted_at >= $2 AND s.submitted_at < $3
  AND s.revises_id IS NULL
GROUP BY c.tier
"""


async def insert_items(rows: list[dict[str, Any]]) -> None:
    """The drawn verification rows: one ``unnest`` INSERT on PostgreSQL, else bulk_create."""
    if not rows:
        return
    connection = connections.get("default")
    if connection.capabilities.dialect != "postgres":
        await Verification.bulk_create([Verification(**row) for row in rows], batch_size=1000)
        return
    columns = ("id", "draw_id", "submission_id", "form_id", "customer_id", "submitted_by_id")
    texts = ("tier", "period")
    await connection.execute_query(
        "INSERT INTO verifications (id, draw_id, submission_id, form_id, customer_id, "
        "submitted_by_id, verifier_id, tier, period, status, fields_verified, "
        "discrepancy_count) SELECT *, 'assigned', 0, 0 FROM unnest($1::uuid[], $2::uuid[], "
        "$3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[])",
        [
            *[[row[name] for row in rows] for name in columns],
            [row["verifier_id"] for row in rows],
            *[[row[name] for row in rows] for name in texts],
        ],
    )


def _uuid(value: Any) -> Any:
    return value if value is None or isinstance(value, UUID) else UUID(str(value))


VERIFIER_ROLES = (Role.AUDITOR, Role.MANAGER)


def _staff_query(ids: list[UUID] | None = None, teams: list[str] | None = None) -> Any:
    query = User.filter(role__in=list(VERIFIER_ROLES), is_active=True)
    if ids and teams:
        return query.filter(Q(id__in=ids) | Q(team__in=teams))
    if ids:
        return query.filter(id__in=ids)
    if teams:
        return query.filter(team__in=teams)
    return query


async def staff(
    *, ids: list[UUID] | None = None, teams: list[str] | None = None
) -> list[tuple[UUID, Role, str | None]]:
    """Active auditors and managers (id, role, team): of these ids or teams, else all."""
    rows = await _staff_query(ids, teams).values_list("id", "role", "team")
    return [(_uuid(i), Role(getattr(r, "value", r)), team) for i, r, team in rows]


async def staff_named() -> list[tuple[UUID, Role, str | None, str]]:
    """Every active auditor and manager with their display name, by name."""
    rows = (
        await _staff_query()
        .order_by("display_name", "username")
        .values_list("id", "role", "team", "display_name", "username")
    )
    return [
        (_uuid(i), Role(getattr(r, "value", r)), team, name or login)
        for i, r, team, name, login in rows
    ]


async def verifier_pool(
    ids: list[UUID] | None = None, teams: list[str] | None = None
) -> list[tuple[UUID, Role]]:
    """Active auditors, then managers (who verify only what no auditor may): the named
    users and teams' staff when the plan names any, else everyone."""
    return [(user_id, role) for user_id, role, _ in await staff(ids=ids, teams=teams)]


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


# What a My work item needs of an open verification: one query, the draw's due moment and
# the form's title joined in.
OPEN_COLUMNS = (
    "id", "period", "customer_id", "submission_id", "draw__due_at", "draw__drawn_at",
    "submission__form__title", "submission__form_version_id",
)  # fmt: skip


async def open_for(user_id: UUID, limit: int) -> list[dict[str, Any]]:
    """The verifications assigned to the user and not recorded yet, oldest period first."""
    query = Verification.filter(verifier_id=user_id, status=VerificationStatus.ASSIGNED)
    return list(await query.order_by("period", "id").limit(limit).values(*OPEN_COLUMNS))
