"""Access tokens: JWTs in the RFC 9068 profile, signed ES256, checked strictly.

Verification accepts only ES256 (so neither ``alg: none`` nor an HMAC keyed with the public
key can pass), only the ``at+jwt`` type, and only our issuer and audience, unexpired.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from uuid import UUID

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwt import JWTClaimsRegistry

from auditportal.auth.keys import signing_key, verification_keys
from auditportal.settings import get_settings

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


def audience() -> str:
    return get_settings().issuer + AUDIENCE_SUFFIX


def issue_access_token(
    user_id: UUID, scopes: frozenset[str], client_id: str, ttl_seconds: int | None = None
) -> str:
    settings = get_settings()
    now = int(time.time())
    claims = {
        "iss": settings.issuer,
        "sub": str(user_id),
        "aud": audience(),
        "exp": now + (ttl_seconds or settings.access_token_ttl_seconds),
        "iat": now,
        "nbf": now,
        "jti": secrets.token_urlsafe(16),
        "client_id": client_id,
        "scope": " ".join(sorted(scopes)),
    }
    key = signing_key()
    header = {"alg": ALGORITHM, "typ": TOKEN_TYPE, "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])


def verify_access_token(token: str) -> AccessClaims:
    try:
        decoded = jwt.decode(token, verification_keys(), algorithms=[ALGORITHM])
        if decoded.header.get("typ") != TOKEN_TYPE:
            raise InvalidToken("wrong token type")
        JWTClaimsRegistry(
            iss={"essential": True, "value": get_settings().issuer},
            aud={"essential": True, "value": audience()},
            sub={"essential": True},
            exp={"essential": True},
        ).validate(decoded.claims)
        claims = decoded.claims
        return AccessClaims(
            subject=UUID(str(claims["sub"])),
            scopes=frozenset(str(claims.get("scope", "")).split()),
            client_id=str(claims.get("client_id", "")),
            expires_at=int(claims["exp"]),
        )
    except (JoseError, ValueError, KeyError) as error:
        raise InvalidToken(str(error)) from error
