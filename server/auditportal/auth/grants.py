"""What a consultant's active grants open up, read when their request is authenticated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from auditportal.auth.models import ConsultantGrant


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
