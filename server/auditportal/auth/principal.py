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


class PrincipalCache:
    """Principals by access-token id (``jti``), kept for a few seconds (issue 11).

    A cached entry stands for "this token is not revoked and its user, role and grants are
    these": authentication then costs no SQL in the steady state. Entries are dropped at
    once in this process when the token is revoked, when its user changes (role, customer,
    deactivation) and when a consultant's grants change; other server processes see such a
    change within ``ttl`` seconds at the latest. Never longer than the token's own expiry.
    """

    def __init__(self, ttl: float = 5.0, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._entries: dict[str, tuple[float, Principal]] = {}

    def get(self, token_id: str, now: float) -> Principal | None:
        entry = self._entries.get(token_id)
        if entry is None:
            return None
        if entry[0] <= now:
            self._entries.pop(token_id, None)
            return None
        return entry[1]

    def put(self, token_id: str, principal: Principal, now: float, token_expires: float) -> None:
        if self.ttl <= 0 or not token_id:
            return
        if len(self._entries) >= self.size:
            self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
            if len(self._entries) >= self.size:
                self._entries.clear()
        self._entries[token_id] = (min(now + self.ttl, token_expires), principal)

    def forget_token(self, token_id: str) -> None:
        self._entries.pop(token_id, None)

    def forget_user(self, user_id: UUID) -> None:
        for key in [k for k, (_, p) in self._entries.items() if p.user_id == user_id]:
            self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


PRINCIPALS = PrincipalCache()
