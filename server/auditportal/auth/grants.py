"""Consultant grants: what a consultant's active grants open, and granting or revoking them.

A grant names customers and/or forms and an expiry. Only unexpired, unrevoked grants count;
they are read when a consultant's request is authenticated (``active_grant_scope``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import ConsultantGrant, User
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import PRINCIPALS, Principal, Role
from auditportal.auth.users import actor_user
from auditportal.customers.models import Customer
from auditportal.errors import Conflict, FieldIssue, NotFound, ValidationFailed
from auditportal.forms.models import Form
from auditportal.pagination import Page, PageRequest, paginate

MAX_REASON_LENGTH = 2000


@dataclass(frozen=True)
class GrantScope:
    customer_ids: frozenset[UUID]
    form_ids: frozenset[UUID]


async def active_grant_scope(consultant_id: UUID, now: datetime | None = None) -> GrantScope:
    """The union of the consultant's unexpired, unrevoked grants (empty when there are none)."""
    moment = now or datetime.now(UTC)
    grants = await ConsultantGrant.filter(
        consultant_id=consultant_id, revoked_at__isnull=True, expires_at__gt=moment
    ).values_list("customer_ids", "form_ids")
    customers: set[UUID] = set()
    forms: set[UUID] = set()
    for customer_ids, form_ids in grants:
        customers.update(UUID(str(value)) for value in customer_ids or [])
        forms.update(UUID(str(value)) for value in form_ids or [])
    return GrantScope(frozenset(customers), frozenset(forms))


async def _missing(model: type[Customer] | type[Form], ids: Sequence[UUID]) -> set[UUID]:
    found = set(await model.filter(id__in=list(ids)).values_list("id", flat=True))
    return {i for i in ids if i not in {UUID(str(f)) for f in found}}


async def grant_access(
    principal: Principal,
    *,
    consultant_id: UUID,
    customer_ids: Sequence[UUID],
    form_ids: Sequence[UUID],
    expires_at: datetime,
    reason: str = "",
) -> ConsultantGrant:
    """Open customers and/or forms to a consultant until ``expires_at``."""
    require(principal, Permission.GRANTS_MANAGE)
    granter = await actor_user(principal)
    issues: list[FieldIssue] = []
    consultant = await User.get_or_none(id=consultant_id)
    if consultant is None:
        raise NotFound("grant.consultant_not_found")
    if consultant.role is not Role.CONSULTANT:
        issues.append(FieldIssue(("consultantId",), "grant.not_a_consultant"))
    if not consultant.is_active:
        issues.append(FieldIssue(("consultantId",), "grant.consultant_inactive"))
    moment = expires_at if expires_at.tzinfo else expires_at.replace(tzinfo=UTC)
    if moment <= datetime.now(UTC):
        issues.append(FieldIssue(("expiresAt",), "grant.expiry_in_past"))
    if not customer_ids and not form_ids:
        issues.append(FieldIssue(("customerIds",), "grant.empty"))
    customers = list(dict.fromkeys(customer_ids))
    forms = list(dict.fromkeys(form_ids))
    missing_customers = await _missing(Customer, customers)
    issues += [
        FieldIssue(("customerIds", i), "grant.customer_not_found")
        for i, value in enumerate(customers)
        if value in missing_customers
    ]
    missing_forms = await _missing(Form, forms)
    issues += [
        FieldIssue(("formIds", i), "grant.form_not_found")
        for i, value in enumerate(forms)
        if value in missing_forms
    ]
    if len(reason) > MAX_REASON_LENGTH:
        issues.append(FieldIssue(("reason",), "grant.reason_too_long", {"max": MAX_REASON_LENGTH}))
    if issues:
        raise ValidationFailed("grant.invalid", issues, count=len(issues))
    async with in_transaction():
        grant = await ConsultantGrant.create(
            consultant_id=consultant.id,
            customer_ids=[str(c) for c in customers],
            form_ids=[str(f) for f in forms],
            reason=reason,
            expires_at=moment,
            granted_by_id=granter.id,
        )
        await audit.record(
            principal,
            "grant.create",
            "ConsultantGrant",
            grant.id,
            {
                "consultant": consultant.username,
                "customers": grant.customer_ids,
                "forms": grant.form_ids,
                "expires_at": moment.isoformat(),
                "reason": reason,
            },
        )
    PRINCIPALS.forget_user(consultant.id)  # the consultant's cached scope is stale
    return grant


async def revoke_grant(principal: Principal, grant_id: UUID) -> ConsultantGrant:
    require(principal, Permission.GRANTS_MANAGE)
    revoker = await actor_user(principal)
    async with in_transaction():
        grant = await ConsultantGrant.select_for_update().get_or_none(id=grant_id)
        if grant is None:
            raise NotFound("grant.not_found")
        if grant.revoked_at is not None:
            raise Conflict("grant.already_revoked")
        grant.revoked_at = datetime.now(UTC)
        grant.revoked_by_id = revoker.id
        await grant.save(update_fields=["revoked_at", "revoked_by_id", "updated_at"])
        await audit.record(principal, "grant.revoke", "ConsultantGrant", grant.id, {})
    PRINCIPALS.forget_user(grant.consultant_id)  # the consultant's cached scope is stale
    return grant


@dataclass(frozen=True)
class GrantFilter:
    consultant_id: UUID | None = None
    active_only: bool = False


async def grant(principal: Principal, grant_id: UUID) -> ConsultantGrant | None:
    require(principal, Permission.GRANTS_MANAGE)
    return await ConsultantGrant.get_or_none(id=grant_id)


async def list_grants(
    principal: Principal, filters: GrantFilter, page: PageRequest
) -> Page[ConsultantGrant]:
    require(principal, Permission.GRANTS_MANAGE)
    query = ConsultantGrant.all()
    if filters.consultant_id is not None:
        query = query.filter(consultant_id=filters.consultant_id)
    if filters.active_only:
        query = query.filter(revoked_at__isnull=True, expires_at__gt=datetime.now(UTC))
    return await paginate(query, ["-created_at", "-id"], page)


def is_active(grant: ConsultantGrant, now: datetime | None = None) -> bool:
    return grant.revoked_at is None and grant.expires_at > (now or datetime.now(UTC))


@dataclass(frozen=True)
class GrantSummary:
    """What a consultant's active grants open, for the portal's header."""

    grants: int
    customer_ids: frozenset[UUID]
    form_ids: frozenset[UUID]
    # The earliest end among the active grants: when the consultant first loses access.
    expires_at: datetime
    last_expires_at: datetime


async def own_grant_summary(principal: Principal) -> GrantSummary | None:
    """The caller's own active grants in one summary; None for anyone but a consultant
    with at least one active grant."""
    require(principal, Permission.SIGNED_IN)
    if principal.role is not Role.CONSULTANT or principal.user_id is None:
        return None
    rows = await ConsultantGrant.filter(
        consultant_id=principal.user_id, revoked_at__isnull=True, expires_at__gt=datetime.now(UTC)
    ).values_list("customer_ids", "form_ids", "expires_at")
    if not rows:
        return None
    customers: set[UUID] = set()
    forms: set[UUID] = set()
    for customer_ids, form_ids, _ in rows:
        customers.update(UUID(str(value)) for value in customer_ids or [])
        forms.update(UUID(str(value)) for value in form_ids or [])
    ends = [expires for _, _, expires in rows]
    return GrantSummary(len(rows), frozenset(customers), frozenset(forms), min(ends), max(ends))
