"""The daily cleanup removes only credentials that can no longer be used."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from auditportal.auth.cleanup import remove_expired
from auditportal.auth.clients import register_client
from auditportal.auth.models import (
    AuthorizationCode,
    LoginThrottle,
    RefreshToken,
    RevokedAccessToken,
)
from auditportal.auth.principal import system_principal
from tests.conftest import Api


async def test_only_dead_credentials_are_removed(api: Api) -> None:
    person = await api.user("auditor")
    client = (
        await register_client(
            system_principal("tests"),
            client_id="tool",
            name="Tool",
            grant_types=["authorization_code", "refresh_token"],
            redirect_uris=["https://tool.example/cb"],
            allowed_scopes=["forms:read"],
            confidential=True,
        )
    ).client
    now = datetime.now(UTC)

    async def refresh(expires: datetime) -> RefreshToken:
        return await RefreshToken.create(
            token_hash=uuid.uuid4().hex, family_id=uuid.uuid4(), client=client,
            user_id=person.id, auth_time=now, expires_at=expires,
        )  # fmt: skip

    async def code(expires: datetime) -> AuthorizationCode:
        return await AuthorizationCode.create(
            code_hash=uuid.uuid4().hex, client=client, user_id=person.id,
            redirect_uri="https://tool.example/cb", code_challenge="x" * 43,
            auth_time=now, expires_at=expires,
        )  # fmt: skip

    live_refresh = await refresh(now + timedelta(days=10))
    await refresh(now - timedelta(seconds=1))
    live_code = await code(now - timedelta(hours=1))  # expired, but kept a day for forensics
    await code(now - timedelta(days=2))
    await RevokedAccessToken.create(jti="live", expires_at=now + timedelta(minutes=5))
    await RevokedAccessToken.create(jti="dead", expires_at=now - timedelta(minutes=5))
    await LoginThrottle.create(key="user:locked", failures=9, window_started_at=now - timedelta(days=3),
                               locked_until=now + timedelta(minutes=10))  # fmt: skip
    await LoginThrottle.create(
        key="user:recent", failures=2, window_started_at=now - timedelta(minutes=5)
    )
    await LoginThrottle.create(
        key="user:old", failures=2, window_started_at=now - timedelta(days=3)
    )

    removed = await remove_expired()

    assert (removed.refresh_tokens, removed.authorization_codes) == (1, 1)
    assert (removed.revoked_access_tokens, removed.throttles) == (1, 1)
    assert [r.id for r in await RefreshToken.all()] == [live_refresh.id]
    assert [c.id for c in await AuthorizationCode.all()] == [live_code.id]
    assert [t.jti for t in await RevokedAccessToken.all()] == ["live"]
    assert sorted(t.key for t in await LoginThrottle.all()) == ["user:locked", "user:recent"]
    assert await remove_expired() == type(removed)(0, 0, 0, 0)
