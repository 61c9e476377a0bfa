"""The OAuth client registry: registering clients (secret shown once) and authenticating them."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import OAuthClient, User
from auditportal.auth.passwords import hash_password, verify_password
from auditportal.auth.policy import ALL_SCOPES, Permission, require
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.errors import Conflict
from auditportal.settings import Settings

PUBLIC = "none"
CONFIDENTIAL_METHODS = ("client_secret_basic", "client_secret_post")
OIDC_SCOPES = frozenset({"openid", "profile", "email"})
WEB_CLIENT_ID = "auditportal-web"


@dataclass(frozen=True)
class RegisteredClient:
    client: OAuthClient
    # The plain secret, only in the answer to the registration; never stored or logged.
    secret: str | None


async def register_client(
    principal: Principal,
    *,
    client_id: str,
    name: str,
    grant_types: list[str],
    redirect_uris: list[str],
    allowed_scopes: list[str],
    confidential: bool,
    first_party: bool = False,
) -> RegisteredClient:
    """Register a client. Client-credentials clients get their own ``service`` account."""
    require(principal, Permission.CLIENTS_MANAGE)
    if await OAuthClient.exists(client_id=client_id):
        raise Conflict("client.id_taken", client_id=client_id)
    secret = secrets.token_urlsafe(32) if confidential else None
    async with in_transaction():
        service_user = None
        if "client_credentials" in grant_types:
            service_user = await User.create(
                username=f"client:{client_id}", display_name=name, role=Role.SERVICE
            )
        client = await OAuthClient.create(
            client_id=client_id,
            name=name,
            secret_hash=hash_password(secret) if secret else None,
            token_endpoint_auth_method=CONFIDENTIAL_METHODS[0] if confidential else PUBLIC,
            grant_types=grant_types,
            redirect_uris=redirect_uris,
            allowed_scopes=sorted(set(allowed_scopes)),
            first_party=first_party,
            service_user=service_user,
        )
        await audit.record(
            principal,
            "client.register",
            "OAuthClient",
            client.id,
            {"client_id": client_id, "grant_types": grant_types, "scopes": allowed_scopes},
        )
    return RegisteredClient(client, secret)


async def client_by_client_id(client_id: str) -> OAuthClient | None:
    return await OAuthClient.get_or_none(client_id=client_id, is_active=True)


def secret_matches(client: OAuthClient, secret: str) -> bool:
    return client.secret_hash is not None and verify_password(client.secret_hash, secret)


def web_client_scopes() -> list[str]:
    return sorted(OIDC_SCOPES | ALL_SCOPES)


async def ensure_web_client(settings: Settings) -> tuple[OAuthClient, bool]:
    """The first-party web portal client (public, PKCE), as configured; idempotent.

    Part of the installation: `auditportal migrate` / `load` create it and keep it in line
    with the settings. Like every write, a change is audited (by the installer actor).
    Returns the client and whether anything changed.
    """
    wanted: dict[str, Any] = {
        "name": "Audit portal · 稽核门户",
        "secret_hash": None,
        "token_endpoint_auth_method": PUBLIC,
        "grant_types": ["authorization_code", "refresh_token"],
        "redirect_uris": settings.web_redirect_uris,
        "allowed_scopes": web_client_scopes(),
        "first_party": True,
        "is_active": True,
    }
    installer = system_principal("installer")
    client = await OAuthClient.get_or_none(client_id=WEB_CLIENT_ID)
    if client is None:
        async with in_transaction():
            client = await OAuthClient.create(client_id=WEB_CLIENT_ID, **wanted)
            await audit.record(
                installer, "client.install", "OAuthClient", client.id, {"client_id": WEB_CLIENT_ID}
            )
        return client, True
    changes = {key: value for key, value in wanted.items() if getattr(client, key) != value}
    if changes:
        async with in_transaction():
            await OAuthClient.filter(id=client.id).update(**changes)
            await audit.record(
                installer, "client.update", "OAuthClient", client.id, {"changed": sorted(changes)}
            )
        await client.refresh_from_db()
    return client, bool(changes)
