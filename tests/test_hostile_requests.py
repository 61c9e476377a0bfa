"""Unauthenticated requests no handler can take get a clean, translated 4xx, never a 500.

OAuth parameters with a NUL byte (PostgreSQL text refuses it) or longer than the column
they are looked up by, sign-in usernames likewise, and GraphQL bodies that are not one
UTF-8 JSON object, carry numbers JSON cannot hold exactly, nest without end, or send a
multipart ``map`` that does not lead into ``variables``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import AsyncOAuth2Client

from auditportal.app import create_app
from auditportal.auth.clients import register_client
from auditportal.auth.principal import system_principal
from tests.conftest import SETTINGS
from tests.oauth_support import error_text, hidden_fields

# Authlib accepts plain http only on loopback addresses.
BASE = "http://127.0.0.1:8000"
CLIENT = "hostile-web"
REDIRECT = f"{BASE}/callback"


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = SETTINGS.model_copy(update={"database_url": database_url, "public_url": BASE})
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager:
        await register_client(
            system_principal("tests"),
            client_id=CLIENT,
            name="Hostile web",
            grant_types=["authorization_code", "refresh_token"],
            redirect_uris=[REDIRECT],
            allowed_scopes=["openid", "forms:read"],
            confidential=False,
            first_party=True,
        )
        # A 500 must reach the test as a status, not as the app's exception.
        transport = httpx.ASGITransport(app=manager.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
            yield http


def _authorize_url() -> str:
    oauth = AsyncOAuth2Client(
        client_id=CLIENT, redirect_uri=REDIRECT, scope="openid", code_challenge_method="S256"
    )
    url, _ = oauth.create_authorization_url(
        f"{BASE}/oauth/authorize", code_verifier=generate_token(48)
    )
    return str(url)


@pytest.mark.parametrize(
    ("client_id", "language", "expected"),
    [
        ("a\x00b", "en", "The parameter client_id contains a NUL character"),
        ("a" * 5000, "en", "The parameter client_id is too long."),
        ("a\x00b", "zh-CN", "参数 client_id 含有不允许的空字符"),
    ],
)
async def test_authorize_refuses_parameters_no_client_can_have(
    client: httpx.AsyncClient, client_id: str, language: str, expected: str
) -> None:
    response = await client.get(
        "/oauth/authorize",
        params={"client_id": client_id, "response_type": "code", "redirect_uri": REDIRECT},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 400
    assert expected in error_text(response.text)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"grant_type": "client_credentials", "client_id": "a\x00b"}, "client_id"),
        ({"grant_type": "client_credentials", "client_id": "a" * 5000}, "client_id"),
        ({"grant_type": "refresh_token", "client_id": CLIENT, "refresh_token": "x\x00"}, "refresh"),
        (
            {
                "grant_type": "authorization_code",
                "client_id": CLIENT,
                "code": "c\x00",
                "redirect_uri": REDIRECT,
                "code_verifier": "v" * 50,
            },
            "code",
        ),
    ],
)
async def test_token_endpoint_refuses_unusable_parameters(
    client: httpx.AsyncClient, data: dict[str, str], expected: str
) -> None:
    response = await client.post("/oauth/token", data=data, headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "invalid_request"
    assert expected in body["error_description"]
    assert "参数" in body["error_description"]


async def test_a_client_id_in_basic_authorization_names_no_client(
    client: httpx.AsyncClient,
) -> None:
    for endpoint in ("/oauth/token", "/oauth/introspect"):
        for client_id in ("a\x00b", "a" * 5000):
            response = await client.post(
                endpoint,
                data={"grant_type": "client_credentials", "token": "t"},
                auth=(client_id, "secret"),
            )
            assert response.status_code == 401, (endpoint, response.text)
            assert response.json()["error"] == "invalid_client"


@pytest.mark.parametrize("username", ["x" * 151, "x" * 100_000, "ad\x00min"])
async def test_the_sign_in_form_refuses_impossible_usernames(
    client: httpx.AsyncClient, username: str
) -> None:
    page = await client.get(_authorize_url(), headers={"Accept-Language": "zh-CN"})
    assert page.status_code == 200, page.text
    fields = [*hidden_fields(page.text), ("username", username), ("password", "pw\x00")]
    response = await client.post(
        "/oauth/authorize", data=dict(fields), headers={"Accept-Language": "zh-CN"}
    )
    assert response.status_code == 400
    assert "参数 username" in error_text(response.text)


async def test_a_plausible_username_still_gets_the_sign_in_answer(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get(_authorize_url())
    fields = [*hidden_fields(page.text), ("username", "x" * 150), ("password", "wrong")]
    response = await client.post("/oauth/authorize", data=dict(fields))
    assert response.status_code == 401
    assert error_text(response.text) == "The username or password is not correct."


def _bad_request(response: httpx.Response) -> str:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    return str(body["errors"][0]["message"])


JSON = {"content-type": "application/json"}
TYPENAME = b'{"query": "{ __typename }", "variables": {"v": '


@pytest.mark.parametrize(
    ("body", "english", "chinese"),
    [
        (b"[1, 2]", "must be one JSON object", "必须是一个 JSON 对象"),
        (b'"query"', "must be one JSON object", "必须是一个 JSON 对象"),
        (b"null", "must be one JSON object", "必须是一个 JSON 对象"),
        (b'{"query": "\xff\xfe"}', "not valid UTF-8", "UTF-8"),
        (b"\xff\xfe{\x00}\x00", "not valid UTF-8", "UTF-8"),
        (b'{"query": ', "not valid JSON", "不是有效的 JSON"),
        (TYPENAME + b"9" * 5000 + b"}}", "too long", "整数过长"),
        (TYPENAME + b"1e400}}", "out of range", "超出范围"),
        (TYPENAME + b"NaN}}", "out of range", "超出范围"),
        (TYPENAME + b"-Infinity}}", "out of range", "超出范围"),
        (TYPENAME + b"[" * 100_000 + b"]" * 100_000 + b"}}", "nests too deeply", "嵌套过深"),
        (TYPENAME + b"[" * 200 + b"]" * 200 + b"}}", "nests too deeply", "嵌套过深"),
        (b'{"query": 5}', "query must be a string", "query 必须是字符串"),
        (b'{"query": "{ __typename }", "variables": [1]}', "variables must be", "variables"),
        (b'{"query": "{ __typename }", "operationName": 5}', "operationName", "operationName"),
    ],
)
async def test_graphql_bodies_that_are_not_one_json_object(
    client: httpx.AsyncClient, body: bytes, english: str, chinese: str
) -> None:
    assert english in _bad_request(await client.post("/graphql", content=body, headers=JSON))
    zh = await client.post("/graphql", content=body, headers={**JSON, "Accept-Language": "zh-CN"})
    assert chinese in _bad_request(zh)


async def test_moderate_nesting_and_numbers_still_pass(client: httpx.AsyncClient) -> None:
    body = TYPENAME + b"[" * 30 + b"12345678901234567890.5" + b"]" * 30 + b"}}"
    response = await client.post("/graphql", content=body, headers=JSON)
    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"__typename": "Query"}}


OPERATION = json.dumps({"query": "{ __typename }", "variables": {"file": None}})


@pytest.mark.parametrize(
    ("operations", "files_map", "expected"),
    [
        (OPERATION, "[1]", "map a JSON object"),
        (OPERATION, '"variables.file"', "map a JSON object"),
        (OPERATION, '{"0": "variables.file"}', "map a JSON object"),
        (OPERATION, '{"0": [5]}', "map a JSON object"),
        (OPERATION, '{"1": ["variables.file"]}', "The file part 1"),
        (OPERATION, '{"0": ["variables.x.y"]}', "does not lead to a null placeholder"),
        (OPERATION, '{"0": ["query"]}', "does not lead to a null placeholder"),
        (OPERATION, '{"0": ["variables.file.0"]}', "does not lead to a null placeholder"),
        ("[1]", '{"0": ["variables.file"]}', "must be one JSON object"),
        ("{", '{"0": ["variables.file"]}', "not valid JSON"),
    ],
)
async def test_multipart_maps_that_lead_nowhere(
    client: httpx.AsyncClient, operations: str, files_map: str, expected: str
) -> None:
    response = await client.post(
        "/graphql",
        data={"operations": operations, "map": files_map},
        files={"0": ("a.csv", b"code,name\n", "text/csv")},
    )
    assert expected in _bad_request(response)


async def test_strawberrys_own_refusals_are_translated(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        content=b"query",
        headers={"content-type": "text/plain", "Accept-Language": "zh-CN"},
    )
    assert "不支持的内容类型" in _bad_request(response)
    response = await client.post("/graphql", json={"variables": {}})
    assert "no GraphQL query" in _bad_request(response)
