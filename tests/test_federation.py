"""Federation: signing in to one portal through another portal acting as OpenID provider.

Two real uvicorn processes, each with its own data folder and database: the provider (a
second instance of this server) and the relying portal, configured with the provider's
issuer, client id and secret, and a claim-to-role mapping.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import AsyncOAuth2Client

from tests.conftest import DatabaseFactory
from tests.oauth_support import (
    SERVER_TIMEOUT,
    WEB_CLIENT,
    Portal,
    consent,
    error_text,
    free_port,
    open_signin,
    portal_environment,
    run_portal,
    sign_in,
)

# Starts real processes (the CLI, a server, a worker): left out of `make test-quick`.
pytestmark = pytest.mark.slow


@dataclass
class Federation:
    provider: Portal
    portal: Portal


@pytest.fixture(scope="module")
async def federation(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Federation]:
    root = tmp_path_factory.mktemp("federation")
    provider_runner = run_portal(await portal_environment(root / "provider", databases))
    provider = next(provider_runner)
    provider.create_user("ursula", "manager", email="ursula@example.com", display_name="Ursula 吴")
    provider.create_user("victor", "consultant")
    portal_port = free_port()
    callback = f"http://127.0.0.1:{portal_port}/oauth/federated/callback"
    secret = provider.create_client(
        "portal-a",
        "--name",
        "Portal A",
        "--grant-type",
        "authorization_code",
        "--redirect-uri",
        callback,
        "--scope",
        "openid profile email",
    )
    assert secret
    env = await portal_environment(
        root / "portal",
        databases,
        oidc_provider_issuer=provider.base,
        oidc_provider_name="Group SSO 集团",
        oidc_provider_client_id="portal-a",
        oidc_provider_client_secret=secret,
        oidc_provider_role_claim="auditportal_role",
        oidc_provider_role_map="manager:auditor,admin:admin",
    )
    portal_runner = run_portal(env, portal_port)
    portal = next(portal_runner)
    yield Federation(provider, portal)
    portal_runner.close()
    provider_runner.close()


async def _federated_sign_in(
    federation: Federation, browser: httpx.AsyncClient, username: str
) -> tuple[httpx.Response, AsyncOAuth2Client, str]:
    portal = federation.portal
    client = AsyncOAuth2Client(
        client_id=WEB_CLIENT,
        redirect_uri=portal.web_redirect,
        scope="openid profile forms:read",
        code_challenge_method="S256",
    )
    verifier = generate_token(48)
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=verifier
    )
    page = await open_signin(browser, url)
    match = re.search(r'<a class="federated" href="([^"]+)">([^<]+)</a>', page.text)
    assert match, page.text
    assert unescape(match.group(2)) == "Sign in with Group SSO 集团"
    to_provider = await browser.get(portal.base + unescape(match.group(1)))
    assert to_provider.status_code == 302, to_provider.text
    assert to_provider.headers["location"].startswith(
        f"{federation.provider.base}/oauth/authorize?"
    )
    consent_page = await sign_in(browser, to_provider.headers["location"], username)
    assert consent_page.status_code == 200, consent_page.text
    back = await consent(browser, consent_page, "allow")
    assert back.status_code == 302
    assert back.headers["location"].startswith(f"{portal.base}/oauth/federated/callback?")
    return await browser.get(back.headers["location"]), client, verifier


async def test_sign_in_through_another_portal_creates_then_reuses_a_local_account(
    federation: Federation,
) -> None:
    portal = federation.portal
    subjects = []
    for _ in range(2):
        async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
            answer, client, verifier = await _federated_sign_in(federation, browser, "ursula")
        assert answer.status_code == 302, answer.text
        location = answer.headers["location"]
        assert location.startswith(portal.web_redirect + "?")
        token = await client.fetch_token(
            f"{portal.base}/oauth/token", authorization_response=location, code_verifier=verifier
        )
        info = (await client.get(f"{portal.base}/oauth/userinfo")).json()
        # The provider's "manager" maps to this portal's "auditor".
        assert info["auditportal_role"] == "auditor"
        assert info["name"] == "Ursula 吴"
        assert info["preferred_username"] == f"ursula@{urlsplit(federation.provider.base).netloc}"
        async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
            me = await http.post(
                f"{portal.base}/graphql",
                json={"query": "{ me { role } }"},
                headers={"Authorization": f"Bearer {token['access_token']}"},
            )
        assert me.json() == {"data": {"me": {"role": "AUDITOR"}}}
        subjects.append(info["sub"])
    assert subjects[0] == subjects[1]  # keyed by (issuer, subject): one local account
    verified = portal.cli("audit", "verify")
    assert verified.returncode == 0, verified.stderr


async def test_a_provider_user_without_a_mapped_role_is_refused(federation: Federation) -> None:
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        answer, _, _ = await _federated_sign_in(federation, browser, "victor")
    assert answer.status_code == 403
    assert (
        error_text(answer.text)
        == "Your external account has no role in this portal; ask your administrator."
    )
    assert "location" not in answer.headers


async def test_a_callback_without_its_browser_cookie_is_refused(federation: Federation) -> None:
    portal = federation.portal
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        forged = await browser.get(
            f"{portal.base}/oauth/federated/callback", params={"code": "x", "state": "y"}
        )
    assert forged.status_code == 400
    assert parse_qs(urlsplit(str(forged.url)).query)["state"] == ["y"]
