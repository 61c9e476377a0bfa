"""Sign-in through an external OpenID Connect provider (federation).

The portal is a relying party of the provider configured in settings: authorization code
with PKCE (S256) and a nonce, the ID token checked against the provider's published keys
(issuer, audience, expiry, nonce), a role taken from a claim through the configured mapping.
The local account is keyed by (issuer, subject): created on first sign-in, updated after.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import User
from auditportal.auth.principal import PRINCIPALS, Role, system_principal
from auditportal.settings import Settings

CALLBACK_PATH = "/oauth/federated/callback"
_DISCOVERY_TTL_SECONDS = 300


class FederationFailed(Exception):
    """The external sign-in did not produce a usable identity; ``key`` is a message key."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(detail or key)
        self.key = key


@dataclass
class _Provider:
    fetched_at: float
    metadata: dict[str, Any]
    keys: KeySet


_providers: dict[str, _Provider] = {}


def callback_url(settings: Settings) -> str:
    return settings.issuer + CALLBACK_PATH


async def provider(settings: Settings, *, refresh: bool = False) -> _Provider:
    """The provider's discovery document and keys, cached for a few minutes."""
    issuer = str(settings.oidc_provider_issuer).rstrip("/")
    cached = _providers.get(issuer)
    if cached and not refresh and time.time() - cached.fetched_at < _DISCOVERY_TTL_SECONDS:
        return cached
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.get(f"{issuer}/.well-known/openid-configuration")
        response.raise_for_status()
        metadata = response.json()
        if str(metadata.get("issuer", "")).rstrip("/") != issuer:
            raise FederationFailed("federation.failed", "issuer mismatch in discovery")
        jwks = (await http.get(metadata["jwks_uri"])).json()
    found = _Provider(time.time(), metadata, KeySet.import_key_set(jwks))
    _providers[issuer] = found
    return found


def _client(settings: Settings) -> AsyncOAuth2Client:
    secret = settings.oidc_provider_client_secret
    return AsyncOAuth2Client(
        client_id=settings.oidc_provider_client_id,
        client_secret=secret.get_secret_value() if secret else None,
        redirect_uri=callback_url(settings),
        scope=settings.oidc_provider_scopes,
        code_challenge_method="S256",
        timeout=10,
    )


@dataclass(frozen=True)
class Pending:
    """What the browser carries (signed) while it is away at the provider."""

    state: str
    nonce: str
    verifier: str


async def start(settings: Settings, language: str) -> tuple[str, Pending]:
    """The provider's authorization URL and what the callback will need."""
    meta = (await provider(settings)).metadata
    pending = Pending(
        state=secrets.token_urlsafe(24),
        nonce=secrets.token_urlsafe(24),
        verifier=secrets.token_urlsafe(48),
    )
    async with _client(settings) as client:
        url, _ = client.create_authorization_url(
            meta["authorization_endpoint"],
            state=pending.state,
            nonce=pending.nonce,
            code_verifier=pending.verifier,
            ui_locales=language,
        )
    return str(url), pending


async def _id_token_claims(settings: Settings, id_token: str, nonce: str) -> dict[str, Any]:
    found = await provider(settings)
    try:
        try:
            decoded = jwt.decode(id_token, found.keys, algorithms=["ES256", "RS256", "PS256"])
        except JoseError:
            found = await provider(settings, refresh=True)  # the provider may have rotated
            decoded = jwt.decode(id_token, found.keys, algorithms=["ES256", "RS256", "PS256"])
        JWTClaimsRegistry(
            iss={"essential": True, "value": found.metadata["issuer"]},
            aud={"essential": True, "value": str(settings.oidc_provider_client_id)},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(decoded.claims)
    except (JoseError, ValueError, KeyError) as error:
        raise FederationFailed("federation.failed", f"ID token refused: {error}") from error
    return dict(decoded.claims)


async def finish(settings: Settings, pending: Pending, callback: str) -> dict[str, Any]:
    """Exchange the code (with the PKCE verifier), verify the ID token, merge userinfo."""
    meta = (await provider(settings)).metadata
    async with _client(settings) as client:
        try:
            token = await client.fetch_token(
                meta["token_endpoint"],
                authorization_response=callback,
                state=pending.state,
                code_verifier=pending.verifier,
            )
        except Exception as error:  # the provider said no, or could not be reached
            raise FederationFailed("federation.failed", type(error).__name__) from error
        if "id_token" not in token:
            raise FederationFailed("federation.failed", "no ID token")
        claims = await _id_token_claims(settings, token["id_token"], pending.nonce)
        if settings.oidc_provider_role_claim not in claims and meta.get("userinfo_endpoint"):
            info = (await client.get(meta["userinfo_endpoint"])).json()
            if info.get("sub") == claims["sub"]:
                claims = {**info, **claims}
    return claims


def role_for(settings: Settings, claims: dict[str, Any]) -> Role:
    value = claims.get(settings.oidc_provider_role_claim)
    offered = [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
    for entry in settings.oidc_provider_role_map.split(","):
        external, _, role = entry.strip().rpartition(":")
        if external and external in offered and role in Role.__members__.values():
            return Role(role)
    if settings.oidc_provider_default_role:
        return Role(settings.oidc_provider_default_role)
    raise FederationFailed("federation.no_role")


def _username_base(claims: dict[str, Any], issuer: str) -> str:
    host = re.sub(r"^https?://", "", issuer).split("/")[0]
    name = str(claims.get("preferred_username") or claims.get("email") or claims["sub"])
    return re.sub(r"[^\w.@:+-]", "_", f"{name}@{host}")[:140]


async def local_account(settings: Settings, claims: dict[str, Any]) -> User:
    """Create or update the local account for (issuer, subject), with its audit event."""
    issuer = str(claims["iss"])
    subject = str(claims["sub"])
    role = role_for(settings, claims)
    if role is Role.CUSTOMER:
        raise FederationFailed("federation.no_role", "customer users need a customer")
    display_name = str(claims.get("name") or claims.get("preferred_username") or subject)
    email = claims.get("email")
    actor = system_principal("federation")
    async with in_transaction():
        user = await User.get_or_none(external_issuer=issuer, external_subject=subject)
        if user is None:
            base = _username_base(claims, issuer)
            username = base
            while await User.exists(username=username):
                username = f"{base}-{secrets.token_hex(3)}"
            user = await User.create(
                username=username,
                display_name=display_name,
                email=email,
                role=role,
                external_issuer=issuer,
                external_subject=subject,
            )
            await audit.record(
                actor,
                "user.federated_create",
                "User",
                user.id,
                {"username": username, "role": role.value, "issuer": issuer},
            )
            return user
        if not user.is_active:
            raise FederationFailed("federation.failed", "account deactivated")
        changes = {
            key: value
            for key, value in {"display_name": display_name, "email": email, "role": role}.items()
            if getattr(user, key) != value
        }
        if changes:
            await User.filter(id=user.id).update(**changes)
            PRINCIPALS.forget_user(user.id)  # a federated role change
            await user.refresh_from_db()
            await audit.record(
                actor,
                "user.federated_update",
                "User",
                user.id,
                {key: str(value) for key, value in changes.items()},
            )
    return user
