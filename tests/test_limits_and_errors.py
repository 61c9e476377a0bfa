"""Hostile or oversized requests are refused clearly; unexpected errors are masked."""

from __future__ import annotations

from typing import Any

import httpx
import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.extensions.mask_unexpected_errors import MaskUnexpectedErrors
from auditportal.api.view import GraphQLView
from auditportal.auth.principal import ANONYMOUS
from auditportal.errors import NotFound
from tests.conftest import SETTINGS, Api


async def test_too_deep_queries_are_refused(api: Api) -> None:
    person = await api.user("admin")
    deep = "{ submissions { nodes { revises { revises { revises { revises { revises { revises { revises { revises { revises { id } } } } } } } } } } } }"
    result = await person.gql(deep)
    assert result["data"] is None
    assert result["errors"][0]["message"] == (
        "The query nests too deeply: at most 10 levels are allowed."
    )
    assert result["errors"][0]["extensions"] == {"code": "QUERY_TOO_DEEP"}
    zh = await person.gql(deep, language="zh-CN")
    assert zh["errors"][0]["message"] == "查询嵌套过深：最多允许 10 层。"


async def test_too_many_aliases_are_refused(api: Api) -> None:
    person = await api.user("admin")
    aliases = " ".join(f"a{i}: me {{ role }}" for i in range(20))
    result = await person.gql(f"{{ {aliases} }}")
    assert result["errors"][0]["message"] == (
        "The query uses too many aliases (fragments included): at most 15."
    )


async def test_too_many_tokens_are_refused(api: Api) -> None:
    person = await api.user("admin")
    fields = " ".join("__typename" for _ in range(2100))
    result = await person.gql(f"{{ {fields} }}")
    assert "token" in result["errors"][0]["message"].lower()


async def test_oversized_bodies_are_refused_before_parsing(api: Api) -> None:
    person = await api.user("admin")
    payload = '{"query": "{ me { role } }", "variables": {"pad": "' + "x" * 1_100_000 + '"}}'
    response = await api.client.post(
        "/graphql",
        content=payload,
        headers={
            "Authorization": f"Bearer {person.token}",
            "content-type": "application/json",
            "Accept-Language": "zh-CN",
        },
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == "请求体过大（上限 1048576 字节）。"


async def test_streamed_bodies_without_length_are_limited_too(api: Api) -> None:
    async def chunks() -> Any:
        for _ in range(40):
            yield b"x" * 50_000

    response = await api.client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_page_size_is_capped_with_a_translated_error(api: Api) -> None:
    person = await api.user("admin")
    result = await person.gql("{ submissions(first: 1000) { totalCount } }", language="zh-CN")
    assert result["errors"][0]["message"] == "每页数量必须在 1 到 100 之间。"
    assert result["errors"][0]["extensions"]["code"] == "BAD_INPUT"
    zero = await person.gql("{ forms(first: 0) { totalCount } }")
    assert zero["errors"][0]["message"] == "Page size must be between 1 and 100."
    cursor = await person.gql('{ forms(after: "bogus") { totalCount } }')
    assert cursor["errors"][0]["extensions"]["code"] == "BAD_INPUT"


async def test_malformed_ids_in_queries(api: Api) -> None:
    person = await api.user("admin")
    result = await person.gql('{ submission(id: "!!!") { id } }')
    assert result["errors"][0]["extensions"]["code"] == "BAD_INPUT"


async def test_syntax_errors_are_shown_not_masked(api: Api) -> None:
    person = await api.user("admin")
    result = await person.gql("{ me { role ")
    assert "Syntax Error" in result["errors"][0]["message"]


async def test_request_id_is_echoed(api: Api) -> None:
    response = await api.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"X-Request-ID": "client-supplied-42"}
    )
    assert response.headers["x-request-id"] == "client-supplied-42"
    hostile = await api.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"X-Request-ID": "bad id\r\nX: y"}
    )
    assert hostile.headers["x-request-id"] != "bad id\r\nX: y"
    assert len(hostile.headers["x-request-id"]) == 32


def _schema_that_fails() -> strawberry.Schema:
    """A schema built for this test: one field that crashes, one with an expected error."""

    @strawberry.type
    class Query:
        @strawberry.field
        def crash(self) -> str | None:
            raise RuntimeError("secret connection string postgres://admin:hunter2@db")

        @strawberry.field
        def missing(self, info: Info[Context, Any]) -> str | None:
            raise NotFound("form.not_found")

    return strawberry.Schema(query=Query, extensions=[MaskUnexpectedErrors])


async def test_unexpected_errors_are_masked_with_the_request_id() -> None:
    from auditportal.middleware import RequestIdMiddleware

    view = GraphQLView(_schema_that_fails(), SETTINGS)
    app = RequestIdMiddleware(view)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.post(
            "/",
            json={"query": "{ crash missing }"},
            headers={"Accept-Language": "en", "X-Request-ID": "req-12345678"},
        )
    body = response.json()
    by_field = {e["path"][0]: e for e in body["errors"]}
    assert "hunter2" not in response.text
    assert by_field["crash"]["message"] == (
        "Internal error; contact your administrator with request id req-12345678."
    )
    assert by_field["crash"]["extensions"] == {
        "code": "INTERNAL_SERVER_ERROR",
        "requestId": "req-12345678",
    }
    assert by_field["missing"]["message"] == "Form not found."
    assert by_field["missing"]["extensions"]["code"] == "NOT_FOUND"
    assert ANONYMOUS.is_authenticated is False
