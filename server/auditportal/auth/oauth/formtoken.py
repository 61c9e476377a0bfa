"""Short-lived signed tokens that make the sign-in and consent forms CSRF-safe.

A form carries the authorization request's parameters in hidden fields plus a token, signed
with the server's key, that binds: the hash of those parameters (so they cannot be edited),
the hash of a random browser cookie set with the page (double submit: a cross-site page can
neither read the cookie nor send it, as it is SameSite=Lax), the step (sign-in or consent),
an expiry and, for consent, who signed in and when.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwt import JWTClaimsRegistry

from auditportal.auth.keys import signing_key, verification_keys
from auditportal.settings import Settings

FORM_TOKEN_TYPE = "auditportal-form+jwt"  # noqa: S105 - a media type, not a secret
COOKIE_NAME = "auditportal_signin"


def new_browser_secret() -> str:
    return secrets.token_urlsafe(24)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def params_digest(params: list[tuple[str, str]]) -> str:
    return _digest(json.dumps(sorted(params), ensure_ascii=False))


@dataclass(frozen=True)
class FormGrant:
    step: str
    user_id: str | None
    auth_time: int | None


def issue_form_token(
    settings: Settings,
    *,
    step: str,
    params: list[tuple[str, str]],
    browser_secret: str,
    user_id: str | None = None,
    auth_time: int | None = None,
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.issuer,
        "aud": f"{settings.issuer}/oauth/authorize",
        "iat": now,
        "exp": now + settings.signin_form_ttl_seconds,
        "step": step,
        "req": params_digest(params),
        "bsh": _digest(browser_secret),
    }
    if user_id is not None:
        claims["sub"] = user_id
        claims["auth_time"] = auth_time
    key = signing_key(settings)
    header = {"alg": "ES256", "typ": FORM_TOKEN_TYPE, "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=["ES256"])


def verify_form_token(
    settings: Settings,
    token: str,
    *,
    step: str,
    params: list[tuple[str, str]],
    browser_secret: str | None,
) -> FormGrant | None:
    """The token's grant if it is ours, fresh, for this step, these parameters, this browser."""
    if not token or not browser_secret:
        return None
    try:
        decoded = jwt.decode(token, verification_keys(settings), algorithms=["ES256"])
        if decoded.header.get("typ") != FORM_TOKEN_TYPE:
            return None
        JWTClaimsRegistry(
            iss={"essential": True, "value": settings.issuer},
            aud={"essential": True, "value": f"{settings.issuer}/oauth/authorize"},
            exp={"essential": True},
        ).validate(decoded.claims)
    except (JoseError, ValueError, KeyError, TypeError):
        return None
    claims = decoded.claims
    if claims.get("step") != step:
        return None
    if not secrets.compare_digest(str(claims.get("req")), params_digest(params)):
        return None
    if not secrets.compare_digest(str(claims.get("bsh")), _digest(browser_secret)):
        return None
    auth_time = claims.get("auth_time")
    return FormGrant(
        step=step,
        user_id=str(claims["sub"]) if "sub" in claims else None,
        auth_time=int(auth_time) if auth_time is not None else None,
    )


def seal(settings: Settings, purpose: str, data: dict[str, Any], ttl_seconds: int) -> str:
    """Sign ``data`` for ``purpose`` (e.g. a cookie the browser carries to a provider)."""
    now = int(time.time())
    claims = {"iss": settings.issuer, "aud": purpose, "iat": now, "exp": now + ttl_seconds}
    key = signing_key(settings)
    header = {"alg": "ES256", "typ": FORM_TOKEN_TYPE, "kid": key.kid}
    return jwt.encode(header, {**claims, "data": data}, key, algorithms=["ES256"])


def unseal(settings: Settings, purpose: str, token: str | None) -> dict[str, Any] | None:
    if not token:
        return None
    try:
        decoded = jwt.decode(token, verification_keys(settings), algorithms=["ES256"])
        if decoded.header.get("typ") != FORM_TOKEN_TYPE:
            return None
        JWTClaimsRegistry(
            iss={"essential": True, "value": settings.issuer},
            aud={"essential": True, "value": purpose},
            exp={"essential": True},
        ).validate(decoded.claims)
    except (JoseError, ValueError, KeyError, TypeError):
        return None
    data = decoded.claims.get("data")
    return data if isinstance(data, dict) else None
