"""User accounts: creation, lookup, and the account that stands for a principal."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import User
from auditportal.auth.passwords import hash_password
from auditportal.auth.principal import Principal, Role
from auditportal.errors import Conflict, NotAllowed, NotFound

SYSTEM_USERNAME = "system"


async def actor_user(principal: Principal) -> User:
    """The account to record as author: the caller's, or the built-in system account."""
    if principal.user_id is not None:
        user = await User.get_or_none(id=principal.user_id, is_active=True)
        if user is None:
            raise NotAllowed("error.unknown_user")
        return user
    if principal.is_system:
        user, _ = await User.get_or_create(
            username=SYSTEM_USERNAME,
            defaults={"role": Role.ADMIN, "display_name": "System", "is_active": False},
        )
        return user
    raise NotAllowed("error.unauthenticated")


async def create_user(
    principal: Principal,
    *,
    username: str,
    role: Role,
    display_name: str = "",
    email: str | None = None,
    password: str | None = None,
    customer_id: UUID | None = None,
) -> User:
    if not principal.is_system and principal.role is not Role.ADMIN:
        raise NotAllowed("error.not_allowed")
    if role is Role.CUSTOMER and customer_id is None:
        raise NotFound("submission.customer_not_found")
    if await User.exists(username=username):
        raise Conflict("user.username_taken", username=username)
    async with in_transaction():
        user = await User.create(
            username=username,
            role=role,
            display_name=display_name or username,
            email=email,
            password_hash=hash_password(password) if password else None,
            customer_id=customer_id if role is Role.CUSTOMER else None,
        )
        await audit.record(
            principal,
            "user.create",
            "User",
            user.id,
            {"username": username, "role": role.value, "customer": str(customer_id or "")},
        )
    return user


async def users_by_ids(ids: Iterable[UUID]) -> dict[UUID, User]:
    return {u.id: u for u in await User.filter(id__in=list(ids))}


async def active_user(user_id: UUID) -> User | None:
    return await User.get_or_none(id=user_id, is_active=True)


async def active_user_by_username(username: str) -> User | None:
    return await User.get_or_none(username=username, is_active=True)
