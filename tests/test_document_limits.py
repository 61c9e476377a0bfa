"""Depth, alias and cost limits run in linear time, before any other work, for everyone.

A hostile document of fragments that each spread the previous one twice used to make the
depth limiter walk 2^n paths: one anonymous request of a few hundred bytes held the event
loop (and /healthz with it) for seconds, and a little more never finished.
"""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql import parse, visit
from graphql.language import Visitor

from auditportal.api.document_limits import SATURATED, Limits, measure
from auditportal.api.schema import build_schema
from auditportal.settings import Settings
from tests.conftest import Api, DatabaseFactory
from tests.oauth_support import CLI, cli, free_port, portal_environment, wait_ready

LIMITS = Limits(
    max_depth=10,
    max_aliases=15,
    max_cost=25_000,
    default_page_size=20,
    max_page_size=100,
    list_size=10,
)


def fragment_bomb(levels: int, *, aliased: bool = False) -> str:
    """Fragment n spreads fragment n-1 twice: 2^n copies of the innermost selection."""
    innermost = "a: me { role }" if aliased else "me { role }"
    parts = [f"fragment F0 on Query {{ {innermost} }}"]
    parts += [
        f"fragment F{level} on Query {{ ...F{level - 1} ...F{level - 1} }}"
        for level in range(1, levels + 1)
    ]
    parts.append(f"query Bomb {{ ...F{levels} }}")
    return "\n".join(parts)


class _Selections(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def enter(self, node: object, *_: object) -> None:
        if type(node).__name__ in {"FieldNode", "FragmentSpreadNode", "InlineFragmentNode"}:
            self.count += 1


def _selection_count(query: str) -> int:
    """Fields, fragment spreads and inline fragments of the document: what the limiter visits."""
    counter = _Selections()
    visit(parse(query), counter)
    return counter.count


@pytest.fixture(scope="module")
def schema() -> object:
    return build_schema(Settings())._schema


def test_the_limiter_visits_each_selection_once(schema: object) -> None:
    for levels in (16, 32, 64, 128):
        query = fragment_bomb(levels)
        report = measure(schema, parse(query), LIMITS)  # type: ignore[arg-type]
        assert report.steps <= _selection_count(query)
        assert report.operations["Bomb"].cost == min(2 * 2**levels, SATURATED)
        assert report.refusal is not None
        assert report.refusal.code == "QUERY_TOO_COSTLY"


def test_aliases_are_counted_through_fragments_without_expanding_them(schema: object) -> None:
    query = fragment_bomb(40, aliased=True)
    report = measure(schema, parse(query), LIMITS)  # type: ignore[arg-type]
    assert report.steps <= _selection_count(query)
    assert report.refusal is not None
    assert report.refusal.code == "TOO_MANY_ALIASES"


def test_fragment_cycles_are_refused_not_followed(schema: object) -> None:
    query = "fragment A on Query { ...B } fragment B on Query { me { role } ...A } { ...A }"
    report = measure(schema, parse(query), LIMITS)  # type: ignore[arg-type]
    assert report.refusal is not None
    assert (report.refusal.key, report.refusal.params) == ("error.fragment_cycle", {"name": "A"})


def test_depth_counts_through_fragments(schema: object) -> None:
    chain = ["fragment R0 on Submission { id }"]
    chain += [f"fragment R{i} on Submission {{ revises {{ ...R{i - 1} }} }}" for i in range(1, 12)]
    query = "\n".join([*chain, "{ submissions { nodes { ...R11 } } }"])
    report = measure(schema, parse(query), LIMITS)  # type: ignore[arg-type]
    assert report.operations["#12"].depth == 13
    assert report.refusal is not None
    assert report.refusal.code == "QUERY_TOO_DEEP"


def test_the_cost_multiplies_page_sizes_through_the_selection(schema: object) -> None:
    query = """
    query Page($n: Int = 50) {
      submissions(first: $n) {
        totalCount
        nodes { id findings { path severity } form { key } }
      }
    }
    """
    report = measure(schema, parse(query), LIMITS, {"n": 100})  # type: ignore[arg-type]
    # submissions: 1 + 100 x (totalCount 1 + nodes 1 + (id 1 + findings 1 + 10 x 2 + form 2))
    assert report.operations["Page"].cost == 1 + 100 * (1 + 1 + (1 + (1 + 10 * 2) + 2))
    assert report.refusal is None
    with_default = measure(schema, parse(query), LIMITS)  # type: ignore[arg-type]
    assert with_default.operations["Page"].cost == 1 + 50 * (1 + 1 + (1 + 21 + 2))
    unpaged = measure(schema, parse("{ forms { nodes { key } } }"), LIMITS)  # type: ignore[arg-type]
    assert unpaged.operations["#0"].cost == 1 + 20 * (1 + 1)


def test_introspection_fits_but_counts_no_depth(schema: object) -> None:
    from graphql import get_introspection_query

    report = measure(schema, parse(get_introspection_query()), LIMITS)  # type: ignore[arg-type]
    assert report.refusal is None
    assert report.operations["IntrospectionQuery"].depth == 0


async def test_refusals_are_translated_for_anonymous_callers(api: Api) -> None:
    query = fragment_bomb(30)
    zh = await api.gql(query, language="zh-CN")
    assert zh["data"] is None
    assert zh["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY"}
    assert zh["errors"][0]["message"].startswith("查询的估算成本")
    en = await api.gql(query)
    assert "exceeds the limit of 25000" in en["errors"][0]["message"]
    cycle = await api.gql("fragment A on Query { ...A } { ...A }", language="zh-CN")
    assert cycle["errors"][0]["message"] == "片段 A 直接或间接地引用了自身。"


@pytest.fixture
def live_portal(tmp_path: Path, databases: DatabaseFactory) -> Iterator[str]:
    env = asyncio.run(portal_environment(tmp_path / "data", databases))
    port = free_port()
    env["AUDITPORTAL_PORT"] = str(port)
    done = cli(env, "migrate")
    assert done.returncode == 0, done.stderr
    process = subprocess.Popen(  # noqa: S603 - our own CLI with fixed arguments
        [*CLI, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready(base, process):
            raise AssertionError("server did not become ready")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a server stuck in a hostile request
            process.kill()
            process.wait(timeout=10)


@pytest.mark.slow
async def test_a_real_server_refuses_the_bomb_and_keeps_answering(live_portal: str) -> None:
    hostile = fragment_bomb(40)  # ~1.6 KB: the old limiter would walk 2^40 paths
    assert len(hostile.encode()) < 2000
    timeout = httpx.Timeout(30.0)
    async with httpx.AsyncClient(base_url=live_portal, timeout=timeout) as client:

        async def bomb() -> httpx.Response:
            return await client.post(
                "/graphql", json={"query": hostile}, headers={"Accept-Language": "zh-CN"}
            )

        async def health() -> httpx.Response:
            await asyncio.sleep(0.05)  # while the bombs are in flight
            return await client.get("/healthz")

        *bombs, healthz = await asyncio.gather(bomb(), bomb(), bomb(), health())
    assert healthz.status_code == 200
    assert healthz.json() == {"status": "ok"}
    for response in bombs:
        assert response.status_code == 200
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
        assert "估算成本" in error["message"]
