"""The authorization server over a real uvicorn process, driven by Authlib's own client."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.conftest import DatabaseFactory
from tests.oauth_support import (
    SERVER_TIMEOUT,
    WEB_CLIENT,
    Portal,
    consent,
    error_text,
    hidden_fields,
    open_signin,
    portal_environment,
    run_portal,
    sign_in,
    submit_signin,
)

# Starts real processes (the CLI, a server, a worker): left out of `make test-quick`.
pytestmark = pytest.mark.slow

PARTNER_REDIRECT = "http://127.0.0.1:9/partner/callback"
ME = {"query": "{ me { role } }"}


@pytest.fixture(scope="module")
async def portal(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Portal]:
    env = await portal_environment(
        tmp_path_factory.mktemp("oauth") / "data", databases, login_max_failures_per_ip="1000"
    )
    runner = run_portal(env)
    running = next(runner)
    running.create_user("alice", "auditor", email="alice@example.com")
    running.create_user("bob", "manager")
    running.create_client(
        "partner-web",
        "--name",
        "Partner 合作方",
        "--grant-type",
        "authorization_code",
        "--grant-type",
        "refresh_token",
        "--redirect-uri",
        PARTNER_REDIRECT,
        "--scope",
        "openid profile email forms:read submissions:read",
    )
    running.create_client("reporting-tool", "--scope", "forms:read submissions:read customers:read")
    running.create_client(
        "mobile-public",
        "--public",
        "--grant-type",
        "authorization_code",
        "--redirect-uri",
        "http://127.0.0.1:9/mobile",
        "--scope",
        "openid forms:read",
    )
    yield running
    runner.close()


def _web_client(
    portal: Portal, scope: str = "openid profile email forms:read"
) -> AsyncOAuth2Client:
    return AsyncOAuth2Client(
        client_id=WEB_CLIENT,
        redirect_uri=portal.web_redirect,
        scope=scope,
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
    )


def _partner(portal: Portal) -> AsyncOAuth2Client:
    return AsyncOAuth2Client(
        client_id="partner-web",
        client_secret=portal.secrets["partner-web"],
        redirect_uri=PARTNER_REDIRECT,
        scope="openid profile forms:read",
        code_challenge_method="S256",
    )


async def _web_tokens(
    portal: Portal, username: str = "alice", scope: str = "openid profile email forms:read"
) -> tuple[AsyncOAuth2Client, dict[str, object], str]:
    client = _web_client(portal, scope)
    verifier = generate_token(48)
    nonce = generate_token(16)
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier, nonce=nonce
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        answer = await sign_in(browser, url, username)
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(portal.web_redirect + "?")
    token = await client.fetch_token(
        f"{portal.base}/oauth/token", authorization_response=location, code_verifier=verifier
    )
    return client, dict(token), nonce


async def _graphql(portal: Portal, access_token: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        return await http.post(
            f"{portal.base}/graphql", json=ME, headers={"Authorization": f"Bearer {access_token}"}
        )


async def test_discovery_and_jwks(portal: Portal) -> None:
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        metadata = (await http.get(f"{portal.base}/.well-known/openid-configuration")).json()
        jwks = (await http.get(metadata["jwks_uri"])).json()
    assert metadata["issuer"] == portal.base
    assert metadata["authorization_endpoint"] == f"{portal.base}/oauth/authorize"
    assert metadata["token_endpoint"] == f"{portal.base}/oauth/token"
    assert metadata["userinfo_endpoint"] == f"{portal.base}/oauth/userinfo"
    assert metadata["revocation_endpoint"] == f"{portal.base}/oauth/revoke"
    assert metadata["introspection_endpoint"] == f"{portal.base}/oauth/introspect"
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["id_token_signing_alg_values_supported"] == ["ES256"]
    assert metadata["response_types_supported"] == ["code"]
    assert {"authorization_code", "refresh_token", "client_credentials"} <= set(
        metadata["grant_types_supported"]
    )
    assert {"openid", "profile", "email", "forms:read"} <= set(metadata["scopes_supported"])
    assert metadata["ui_locales_supported"] == ["zh-CN", "en"]
    assert [key["kty"] for key in jwks["keys"]] == ["EC"]
    assert all("d" not in key for key in jwks["keys"]), "private key material leaked"
    assert jwks["keys"][0]["alg"] == "ES256" and jwks["keys"][0]["kid"]


async def test_web_sign_in_with_pkce_gives_tokens_id_token_and_userinfo(portal: Portal) -> None:
    client, token, nonce = await _web_tokens(portal)
    assert token["token_type"] == "Bearer"
    assert set(str(token["scope"]).split()) == {"openid", "profile", "email", "forms:read"}
    assert token["refresh_token"]
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        jwks = KeySet.import_key_set((await http.get(f"{portal.base}/oauth/jwks")).json())
    id_token = jwt.decode(str(token["id_token"]), jwks, algorithms=["ES256"])
    claims = id_token.claims
    now = time.time()
    assert id_token.header["kid"] in {key.kid for key in jwks.keys}
    assert claims["iss"] == portal.base
    assert claims["aud"] == [WEB_CLIENT] or claims["aud"] == WEB_CLIENT
    assert claims["nonce"] == nonce
    assert claims["iat"] <= now + 5 and claims["exp"] > now
    assert now - 60 < claims["auth_time"] <= now + 5
    assert claims["preferred_username"] == "alice"
    # The access token is an RFC 9068 JWT for the GraphQL API, signed by a published key.
    access = jwt.decode(str(token["access_token"]), jwks, algorithms=["ES256"])
    assert access.header["typ"] == "at+jwt"
    assert access.claims["sub"] == claims["sub"]
    assert access.claims["aud"] == f"{portal.base}/graphql"
    assert access.claims["client_id"] == WEB_CLIENT
    response = await _graphql(portal, str(token["access_token"]))
    assert response.json() == {"data": {"me": {"role": "AUDITOR"}}}
    userinfo = (await client.get(f"{portal.base}/oauth/userinfo")).json()
    assert userinfo == {
        "sub": claims["sub"],
        "preferred_username": "alice",
        "name": "alice",
        "locale": "zh-CN",
        "auditportal_role": "auditor",
        "email": "alice@example.com",
    }
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        anonymous = await http.get(f"{portal.base}/oauth/userinfo")
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")


async def test_scopes_are_narrowed_to_what_the_role_can_use(portal: Portal) -> None:
    _, token, _ = await _web_tokens(portal, scope="openid forms:read forms:write")
    assert set(str(token["scope"]).split()) == {"openid", "forms:read"}  # auditors cannot design


async def test_a_third_party_app_asks_for_consent(portal: Portal) -> None:
    client = _partner(portal)
    verifier = generate_token(48)
    url, state = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier, ui_locales="zh-CN"
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        page = await sign_in(browser, url, "bob")
        assert page.status_code == 200
        assert "授权确认" in page.text and "Partner 合作方" in page.text
        assert "查看表单" in page.text and "forms:read" in page.text
        answer = await consent(browser, page, "allow")
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert parse_qs(urlsplit(location).query)["state"] == [state]
    token = await client.fetch_token(
        f"{portal.base}/oauth/token", authorization_response=location, code_verifier=verifier
    )
    assert set(token["scope"].split()) == {"openid", "profile", "forms:read"}
    assert (await _graphql(portal, token["access_token"])).json()["data"]["me"] == {
        "role": "MANAGER"
    }
    # The same again, declined: the client hears access_denied and gets nothing.
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier, ui_locales="en"
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        page = await sign_in(browser, url, "bob")
        assert "Allow access?" in page.text and "Read forms" in page.text
        denied = await consent(browser, page, "deny")
    assert denied.status_code == 302
    assert parse_qs(urlsplit(denied.headers["location"]).query)["error"] == ["access_denied"]


async def test_client_credentials_act_as_the_service_account(portal: Portal) -> None:
    tool = AsyncOAuth2Client(
        client_id="reporting-tool",
        client_secret=portal.secrets["reporting-tool"],
        scope="forms:read customers:read users:read",
    )
    token = await tool.fetch_token(f"{portal.base}/oauth/token", grant_type="client_credentials")
    assert set(token["scope"].split()) == {"forms:read", "customers:read"}
    assert "refresh_token" not in token
    assert (await _graphql(portal, token["access_token"])).json()["data"]["me"] == {
        "role": "SERVICE"
    }
    tool.token = token
    no_openid = await tool.get(f"{portal.base}/oauth/userinfo")
    assert no_openid.status_code == 403
    assert no_openid.json()["error"] == "insufficient_scope"
    everything = await tool.fetch_token(
        f"{portal.base}/oauth/token", grant_type="client_credentials", scope=""
    )
    assert set(everything["scope"].split()) == {"forms:read", "submissions:read", "customers:read"}
    wrong = AsyncOAuth2Client(client_id="reporting-tool", client_secret="not-the-secret")
    with pytest.raises(OAuthError) as refused:
        await wrong.fetch_token(f"{portal.base}/oauth/token", grant_type="client_credentials")
    assert refused.value.error == "invalid_client"
    public = AsyncOAuth2Client(client_id=WEB_CLIENT, token_endpoint_auth_method="none")
    with pytest.raises(OAuthError) as public_refused:
        await public.fetch_token(f"{portal.base}/oauth/token", grant_type="client_credentials")
    assert public_refused.value.error in {"unauthorized_client", "invalid_client"}


async def test_refresh_tokens_rotate_and_reuse_revokes_the_family(portal: Portal) -> None:
    client, token, _ = await _web_tokens(portal)
    first_refresh = str(token["refresh_token"])
    second = await client.refresh_token(f"{portal.base}/oauth/token", refresh_token=first_refresh)
    assert second["refresh_token"] != first_refresh
    assert (await _graphql(portal, second["access_token"])).status_code == 200
    third = await client.refresh_token(
        f"{portal.base}/oauth/token", refresh_token=second["refresh_token"]
    )
    # Presenting the rotated first token again: refused, and the whole family is revoked.
    with pytest.raises(OAuthError) as reused:
        await client.refresh_token(f"{portal.base}/oauth/token", refresh_token=first_refresh)
    assert reused.value.error == "invalid_grant"
    with pytest.raises(OAuthError) as after:
        await client.refresh_token(
            f"{portal.base}/oauth/token", refresh_token=third["refresh_token"]
        )
    assert after.value.error == "invalid_grant"


async def test_revocation_and_introspection_for_confidential_clients(portal: Portal) -> None:
    client = _partner(portal)
    verifier = generate_token(48)
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        answer = await consent(browser, await sign_in(browser, url, "alice"))
    token = await client.fetch_token(
        f"{portal.base}/oauth/token",
        authorization_response=answer.headers["location"],
        code_verifier=verifier,
    )
    introspect = f"{portal.base}/oauth/introspect"
    active = (await client.introspect_token(introspect, token=token["access_token"])).json()
    assert active["active"] is True
    assert active["client_id"] == "partner-web" and active["username"] == "alice"
    assert set(active["scope"].split()) == {"openid", "profile", "forms:read"}
    refresh_info = (
        await client.introspect_token(
            introspect, token=token["refresh_token"], token_type_hint="refresh_token"
        )
    ).json()
    assert refresh_info["active"] is True and refresh_info["token_type"] == "refresh_token"
    garbage = (await client.introspect_token(introspect, token="not-a-token")).json()
    assert garbage == {"active": False}
    # Another client's token is not this client's business.
    _, web_token, _ = await _web_tokens(portal)
    foreign = (await client.introspect_token(introspect, token=web_token["access_token"])).json()
    assert foreign == {"active": False}

    revoked = await client.revoke_token(f"{portal.base}/oauth/revoke", token=token["access_token"])
    assert revoked.status_code == 200
    response = await _graphql(portal, token["access_token"])
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    inactive = (await client.introspect_token(introspect, token=token["access_token"])).json()
    assert inactive == {"active": False}
    await client.revoke_token(f"{portal.base}/oauth/revoke", token=token["refresh_token"])
    with pytest.raises(OAuthError):
        await client.refresh_token(
            f"{portal.base}/oauth/token", refresh_token=token["refresh_token"]
        )


async def test_public_clients_may_not_introspect(portal: Portal) -> None:
    _, token, _ = await _web_tokens(portal)
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        response = await http.post(
            f"{portal.base}/oauth/introspect",
            data={"token": token["access_token"], "client_id": WEB_CLIENT},
        )
    assert response.status_code in (400, 401)
    assert response.json()["error"] == "invalid_client"
    assert (await _graphql(portal, str(token["access_token"]))).status_code == 200


async def test_the_web_client_revokes_its_own_tokens_at_sign_out(portal: Portal) -> None:
    """RFC 7009 for a public client: it names itself by client_id, and only its tokens go."""
    _, token, _ = await _web_tokens(portal)
    partner = _partner(portal)
    verifier = generate_token(48)
    url, _ = partner.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        answer = await consent(browser, await sign_in(browser, url, "bob"))
    foreign = await partner.fetch_token(
        f"{portal.base}/oauth/token",
        authorization_response=answer.headers["location"],
        code_verifier=verifier,
    )
    revoke = f"{portal.base}/oauth/revoke"
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        refused = await http.post(
            revoke, data={"token": foreign["access_token"], "client_id": WEB_CLIENT}
        )
        assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
        assert (await _graphql(portal, str(foreign["access_token"]))).status_code == 200
        unnamed = await http.post(revoke, data={"token": token["access_token"]})
        assert unnamed.status_code in (400, 401)
        assert (await _graphql(portal, str(token["access_token"]))).status_code == 200

        own = await http.post(
            revoke, data={"token": token["access_token"], "client_id": WEB_CLIENT}
        )
        assert own.status_code == 200
        assert (await _graphql(portal, str(token["access_token"]))).status_code == 401
        refresh = await http.post(
            revoke,
            data={
                "token": token["refresh_token"],
                "token_type_hint": "refresh_token",
                "client_id": WEB_CLIENT,
            },
        )
        assert refresh.status_code == 200
    with pytest.raises(OAuthError):
        await _web_client(portal).refresh_token(
            f"{portal.base}/oauth/token", refresh_token=token["refresh_token"]
        )


async def test_pkce_is_required_and_only_s256(portal: Portal) -> None:
    base = {
        "response_type": "code",
        "client_id": WEB_CLIENT,
        "redirect_uri": portal.web_redirect,
        "scope": "openid",
        "state": "s1",
    }
    verifier = generate_token(48)
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        for extra in (
            {},
            {"code_challenge": verifier, "code_challenge_method": "plain"},
            {"code_challenge": verifier},  # no method means plain
        ):
            answer = await browser.get(f"{portal.base}/oauth/authorize", params={**base, **extra})
            assert answer.status_code == 302, extra
            query = parse_qs(urlsplit(answer.headers["location"]).query)
            assert query["error"] == ["invalid_request"], extra
            assert query["state"] == ["s1"]
    # A code obtained with S256 is useless without its verifier.
    client = _web_client(portal, "openid")
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        location = (await sign_in(browser, url, "alice")).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        for verifier_sent in (None, generate_token(48)):
            data = {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": portal.web_redirect,
                "client_id": WEB_CLIENT,
            }
            if verifier_sent:
                data["code_verifier"] = verifier_sent
            refused = await http.post(f"{portal.base}/oauth/token", data=data)
            assert refused.status_code == 400
            assert refused.json()["error"] in {"invalid_request", "invalid_grant"}


async def test_redirect_uri_must_match_exactly(portal: Portal) -> None:
    client = AsyncOAuth2Client(
        client_id=WEB_CLIENT,
        redirect_uri="http://127.0.0.1:9/evil",
        scope="openid",
        code_challenge_method="S256",
    )
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=generate_token(48)
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        answer = await browser.get(url, headers={"Accept-Language": "zh-CN"})
    assert answer.status_code == 400  # never redirected to an unregistered URI
    assert "location" not in answer.headers
    assert "授权请求无效" in answer.text
    # At the token endpoint too: a code issued for one URI cannot be redeemed with another.
    good = _web_client(portal, "openid")
    verifier = generate_token(48)
    url, _ = good.create_authorization_url(f"{portal.base}/oauth/authorize", code_verifier=verifier)
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        location = (await sign_in(browser, url, "alice")).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        refused = await http.post(
            f"{portal.base}/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": portal.web_redirect + "/other",
                "client_id": WEB_CLIENT,
                "code_verifier": verifier,
            },
        )
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_grant"


async def test_a_code_works_once(portal: Portal) -> None:
    client = _web_client(portal, "openid")
    verifier = generate_token(48)
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        location = (await sign_in(browser, url, "alice")).headers["location"]
    await client.fetch_token(
        f"{portal.base}/oauth/token", authorization_response=location, code_verifier=verifier
    )
    with pytest.raises(OAuthError) as again:
        await client.fetch_token(
            f"{portal.base}/oauth/token", authorization_response=location, code_verifier=verifier
        )
    assert again.value.error == "invalid_grant"


async def test_the_sign_in_form_is_bound_to_its_browser_and_request(portal: Portal) -> None:
    client = _web_client(portal, "openid")
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=generate_token(48)
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as victim:
        page = await open_signin(victim, url)
    # Another browser (no cookie of this page) posting the same form: refused.
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as attacker:
        forged = await submit_signin(attacker, page, "alice")
    assert forged.status_code == 400
    assert "location" not in forged.headers
    # The right browser, but with a parameter changed: refused too.
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        page = await open_signin(browser, url)
        fields = dict(hidden_fields(page.text))
        fields.update(scope="openid forms:read", username="alice", password="x" * 12)
        tampered = await browser.post(f"{portal.base}/oauth/authorize", data=fields)
    assert tampered.status_code == 400
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"


async def test_a_one_time_password_is_replaced_at_the_first_sign_in(portal: Portal) -> None:
    done = portal.cli("create-user", "first-admin", "--role", "admin", "--one-time-password")
    assert done.returncode == 0, done.stderr
    match = re.search(r"^One-time password for first-admin .*: (\S+)$", done.stdout, re.MULTILINE)
    assert match, done.stdout
    one_time = match.group(1)
    client = _web_client(portal)
    verifier = generate_token(48)
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier, ui_locales="zh-CN"
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        page = await sign_in(browser, url, "first-admin", one_time)
        # Not signed in yet: the page asks for a new password first, in the chosen language.
        assert page.status_code == 200 and "location" not in page.headers
        assert 'name="step" value="change_password"' in page.text and "设置新密码" in page.text
        fields = dict(hidden_fields(page.text))
        target = str(page.url.copy_with(query=None))
        mismatch = await browser.post(
            target, data={**fields, "new_password": "a-new-secret-1", "repeat_password": "other"}
        )
        assert (
            mismatch.status_code == 400 and error_text(mismatch.text) == "两次输入的新密码不一致。"
        )
        again = dict(hidden_fields(mismatch.text))
        same = await browser.post(
            target, data={**again, "new_password": one_time, "repeat_password": one_time}
        )
        assert same.status_code == 400 and error_text(same.text)
        chosen = dict(hidden_fields(same.text))
        answer = await browser.post(
            target,
            data={**chosen, "new_password": "a-new-secret-1", "repeat_password": "a-new-secret-1"},
        )
        assert answer.status_code == 302, answer.text
        # The form of a completed change cannot be replayed.
        replay = await browser.post(
            target,
            data={**chosen, "new_password": "a-third-secret", "repeat_password": "a-third-secret"},
        )
        assert replay.status_code == 400
    token = await client.fetch_token(
        f"{portal.base}/oauth/token",
        authorization_response=answer.headers["location"],
        code_verifier=verifier,
    )
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        me = await http.post(
            f"{portal.base}/graphql",
            json={"query": "{ me { mustChangePassword roles } }"},
            headers={"Authorization": f"Bearer {token['access_token']}"},
        )
    assert me.json()["data"]["me"] == {"mustChangePassword": False, "roles": ["ADMIN"]}
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        refused = await sign_in(browser, url, "first-admin", one_time)
        assert refused.status_code == 401
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        accepted = await sign_in(browser, url, "first-admin", "a-new-secret-1")
        assert accepted.status_code == 302
