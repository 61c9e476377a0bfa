"""The checked-in migrations describe the models exactly: a model change needs a migration."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

# Runs Tortoise's own autodetector (what `makemigrations` uses) without writing anything,
# in a separate process so that it cannot disturb this process's ORM state.
DETECT = """
import asyncio, sys
from tortoise.cli.cli import tortoise_cli_context
from tortoise.migrations.autodetector import MigrationAutodetector
from auditportal.db import TORTOISE_ORM

async def main():
    apps = {label: dict(app) for label, app in TORTOISE_ORM["apps"].items()}
    async with tortoise_cli_context(TORTOISE_ORM) as ctx:
        writers = await MigrationAutodetector(ctx.apps, apps).changes()
    for writer in writers:
        print(writer.app_label, writer.name, [type(op).__name__ for op in writer.operations])
    sys.exit(1 if writers else 0)

asyncio.run(main())
"""


def test_models_and_migrations_agree(tmp_path: object) -> None:
    env = {
        **os.environ,
        "AUDITPORTAL_DATA_DIR": str(tmp_path),
        "AUDITPORTAL_ROOT_DIR": str(REPO_ROOT),
    }
    env.pop("AUDITPORTAL_DATABASE_URL", None)
    done = subprocess.run(  # noqa: S603 - fixed script, our interpreter
        [sys.executable, "-c", DETECT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, (
        "models changed without a migration; run `tortoise -c auditportal.db.TORTOISE_ORM "
        f"makemigrations` and commit it:\n{done.stdout}{done.stderr}"
    )
