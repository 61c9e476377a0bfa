"""Parts of the authorization server checked in-process (no uvicorn needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from auditportal.auth import throttle
from auditportal.auth.clients import WEB_CLIENT_ID, ensure_web_client
from auditportal.auth.models import LoginThrottle, OAuthClient
from tests.conftest import SETTINGS, Api


async def test_the_web_client_is_ensured_idempotently(api: Api) -> None:
    client, changed = await ensure_web_client(api.settings)
    assert client.client_id == WEB_CLIENT_ID and client.first_party
    assert client.token_endpoint_auth_method == "none" and client.secret_hash is None
    assert client.redirect_uris == api.settings.web_redirect_uris
    again, changed_again = await ensure_web_client(api.settings)
    assert (again.id, changed_again) == (client.id, False)
    moved = api.settings.model_copy(update={"web_client_redirect_uri": "https://portal.example/cb"})
    updated, changed = await ensure_web_client(moved)
    assert changed and updated.redirect_uris == ["https://portal.example/cb"]
    assert await OAuthClient.filter(client_id=WEB_CLIENT_ID).count() == 1


async def test_oauth_needs_https_outside_loopback(api: Api) -> None:
    # The test app's public URL is http://testserver: not TLS, not loopback.
    response = await api.client.post(
        "/oauth/token", data={"grant_type": "client_credentials", "client_id": "x"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "insecure_transport"
    discovery = await api.client.get("/.well-known/openid-configuration")
    assert discovery.json()["issuer"] == "http://testserver"


async def test_failures_outside_the_window_start_a_new_count(api: Api) -> None:
    settings = api.settings.model_copy(update={"login_max_failures": 2})
    keys = throttle.ThrottleKeys.of("Someone", "192.0.2.50")
    assert keys.account == "user:someone"
    assert await throttle.record_failure(settings, keys, client_id="c") is None
    # The first failure is older than the window: it no longer counts.
    await LoginThrottle.filter(key=keys.account).update(
        window_started_at=datetime.now(UTC) - timedelta(seconds=3600)
    )
    assert await throttle.record_failure(settings, keys, client_id="c") is None
    locked = await throttle.record_failure(settings, keys, client_id="c")
    assert locked is not None and locked > datetime.now(UTC)
    assert await throttle.locked_until(keys) == locked
    await throttle.record_success(keys)
    assert await throttle.locked_until(throttle.ThrottleKeys.of("someone", "192.0.2.51")) is None


async def test_sign_in_failures_lockouts_and_revocations_are_audited(api: Api) -> None:
    from auditportal.audit.models import AuditEvent
    from auditportal.audit.service import verify_chain
    from auditportal.auth.oauth import store
    from auditportal.auth.tokens import issue_access_token, verify_access_token

    settings = api.settings.model_copy(update={"login_max_failures": 1})
    long_name = "x" * 200  # longer than the audit trail's object id: still recorded
    keys = throttle.ThrottleKeys.of(long_name, "192.0.2.60")
    assert await throttle.record_failure(settings, keys, client_id="c") is not None
    person = await api.user("auditor")
    client, _ = await ensure_web_client(api.settings)
    token = issue_access_token(SETTINGS, person.id, frozenset({"forms:read"}), client.client_id)
    view = store.Access(verify_access_token(SETTINGS, token), revoked=False)
    await store.revoke(store.Client.of(client), view)
    await store.revoke(store.Client.of(client), view)  # again: nothing new to record
    actions = await AuditEvent.filter(
        action__in=["signin.failed", "signin.lockout", "oauth.revoke_access"]
    ).values_list("action", flat=True)
    assert sorted(actions) == ["oauth.revoke_access", "signin.failed", "signin.lockout"]
    assert (await verify_chain()).ok


def test_the_web_client_returns_to_the_served_origin_and_in_debug_to_vite() -> None:
    local = SETTINGS.model_copy(update={"public_url": None, "host": "127.0.0.1", "port": 8000})
    served = ["http://127.0.0.1:8000/callback", "http://localhost:8000/callback"]
    assert local.model_copy(update={"debug": False}).web_redirect_uris == served
    assert local.model_copy(update={"debug": True}).web_redirect_uris == [
        *served,
        "http://localhost:5173/callback",
        "http://127.0.0.1:5173/callback",
    ]
    public = local.model_copy(update={"public_url": "https://audit.example.cn/", "debug": True})
    assert public.web_redirect_uris[0] == "https://audit.example.cn/callback"
    assert "http://127.0.0.1:8000/callback" not in public.web_redirect_uris
