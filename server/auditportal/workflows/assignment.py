"""Who gets the work when an instance enters a state (the ``assign`` action)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from auditportal.auth.models import User
from auditportal.auth.principal import Role
from auditportal.customers.models import AccountAuditor
from auditportal.workflows.models import AssignmentCursor


@dataclass(frozen=True)
class Assignment:
    user_id: UUID | None
    role: str | None


@dataclass(frozen=True)
class Relations:
    """The people an instance is related to, for assignment and relation roles."""

    submitter_id: UUID | None
    account_auditor_id: UUID | None
    assignee_id: UUID | None


async def account_auditor_of(customer_id: UUID | None) -> UUID | None:
    if customer_id is None:
        return None
    link = await AccountAuditor.get_or_none(customer_id=customer_id)
    return link.auditor_id if link else None


async def resolve(recipient: dict[str, Any], relations: Relations) -> Assignment:
    """Call inside the transition's transaction (round robin locks its cursor row)."""
    if "user" in recipient:
        user = await User.get_or_none(username=recipient["user"], is_active=True)
        return Assignment(user.id if user else None, None)
    if "role" in recipient:
        return Assignment(None, recipient["role"])
    if "roundRobin" in recipient:
        return Assignment(await _next_in_turn(Role(recipient["roundRobin"])), None)
    if recipient.get("accountAuditor"):
        if relations.account_auditor_id is not None:
            return Assignment(relations.account_auditor_id, None)
        return Assignment(None, Role.AUDITOR.value)  # no account auditor yet: any auditor
    if recipient.get("submitter"):
        return Assignment(relations.submitter_id, None)
    return Assignment(relations.assignee_id, None)


async def _next_in_turn(role: Role) -> UUID | None:
    """True round robin over active users of the role, ordered by username."""
    cursor, _ = await AssignmentCursor.get_or_create(role=role.value)
    cursor = await AssignmentCursor.select_for_update().get(role=role.value)
    rows = await User.filter(role=role, is_active=True).order_by("username").values_list("id")
    candidates: list[UUID] = [row[0] for row in rows]
    if not candidates:
        return None
    following = candidates[0]
    if cursor.last_user_id in candidates:
        following = candidates[(candidates.index(cursor.last_user_id) + 1) % len(candidates)]
    cursor.last_user_id = following
    await cursor.save(update_fields=["last_user_id"])
    return following
