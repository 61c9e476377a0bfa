"""The newest-submissions list against PostGraphile v5, the compiled-SQL GraphQL ceiling.

One PostgreSQL database seeded with the portal's own tables (N submissions over N/10
customers); the portal (``auditportal serve``, one process) and PostGraphile (amber preset,
``-s public``, production mode, one Node process) serve it side by side; one load generator
(asyncio + httpx, C connections) sends the issue's query to each in turn, alternating, for a
fixed time per round: "100 newest submissions with form key and title, version number,
customer code and name, score and time". Printed: requests/s, p50, p99, the server
process's CPU per request (the database's CPU is not included: on this shared machine
other engineers' tests run in the same PostgreSQL) and the ratios.

PostGraphile is a benchmark peer only, never a dependency: it is installed with npm into a
scratch folder outside the repository (``--peer-dir``, default /tmp/auditportal-peer) with the
Node of the virtualenv. Without it (no registry) the bench says so and measures the portal
alone.

    .venv/bin/python bench/peer_graphql.py [--rows 20000] [--seconds 10] [--rounds 3] [-c 16]
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import create_database, drop_database, print_table, record_ratio

# isort: split
import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
from tests.factories import checklist, good_answers
from tortoise import Tortoise

from auditportal.audit.service import use_chain_key
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.tokens import issue_access_token
from auditportal.auth.users import create_user
from auditportal.customers.models import Customer
from auditportal.db import tortoise_config
from auditportal.forms import service
from auditportal.forms.models import Submission
from auditportal.keystore import load_audit_chain_key
from auditportal.schema_state import migrate
from auditportal.settings import Settings

VENV_BIN = Path(sys.executable).parent

PORTAL_QUERY = """{ submissions(first: 100) { nodes {
  submittedAt score { percent } form { key title } formVersion { number }
  customer { code name } } } }"""
PEER_QUERY = """{ allSubmissions(first: 100, orderBy: [SUBMITTED_AT_DESC, PRIMARY_KEY_DESC]) {
  nodes { submittedAt scorePercent formByFormId { key title }
  formVersionByFormVersionId { number } customerByCustomerId { code name } } } }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and of every process under it (a server may fork)."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = sum(int(x) for x in fields[11:13])
    tree, grown = {pid}, True
    while grown:
        more = {child for child, parent in parents.items() if parent in tree} - tree
        grown = bool(more)
        tree |= more
    return sum(ticks.get(p, 0) for p in tree) / os.sysconf("SC_CLK_TCK")


async def seed(settings: Settings, rows: int) -> str:
    """The portal's schema, a published checklist, customers and submissions; an admin's
    bearer token."""
    await migrate(settings)
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings))
    try:
        system = system_principal("bench")
        draft = await service.create_draft(system, checklist(key="peer"), settings=settings)
        published = await service.publish(system, draft.id, settings=settings)
        admin = await create_user(system, username="bench-admin", role=Role.ADMIN)
        customers = [
            Customer(id=uuid4(), code=f"P-{i:06d}", name=f"Customer {i}")
            for i in range(max(1, rows // 10))
        ]
        await Customer.bulk_create(customers, batch_size=1000)
        answers = good_answers()
        start = datetime.now(UTC) - timedelta(days=30)
        batch: list[Submission] = []
        for i in range(rows):
            batch.append(
                Submission(
                    id=uuid4(),
                    form_id=draft.id,
                    form_version_id=published.version.id,
                    customer_id=customers[i % len(customers)].id,
                    submitted_by_id=admin.id,
                    submitted_at=start + timedelta(seconds=i * 7),
                    language="en",
                    answers=answers,
                    score_raw=7.0,
                    score_max=8.0,
                    score_percent=87.5,
                    passed=True,
                    section_scores=[],
                    findings=[],
                    finding_count=0,
                    request_hash=f"{i:064d}",
                    revision=1,
                )
            )
            if len(batch) == 2000:
                await Submission.bulk_create(batch)
                batch = []
        if batch:
            await Submission.bulk_create(batch)
        return issue_access_token(settings, admin.id, default_scopes(Role.ADMIN), "bench")
    finally:
        await Tortoise.close_connections()


async def wait_ready(url: str, body: dict[str, Any], headers: dict[str, str]) -> None:
    async with httpx.AsyncClient(timeout=5) as client:
        for _ in range(240):
            try:
                answer = await client.post(url, json=body, headers=headers)
                if answer.status_code == 200 and "errors" not in answer.json():
                    return
                last = answer.text[:500]
            except httpx.HTTPError as error:
                last = str(error)
            await asyncio.sleep(0.5)
    raise RuntimeError(f"{url} never answered the query: {last}")


async def load(
    url: str, body: dict[str, Any], headers: dict[str, str], seconds: float, connections: int
) -> list[float]:
    """Requests from ``connections`` clients in a loop for ``seconds``: each one's latency."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                answer = await client.post(url, json=body, headers=headers)
                answer.raise_for_status()
                latencies.append(time.perf_counter() - began)

        await asyncio.gather(*(worker() for _ in range(connections)))
    return latencies


def install_peer(folder: Path) -> Path | None:
    """PostGraphile v5 in a scratch folder (npm, the virtualenv's Node); None if it fails."""
    cli = folder / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if cli.exists():
        return cli
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "package.json").exists():
        (folder / "package.json").write_text('{"name": "auditportal-peer", "private": true}\n')
    env = {**os.environ, "PATH": f"{VENV_BIN}:{os.environ['PATH']}"}
    done = subprocess.run(  # noqa: S603 - npm from our own virtualenv
        [str(VENV_BIN / "npm"), "i", "postgraphile@5", "--no-audit", "--no-fund"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not cli.exists():
        print(f"PostGraphile could not be installed: {done.stderr[-500:]}", file=sys.stderr)
        return None
    return cli


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(rows: int, seconds: float, rounds: int, connections: int, peer_dir: Path) -> None:
    url, pg_name = await create_database("postgres", "peer")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        settings = Settings().model_copy(update={"database_url": url})
        print(f"seeding {rows} submissions over {max(1, rows // 10)} customers ...", flush=True)
        token = await seed(settings, rows)
        env = {
            **os.environ,
            "AUDITPORTAL_DATABASE_URL": url,
            # A production portal runs its jobs in ARQ workers; the embedded runner would
            # reclassify every seeded customer inside the measured rounds (the peer runs none).
            "AUDITPORTAL_EMBEDDED_JOBS": "false",
            "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
        }
        portal_port = free_port()
        serve = ["serve", "--host", "127.0.0.1", "--port", str(portal_port), "--workers", "1"]
        portal = subprocess.Popen(  # noqa: S603, ASYNC220 - our own CLI, started once
            [str(VENV_BIN / "auditportal"), *serve],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        procs.append(portal)
        sides: dict[str, tuple[str, dict[str, Any], dict[str, str], int]] = {
            "portal": (
                f"http://127.0.0.1:{portal_port}/graphql",
                {"query": PORTAL_QUERY},
                {"Authorization": f"Bearer {token}"},
                portal.pid,
            )
        }
        cli = install_peer(peer_dir)
        if cli is not None:
            peer_port = free_port()
            options = ["-P", "postgraphile/presets/amber", "-c", url, "-s", "public"]
            peer = subprocess.Popen(  # noqa: S603, ASYNC220 - the peer, started once
                [
                    str(VENV_BIN / "node"),
                    str(cli),
                    *options,
                    "-n",
                    "127.0.0.1",
                    "-p",
                    str(peer_port),
                ],
                cwd=peer_dir,
                env={**env, "GRAPHILE_ENV": "production"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            procs.append(peer)
            sides["PostGraphile v5"] = (
                f"http://127.0.0.1:{peer_port}/graphql",
                {"query": PEER_QUERY},
                {},
                peer.pid,
            )
        for target, body, headers, _ in sides.values():
            await wait_ready(target, body, headers)
        results: dict[str, dict[str, list[float]]] = {
            name: {"rps": [], "p50": [], "p99": [], "cpu": [], "single": []} for name in sides
        }
        for _ in range(rounds):
            for name, (target, body, headers, pid) in sides.items():
                await load(target, body, headers, 1.0, connections)  # warm
                cpu_before = cpu_seconds(pid)
                latencies = await load(target, body, headers, seconds, connections)
                cpu = cpu_seconds(pid) - cpu_before
                single = await load(target, body, headers, min(3.0, seconds), 1)
                found = results[name]
                found["rps"].append(len(latencies) / seconds)
                found["p50"].append(percentile(latencies, 0.5) * 1000)
                found["p99"].append(percentile(latencies, 0.99) * 1000)
                found["cpu"].append(cpu / len(latencies) * 1000)
                found["single"].append(percentile(single, 0.5) * 1000)

        def med(name: str, key: str) -> float:
            values = sorted(results[name][key])
            return values[len(values) // 2]

        table = [
            [
                name,
                f"{med(name, 'rps'):.1f}",
                f"{med(name, 'p50'):.1f}",
                f"{med(name, 'p99'):.1f}",
                f"{med(name, 'cpu'):.2f}",
                f"{med(name, 'single'):.1f}",
            ]
            for name in sides
        ]
        print_table(
            f"\nNewest 100 submissions, {rows} rows, {connections} connections, "
            f"median of {rounds} rounds of {seconds:.0f} s (shared 2-core machine: noisy)",
            ["server", "req/s", "p50 ms", "p99 ms", "server CPU ms/req", "1 at a time ms"],
            table,
        )
        if "PostGraphile v5" in sides:
            ratio = med("portal", "rps") / med("PostGraphile v5", "rps")
            print(f"portal / PostGraphile requests/s: {ratio:.3f} (goal >= 0.5)")
            if med("PostGraphile v5", "cpu") > 0:
                cpu_ratio = med("portal", "cpu") / med("PostGraphile v5", "cpu")
                print(f"portal / PostGraphile server CPU per request: {cpu_ratio:.1f}x")
            record_ratio(
                "peer_graphql", f"list req/s vs PostGraphile ({rows} rows)", ratio, 0.5, "higher"
            )
        else:
            print("PostGraphile not installed: the portal's figures alone (no ratio)")
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        await drop_database(pg_name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("-c", "--connections", type=int, default=16)
    parser.add_argument("--peer-dir", type=Path, default=Path("/tmp/auditportal-peer"))
    args = parser.parse_args()
    if shutil.which("node", path=str(VENV_BIN)) is None:
        print("no Node in the virtualenv: run make setup", file=sys.stderr)
    asyncio.run(run(args.rows, args.seconds, args.rounds, args.connections, args.peer_dir))


if __name__ == "__main__":
    main()
