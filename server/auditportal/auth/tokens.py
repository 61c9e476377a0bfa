"""Access tokens: JWTs in the RFC 9068 profile, signed ES256 with a ``kid``, checked strictly.

Verification accepts only ES256 (so neither ``alg: none`` nor an HMAC keyed with the public
key can pass), only the ``at+jwt`` type, only a key id of the JWKS (active or recently
retired key), and only our issuer and audience, unexpired. Revocation by ``jti`` is checked
by the resource side (``is_revoked``), which needs the database.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwt import JWTClaimsRegistry

from auditportal.auth.keys import signing_key, verification_keys
from auditportal.auth.models import RevokedAccessToken
from auditportal.auth.principal import PRINCIPALS
from auditportal.settings import Settings

ALGORITHM = "ES256"
TOKEN_TYPE = "at+jwt"  # noqa: S105 - the RFC 9068 media type, not a secret
AUDIENCE_SUFFIX = "/graphql"


class InvalidToken(Exception):
    """The presented token cannot be trusted; the reason is for logs, not for clients."""


@dataclass(frozen=True)
class AccessClaims:
    subject: UUID
    scopes: frozenset[str]
    client_id: str
    expires_at: int
    token_id: str = ""
    issued_at: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def audience(settings: Settings) -> str:
    return settings.issuer + AUDIENCE_SUFFIX


def issue_access_token(
    settings: Settings,
    user_id: UUID,
    scopes: frozenset[str],
    client_id: str,
    ttl_seconds: int | None = None,
    *,
    auth_time: int | None = None,
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.issuer,
        "sub": str(user_id),
        "aud": audience(settings),
        "exp": now + (ttl_seconds or settings.access_token_ttl_seconds),
        "iat": now,
        "nbf": now,
        "jti": secrets.token_urlsafe(16),
        "client_id": client_id,
        "scope": " ".join(sorted(scopes)),
    }
    if auth_time is not None:
        claims["auth_time"] = auth_time
    key = signing_key(settings)
    header = {"alg": ALGORITHM, "typ": TOKEN_TYPE, "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])


def verify_access_token(settings: Settings, token: str) -> AccessClaims:
    """Signature, type, key id, issuer, audience, expiry; raises InvalidToken otherwise."""
    try:
        keys = verification_keys(settings)
        header = jws.extract_compact(token.encode()).protected
        kid = header.get("kid")
        if not isinstance(kid, str) or all(key.kid != kid for key in keys.keys):
            raise InvalidToken("unknown key id")
        decoded = jwt.decode(token, keys, algorithms=[ALGORITHM])
        if decoded.header.get("typ") != TOKEN_TYPE:
            raise InvalidToken("wrong token type")
        JWTClaimsRegistry(
            iss={"essential": True, "value": settings.issuer},
            aud={"essential": True, "value": audience(settings)},
            sub={"essential": True},
            exp={"essential": True},
        ).validate(decoded.claims)
        claims = decoded.claims
        return AccessClaims(
            subject=UUID(str(claims["sub"])),
            scopes=frozenset(str(claims.get("scope", "")).split()),
            client_id=str(claims.get("client_id", "")),
            expires_at=int(claims["exp"]),
            token_id=str(claims.get("jti", "")),
            issued_at=int(claims.get("iat", 0)),
            extra=dict(claims),
        )
    except (JoseError, ValueError, KeyError, TypeError) as error:
        raise InvalidToken(str(error)) from error


async def is_revoked(token_id: str) -> bool:
    """Whether the access token with this ``jti`` was revoked (RFC 7009)."""
    return bool(token_id) and await RevokedAccessToken.exists(jti=token_id)


async def revoke_access_token(token_id: str, expires_at: int) -> bool:
    """Remember a revoked ``jti`` until its token expires; False if it already was."""
    PRINCIPALS.forget_token(token_id)
    _, created = await RevokedAccessToken.get_or_create(
        jti=token_id, defaults={"expires_at": datetime.fromtimestamp(expires_at, UTC)}
    )
    # Again after the write: a request between the two may have cached the token again.
    PRINCIPALS.forget_token(token_id)
    return created
