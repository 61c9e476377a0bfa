"""Keyset cursors (issue 11): a cursor is the row's sort key and id, so rows inserted or
removed while a client pages never shift a page: no duplicate, no gap."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit

CUSTOMERS = """
query($after: String, $order: CustomerOrderBy) {
  customers(first: 3, after: $after, orderBy: $order) {
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { code } }
  }
}
"""


async def _walk(
    admin: Any, query: str, name: str, variables: dict[str, Any], between: Any = None
) -> list[Any]:
    seen: list[Any] = []
    after = None
    turn = 0
    while True:
        page = (await admin.data(query, {**variables, "after": after}))[name]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
        if between is not None:
            await between(turn)
        turn += 1


async def test_customers_inserted_while_paging_shift_no_page(api: Api) -> None:
    admin = await api.user("admin")
    for i in range(0, 20, 2):
        await api.customer(f"K-{i:02d}")

    async def insert(turn: int) -> None:
        # One before the pages already read (must not reappear nor shift), one ahead.
        await api.customer(f"K-{turn * 2 + 1:02d}")
        await api.customer(f"K-{19 - turn:02d}x")

    seen = await _walk(admin, CUSTOMERS, "customers", {}, insert)
    codes = [node["code"] for node in seen]
    assert len(codes) == len(set(codes)), codes
    assert codes == sorted(codes)
    # Every row that existed when paging began is there exactly once.
    assert {f"K-{i:02d}" for i in range(0, 20, 2)} <= set(codes)


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_customers_by_a_shared_key_page_by_their_tie_breakers(
    api: Api, direction: str
) -> None:
    admin = await api.user("admin")
    for i in range(8):
        await api.customer(f"T-{i}", name="Same name" if i % 2 else f"Name {i}")
    order = {"field": "NAME", "direction": direction}
    whole = (
        await admin.data(
            "query($order: CustomerOrderBy) { customers(first: 50, orderBy: $order) { nodes { code } } }",
            {"order": order},
        )
    )["customers"]["nodes"]
    walked = await _walk(admin, CUSTOMERS, "customers", {"order": order})
    assert walked == whole and len(walked) == 8


async def test_submissions_submitted_while_paging_newest_first(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist(key="keyset"))
    first_ids = []
    for _ in range(7):
        accepted = await submit(auditor, formVersionId=version_id, answers=good_answers())
        first_ids.append(accepted["submission"]["id"])

    async def more(turn: int) -> None:
        await submit(auditor, formVersionId=version_id, answers=good_answers())

    query = (
        "query($after: String) { submissions(first: 2, after: $after) {"
        " pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }"
    )
    seen = [node["id"] for node in await _walk(admin, query, "submissions", {}, more)]
    # Newer rows sort before the cursor: the walk sees exactly the rows it started with.
    assert seen == list(reversed(first_ids))


async def test_a_cursor_from_another_order_or_garbage_is_refused(api: Api) -> None:
    admin = await api.user("admin")
    for i in range(4):
        await api.customer(f"C-{i}")
    page = (await admin.data(CUSTOMERS, {"after": None}))["customers"]
    cursor = page["pageInfo"]["endCursor"]
    for bad, order in (
        (cursor, {"field": "NAME", "direction": "ASC"}),
        ("bm90IGpzb24", None),
        ("W10", None),
    ):
        result = await admin.gql(CUSTOMERS, {"after": bad, "order": order})
        assert result.get("errors"), result
        assert result["errors"][0]["extensions"]["code"] == "BAD_INPUT", result


async def test_the_keyset_orders_have_their_indexes(api: Api) -> None:
    from tortoise import connections

    from tests.conftest import BACKEND

    client = connections.get("default")
    if BACKEND == "postgres":
        sql = "SELECT indexname AS name FROM pg_indexes"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    _, rows = await client.execute_query(sql)
    found = {row["name"] for row in rows}
    for name in (
        "workflow_instances_open_entered",
        "notifications_user_newest",
        "job_runs_queued_id",
        "scheduled_inspections_due_id",
    ):
        assert name in found, sorted(found)
