"""The checked-in migrations describe the models exactly: a model change needs a migration."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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


@pytest.mark.slow
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


UPGRADE = """
import asyncio, sys
from tortoise import Tortoise, connections
from tortoise.migrations.api import migrate
from auditportal.db import tortoise_config
from tests.conftest import SETTINGS

async def main():
    config = tortoise_config(SETTINGS)
    await migrate(config=config, target="auditportal.0001_initial")
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    conn = connections.get("default")
    await conn.execute_script(
        "INSERT INTO customers (id, code, name, created_at, updated_at) VALUES "
        "('0b7c1f1e-2a8a-4c57-9a4e-5c2f1d9b6a01', 'OLD-1', 'Old customer', "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    )
    await Tortoise.close_connections()
    await migrate(config=config)
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    rows = await connections.get("default").execute_query_dict(
        "SELECT tier, tier_source, risk_score, lock_version, source, contacts FROM customers"
    )
    print(rows)
    await Tortoise.close_connections()
    row = rows[0]
    ok = (row["tier"], row["tier_source"], row["lock_version"], row["source"]) == (
        "normal", "rules", 1, "manual") and float(row["risk_score"]) == 0
    sys.exit(0 if ok else 1)

asyncio.run(main())
"""


@pytest.mark.slow
async def test_upgrading_keeps_existing_customers(
    tmp_path: object, fresh_database_url: str
) -> None:
    """A database holding customers before the register grew takes the new columns."""
    env = {
        **os.environ,
        "AUDITPORTAL_DATA_DIR": str(tmp_path),
        "AUDITPORTAL_ROOT_DIR": str(REPO_ROOT),
        "AUDITPORTAL_DATABASE_URL": fresh_database_url,
    }
    done = subprocess.run(  # noqa: S603, ASYNC221 - fixed script; the test only waits
        [sys.executable, "-c", UPGRADE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
