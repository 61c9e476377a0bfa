"""Signing-key rotation: old tokens stay valid until they expire, new tokens use the new key."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from authlib.integrations.httpx_client import AsyncOAuth2Client
from joserfc import jws

from auditportal.auth.keys import (
    RETIRED_DIR,
    jwks_document,
    rotate_signing_key,
    signing_key,
    verification_keys,
)
from tests.conftest import SETTINGS, DatabaseFactory
from tests.oauth_support import SERVER_TIMEOUT, Portal, portal_environment, run_portal


def _kid(token: str) -> str:
    return str(jws.extract_compact(token.encode()).protected["kid"])


@pytest.fixture
async def portal(databases: DatabaseFactory, tmp_path: Path) -> AsyncIterator[Portal]:
    env = await portal_environment(tmp_path / "data", databases)
    runner = run_portal(env)
    running = next(runner)
    running.create_client("rotation-tool", "--scope", "forms:read")
    yield running
    runner.close()


@pytest.mark.slow
async def test_rotation_over_a_running_server(portal: Portal) -> None:
    tool = AsyncOAuth2Client(
        client_id="rotation-tool", client_secret=portal.secrets["rotation-tool"]
    )
    token_url = f"{portal.base}/oauth/token"
    before = (await tool.fetch_token(token_url, grant_type="client_credentials"))["access_token"]
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        jwks_before = (await http.get(f"{portal.base}/oauth/jwks")).json()
    assert [key["kid"] for key in jwks_before["keys"]] == [_kid(before)]

    done = portal.cli("keys", "rotate")
    assert done.returncode == 0, done.stderr
    assert _kid(before) in done.stdout

    after = (await tool.fetch_token(token_url, grant_type="client_credentials"))["access_token"]
    assert _kid(after) != _kid(before)
    async with httpx.AsyncClient(timeout=SERVER_TIMEOUT) as http:
        jwks_after = (await http.get(f"{portal.base}/oauth/jwks")).json()
        kids = [key["kid"] for key in jwks_after["keys"]]
        assert kids == [_kid(after), _kid(before)]  # active first, the retired one kept
        for token in (before, after):
            response = await http.post(
                f"{portal.base}/graphql",
                json={"query": "{ me { role } }"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert response.json() == {"data": {"me": {"role": "SERVICE"}}}


def test_a_retired_key_leaves_the_jwks_when_its_tokens_have_expired(tmp_path: Path) -> None:
    settings = SETTINGS.model_copy(
        update={"data_dir": tmp_path / "data", "access_token_ttl_seconds": 600}
    )
    first = signing_key(settings).kid
    retired, fresh = rotate_signing_key(settings)
    assert retired == first and fresh == signing_key(settings).kid != first
    assert [k.kid for k in verification_keys(settings).keys] == [fresh, first]
    retired_file = tmp_path / "data" / "keys" / RETIRED_DIR / f"{first}.jwk.json"
    assert retired_file.stat().st_mode & 0o777 == 0o600
    document = json.loads(retired_file.read_text())
    assert "d" not in document["key"]  # only the public half is kept
    # Pretend it was retired longer ago than any token lives: it is no longer published.
    document["retired_at"] = int(time.time()) - 3601
    retired_file.write_text(json.dumps(document))
    assert [key["kid"] for key in jwks_document(settings)["keys"]] == [fresh]
