"""The OAuth server's data: plain snapshots Authlib works on, and async functions that read
and write them (each write together with its audit event, in one transaction).

The snapshots implement Authlib's model mixins without touching the database, so the
synchronous Authlib code never needs the ORM; only the hook functions do (via the bridge).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin  # type: ignore[import-untyped]
from authlib.oidc.core import AuthorizationCodeMixin  # type: ignore[import-untyped]
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.clients import CONFIDENTIAL_METHODS, PUBLIC
from auditportal.auth.models import (
    AuthorizationCode,
    OAuthClient,
    RefreshToken,
    RevokedAccessToken,
    User,
)
from auditportal.auth.passwords import verify_password
from auditportal.auth.principal import PRINCIPALS, Principal, Role, system_principal
from auditportal.auth.tokens import AccessClaims, revoke_access_token
from auditportal.settings import Settings

CLIENT_ID_MAX_LENGTH = 100  # OAuthClient.client_id


def token_hash(value: str) -> str:
    """Codes and refresh tokens are random and long: a plain SHA-256 is the right hash."""
    return hashlib.sha256(value.encode()).hexdigest()


def oauth_actor(client_id: str) -> Principal:
    return system_principal(f"oauth:{client_id}")


def user_actor(user: Account) -> Principal:
    return Principal(subject=f"user:{user.username}", role=user.role, user_id=user.id)


@dataclass(frozen=True)
class Account:
    """The signed-in person, as Authlib's ``user``."""

    id: UUID
    username: str
    display_name: str
    email: str | None
    role: Role
    preferred_language: str
    auth_time: int = 0

    @classmethod
    def of(cls, user: User, auth_time: int = 0) -> Account:
        return cls(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            email=user.email,
            role=user.role,
            preferred_language=user.preferred_language,
            auth_time=auth_time,
        )

    def get_user_id(self) -> str:
        return str(self.id)


@dataclass(frozen=True)
class Client(ClientMixin):  # type: ignore[misc]
    client_id: str
    name: str
    secret_hash: str | None
    auth_method: str
    grant_types: tuple[str, ...]
    redirect_uris: tuple[str, ...]
    allowed_scopes: tuple[str, ...]
    first_party: bool
    service_user_id: UUID | None

    @classmethod
    def of(cls, row: OAuthClient) -> Client:
        return cls(
            client_id=row.client_id,
            name=row.name,
            secret_hash=row.secret_hash,
            auth_method=row.token_endpoint_auth_method,
            grant_types=tuple(row.grant_types or []),
            redirect_uris=tuple(row.redirect_uris or []),
            allowed_scopes=tuple(row.allowed_scopes or []),
            first_party=row.first_party,
            service_user_id=row.service_user_id,
        )

    @property
    def confidential(self) -> bool:
        return self.auth_method != PUBLIC and self.secret_hash is not None

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.redirect_uris[0] if len(self.redirect_uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str | None:
        """What was asked for and is allowed (all allowed when nothing was asked for)."""
        allowed = set(self.allowed_scopes)
        if not scope:
            return " ".join(sorted(allowed))
        granted = allowed & set(scope.split())
        return " ".join(sorted(granted)) if granted else None

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris  # exact match only

    def check_client_secret(self, client_secret: str) -> bool:
        return self.secret_hash is not None and verify_password(self.secret_hash, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if method == PUBLIC:
            # Public clients use the token endpoint and revoke their own tokens; they never
            # introspect (that needs a secret).
            return not self.confidential and endpoint in ("token", "revocation")
        return self.confidential and method in CONFIDENTIAL_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and "authorization_code" in self.grant_types

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grant_types


@dataclass(frozen=True)
class Code(AuthorizationCodeMixin):  # type: ignore[misc]
    id: UUID
    user_id: UUID
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str
    code_challenge_method: str
    auth_time: int

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> str | None:
        return None

    def get_amr(self) -> list[str] | None:
        return None


@dataclass(frozen=True)
class Refresh(TokenMixin):  # type: ignore[misc]
    id: UUID
    family_id: UUID
    client_id: str
    user_id: UUID
    scope: str
    auth_time: int
    issued_at: int
    expires_at: int
    revoked: bool

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return self.expires_at - self.issued_at

    def is_expired(self) -> bool:
        return self.expires_at <= time.time()

    def is_revoked(self) -> bool:
        return self.revoked


@dataclass(frozen=True)
class Access(TokenMixin):  # type: ignore[misc]
    claims: AccessClaims
    revoked: bool

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.claims.client_id

    def get_scope(self) -> str:
        return " ".join(sorted(self.claims.scopes))

    def get_expires_in(self) -> int:
        return self.claims.expires_at - self.claims.issued_at

    def is_expired(self) -> bool:
        return self.claims.expires_at <= time.time()

    def is_revoked(self) -> bool:
        return self.revoked


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


# --- reads -------------------------------------------------------------------------------


async def find_client(client_id: str) -> Client | None:
    # A client id from a Basic authorization header is not checked where the parameters
    # are: one that no column can hold names no client (and must not reach the database).
    if len(client_id) > CLIENT_ID_MAX_LENGTH or "\x00" in client_id:
        return None
    row = await OAuthClient.get_or_none(client_id=client_id, is_active=True)
    return Client.of(row) if row else None


async def find_account(user_id: UUID, auth_time: int = 0) -> Account | None:
    user = await User.get_or_none(id=user_id, is_active=True)
    return Account.of(user, auth_time) if user else None


async def nonce_used(client_id: str, nonce: str) -> bool:
    return await AuthorizationCode.exists(client__client_id=client_id, nonce=nonce)


# --- authorization codes -----------------------------------------------------------------


async def save_code(
    settings: Settings,
    code: str,
    client: Client,
    user: Account,
    *,
    redirect_uri: str,
    scope: str,
    nonce: str | None,
    code_challenge: str,
    code_challenge_method: str,
) -> None:
    now = datetime.now(UTC)
    async with in_transaction():
        # Housekeeping: codes long expired serve nothing (not even nonce-replay checks).
        await AuthorizationCode.filter(expires_at__lt=now - timedelta(days=1)).delete()
        client_row = await OAuthClient.get(client_id=client.client_id)
        row = await AuthorizationCode.create(
            code_hash=token_hash(code),
            client=client_row,
            user_id=user.id,
            redirect_uri=redirect_uri,
            scope=scope,
            nonce=nonce,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method,
            auth_time=datetime.fromtimestamp(user.auth_time or time.time(), UTC),
            expires_at=now + timedelta(seconds=settings.authorization_code_ttl_seconds),
        )
        await audit.record(
            user_actor(user),
            "oauth.authorize",
            "AuthorizationCode",
            row.id,
            {"client_id": client.client_id, "scope": scope},
        )


async def claim_code(code: str, client: Client) -> Code | None:
    """Use a code once: atomically mark it used; None when unknown, used or expired."""
    now = datetime.now(UTC)
    async with in_transaction():
        row = await AuthorizationCode.get_or_none(
            code_hash=token_hash(code), client__client_id=client.client_id
        )
        if row is None:
            return None
        claimed = await AuthorizationCode.filter(
            id=row.id, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        if claimed != 1:
            return None
    return Code(
        id=row.id,
        user_id=row.user_id,
        redirect_uri=row.redirect_uri,
        scope=row.scope,
        nonce=row.nonce,
        code_challenge=row.code_challenge,
        code_challenge_method=row.code_challenge_method,
        auth_time=_epoch(row.auth_time),
    )


# --- refresh tokens ----------------------------------------------------------------------


def _refresh_view(row: RefreshToken, client_id: str) -> Refresh:
    return Refresh(
        id=row.id,
        family_id=row.family_id,
        client_id=client_id,
        user_id=row.user_id,
        scope=row.scope,
        auth_time=_epoch(row.auth_time),
        issued_at=_epoch(row.created_at),
        expires_at=_epoch(row.expires_at),
        revoked=row.revoked_at is not None or row.rotated_at is not None,
    )


async def find_refresh(value: str) -> Refresh | None:
    row = await RefreshToken.get_or_none(token_hash=token_hash(value)).prefetch_related("client")
    return _refresh_view(row, row.client.client_id) if row else None


async def revoke_family(family_id: UUID, client_id: str, action: str) -> int:
    """Revoke every live token of a refresh family (reuse detected, or revocation)."""
    now = datetime.now(UTC)
    async with in_transaction():
        count = await RefreshToken.filter(family_id=family_id, revoked_at__isnull=True).update(
            revoked_at=now
        )
        await audit.record(
            oauth_actor(client_id),
            action,
            "RefreshTokenFamily",
            family_id,
            {"client_id": client_id, "revoked": count},
        )
    return count


async def refresh_for_use(value: str) -> Refresh | None:
    """A refresh token that may be used now. A rotated or revoked one is a reuse: its whole
    family is revoked (RFC 9700 section 4.14.2)."""
    token = await find_refresh(value)
    if token is None:
        return None
    if token.revoked:
        await revoke_family(token.family_id, token.client_id, "oauth.refresh_reuse")
        return None
    if token.is_expired():
        return None
    return token


class RefreshRace(Exception):
    """The refresh token was rotated by a concurrent request between check and use."""


async def save_tokens(
    settings: Settings,
    *,
    grant_type: str,
    client: Client,
    subject: UUID,
    access_claims: AccessClaims,
    refresh_token: str | None,
    previous: Refresh | None,
    auth_time: int,
) -> None:
    """Record an issuance: rotate the presented refresh token, store the new one, audit."""
    now = datetime.now(UTC)
    async with in_transaction():
        family_id = previous.family_id if previous else uuid.uuid4()
        if previous is not None:
            rotated = await RefreshToken.filter(
                id=previous.id, rotated_at__isnull=True, revoked_at__isnull=True
            ).update(rotated_at=now)
            if rotated != 1:
                raise RefreshRace
        if refresh_token is not None:
            client_row = await OAuthClient.get(client_id=client.client_id)
            await RefreshToken.create(
                token_hash=token_hash(refresh_token),
                family_id=family_id,
                client=client_row,
                user_id=subject,
                scope=" ".join(sorted(access_claims.scopes)),
                auth_time=datetime.fromtimestamp(auth_time or time.time(), UTC),
                expires_at=now + timedelta(seconds=settings.refresh_token_ttl_seconds),
            )
        summary: dict[str, Any] = {
            "client_id": client.client_id,
            "grant_type": grant_type,
            "scope": " ".join(sorted(access_claims.scopes)),
            "jti": access_claims.token_id,
        }
        if refresh_token is not None:
            summary["refresh_family"] = str(family_id)
        await audit.record(oauth_actor(client.client_id), "oauth.token", "User", subject, summary)


async def revoke(client: Client, token: Access | Refresh) -> None:
    if isinstance(token, Refresh):
        await revoke_family(token.family_id, client.client_id, "oauth.revoke_refresh")
        return
    async with in_transaction():
        # Housekeeping: a revoked jti is only needed until its token would have expired.
        await RevokedAccessToken.filter(expires_at__lt=datetime.now(UTC)).delete()
        created = await revoke_access_token(token.claims.token_id, token.claims.expires_at)
        if created:
            await audit.record(
                oauth_actor(client.client_id),
                "oauth.revoke_access",
                "AccessToken",
                token.claims.token_id,
                {"client_id": client.client_id, "sub": str(token.claims.subject)},
            )
    # After the commit too: until then another request could still see the token as live.
    PRINCIPALS.forget_token(token.claims.token_id)


async def username_of(user_id: UUID) -> str | None:
    user = await User.get_or_none(id=user_id)
    return user.username if user else None
