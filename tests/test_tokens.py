"""The resource side refuses every token it should, with a clear 401."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

from joserfc import jwt
from joserfc.jwk import ECKey

from auditportal.auth.keys import signing_key
from auditportal.auth.tokens import issue_access_token
from tests.conftest import SETTINGS, Api

ME = '{"query": "{ me { role } }"}'


async def _status(api: Api, token: str) -> tuple[int, dict[str, object], str]:
    response = await api.client.post(
        "/graphql",
        content=ME,
        headers={"Authorization": f"Bearer {token}", "content-type": "application/json"},
    )
    return response.status_code, response.json(), response.headers.get("www-authenticate", "")


def _claims(user_id: uuid.UUID, **changes: object) -> dict[str, object]:
    settings = SETTINGS
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": settings.issuer,
        "sub": str(user_id),
        "aud": settings.issuer + "/graphql",
        "exp": now + 300,
        "iat": now,
        "scope": "forms:read",
        "client_id": "tests",
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _signed(claims: dict[str, object], header: dict[str, object] | None = None) -> str:
    key = signing_key(SETTINGS)
    return jwt.encode(header or {"alg": "ES256", "typ": "at+jwt", "kid": key.kid}, claims, key)


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


async def test_a_good_token_is_accepted(api: Api) -> None:
    person = await api.user("auditor")
    status, body, _ = await _status(api, person.token)
    assert status == 200
    assert body == {"data": {"me": {"role": "AUDITOR"}}}


async def test_bad_tokens_are_refused_with_401(api: Api) -> None:
    person = await api.user("auditor")
    good = _signed(_claims(person.id))
    header, payload, signature = good.split(".")
    forged_payload = _b64({**_claims(person.id), "scope": "forms:write submissions:write"})
    # The classic confusion attack, built by hand (joserfc refuses to build it):
    # HS256 with the server's public key as the shared secret.
    public_pem = signing_key(SETTINGS).as_pem(private=False)
    unsigned = f"{_b64({'alg': 'HS256', 'typ': 'at+jwt'})}.{_b64(_claims(person.id))}"
    mac = hmac.new(public_pem, unsigned.encode(), hashlib.sha256).digest()
    hmac_with_public_key = f"{unsigned}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"
    stranger = ECKey.generate_key("P-256", private=True)
    cases = {
        "tampered payload": f"{header}.{forged_payload}.{signature}",
        "expired": _signed(_claims(person.id, exp=int(time.time()) - 10)),
        "wrong audience": _signed(_claims(person.id, aud="https://elsewhere/graphql")),
        "wrong issuer": _signed(_claims(person.id, iss="https://evil.example")),
        "no expiry": _signed(_claims(person.id, exp=None)),
        "alg none": f"{_b64({'alg': 'none', 'typ': 'at+jwt'})}.{payload}.",
        "HMAC keyed with the public key": hmac_with_public_key,
        "signed by another key": jwt.encode(
            {"alg": "ES256", "typ": "at+jwt", "kid": signing_key(SETTINGS).kid},
            _claims(person.id),
            stranger,
        ),
        "not an access token type": _signed(
            _claims(person.id), {"alg": "ES256", "typ": "JWT", "kid": signing_key(SETTINGS).kid}
        ),
        "unknown subject": _signed(_claims(uuid.uuid4())),
        "garbage": "not-a-jwt",
    }
    for name, token in cases.items():
        status, body, challenge = await _status(api, token)
        assert status == 401, name
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", name  # type: ignore[index]
        assert challenge == 'Bearer error="invalid_token"', name


async def test_a_non_bearer_scheme_is_refused(api: Api) -> None:
    response = await api.client.post(
        "/graphql",
        content=ME,
        headers={"Authorization": "Basic YWRtaW46YWRtaW4=", "content-type": "application/json"},
    )
    assert response.status_code == 401


async def test_scopes_narrow_what_a_role_may_do(api: Api) -> None:
    read_only_admin = await api.user("admin", scopes=frozenset({"forms:read"}))
    result = await read_only_admin.data(
        "mutation { createFormDraft(input: {definition: {}}) { __typename } }"
    )
    assert result["createFormDraft"]["__typename"] == "NotAllowed"
    listed = await read_only_admin.gql("{ submissions { totalCount } }")
    assert listed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await read_only_admin.data("{ forms { totalCount } }"))["forms"]["totalCount"] == 0


async def test_deactivated_users_lose_access_at_once(api: Api) -> None:
    from auditportal.auth.models import User

    person = await api.user("auditor")
    token = issue_access_token(SETTINGS, person.id, frozenset({"forms:read"}), "tests")
    await User.filter(id=person.id).update(is_active=False)
    status, _, _ = await _status(api, token)
    assert status == 401
