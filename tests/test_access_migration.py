"""Upgrading to 0004_access: existing form versions take the audience their definition names."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

UPGRADE = """
import asyncio, json, sys
from tortoise import Tortoise, connections
from tortoise.migrations.api import migrate
from auditportal.db import tortoise_config
from auditportal.settings import Settings

USER = "0b7c1f1e-2a8a-4c57-9a4e-5c2f1d9b6a00"
FORMS = {"0b7c1f1e-2a8a-4c57-9a4e-5c2f1d9b6a11": ["staff", "customer"],
         "0b7c1f1e-2a8a-4c57-9a4e-5c2f1d9b6a12": ["staff"],
         "0b7c1f1e-2a8a-4c57-9a4e-5c2f1d9b6a13": None}

async def main():
    config = tortoise_config(Settings())
    await migrate(config=config, target="auditportal.0003_register_plans_imports")
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    conn = connections.get("default")
    await conn.execute_script(
        "INSERT INTO users (id, username, display_name, role, is_active, preferred_language, "
        "created_at, updated_at) VALUES "
        f"('{USER}', 'old-admin', 'Old admin', 'admin', TRUE, 'en', CURRENT_TIMESTAMP, "
        "CURRENT_TIMESTAMP)"
    )
    for number, (form_id, audience) in enumerate(FORMS.items()):
        definition = {"key": f"old-{number}", "title": {"en": "Old"}}
        if audience:
            definition["audience"] = audience
        text = json.dumps(definition).replace("'", "''")
        await conn.execute_script(
            "INSERT INTO forms (id, key, category, title, search_text, draft, draft_hash, "
            "draft_revision, created_by_id, updated_by_id, latest_version_number, "
            "offered_to_customers, created_at, updated_at) VALUES "
            f"('{form_id}', 'old-{number}', 'custom', '{{}}', '', '{text}', 'h', 1, '{USER}', "
            f"'{USER}', 1, FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )
        await conn.execute_script(
            "INSERT INTO form_versions (id, form_id, number, definition, content_hash, "
            "published_by_id, published_at) VALUES "
            f"('{form_id.replace('2a8a', '2a8b')}', '{form_id}', 1, '{text}', 'h', '{USER}', CURRENT_TIMESTAMP)"
        )
    await Tortoise.close_connections()
    await migrate(config=config)
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    rows = await connections.get("default").execute_query_dict(
        "SELECT form_id, offered_to_customers FROM form_versions ORDER BY form_id"
    )
    await Tortoise.close_connections()
    seen = [bool(row["offered_to_customers"]) for row in rows]
    print(rows)
    sys.exit(0 if seen == [True, False, False] else 1)

asyncio.run(main())
"""


@pytest.mark.slow
async def test_upgrading_marks_the_versions_offered_to_customers(
    tmp_path: object, fresh_database_url: str
) -> None:
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
