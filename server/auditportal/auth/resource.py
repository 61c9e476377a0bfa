"""The resource side: turn a request's bearer token into a Principal."""

from __future__ import annotations

import time

from starlette.requests import HTTPConnection

from auditportal.auth.grants import GrantScope, active_grant_scope
from auditportal.auth.principal import ANONYMOUS, PRINCIPALS, Principal, Role
from auditportal.auth.tokens import AccessClaims, InvalidToken, is_revoked, verify_access_token
from auditportal.auth.users import active_user
from auditportal.settings import Settings

# Endpoints where clients authenticate themselves (HTTP Basic with their secret): the
# Authorization header there is not a bearer token, and the OAuth server checks it.
CLIENT_AUTHENTICATED_PATHS = frozenset({"/oauth/token", "/oauth/revoke", "/oauth/introspect"})


async def principal_from_request(connection: HTTPConnection, settings: Settings) -> Principal:
    """ANONYMOUS without a token; raises InvalidToken for a bad one (never falls back)."""
    if connection.url.path in CLIENT_AUTHENTICATED_PATHS:
        return ANONYMOUS
    header = connection.headers.get("authorization")
    if not header:
        return ANONYMOUS
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("not a bearer token")
    claims = verify_access_token(settings, token.strip())
    now = time.monotonic()
    cached = PRINCIPALS.get(claims.token_id, now) if claims.token_id else None
    if cached is not None:
        return cached
    principal = await _load_principal(claims)
    # The token's expiry on the monotonic clock, so that no entry outlives its token.
    PRINCIPALS.put(claims.token_id, principal, now, now + claims.expires_at - time.time())
    return principal


async def _load_principal(claims: AccessClaims) -> Principal:
    """The revocation check, the user and a consultant's grants: what the cache keeps."""
    if await is_revoked(claims.token_id):
        raise InvalidToken("revoked")
    user = await active_user(claims.subject)
    if user is None:
        raise InvalidToken("subject is not an active user")
    granted = GrantScope(frozenset(), frozenset())
    if user.role is Role.CONSULTANT:
        granted = await active_grant_scope(user.id)
    return Principal(
        subject=f"user:{user.username}",
        role=user.role,
        user_id=user.id,
        username=user.username,
        customer_id=user.customer_id,
        scopes=claims.scopes,
        client_id=claims.client_id or None,
        token_id=claims.token_id or None,
        granted_customer_ids=granted.customer_ids,
        granted_form_ids=granted.form_ids,
    )
