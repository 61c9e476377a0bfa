"""My work for one auditor with 200 open items, three ways, in one process.

1. GraphQL: the real app (``create_app``) answering ``myWork(first: 100)`` with the fields
   the web's list shows (kind, title, due, overdue, state, customer, case) and
   ``myWorkCounts``, through httpx's ASGITransport: token check, policy, the service,
   DataLoaders for customers.
2. service: ``auditportal.work.reads.my_work`` called directly: permission, row scope,
   one query per source and per kind of related row, merge and order.
3. bare SQL (the baseline): one hand-written UNION ALL over the same three sources with
   the same filters, ordered overdue first then by due date in SQL, read with the ORM's
   connection: what one would write without the portal. No scope, no titles, no counts.

The database also holds 2,000 open cases of other people, so every path has to filter.

    .venv/bin/python bench/my_work.py [--backend sqlite|postgres] [--runs N] [--repeat N]
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import create_database, drop_database, median, print_table, remove_data_dir

# isort: split
import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
from asgi_lifespan import LifespanManager
from tests import inspection_factories as inspections
from tests.work_factories import case, follow_up, planned_inspection, version_of

from auditportal.app import create_app
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.auth.tokens import issue_access_token
from auditportal.auth.users import create_user
from auditportal.customers.models import Customer, CustomerTier
from auditportal.pagination import PageRequest
from auditportal.schema_state import migrate
from auditportal.settings import Settings
from auditportal.work import reads as work

QUERY = """
{ myWork(first: 100) { totalCount nodes { id kind title dueAt overdue stateLabel
    customer { code name } workflowInstance { id state } } }
  myWorkCounts { total overdue tasks inspections followUps reviews } }
"""

BARE = """
SELECT * FROM (
  SELECT 'case' AS source, id, customer_id, due_at AS due, state AS label
    FROM workflow_instances
   WHERE closed_at IS NULL
     AND (assignee_id = {p1} OR (assignee_id IS NULL AND assigned_role = {p2}))
  UNION ALL
  SELECT 'inspection', id, customer_id, due_on, status
    FROM scheduled_inspections
   WHERE status = 'planned' AND assignee_id = {p1} AND due_on <= {p3}
  UNION ALL
  SELECT 'follow_up', id, customer_id, due_on, description
    FROM customer_follow_ups
   WHERE owner_id = {p1} AND done_at IS NULL
) AS work
ORDER BY CASE WHEN due IS NOT NULL AND due <= {p4} THEN 0 ELSE 1 END, due, id
LIMIT 100
"""


async def seed() -> tuple[UUID, Principal]:
    system = system_principal("bench")
    await inspections.load_builtins()
    auditor = await create_user(system, username="bench-auditor", role=Role.AUDITOR)
    other = await create_user(system, username="bench-other", role=Role.AUDITOR)
    rows = [
        Customer(code=f"B-{i:05d}", name=f"基准客户 {i} 有限公司", tier=CustomerTier.NORMAL)
        for i in range(400)
    ]
    await Customer.bulk_create(rows, batch_size=500)
    customers = list(await Customer.filter(code__startswith="B-").order_by("code"))
    complaint = await version_of("complaint-handling")
    inspection = await version_of("inspection")
    plan = await inspections.plan()
    today = inspections.today()
    now = datetime.now(UTC)
    for i in range(200):
        customer = customers[i % len(customers)].id
        due = now + timedelta(hours=i * 7 - 300)  # a third overdue
        if i % 5 in (0, 1):
            await case(complaint, "investigating", customer_id=customer,
                       assignee_id=auditor.id, due_at=due)  # fmt: skip
        elif i % 5 == 2:
            await case(inspection, "in_progress", customer_id=customer, assignee_id=auditor.id,
                       due_at=due, data={"inspection": {"planId": str(plan.id)}})  # fmt: skip
        elif i % 5 == 3:
            await planned_inspection(plan, customer, auditor.id, today + timedelta(days=i % 28))
        else:
            await follow_up(customer, auditor.id, today + timedelta(days=i % 20 - 5), f"跟进 {i}")
    for i in range(2000):
        await case(complaint, "investigating", customer_id=customers[i % len(customers)].id,
                   assignee_id=other.id, due_at=now + timedelta(hours=i))  # fmt: skip
    principal = Principal(
        subject="user:bench-auditor",
        role=Role.AUDITOR,
        user_id=auditor.id,
        username="bench-auditor",
        scopes=default_scopes(Role.AUDITOR),
    )
    return auditor.id, principal


def bare_reader(backend: str, user_id: UUID, settings: Settings) -> Callable[[], Awaitable[int]]:
    today = inspections.today()
    if backend == "postgres":
        sql = (
            BARE.format(p1="$1", p2="$2", p3="$3::date", p4="$4::timestamptz")
            .replace("due_at AS due", "due_at::timestamptz AS due")
            .replace("due_on, status", "due_on::timestamptz, status::text")
            .replace("due_on, description", "due_on::timestamptz, description")
        )
        cases_first = (user_id, "auditor", today, datetime.now(UTC))
        params: list[Any] = list(cases_first)
    else:
        sql = (
            BARE.replace("{p1}", "?1").replace("{p2}", "?2").replace("{p3}", "?3")
            .replace("{p4}", "?4")
        )  # fmt: skip
        params = [str(user_id), "auditor", today.isoformat(), datetime.now(UTC).isoformat(" ")]

    async def read() -> int:
        # The app's connection (Tortoise's context lives in the app's lifespan).
        _, rows = await Customer._meta.db.execute_query(sql, params)
        return len(rows)

    return read


async def timed(one: Callable[[], Awaitable[int]], repeat: int) -> tuple[float, int]:
    await one()  # warm
    started = time.perf_counter()
    for _ in range(repeat):
        count = await one()
    return (time.perf_counter() - started) / repeat, count


async def run(backend: str, runs: int, repeat: int) -> None:
    url, pg_name = await create_database(backend, "mywork")
    try:
        settings = Settings().model_copy(update={"database_url": url})
        await migrate(settings)
        app = create_app(settings)
        async with (
            LifespanManager(app, startup_timeout=120) as manager,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=manager.app), base_url="http://bench"
            ) as client,
        ):
            user_id, principal = await seed()
            token = issue_access_token(settings, user_id, principal.scopes, "bench")
            headers = {"Authorization": f"Bearer {token}", "Accept-Language": "zh-CN"}

            async def graphql() -> int:
                response = await client.post("/graphql", json={"query": QUERY}, headers=headers)
                data = response.json()
                assert "errors" not in data, data
                return len(data["data"]["myWork"]["nodes"])

            async def service() -> int:
                page = await work.my_work(
                    principal, settings, work.WorkFilter(), PageRequest(offset=0, limit=100)
                )
                return len(page.items)

            paths = {
                "GraphQL myWork + counts (full app)": graphql,
                "service my_work (no HTTP)": service,
                "bare SQL UNION ALL (baseline)": bare_reader(backend, user_id, settings),
            }
            seconds: dict[str, list[float]] = {name: [] for name in paths}
            counts: dict[str, int] = {}
            names = list(paths)
            for number in range(runs):
                order = names if number % 2 == 0 else names[::-1]
                for name in order:
                    took, counts[name] = await timed(paths[name], repeat)
                    seconds[name].append(took)
        baseline = median(seconds["bare SQL UNION ALL (baseline)"])
        print_table(
            f"My work of one auditor: first 100 of 200 open items, 2,200 in all "
            f"({backend}; median of {runs} runs x {repeat} reads)",
            ["path", "rows", "ms per read", "x baseline"],
            [
                [name, str(counts[name]), f"{median(s) * 1000:.2f}", f"{median(s) / baseline:.1f}"]
                for name, s in seconds.items()
            ],
        )
    finally:
        await drop_database(pg_name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    try:
        asyncio.run(run(args.backend, args.runs, args.repeat))
    finally:
        remove_data_dir()


if __name__ == "__main__":
    main()
