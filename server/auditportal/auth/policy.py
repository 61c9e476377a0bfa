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
from auditportal.errors import NotAllowed


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
    USERS_MANAGE = "users.manage"
    CLIENTS_MANAGE = "clients.manage"
    GRANTS_MANAGE = "grants.manage"
    AUDIT_READ = "audit.read"
    WORKFLOWS_READ = "workflows.read"
    WORKFLOWS_ACT = "workflows.act"
    # The customer register beyond name and code: tier, risks, credit, communications.
    # Internal to the audit firm: customer users never see their own classification.
    CUSTOMERS_INTERNAL_READ = "customers.internal_read"
    CUSTOMERS_WRITE = "customers.write"
    # Everyday casework on a customer: risks, contacts made, follow-ups.
    CUSTOMERS_CASEWORK = "customers.casework"
    # Tier overrides and the classification rules themselves.
    CUSTOMERS_CLASSIFY = "customers.classify"
    CUSTOMERS_IMPORT = "customers.import"
    CRM_MANAGE = "crm.manage"
    PLANS_READ = "plans.read"
    PLANS_MANAGE = "plans.manage"
    JOBS_READ = "jobs.read"
    # Verification by sampling: plans and draws; re-checking a sampled submission; the
    # data accuracy rates.
    VERIFICATION_MANAGE = "verification.manage"
    VERIFICATION_PERFORM = "verification.perform"
    VERIFICATION_READ = "verification.read"
    # Changing one's own password: every person, never a service account.
    OWN_PASSWORD = "own_password"  # noqa: S105 (a permission name, not a secret)


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
    Permission.USERS_MANAGE: "users:write",
    Permission.CLIENTS_MANAGE: "clients:write",
    Permission.GRANTS_MANAGE: "grants:write",
    Permission.AUDIT_READ: "audit:read",
    Permission.WORKFLOWS_READ: "workflows:read",
    Permission.WORKFLOWS_ACT: "workflows:write",
    Permission.CUSTOMERS_INTERNAL_READ: "customers:read",
    Permission.CUSTOMERS_WRITE: "customers:write",
    Permission.CUSTOMERS_CASEWORK: "customers:write",
    Permission.CUSTOMERS_CLASSIFY: "customers:classify",
    Permission.CUSTOMERS_IMPORT: "customers:import",
    Permission.CRM_MANAGE: "crm:write",
    Permission.PLANS_READ: "plans:read",
    Permission.PLANS_MANAGE: "plans:write",
    Permission.JOBS_READ: "jobs:read",
    Permission.VERIFICATION_MANAGE: "plans:write",
    Permission.VERIFICATION_PERFORM: "submissions:write",
    Permission.VERIFICATION_READ: "plans:read",
    Permission.OWN_PASSWORD: None,
}

ALL_SCOPES: frozenset[str] = frozenset(s for s in PERMISSION_SCOPES.values() if s)

_READ = {
    Permission.SIGNED_IN,
    Permission.FORMS_READ,
    Permission.SUBMISSIONS_READ,
    Permission.CUSTOMERS_READ,
}

# Workflow instances: staff and customers (their own customer's, by the same row scope as
# submissions); the engine then checks each transition's roles. Not consultants: instance
# reads are neither narrowed to granted forms nor audited as consultant reads yet.
_WORKFLOWS = {Permission.WORKFLOWS_READ, Permission.WORKFLOWS_ACT}

# Staff who work on customers: the internal register, casework and the inspection calendar.
_CUSTOMER_STAFF = {
    Permission.CUSTOMERS_INTERNAL_READ,
    Permission.CUSTOMERS_CASEWORK,
    Permission.PLANS_READ,
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
            Permission.AUDIT_READ,
            Permission.OWN_PASSWORD,
            *_WORKFLOWS,
            *_CUSTOMER_STAFF,
            Permission.CUSTOMERS_WRITE,
            Permission.CUSTOMERS_CLASSIFY,
            Permission.CUSTOMERS_IMPORT,
            Permission.JOBS_READ,
            Permission.VERIFICATION_MANAGE,
            Permission.VERIFICATION_PERFORM,
            Permission.VERIFICATION_READ,
        }
    ),
    Role.AUDITOR: frozenset(
        _READ
        | {
            Permission.SUBMISSIONS_CREATE,
            Permission.SUBMISSIONS_REVISE,
            Permission.SENSITIVE_READ,
            Permission.OWN_PASSWORD,
            *_WORKFLOWS,
            *_CUSTOMER_STAFF,
            Permission.VERIFICATION_PERFORM,
        }
    ),
    # Customers see their own rows only (RowScope) and their own sensitive answers.
    Role.CUSTOMER: frozenset(
        _READ
        | {
            Permission.SUBMISSIONS_CREATE,
            Permission.SUBMISSIONS_REVISE,
            Permission.SENSITIVE_READ,
            Permission.OWN_PASSWORD,
            *_WORKFLOWS,
        }
    ),
    # Consultants never write and never see sensitive values; grants arrive with identity.
    # Consultants read the internal register of the customers they were granted (audited).
    Role.CONSULTANT: frozenset(
        _READ | {Permission.OWN_PASSWORD, Permission.CUSTOMERS_INTERNAL_READ}
    ),
    # A CRM or data tool may push customer profiles when its client was given the scope.
    Role.SERVICE: frozenset(
        _READ
        | {
            Permission.SUBMISSIONS_CREATE,
            Permission.WORKFLOWS_READ,
            Permission.CUSTOMERS_INTERNAL_READ,
            Permission.CUSTOMERS_WRITE,
        }
    ),
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


def require(principal: Principal, permission: Permission) -> None:
    """The guard every service function that takes a principal starts with.

    GraphQL, the CLI and jobs all reach the services, so the check lives here rather than
    in resolvers; an anonymous caller is told to sign in, anyone else that they may not.
    """
    if allows(principal, permission):
        return
    if not principal.is_authenticated:
        raise NotAllowed("error.unauthenticated")
    raise NotAllowed("error.not_allowed")


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
    have been written by ``submitter_id``, and, when ``form_ids`` is not empty, answer one
    of those forms (a consultant's grant naming forms). ``customer_audience_only``
    (customer users): never rows about a form version for staff only, such as the staff's
    credit assessment or inspection checklist of the customer's own company. An empty
    scope sees nothing. ``auth.scoping`` turns a scope into SQL for any model.
    """

    everything: bool = False
    customer_ids: frozenset[UUID] = frozenset()
    submitter_id: UUID | None = None
    form_ids: frozenset[UUID] = frozenset()
    customer_audience_only: bool = False

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
        # Their own customer's rows, and of those only what forms offered to them show.
        return RowScope(
            customer_ids=frozenset({principal.customer_id}), customer_audience_only=True
        )
    if principal.role is Role.CONSULTANT:
        # Active grants only (expired and revoked ones never reach the principal); a grant
        # without customers opens no customer-owned data.
        return RowScope(
            customer_ids=principal.granted_customer_ids, form_ids=principal.granted_form_ids
        )
    return RowScope()


@dataclass(frozen=True)
class FormScope:
    """Which forms (and so which of their versions) a caller may see.

    ``drafts``: designers see every form, published or not. Otherwise only published
    forms, narrowed to those offered to customers (``customers_only``) or to ``form_ids``
    (a consultant's grant naming forms). ``nothing``: no form at all.
    """

    drafts: bool = False
    customers_only: bool = False
    form_ids: frozenset[UUID] = frozenset()
    nothing: bool = False


def form_scope(principal: Principal) -> FormScope:
    if not allows(principal, Permission.FORMS_READ):
        return FormScope(nothing=True)
    if allows(principal, Permission.FORMS_DESIGN):
        return FormScope(drafts=True)
    if principal.role is Role.CUSTOMER:
        return FormScope(customers_only=True)
    if principal.role is Role.CONSULTANT:
        if not principal.granted_customer_ids and not principal.granted_form_ids:
            return FormScope(nothing=True)
        return FormScope(form_ids=principal.granted_form_ids)
    return FormScope()


def customer_scope(principal: Principal) -> RowScope:
    """Which customers a caller may see: staff all, customers their own, consultants granted."""
    if not allows(principal, Permission.CUSTOMERS_READ):
        return RowScope()
    if principal.role is Role.CUSTOMER:
        if principal.customer_id is None:
            return RowScope()
        return RowScope(customer_ids=frozenset({principal.customer_id}))
    if principal.role is Role.CONSULTANT:
        return RowScope(customer_ids=principal.granted_customer_ids)
    return RowScope(everything=True)


def reads_are_audited(principal: Principal) -> bool:
    """Every record a consultant reads goes to the audit trail."""
    return principal.role is Role.CONSULTANT


def may_use_form_as_customer(principal: Principal, offered_to_customers: bool) -> bool:
    """Customer users fill only the forms offered to them."""
    return principal.role is not Role.CUSTOMER or offered_to_customers


def may_introspect(principal: Principal, *, debug: bool) -> bool:
    """The schema is an admin's tool in production; anyone's while developing."""
    return debug or principal.is_system or principal.role is Role.ADMIN


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


def may_revise(
    principal: Principal,
    *,
    submitter_id: UUID,
    owner_customer_id: UUID | None,
    offered_to_customers: bool,
) -> bool:
    """Corrections: the submitter, staff who review, or a user of the same customer.

    Customer users correct only what they could have submitted: answers to a version
    offered to customers, for their own customer (the same rules as ``submit``).
    """
    if not allows(principal, Permission.SUBMISSIONS_REVISE):
        return False
    if principal.role is Role.CUSTOMER and not (
        may_use_form_as_customer(principal, offered_to_customers)
        and may_submit_for(principal, owner_customer_id)
    ):
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


def internal_customer_scope(principal: Principal) -> RowScope:
    """Which customers' internal register (tier, risks, credit, contacts made) a caller sees."""
    if not allows(principal, Permission.CUSTOMERS_INTERNAL_READ):
        return RowScope()
    return customer_scope(principal)
