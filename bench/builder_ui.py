"""The form builder's responsiveness in the real page: a 300-field form against a 30-field one.

    .venv/bin/python bench/builder_ui.py            # 5 runs of each operation (after a warm-up)
    .venv/bin/python bench/builder_ui.py --runs 9

The real server (`auditportal serve`, SQLite in a temporary folder) serves the real build
(web/dist, built first if stale); Debian's Chromium, through Playwright, signs in as an admin and
opens two drafts in the builder (`/builder/<id>`): the large checklist of tests.factories with 30
and with 300 questions, in five sections. Each operation is timed inside the page, from the
input event to the first animation frame that shows its result (bench/builder_ui_runner.cjs):

| row | what is done, and when it is ready |
| --- | --- |
| add a field | the palette's "checklist item" button (a middle question selected); |
|             | ready when the canvas has one field more |
| reorder a section | Alt+ArrowDown (then Alt+ArrowUp) on the first section; |
|                   | ready when the sections' order changed |
| test-mode answer | yes / no on the first question in test mode; |
|                  | ready when the live score changed (rjsf re-rendered) |

The ratio is the 300-field median over the 30-field median of the same run: the baseline a user
would choose is the same builder on a form a tenth of the size. Autosave runs after each edit
(not timed; the next edit waits for it). A benchmark, not a test: nothing asserts on time.
The machine is shared: figures are noisy.
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

from tests.factories import large_checklist
from tortoise import Tortoise

from auditportal.api.relay import to_global_id
from auditportal.audit.service import use_chain_key
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.users import create_user
from auditportal.db import tortoise_config
from auditportal.forms import service as forms
from auditportal.keystore import load_audit_chain_key
from auditportal.schema_state import migrate
from auditportal.settings import Settings

HERE = Path(__file__).resolve().parent
WEB = REPO_ROOT / "web"
SIZES = (30, 300)
PASSWORD = "bench-builder-Passw0rd!"
OPS = (
    ("add", "add a field"),
    ("move", "reorder a section"),
    ("answer", "test-mode answer"),
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def seed(settings: Settings) -> list[dict[str, Any]]:
    await migrate(settings)
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    try:
        system = system_principal("bench")
        await create_user(
            system, username="bench-admin", role=Role.ADMIN, display_name="Bench", password=PASSWORD
        )
        out = []
        for size in SIZES:
            definition = large_checklist(size, key=f"bench-builder-{size}")
            # Radios, as the builder's checklist items render (a plain enum would be a select).
            definition["uiSchema"] = {
                section: {name: {"ui:widget": "radio"} for name in body["properties"]}
                for section, body in definition["schema"]["properties"].items()
            }
            form = await forms.create_draft(system, definition, settings=settings)
            out.append({"id": str(to_global_id("Form", form.id)), "fields": size})
        return out
    finally:
        await Tortoise.close_connections()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([str(REPO_ROOT / "scripts" / "web.sh"), "build"], check=True)  # noqa: S603
    url = f"sqlite://{DATA_DIR / 'builder-ui.sqlite3'}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings().model_copy(update={"database_url": url, "public_url": base})
    seeded = asyncio.run(seed(settings))
    env = {
        **os.environ,
        **{"AUDITPORTAL_DATABASE_URL": url, "AUDITPORTAL_PORT": str(port)},
        "AUDITPORTAL_PUBLIC_URL": base,
    }
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
        node = shutil.which("node", path=str(REPO_ROOT / ".venv" / "bin")) or "node"
        config = {
            "base": base,
            "username": "bench-admin",
            "password": PASSWORD,
            "forms": seeded,
            "runs": args.runs,
        }
        result = subprocess.run(  # noqa: S603
            [node, str(HERE / "builder_ui_runner.cjs")],
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
    times: dict[tuple[int, str], list[float]] = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            times.setdefault((int(row["size"]), row["op"]), []).append(float(row["ms"]))
    rows = []
    for op, what in OPS:
        small, large = median(times[(SIZES[0], op)]), median(times[(SIZES[1], op)])
        rows.append([what, f"{small:.0f}", f"{large:.0f}", f"{large / small:.2f}"])
    print_table(
        f"Builder page, input to next frame, Debian Chromium 1024x768 (median of {args.runs} runs;"
        " a shared 2-core machine: noisy)",
        ["operation", f"{SIZES[0]} fields ms", f"{SIZES[1]} fields ms", "ratio 300/30"],
        rows,
    )


if __name__ == "__main__":
    main()
