"""The sign-in page: languages, one generic failure message, throttling and lockout."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import AsyncOAuth2Client

from tests.conftest import DatabaseFactory
from tests.oauth_support import (
    SERVER_TIMEOUT,
    WEB_CLIENT,
    Portal,
    error_text,
    open_signin,
    portal_environment,
    run_portal,
    submit_signin,
)

# Starts real processes (the CLI, a server, a worker): left out of `make test-quick`.
pytestmark = pytest.mark.slow

FAILED_EN = "The username or password is not correct."
FAILED_ZH = "用户名或密码不正确。"


@pytest.fixture(scope="module")
async def portal(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Portal]:
    env = await portal_environment(
        tmp_path_factory.mktemp("signin") / "data",
        databases,
        login_max_failures="3",
        login_max_failures_per_ip="6",
        login_lockout_seconds="600",
    )
    runner = run_portal(env)
    running = next(runner)
    for name in ("carol", "dave", "erin", "frank"):
        running.create_user(name, "auditor")
    yield running
    runner.close()


def _authorize_url(portal: Portal, **extra: str) -> str:
    client = AsyncOAuth2Client(
        client_id=WEB_CLIENT,
        redirect_uri=portal.web_redirect,
        scope="openid forms:read",
        code_challenge_method="S256",
    )
    url, _ = client.create_authorization_url(
        f"{portal.base}/oauth/authorize", code_verifier=generate_token(48), **extra
    )
    return str(url)


async def _attempt(
    portal: Portal,
    username: str,
    password: str,
    *,
    language: str = "en",
    address: str | None = None,
) -> httpx.Response:
    headers = {"Accept-Language": language}
    if address:
        # uvicorn trusts X-Forwarded-For from 127.0.0.1 (its default forwarded_allow_ips).
        headers["X-Forwarded-For"] = address
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        page = await open_signin(browser, _authorize_url(portal), **headers)
        return await submit_signin(browser, page, username, password, **headers)


async def test_the_page_speaks_the_users_language(portal: Portal) -> None:
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as browser:
        chinese = await open_signin(browser, _authorize_url(portal), **{"Accept-Language": "zh-CN"})
        english = await open_signin(browser, _authorize_url(portal), **{"Accept-Language": "en"})
        by_ui_locales = await open_signin(
            browser, _authorize_url(portal, ui_locales="zh-CN"), **{"Accept-Language": "en"}
        )
    assert '<html lang="zh-CN">' in chinese.text and "登录" in chinese.text
    assert '<html lang="en">' in english.text and "Sign in" in english.text
    assert '<html lang="zh-CN">' in by_ui_locales.text
    for page in (chinese, english):
        # No scripts and no external assets: nothing loaded from anywhere.
        assert "<script" not in page.text and "<link" not in page.text
        assert "src=" not in page.text and "url(" not in page.text


async def test_one_generic_message_whether_or_not_the_account_exists(portal: Portal) -> None:
    wrong_password = await _attempt(portal, "dave", "wrong-password-1", address="192.0.2.1")
    no_such_user = await _attempt(portal, "nobody-here", "wrong-password-1", address="192.0.2.1")
    in_chinese = await _attempt(
        portal, "nobody-here-2", "wrong-password-1", language="zh-CN", address="192.0.2.1"
    )
    assert wrong_password.status_code == no_such_user.status_code == 401
    assert error_text(wrong_password.text) == error_text(no_such_user.text) == FAILED_EN
    assert error_text(in_chinese.text) == FAILED_ZH
    assert "location" not in wrong_password.headers


async def test_repeated_failures_lock_the_account_for_a_while(portal: Portal) -> None:
    for _ in range(2):
        assert (
            await _attempt(portal, "carol", "wrong-password-1", address="192.0.2.2")
        ).status_code == 401
    third = await _attempt(portal, "carol", "wrong-password-1", address="192.0.2.2")
    assert third.status_code == 429
    assert error_text(third.text).startswith("Too many failed sign-ins; try again in 10 minute")
    # Locked means locked: even the right password is refused, in either language.
    right = await _attempt(
        portal, "carol", "correct-horse-battery", language="zh-CN", address="192.0.2.2"
    )
    assert right.status_code == 429
    assert error_text(right.text) == "登录失败次数过多，请于 10 分钟后再试。"
    # An account name that does not exist locks the same way (nothing is revealed).
    for _ in range(2):
        await _attempt(portal, "ghost", "wrong-password-1", address="192.0.2.4")
    assert (
        await _attempt(portal, "ghost", "wrong-password-1", address="192.0.2.4")
    ).status_code == 429
    # Other accounts are not affected.
    other = await _attempt(portal, "frank", "correct-horse-battery", address="192.0.2.3")
    assert other.status_code == 302


async def test_repeated_failures_from_one_address_lock_that_address(portal: Portal) -> None:
    address = "203.0.113.9"
    for number in range(6):
        await _attempt(portal, f"guess-{number}", "wrong-password-1", address=address)
    blocked = await _attempt(portal, "erin", "correct-horse-battery", address=address)
    assert blocked.status_code == 429
    elsewhere = await _attempt(portal, "erin", "correct-horse-battery", address="198.51.100.4")
    assert elsewhere.status_code == 302


async def test_sign_ins_and_lockouts_are_in_an_intact_audit_trail(portal: Portal) -> None:
    done = portal.cli("audit", "verify")
    assert done.returncode == 0, done.stderr
    assert "verified" in done.stdout
