"""Administering OAuth clients: listing, validated registration, deactivation.

Registration itself is ``auth.clients.register_client`` (the secret is returned once);
this module checks the request first so that a bad one gets every problem with its path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.clients import (
    OIDC_SCOPES,
    WEB_CLIENT_ID,
    RegisteredClient,
    register_client,
)
from auditportal.auth.models import OAuthClient, User
from auditportal.auth.policy import ALL_SCOPES, Permission, require
from auditportal.auth.principal import PRINCIPALS, Principal
from auditportal.errors import Conflict, FieldIssue, NotAllowed, NotFound, ValidationFailed
from auditportal.pagination import Page, PageRequest, paginate

GRANT_TYPES = frozenset({"authorization_code", "refresh_token", "client_credentials"})
_CLIENT_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{2,99}$")


@dataclass(frozen=True)
class ClientRequest:
    client_id: str
    name: str
    grant_types: list[str]
    redirect_uris: list[str]
    allowed_scopes: list[str]
    confidential: bool


def _issues(request: ClientRequest) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if not _CLIENT_ID.match(request.client_id):
        issues.append(FieldIssue(("clientId",), "client.id_invalid"))
    if not 1 <= len(request.name.strip()) <= 200:
        issues.append(FieldIssue(("name",), "client.name_invalid"))
    if not request.grant_types:
        issues.append(FieldIssue(("grantTypes",), "client.grant_types_empty"))
    for i, grant in enumerate(request.grant_types):
        if grant not in GRANT_TYPES:
            issues.append(
                FieldIssue(("grantTypes", i), "client.grant_type_unknown", {"value": grant})
            )
    if "client_credentials" in request.grant_types and not request.confidential:
        issues.append(FieldIssue(("confidential",), "client.credentials_need_secret"))
    if "authorization_code" in request.grant_types and not request.redirect_uris:
        issues.append(FieldIssue(("redirectUris",), "client.redirect_required"))
    for i, uri in enumerate(request.redirect_uris):
        parts = urlsplit(uri)
        local = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if (
            parts.fragment
            or not parts.netloc
            or not (parts.scheme == "https" or (parts.scheme == "http" and local))
        ):
            issues.append(FieldIssue(("redirectUris", i), "client.redirect_invalid", {"uri": uri}))
    known = ALL_SCOPES | OIDC_SCOPES
    for i, scope in enumerate(request.allowed_scopes):
        if scope not in known:
            issues.append(
                FieldIssue(("allowedScopes", i), "client.scope_unknown", {"value": scope})
            )
    return issues


async def register(principal: Principal, request: ClientRequest) -> RegisteredClient:
    require(principal, Permission.CLIENTS_MANAGE)
    issues = _issues(request)
    if issues:
        raise ValidationFailed("client.invalid", issues, count=len(issues))
    if await User.exists(username=f"client:{request.client_id}"):
        raise Conflict("client.id_taken", client_id=request.client_id)
    return await register_client(
        principal,
        client_id=request.client_id,
        name=request.name.strip(),
        grant_types=list(dict.fromkeys(request.grant_types)),
        redirect_uris=request.redirect_uris,
        allowed_scopes=request.allowed_scopes,
        confidential=request.confidential,
    )


async def deactivate(principal: Principal, client_pk: UUID) -> OAuthClient:
    """No new tokens for the client; its service account (and so its tokens) stop working."""
    require(principal, Permission.CLIENTS_MANAGE)
    async with in_transaction():
        client = await OAuthClient.select_for_update().get_or_none(id=client_pk)
        if client is None:
            raise NotFound("client.not_found")
        if client.client_id == WEB_CLIENT_ID:
            raise NotAllowed("client.web_client_protected")
        if not client.is_active:
            raise Conflict("client.already_inactive")
        client.is_active = False
        await client.save(update_fields=["is_active", "updated_at"])
        if client.service_user_id is not None:
            await User.filter(id=client.service_user_id).update(is_active=False)
            PRINCIPALS.forget_user(client.service_user_id)
        await audit.record(
            principal,
            "client.deactivate",
            "OAuthClient",
            client.id,
            {"client_id": client.client_id},
        )
    return client


async def client(principal: Principal, client_pk: UUID) -> OAuthClient | None:
    require(principal, Permission.CLIENTS_MANAGE)
    return await OAuthClient.get_or_none(id=client_pk)


async def list_clients(
    principal: Principal, active: bool | None, page: PageRequest
) -> Page[OAuthClient]:
    require(principal, Permission.CLIENTS_MANAGE)
    query = OAuthClient.all()
    if active is not None:
        query = query.filter(is_active=active)
    return await paginate(query, ["client_id", "id"], page)
