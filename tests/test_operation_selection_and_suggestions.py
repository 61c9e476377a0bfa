"""Field suggestions follow introspection; an ambiguous document runs nothing."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api

MISSPELT = "{ customerz { totalCount } }"
ENUM_TYPO = "query ($t: CustomerTier!) { customers(filter: {tier: $t}) { totalCount } }"


def _messages(result: dict[str, Any]) -> list[str]:
    return [error["message"] for error in result.get("errors", [])]


async def test_no_suggestions_for_callers_who_may_not_introspect(api: Api) -> None:
    auditor = await api.user("auditor")
    for token in (None, auditor.token):
        for query, variables in ((MISSPELT, {}), ("{ customers(frist: 1) { totalCount } }", {})):
            messages = _messages(await api.gql(query, variables, token=token))
            assert messages, query
            assert not any("Did you mean" in m for m in messages), messages
        messages = _messages(await api.gql(ENUM_TYPO, {"t": "HIGH_RISKY"}, token=token))
        assert messages
        assert not any("Did you mean" in m or "HIGH_RISK'" in m for m in messages), messages
    # The error itself still says what is wrong.
    assert _messages(await api.gql(MISSPELT)) == ["Cannot query field 'customerz' on type 'Query'."]


async def test_admins_who_may_introspect_keep_the_suggestions(api: Api) -> None:
    admin = await api.user("admin")
    messages = _messages(await admin.gql(MISSPELT))
    assert any("Did you mean 'customer'" in m for m in messages), messages


async def test_several_operations_need_an_operation_name(api: Api) -> None:
    auditor = await api.user("auditor")
    document = (
        "query First { __typename } "
        'mutation Second { createCustomer(input: {code: "X1", name: "X"}) { __typename } }'
    )
    for language, expected in (
        ("en", "The document holds 2 operations: name the one to run in operationName."),
        ("zh-CN", "文档包含 2 个操作：请用 operationName 指明要执行哪一个。"),
    ):
        response = await api.client.post(
            "/graphql",
            json={"query": document},
            headers={"Authorization": f"Bearer {auditor.token}", "Accept-Language": language},
        )
        assert response.status_code == 200
        assert response.json() == {
            "data": None,
            "errors": [{"message": expected, "extensions": {"code": "BAD_REQUEST"}}],
        }
    unknown = await api.client.post("/graphql", json={"query": document, "operationName": "Third"})
    assert unknown.json()["errors"][0]["message"] == "The document has no operation named Third."
    named = await api.client.post(
        "/graphql",
        json={"query": document, "operationName": "First"},
        headers={"Authorization": f"Bearer {auditor.token}"},
    )
    assert named.json() == {"data": {"__typename": "Query"}}
    # One operation needs no name.
    assert await auditor.data("{ __typename }") == {"__typename": "Query"}
