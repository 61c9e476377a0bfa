"""Web portal timing in Debian's Chromium (Playwright): navigation to an interactive "My work"
with 200 open items, and to a filled 50-question form that can be submitted, each against a bare
page doing the same with the same libraries (React, antd, rjsf + antd theme + Ajv 2020) and none
of the portal's code (shell, router, i18n, urql, sign-in, drafts, autosave). Median of 5.

    .venv/bin/python bench/web_timing.py            # 5 runs (after one warm-up of each)
    .venv/bin/python bench/web_timing.py --runs 9

The portal is the real server (`auditportal serve`, SQLite in a temporary folder) serving the
real build (web/dist, built first if stale). Every timed load is a full navigation
(`page.goto`). The portal keeps tokens in memory only, so a full load signs in again through the
real sign-in page (filled at once by Playwright): the portal's time includes the app loading
twice and the authorize, sign-in and token round trips; the bare page gets a token in its URL
and skips all of that (bench/web_timing_bare.tsx, bundled by rolldown, same origin).

| row | ready when |
| --- | --- |
| My work | 20 task links on screen (the auditor has 200 open items, 2,200 cases in all) |
| filled form | the resumed draft's 50 answers on screen and the submit button enabled |

A benchmark, not a test: nothing asserts on time. The machine is shared: figures are noisy.
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import REPO_ROOT, DATA_DIR, median, print_table, remove_data_dir  # isort: skip

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from tests.factories import large_answers, large_checklist
from tortoise import Tortoise

from auditportal.api.relay import to_global_id
from auditportal.audit.service import use_chain_key
from auditportal.auth.models import User
from auditportal.auth.passwords import hash_password
from auditportal.auth.principal import system_principal
from auditportal.auth.tokens import issue_access_token
from auditportal.customers.models import Customer
from auditportal.db import tortoise_config
from auditportal.forms import service as forms
from auditportal.keystore import load_audit_chain_key
from auditportal.schema_state import migrate
from auditportal.settings import Settings
from auditportal.submissions import drafts
from my_work import seed as seed_my_work

HERE = Path(__file__).resolve().parent
WEB = REPO_ROOT / "web"
QUESTIONS = 50
PASSWORD = "bench-web-Passw0rd!"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def seed(settings: Settings) -> dict[str, Any]:
    await migrate(settings)
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    try:
        user_id, principal = await seed_my_work()
        await User.filter(id=user_id).update(password_hash=hash_password(PASSWORD))
        system = system_principal("bench")
        form = await forms.create_draft(system, large_checklist(QUESTIONS), settings=settings)
        version = (await forms.publish(system, form.id, settings=settings)).version
        customer = await Customer.filter(code__startswith="B-").order_by("code").first()
        assert customer is not None
        await drafts.save_draft(
            principal,
            version_id=version.id,
            answers=large_answers(QUESTIONS),
            customer_id=customer.id,
            settings=settings,
        )
        token = issue_access_token(settings, user_id, principal.scopes, "bench")
        return {
            "token": token,
            "versionId": str(to_global_id("FormVersion", version.id)),
            "customerId": str(to_global_id("Customer", customer.id)),
        }
    finally:
        await Tortoise.close_connections()


def bundle_bare(out: Path) -> Path:
    target = out / "bare.js"
    # Inside web/node_modules, so its imports resolve to the portal's own packages.
    entry = WEB / "node_modules" / ".bench" / "web_timing_bare.tsx"
    entry.parent.mkdir(exist_ok=True)
    shutil.copyfile(HERE / "web_timing_bare.tsx", entry)
    subprocess.run(  # noqa: S603 (our own tools, fixed arguments)
        [
            str(WEB / "node_modules/.bin/rolldown"),
            str(entry),
            *("--format", "iife", "--file", str(target), "--minify", "--platform", "browser"),
            *("--define", 'process.env.NODE_ENV="production"'),
        ],
        check=True,
        cwd=WEB,
        capture_output=True,
    )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([str(REPO_ROOT / "scripts" / "web.sh"), "build"], check=True)  # noqa: S603
    url = f"sqlite://{DATA_DIR / 'web-timing.sqlite3'}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The bare page's token must name the server's issuer and audience.
    settings = Settings().model_copy(update={"database_url": url, "public_url": base})
    seeded = asyncio.run(seed(settings))
    env = {
        **os.environ,
        **{"AUDITPORTAL_DATABASE_URL": url, "AUDITPORTAL_PORT": str(port)},
        "AUDITPORTAL_PUBLIC_URL": base,
    }
    # The built-in definitions and the first-party web client for this address.
    cli = str(REPO_ROOT / ".venv/bin/auditportal")
    subprocess.run([cli, "load"], env=env, check=True, capture_output=True)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [cli, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/", timeout=2)  # noqa: S310 - our local server
                break
            except OSError:
                time.sleep(0.5)
        bare = bundle_bare(DATA_DIR)
        node = shutil.which("node", path=str(REPO_ROOT / ".venv" / "bin")) or "node"
        config = {
            **seeded,
            **{"base": base, "username": "bench-auditor", "password": PASSWORD},
            **{"questions": QUESTIONS, "runs": args.runs, "bareBundle": str(bare)},
        }
        result = subprocess.run(  # noqa: S603
            [node, str(HERE / "web_timing_runner.cjs")],
            env={
                **os.environ,
                "BENCH_CONFIG": json.dumps(config),
                "PLAYWRIGHT_CORE": str(WEB / "node_modules/playwright-core"),
            },
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise SystemExit(f"the browser runner failed:\n{result.stderr[-3000:]}")
    finally:
        server.terminate()
        server.wait(timeout=20)
        remove_data_dir()
    times: dict[str, list[float]] = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            times.setdefault(row["name"], []).append(float(row["ms"]))
    rows = []
    pages = (("My work, 200 open items", "work"), (f"filled {QUESTIONS}-question form", "fill"))
    for what, key in pages:
        portal, baseline = median(times[f"portal:{key}"]), median(times[f"bare:{key}"])
        rows.append([what, f"{portal:.0f}", f"{baseline:.0f}", f"{portal / baseline:.2f}"])
    print_table(
        f"Navigation to ready, Debian Chromium, 1024x768 (median of {args.runs} runs;"
        " a shared 2-core machine: noisy)",
        ["page", "portal ms", "bare rjsf/antd page ms", "x bare"],
        rows,
    )


if __name__ == "__main__":
    main()
