"""The one place that decides who may do what.

Roles grant permissions; OAuth scopes on a token narrow them further. Row-level visibility
is returned as plain data (``RowScope``) that the query modules turn into SQL filters, so
this module imports no domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from auditportal.auth.principal import Principal, Role


class Permission(StrEnum):
    SIGNED_IN = "signed_in"
    FORMS_READ = "forms.read"
    FORMS_DESIGN = "forms.design"
    SUBMISSIONS_READ = "submissions.read"
    SUBMISSIONS_CREATE = "submissions.create"
    SUBMISSIONS_REVISE = "submissions.revise"
    SENSITIVE_READ = "sensitive.read"
    CUSTOMERS_READ = "customers.read"
    USERS_READ = "users.read"


# The OAuth scope a token must carry for each permission (None: no scope needed).
PERMISSION_SCOPES: dict[Permission, str | None] = {
    Permission.SIGNED_IN: None,
    Permission.FORMS_READ: "forms:read",
    Permission.FORMS_DESIGN: "forms:write",
    Permission.SUBMISSIONS_READ: "submissions:read",
    Permission.SUBMISSIONS_CREATE: "submissions:write",
    Permission.SUBMISSIONS_REVISE: "submissions:write",
    Permission.SENSITIVE_READ: "submissions:read",
    Permission.CUSTOMERS_READ: "customers:read",
    Permission.USERS_READ: "users:read",
}

ALL_SCOPES: frozenset[str] = frozenset(s for s in PERMISSION_SCOPES.values() if s)

_READ = {
    Permission.SIGNED_IN,
    Permission.FORMS_READ,
    Permission.SUBMISSIONS_READ,
    Permission.CUSTOMERS_READ,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.MANAGER: frozenset(
        _READ
        | {
            Permission.SUBMISSIONS_CREATE,
            Permission.SUBMISSIONS_REVISE,
            Permission.SENSITIVE_READ,
            Permission.USERS_READ,
        }
    ),
    Role.AUDITOR: frozenset(
        _READ
        | {
            Permission.SUBMISSIONS_CREATE,
            Permission.SUBMISSIONS_REVISE,
            Permission.SENSITIVE_READ,
        }
    ),
    # Customers see their own rows only (RowScope) and their own sensitive answers.
    Role.CUSTOMER: frozenset(
        _READ
        | {Permission.SUBMISSIONS_CREATE, Permission.SUBMISSIONS_REVISE, Permission.SENSITIVE_READ}
    ),
    # Consultants never write and never see sensitive values; grants arrive with identity.
    Role.CONSULTANT: frozenset(_READ),
    Role.SERVICE: frozenset(_READ | {Permission.SUBMISSIONS_CREATE}),
}


def allows(principal: Principal, permission: Permission) -> bool:
    """Whether the caller's role grants ``permission`` and their token's scopes admit it."""
    if principal.is_system:
        return True
    if principal.role is None:
        return False
    if permission not in ROLE_PERMISSIONS[principal.role]:
        return False
    scope = PERMISSION_SCOPES[permission]
    return scope is None or scope in principal.scopes


def default_scopes(role: Role) -> frozenset[str]:
    """Every scope the role could use: what a first-party sign-in asks for."""
    return frozenset(
        scope
        for permission in ROLE_PERMISSIONS[role]
        if (scope := PERMISSION_SCOPES[permission]) is not None
    )


@dataclass(frozen=True)
class RowScope:
    """Which rows of customer-owned data a caller may see.

    ``everything`` is true for staff; otherwise rows must belong to ``customer_ids`` or
    have been written by ``submitter_id``. An empty scope sees nothing.
    """

    everything: bool = False
    customer_ids: frozenset[UUID] = frozenset()
    submitter_id: UUID | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and not self.customer_ids and self.submitter_id is None


def submission_scope(principal: Principal) -> RowScope:
    if not allows(principal, Permission.SUBMISSIONS_READ):
        return RowScope()
    if principal.is_system or principal.role in (
        Role.ADMIN,
        Role.MANAGER,
        Role.AUDITOR,
        Role.SERVICE,
    ):
        return RowScope(everything=True)
    if principal.role is Role.CUSTOMER and principal.customer_id is not None:
        return RowScope(customer_ids=frozenset({principal.customer_id}))
    # Consultants: nothing until the identity work adds their explicit grants.
    return RowScope()


def may_see_sensitive(
    principal: Principal, *, owner_customer_id: UUID | None, submitter_id: UUID | None
) -> bool:
    """Plaintext of sensitive answers: staff with the right, or the customer it belongs to."""
    if not allows(principal, Permission.SENSITIVE_READ):
        return False
    if principal.role is Role.CUSTOMER:
        return (
            principal.customer_id is not None and principal.customer_id == owner_customer_id
        ) or (principal.user_id is not None and principal.user_id == submitter_id)
    return True


def may_revise(principal: Principal, *, submitter_id: UUID, owner_customer_id: UUID | None) -> bool:
    """Corrections: the submitter, staff who review, or a user of the same customer."""
    if not allows(principal, Permission.SUBMISSIONS_REVISE):
        return False
    if principal.is_system or principal.role in (Role.ADMIN, Role.MANAGER):
        return True
    if principal.user_id == submitter_id:
        return True
    return principal.role is Role.CUSTOMER and principal.customer_id == owner_customer_id


def may_submit_for(principal: Principal, customer_id: UUID | None) -> bool:
    """Customer users submit only for their own customer; staff for any."""
    if principal.role is Role.CUSTOMER:
        return customer_id is not None and customer_id == principal.customer_id
    return True
