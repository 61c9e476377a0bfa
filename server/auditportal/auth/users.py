"""User accounts: creation, administration, passwords, and the account behind a principal.

Administration writes check policy, validate every field (all problems at once, with their
paths), and commit together with their audit event.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import User
from auditportal.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from auditportal.auth.policy import Permission, allows, require
from auditportal.auth.principal import PRINCIPALS, Principal, Role
from auditportal.customers.models import Customer
from auditportal.errors import Conflict, FieldIssue, NotAllowed, NotFound, ValidationFailed
from auditportal.pagination import Page, PageRequest, paginate

SYSTEM_USERNAME = "system"
MAX_PASSWORD_LENGTH = 256
_USERNAME = re.compile(r"^[^\s]{1,150}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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


def _password_issues(field: str, password: str) -> list[FieldIssue]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [FieldIssue((field,), "user.password_too_short", {"min": MIN_PASSWORD_LENGTH})]
    if len(password) > MAX_PASSWORD_LENGTH:
        return [FieldIssue((field,), "user.password_too_long", {"max": MAX_PASSWORD_LENGTH})]
    return []


def _email_issues(email: str | None) -> list[FieldIssue]:
    if email is not None and (len(email) > 254 or not _EMAIL.match(email)):
        return [FieldIssue(("email",), "user.email_invalid", {"email": email})]
    return []


async def _binding_issues(
    principal: Principal, role: Role, customer_id: UUID | None
) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if role is Role.SERVICE and not principal.is_system:
        issues.append(FieldIssue(("role",), "user.service_role_reserved"))
    if role is Role.CUSTOMER and customer_id is None:
        issues.append(FieldIssue(("customerId",), "user.customer_required"))
    elif role is not Role.CUSTOMER and customer_id is not None:
        issues.append(FieldIssue(("customerId",), "user.customer_only_for_customers"))
    elif customer_id is not None and not await Customer.exists(id=customer_id):
        issues.append(FieldIssue(("customerId",), "user.customer_not_found"))
    return issues


def _fail(issues: list[FieldIssue]) -> None:
    if issues:
        raise ValidationFailed("user.invalid", issues, count=len(issues))


async def create_user(
    principal: Principal,
    *,
    username: str,
    role: Role,
    display_name: str = "",
    email: str | None = None,
    password: str | None = None,
    customer_id: UUID | None = None,
    one_time: bool = False,
) -> User:
    """``one_time``: the password was generated for someone else to hand over; the holder
    must replace it at their first sign-in."""
    if not principal.is_system:
        require(principal, Permission.USERS_MANAGE)
    issues: list[FieldIssue] = []
    if not _USERNAME.match(username):
        issues.append(FieldIssue(("username",), "user.username_invalid"))
    if len(display_name) > 200:
        issues.append(FieldIssue(("displayName",), "user.display_name_too_long", {"max": 200}))
    issues += _email_issues(email)
    if password is not None:
        issues += _password_issues("password", password)
    issues += await _binding_issues(principal, role, customer_id)
    _fail(issues)
    if await User.exists(username=username):
        raise Conflict("user.username_taken", username=username)
    async with in_transaction():
        user = await User.create(
            username=username,
            role=role,
            display_name=display_name or username,
            email=email,
            password_hash=hash_password(password) if password else None,
            password_changed_at=datetime.now(UTC) if password else None,
            customer_id=customer_id if role is Role.CUSTOMER else None,
            must_change_password=one_time and password is not None,
        )
        await audit.record(
            principal,
            "user.create",
            "User",
            user.id,
            {
                "username": username,
                "role": role.value,
                "customer": str(customer_id or ""),
                "password_set": password is not None,
            },
        )
    return user


@dataclass(frozen=True)
class UserChanges:
    """What an update changes; ``None`` leaves a field as it is (``customer_id``: see below)."""

    display_name: str | None = None
    email: str | None = None
    role: Role | None = None
    # The customer binding; when the role moves away from customer it is cleared anyway.
    customer_id: UUID | None = None
    is_active: bool | None = None


async def update_user(principal: Principal, user_id: UUID, changes: UserChanges) -> User:
    require(principal, Permission.USERS_MANAGE)
    async with in_transaction():
        user = await User.select_for_update().get_or_none(id=user_id)
        if user is None or user.username == SYSTEM_USERNAME:
            raise NotFound("user.not_found")
        role = changes.role or user.role
        if role is Role.CUSTOMER:
            customer_id = changes.customer_id or user.customer_id
        else:
            customer_id = changes.customer_id
        issues: list[FieldIssue] = []
        if changes.display_name is not None and not 1 <= len(changes.display_name) <= 200:
            issues.append(FieldIssue(("displayName",), "user.display_name_too_long", {"max": 200}))
        issues += _email_issues(changes.email)
        if changes.role is not None and (changes.role is Role.SERVICE) != (
            user.role is Role.SERVICE
        ):
            issues.append(FieldIssue(("role",), "user.service_role_reserved"))
        else:
            issues += [
                issue
                for issue in await _binding_issues(principal, role, customer_id)
                if issue.code != "user.service_role_reserved"
            ]
        if principal.user_id == user.id:
            if changes.is_active is False:
                issues.append(FieldIssue(("active",), "user.cannot_demote_self"))
            if changes.role is not None and changes.role is not user.role:
                issues.append(FieldIssue(("role",), "user.cannot_demote_self"))
        _fail(issues)
        before = {
            "display_name": user.display_name,
            "email": user.email,
            "role": user.role.value,
            "customer": str(user.customer_id or ""),
            "active": user.is_active,
        }
        if changes.display_name is not None:
            user.display_name = changes.display_name
        if changes.email is not None:
            user.email = changes.email or None
        user.role = role
        user.customer_id = customer_id if role is Role.CUSTOMER else None
        if changes.is_active is not None:
            user.is_active = changes.is_active
        after = {
            "display_name": user.display_name,
            "email": user.email,
            "role": user.role.value,
            "customer": str(user.customer_id or ""),
            "active": user.is_active,
        }
        changed = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
        if changed:
            user.updated_at = datetime.now(UTC)
            await user.save()
            await audit.record(principal, "user.update", "User", user.id, {"changes": changed})
    if changed:
        # Role, customer binding or deactivation: cached principals of this user are stale.
        PRINCIPALS.forget_user(user.id)
    return user


def temporary_password() -> str:
    """A random password well above the minimum length, safe to read out or paste."""
    return secrets.token_urlsafe(15)


async def reset_password(principal: Principal, user_id: UUID) -> tuple[User, str]:
    """Give the account a new random password; returned once, stored only as a hash."""
    require(principal, Permission.USERS_MANAGE)
    password = temporary_password()
    async with in_transaction():
        user = await User.select_for_update().get_or_none(id=user_id)
        if user is None or user.username == SYSTEM_USERNAME:
            raise NotFound("user.not_found")
        if user.role is Role.SERVICE:
            raise NotAllowed("user.service_has_no_password")
        user.password_hash = hash_password(password)
        user.password_changed_at = datetime.now(UTC)
        # Someone else has seen it: the holder replaces it at their next sign-in.
        user.must_change_password = True
        await user.save(
            update_fields=["password_hash", "password_changed_at", "must_change_password"]
        )
        await audit.record(principal, "user.reset_password", "User", user.id, {})
    return user, password


async def change_my_password(principal: Principal, current: str, new: str) -> User:
    require(principal, Permission.OWN_PASSWORD)
    if principal.user_id is None:
        raise NotAllowed("error.not_allowed")
    issues = _password_issues("newPassword", new)
    if not issues and new == current:
        issues.append(FieldIssue(("newPassword",), "user.password_unchanged"))
    async with in_transaction():
        user = await User.select_for_update().get_or_none(id=principal.user_id, is_active=True)
        if user is None:
            raise NotAllowed("error.unknown_user")
        if not verify_password(user.password_hash, current):
            issues.insert(0, FieldIssue(("currentPassword",), "user.wrong_password"))
        _fail(issues)
        user.password_hash = hash_password(new)
        user.password_changed_at = datetime.now(UTC)
        user.must_change_password = False
        await user.save(
            update_fields=["password_hash", "password_changed_at", "must_change_password"]
        )
        await audit.record(principal, "user.change_password", "User", user.id, {})
    return user


async def replace_one_time_password(principal: Principal, new: str) -> User:
    """Set the password of an account that signed in with a one-time password.

    The sign-in page calls it right after checking that password (its signed form proves
    it); it refuses accounts whose password is not one-time, so it is no way around
    ``change_my_password``'s check of the current password.
    """
    require(principal, Permission.OWN_PASSWORD)
    if principal.user_id is None:
        raise NotAllowed("error.not_allowed")
    issues = _password_issues("newPassword", new)
    async with in_transaction():
        user = await User.select_for_update().get_or_none(id=principal.user_id, is_active=True)
        if user is None or not user.must_change_password:
            raise NotAllowed("error.not_allowed")
        if not issues and verify_password(user.password_hash, new):
            issues.append(FieldIssue(("newPassword",), "user.password_unchanged"))
        _fail(issues)
        user.password_hash = hash_password(new)
        user.password_changed_at = datetime.now(UTC)
        user.must_change_password = False
        await user.save(
            update_fields=["password_hash", "password_changed_at", "must_change_password"]
        )
        await audit.record(principal, "user.change_password", "User", user.id, {"oneTime": True})
    return user


# --- reads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserFilter:
    role: Role | None = None
    customer_id: UUID | None = None
    active: bool | None = None
    search: str | None = None


async def list_users(principal: Principal, filters: UserFilter, page: PageRequest) -> Page[User]:
    require(principal, Permission.USERS_READ)
    query = User.exclude(username=SYSTEM_USERNAME)
    if filters.role is not None:
        query = query.filter(role=filters.role)
    if filters.customer_id is not None:
        query = query.filter(customer_id=filters.customer_id)
    if filters.active is not None:
        query = query.filter(is_active=filters.active)
    if filters.search:
        term = filters.search.strip()
        query = query.filter(
            Q(username__icontains=term) | Q(display_name__icontains=term) | Q(email__icontains=term)
        )
    return await paginate(query, ["username", "id"], page)


async def user_by_id(user_id: UUID) -> User | None:
    return await User.get_or_none(id=user_id)


async def visible_user(principal: Principal, user_id: UUID) -> User | None:
    """A user account: people who read users see any, everyone else their own."""
    require(principal, Permission.SIGNED_IN)
    if not (allows(principal, Permission.USERS_READ) or principal.user_id == user_id):
        return None
    found = await User.get_or_none(id=user_id)
    return None if found is None or found.username == SYSTEM_USERNAME else found


async def users_by_ids(ids: Iterable[UUID]) -> dict[UUID, User]:
    return {u.id: u for u in await User.filter(id__in=list(ids))}


async def active_user(user_id: UUID) -> User | None:
    return await User.get_or_none(id=user_id, is_active=True)


async def active_user_by_username(username: str) -> User | None:
    return await User.get_or_none(username=username, is_active=True)
