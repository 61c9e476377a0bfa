"""The web portal's build served at /: caching, the SPA fallback, API paths kept, CSP nonce."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from auditportal.app import create_app
from auditportal.web import web_routes
from tests.conftest import SETTINGS

INDEX = (
    '<!doctype html><html><head><meta property="csp-nonce" nonce="__CSP_NONCE__">'
    '<script type="module" nonce="__CSP_NONCE__" src="/assets/index-abc123.js"></script>'
    "</head><body></body></html>"
)


def _dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


def _client(app: Starlette) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_assets_cached_long_index_never_with_a_fresh_nonce(tmp_path: Path) -> None:
    app = Starlette(routes=web_routes(SETTINGS, _dist(tmp_path)))
    async with _client(app) as client:
        asset = await client.get("/assets/index-abc123.js")
        assert asset.status_code == 200
        assert "immutable" in asset.headers["cache-control"]
        first = await client.get("/")
        second = await client.get("/work/some-task?page=2")
        missing_asset = await client.get("/assets/index-old999.js")
        escape = await client.get("/assets/../../etc/passwd")
    assert missing_asset.status_code == 404
    assert escape.status_code == 404 or "root:" not in escape.text
    for page in (first, second):
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-cache"
        assert "__CSP_NONCE__" not in page.text
    nonces = [re.search(r'nonce="([^"]+)"', page.text).group(1) for page in (first, second)]  # type: ignore[union-attr]
    assert nonces[0] != nonces[1]
    policy = first.headers["content-security-policy"]
    assert f"'nonce-{nonces[0]}'" in policy
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert script_src == f"script-src 'self' 'nonce-{nonces[0]}'"
    # No code from strings: the forms' validator interprets schemas (no 'unsafe-eval').
    assert "unsafe-eval" not in policy and "wasm-unsafe-eval" not in policy
    assert "'unsafe-inline'" not in policy.split("style-src-attr")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


async def test_api_paths_are_not_answered_with_the_portal(
    tmp_path: Path, database_url: str
) -> None:
    settings = SETTINGS.model_copy(
        update={"database_url": database_url, "web_dist_dir": _dist(tmp_path)}
    )
    app = create_app(settings)
    async with (
        LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager,
        _client(manager.app) as client,  # type: ignore[arg-type]
    ):
        portal = await client.get("/customers/123")
        graphql = await client.post("/graphql", json={"query": "{ __typename }"})
        unknown_api = [
            await client.get(path)
            for path in ("/oauth/nothing", "/reports/not-a-uuid/x", "/files/x/nothing", "/graphqlx")
        ]
        discovery = await client.get("/.well-known/openid-configuration")
    assert portal.status_code == 200 and "<script" in portal.text
    assert graphql.json() == {"data": {"__typename": "Query"}}
    for response in unknown_api:
        assert response.status_code == 404, response.url
        assert "<script" not in response.text
    assert discovery.json()["issuer"]


async def test_without_a_build_the_root_says_how_to_build(tmp_path: Path) -> None:
    app = Starlette(routes=web_routes(SETTINGS.model_copy(update={"web_dist_dir": tmp_path})))
    async with _client(app) as client:
        response = await client.get("/")
    assert response.status_code == 503
    assert "make web" in response.text
