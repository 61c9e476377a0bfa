"""Start-up, health and readiness, debug-only surfaces, keys on disk."""

from __future__ import annotations

import stat

import httpx
import pytest
from asgi_lifespan import LifespanManager

from auditportal.app import DatabaseNotMigrated, create_app
from tests.conftest import SETTINGS, Api, DatabaseFactory


async def test_health_and_readiness(api: Api) -> None:
    assert (await api.client.get("/healthz")).json() == {"status": "ok"}
    ready = await api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "pendingMigrations": []}


async def test_refuses_to_start_on_an_unmigrated_database(databases: DatabaseFactory) -> None:
    settings = SETTINGS.model_copy(update={"database_url": await databases.empty_url()})
    app = create_app(settings)
    with pytest.raises(DatabaseNotMigrated, match="auditportal migrate"):
        async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60):
            pass


async def test_graphiql_and_dev_login_only_in_debug_mode(database_url: str) -> None:
    for debug in (False, True):
        settings = SETTINGS.model_copy(update={"database_url": database_url, "debug": debug})
        app = create_app(settings)
        async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager:
            transport = httpx.ASGITransport(app=manager.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                ide = await client.get("/graphql", headers={"Accept": "text/html"})
                login = await client.post("/dev/login", json={"username": "nobody"})
        if debug:
            assert ide.status_code == 200 and "graphiql" in ide.text.lower()
            assert login.status_code == 400
            assert login.json()["error"] == "invalid_grant"
        else:
            assert ide.status_code != 200 or "graphiql" not in ide.text.lower()
            assert login.status_code in (404, 405)


async def test_dev_login_issues_a_working_token(database_url: str) -> None:
    settings = SETTINGS.model_copy(update={"database_url": database_url, "debug": True})
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager:
        from auditportal.auth.principal import Role, system_principal
        from auditportal.auth.users import create_user

        await create_user(system_principal("tests"), username="dev-admin", role=Role.ADMIN)
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            issued = (await client.post("/dev/login", json={"username": "dev-admin"})).json()
            me = await client.post(
                "/graphql",
                json={"query": "{ me { role user { username } } }"},
                headers={"Authorization": f"Bearer {issued['access_token']}"},
            )
    assert issued["token_type"] == "Bearer"
    assert me.json()["data"]["me"] == {"role": "ADMIN", "user": {"username": "dev-admin"}}


async def test_keys_are_generated_owner_only(api: Api) -> None:
    keys = SETTINGS.data_dir / "keys"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    files = {p.name for p in keys.iterdir()}
    # The audit chain key appears once the first event is recorded (whichever test did).
    assert {"field-encryption-keys.json", "signing-key.jwk.json"} <= files
    assert files <= {"audit-chain-key.json", "field-encryption-keys.json", "signing-key.jwk.json"}
    for path in keys.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(SETTINGS.data_dir.stat().st_mode) == 0o700
