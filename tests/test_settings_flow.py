"""Nothing happens at import; settings come from the entry point (app, worker, CLI) and are
passed down to what needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditportal.jobs.worker import worker_settings
from tests.conftest import REPO_ROOT, SETTINGS

_IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import auditportal.settings as settings_module

constructed = []
original = settings_module.Settings.__init__

def counting(self, *args, **kwargs):
    import traceback
    constructed.append(traceback.format_stack(limit=4)[0].strip())
    original(self, *args, **kwargs)

settings_module.Settings.__init__ = counting
import auditportal
names = [m.name for m in pkgutil.walk_packages(auditportal.__path__, "auditportal.")]
for name in names:
    if name in ("auditportal.__main__",):
        continue  # runs the CLI
    importlib.import_module(name)
print(json.dumps({"modules": len(names), "constructed": constructed}))
"""


@pytest.mark.slow
def test_importing_every_module_reads_no_settings_and_creates_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITPORTAL_")}
    env["PYTHONPATH"] = str(REPO_ROOT / "server")
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", _IMPORT_EVERYTHING],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["modules"] > 100
    assert report["constructed"] == []
    assert list(tmp_path.iterdir()) == []  # no ./var, no key files, no SQLite file


def test_the_worker_hands_its_settings_to_every_job() -> None:
    settings = SETTINGS.model_copy(update={"queue_name": "q:test", "job_timeout_seconds": 42})
    built = worker_settings(settings)
    assert built["ctx"] == {"settings": settings}
    assert built["queue_name"] == "q:test"
    assert built["job_timeout"] == 42
    requested = built["functions"][0]
    assert (requested.name, requested.timeout_s) == ("execute_run", 42)


@pytest.mark.slow
def test_arq_and_tortoise_command_lines_still_find_their_objects(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITPORTAL_")}
    env.update(
        {
            "PYTHONPATH": str(REPO_ROOT / "server"),
            "AUDITPORTAL_DATA_DIR": str(tmp_path / "data"),
            "AUDITPORTAL_QUEUE_NAME": "from-the-environment",
        }
    )
    script = (
        "import json; from auditportal.jobs.worker import WorkerSettings; "
        "from auditportal.db import TORTOISE_ORM; "
        "print(json.dumps([WorkerSettings['queue_name'], TORTOISE_ORM['connections']]))"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    queue, connections = json.loads(done.stdout)
    assert queue == "from-the-environment"
    assert connections["default"].endswith("/data/auditportal.sqlite3")
