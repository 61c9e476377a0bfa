"""Submissions per second of the 50-field scored checklist, three ways, in one process.

1. GraphQL: the real app (``create_app``) with its middleware, bearer-token auth, policy,
   Strawberry execution, service layer and audit trail, posting ``submitForm``.
2. service: ``auditportal.forms.service.submit`` called directly (no HTTP, no GraphQL,
   no token check) - policy, lookups, validation, scoring, insert and audit event.
3. bare (the baseline): a minimal Starlette app defined here with one POST endpoint that
   parses JSON, validates with a validator compiled once (jsonschema-rs, what a user would
   pick, as the portal now does), scores with the portal's scoring plan and inserts one
   ``Submission`` row. No GraphQL, auth, policy or audit trail.
4. the same bare app validating with Python's jsonschema instead (the baseline this bench
   used before the portal validated with jsonschema-rs), for comparison with older figures.

GraphQL and bare go through the same in-process httpx ASGITransport client, so both pay
the same client overhead. All three write to the same database.

    .venv/bin/python bench/submit_throughput.py [--backend sqlite|postgres] [--runs N] [--n N]
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import DATA_DIR as _DATA_DIR
from support import create_database as _create_database
from support import drop_database, record_ratio

# isort: split
import argparse
import asyncio
import hashlib
import json
import shutil
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import httpx
import jsonschema_rs
from asgi_lifespan import LifespanManager
from jsonschema import Draft202012Validator
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tests.factories import large_answers, large_checklist
from tortoise.contrib.starlette import RegisterTortoise

from auditportal.api.relay import to_global_id
from auditportal.app import create_app
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.auth.tokens import issue_access_token
from auditportal.auth.users import create_user
from auditportal.db import tortoise_config
from auditportal.forms import service
from auditportal.forms.models import Submission
from auditportal.forms.scoring import evaluate, plan_for
from auditportal.schema_state import migrate
from auditportal.settings import Settings

SETTINGS = Settings()  # the environment bench.support fixed

WARMUP = 10

SUBMIT = """
mutation Submit($input: SubmitFormInput!) {
  submitForm(input: $input) {
    __typename
    ... on SubmissionAccepted { submission { id score { percent } } }
    ... on UserError { code message }
  }
}
"""


@dataclass
class Fixture:
    """What the setup created: the published version, the auditor and their token."""

    definition: dict[str, Any]
    answers: dict[str, Any]
    form_id: UUID
    version_id: UUID
    version_gid: str
    user_id: UUID
    principal: Principal
    token: str


@dataclass
class Side:
    label: str
    seconds: list[float] = field(default_factory=list)


# --- database --------------------------------------------------------------------------


async def create_database(backend: str) -> tuple[str, str | None]:
    return await _create_database(backend, "bench")


# --- the baseline app ------------------------------------------------------------------


def bare_app(settings: Settings, fixture: Fixture, *, rust: bool = True) -> Starlette:
    """One POST endpoint doing the essential work of a submission, nothing else."""
    schema = fixture.definition["schema"]
    validator: Any = (
        jsonschema_rs.validator_for(schema, validate_formats=True)
        if rust
        else Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    )
    plan = plan_for(fixture.definition)
    config = tortoise_config(settings)

    async def submit(request: Request) -> JSONResponse:
        payload = await request.json()
        answers = payload["answers"]
        errors = [
            {"path": list(e.instance_path if rust else e.absolute_path), "message": e.message}
            for e in validator.iter_errors(answers)
        ]
        if errors:
            return JSONResponse({"errors": errors}, status_code=422)
        evaluation = evaluate(plan, answers)
        canonical = json.dumps(
            {"version": fixture.version_id, "customer": None, "answers": answers},
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        submission = await Submission.create(
            id=uuid4(),
            form_id=fixture.form_id,
            form_version_id=fixture.version_id,
            customer_id=None,
            submitted_by_id=fixture.user_id,
            submitted_at=datetime.now(UTC),
            language="en",
            answers=answers,
            score_raw=evaluation.raw,
            score_max=evaluation.max,
            score_percent=evaluation.percent,
            passed=evaluation.passed,
            section_scores=evaluation.sections,
            findings=evaluation.findings,
            finding_count=len(evaluation.findings),
            idempotency_key=None,
            request_hash=hashlib.sha256(canonical.encode()).hexdigest(),
            revision=1,
            revises=None,
            revision_reason=None,
        )
        return JSONResponse(
            {"submission": {"id": str(submission.id), "score": {"percent": evaluation.percent}}}
        )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with RegisterTortoise(app, config=config):
            yield

    return Starlette(routes=[Route("/submit", submit, methods=["POST"])], lifespan=lifespan)


# --- setup -------------------------------------------------------------------------------


async def set_up(client: httpx.AsyncClient) -> Fixture:
    """Inside the real app's lifespan: publish the form, create the auditor and a token."""
    system = system_principal("bench")
    definition = large_checklist()
    form = await service.create_draft(system, definition, settings=SETTINGS)
    published = await service.publish(system, form.id, settings=SETTINGS)
    user = await create_user(system, username="bench-auditor", role=Role.AUDITOR)
    scopes = default_scopes(Role.AUDITOR)
    token = issue_access_token(SETTINGS, user.id, scopes, "bench")
    principal = Principal(
        subject=f"user:{user.username}",
        role=Role.AUDITOR,
        user_id=user.id,
        username=user.username,
        scopes=scopes,
    )
    fixture = Fixture(
        definition=definition,
        answers=large_answers(),
        form_id=form.id,
        version_id=published.version.id,
        version_gid=to_global_id("FormVersion", published.version.id),
        user_id=user.id,
        principal=principal,
        token=token,
    )
    # One request through the whole stack, to fail early with a readable reason.
    await graphql_submitter(client, fixture)()
    return fixture


# --- the three ways to submit -----------------------------------------------------------


def graphql_submitter(client: httpx.AsyncClient, fixture: Fixture) -> Callable[[], Awaitable[None]]:
    headers = {"Authorization": f"Bearer {fixture.token}", "Accept-Language": "en"}
    body = {
        "query": SUBMIT,
        "variables": {"input": {"formVersionId": fixture.version_gid, "answers": fixture.answers}},
    }

    async def one() -> None:
        response = await client.post("/graphql", json=body, headers=headers)
        result = response.json()
        accepted = result.get("data", {}) or {}
        if (accepted.get("submitForm") or {}).get("__typename") != "SubmissionAccepted":
            raise RuntimeError(f"submitForm failed: {response.status_code} {response.text[:500]}")

    return one


def service_submitter(fixture: Fixture) -> Callable[[], Awaitable[None]]:
    async def one() -> None:
        result = await service.submit(
            fixture.principal,
            answers=fixture.answers,
            language="en",
            version_id=fixture.version_id,
            settings=SETTINGS,
        )
        if result.replayed or result.submission.score_percent is None:
            raise RuntimeError("service.submit returned an unexpected result")

    return one


def bare_submitter(client: httpx.AsyncClient, fixture: Fixture) -> Callable[[], Awaitable[None]]:
    body = {"formVersionId": fixture.version_gid, "answers": fixture.answers}

    async def one() -> None:
        response = await client.post("/submit", json=body)
        if response.status_code != 200:
            raise RuntimeError(f"bare submit failed: {response.status_code} {response.text[:500]}")
        response.json()

    return one


async def timed(one: Callable[[], Awaitable[None]], n: int) -> float:
    for _ in range(WARMUP):
        await one()
    start = time.perf_counter()
    for _ in range(n):
        await one()
    return time.perf_counter() - start


# --- running -----------------------------------------------------------------------------


async def run(backend: str, runs: int, n: int) -> None:
    url, pg_name = await create_database(backend)
    try:
        settings = SETTINGS.model_copy(update={"database_url": url})
        await migrate(settings)
        portal = create_app(settings)
        graphql = Side("GraphQL submitForm (full app)")
        direct = Side("service.submit (no HTTP)")
        bare = Side("bare Starlette, jsonschema-rs (baseline)")
        bare_py = Side("bare Starlette, Python jsonschema (old baseline)")

        async with (
            LifespanManager(portal) as manager,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=manager.app), base_url="http://bench"
            ) as client,
        ):
            fixture = await set_up(client)
        baselines = [
            (bare, bare_app(settings, fixture)),
            (bare_py, bare_app(settings, fixture, rust=False)),
        ]

        async def portal_runs(order: list[str]) -> None:
            async with (
                LifespanManager(portal) as manager,
                httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=manager.app), base_url="http://bench"
                ) as client,
            ):
                for which in order:
                    if which == "graphql":
                        graphql.seconds.append(await timed(graphql_submitter(client, fixture), n))
                    else:
                        direct.seconds.append(await timed(service_submitter(fixture), n))

        async def bare_run() -> None:
            for side, app in baselines:
                async with (
                    LifespanManager(app) as manager,
                    httpx.AsyncClient(
                        transport=httpx.ASGITransport(app=manager.app), base_url="http://bench"
                    ) as client,
                ):
                    side.seconds.append(await timed(bare_submitter(client, fixture), n))

        for number in range(runs):
            # Alternate the order so that drift (a growing table, a warming cache) is shared.
            if number % 2 == 0:
                await portal_runs(["graphql", "service"])
                await bare_run()
            else:
                await bare_run()
                await portal_runs(["service", "graphql"])
            print(f"  run {number + 1}/{runs} done", file=sys.stderr, flush=True)

        print_table(backend, runs, n, [graphql, direct, bare, bare_py], bare)
    finally:
        await drop_database(pg_name)


def _ratio(seconds: float, baseline: float) -> str:
    if seconds >= baseline:
        return f"{seconds / baseline:.2f}x slower"
    return f"{baseline / seconds:.2f}x faster"


def print_table(backend: str, runs: int, n: int, sides: list[Side], baseline: Side) -> None:
    base = statistics.median(baseline.seconds)
    header = ["path", "subs/s", "ms/sub", "ms/sub min-max", "time vs bare"]
    rows = []
    for side in sides:
        med = statistics.median(side.seconds)
        spread = f"{1000 * min(side.seconds) / n:.2f}-{1000 * max(side.seconds) / n:.2f}"
        ratio = "1.00x (baseline)" if side is baseline else _ratio(med, base)
        rows.append([side.label, f"{n / med:.1f}", f"{1000 * med / n:.2f}", spread, ratio])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest])

    print()
    print(
        f"submit_throughput: 50-field scored checklist, backend={backend}, "
        f"N={n} sequential submissions per run, median of {runs} runs"
    )
    print(line(header))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))
    ratio = statistics.median(sides[0].seconds) / base
    print(
        f"GraphQL/bare: each submission takes {ratio:.2f}x the bare time "
        f"(GraphQL throughput = {1 / ratio:.2f} of bare)"
    )
    record_ratio(
        "submit_throughput", f"submitForm vs bare Starlette, {backend}", ratio, 2.0, "lower"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per path (default 5)")
    parser.add_argument("--n", type=int, default=200, help="submissions per run (default 200)")
    args = parser.parse_args()
    try:
        asyncio.run(run(args.backend, args.runs, args.n))
    finally:
        shutil.rmtree(_DATA_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
