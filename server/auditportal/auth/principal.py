"""The caller of a request or job, independent of how they authenticated."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    AUDITOR = "auditor"
    CUSTOMER = "customer"
    CONSULTANT = "consultant"
    SERVICE = "service"


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: a user (with a role) or a system actor; or nobody."""

    subject: str
    role: Role | None = None
    user_id: UUID | None = None
    username: str | None = None
    customer_id: UUID | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    is_system: bool = False
    # The OAuth client the token was issued to, and the token's id (for revocation).
    client_id: str | None = None
    token_id: str | None = None
    # Consultants: what their active grants open (customers, forms); empty for others.
    granted_customer_ids: frozenset[UUID] = field(default_factory=frozenset)
    granted_form_ids: frozenset[UUID] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.role is not None or self.is_system

    @property
    def actor(self) -> str:
        """How the audit trail names this caller."""
        return self.subject


ANONYMOUS = Principal(subject="anonymous")


def system_principal(purpose: str) -> Principal:
    """An internal actor (loader, scheduler); allowed everything, named in the audit trail."""
    return Principal(subject=f"system:{purpose}", is_system=True)
