"""Introspection is an administrator's tool in production; open to all in debug mode."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from auditportal.app import create_app
from tests.conftest import SETTINGS, Api

SCHEMA = "{ __schema { queryType { name } } }"
TYPE = '{ __type(name: "Form") { name } }'
HIDDEN = "query { ...Root } fragment Root on Query { __schema { types { name } } }"


async def test_only_admins_introspect_in_production(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    assert (await admin.data(SCHEMA))["__schema"]["queryType"]["name"] == "Query"
    for document in (SCHEMA, TYPE, HIDDEN):
        refused = await auditor.gql(document)
        assert refused.get("data") is None
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        anonymous = await api.gql(document)
        assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    zh = await auditor.gql(SCHEMA, language="zh-CN")
    assert zh["errors"][0]["message"] == "仅管理员可以查询 GraphQL 架构。"
    # __typename is not introspection, and the admin's cached validation does not leak.
    assert (await auditor.data("{ __typename }")) == {"__typename": "Query"}
    assert (await admin.data(SCHEMA))["__schema"]
    assert (await auditor.gql(SCHEMA))["errors"]


@pytest.fixture
async def debug_api(database_url: str) -> AsyncIterator[Api]:
    settings = SETTINGS.model_copy(update={"database_url": database_url, "debug": True})
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield Api(client, settings)


async def test_anyone_introspects_in_debug_mode(debug_api: Api) -> None:
    auditor = await debug_api.user("auditor")
    assert (await auditor.data(SCHEMA))["__schema"]["queryType"]["name"] == "Query"
