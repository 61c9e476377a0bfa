"""A worker starts in well under a second: its start-up path (building ARQ's settings, the
ORM's models, the chain key) loads no job's domain: no GraphQL, validators, PDF, HTTP client,
workflow engine or scheduler (issue 11). Checked in a fresh interpreter by the modules it
loaded, not by a time; each job's domain is imported when that job first runs."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("strawberry", "weasyprint", "jsonschema", "starlette", "httpx", "rich", "lark")
DOMAIN = (
    "auditportal.workflows.engine",
    "auditportal.inspections.scheduler",
    "auditportal.reports.service",
    "auditportal.jobs.tasks",
)

PROBE = """
import importlib, json, sys
from auditportal.jobs.worker import worker_settings
from auditportal.settings import Settings
built = worker_settings(Settings())
# What on_startup loads before the first poll: the models (Tortoise.init) and the chain key.
from auditportal.db import MODEL_MODULES
for name in MODEL_MODULES:
    importlib.import_module(name)
import auditportal.audit.service, auditportal.keystore, auditportal.jobs.dispatch
names = sorted(getattr(f, "name", None) or f.__qualname__ for f in built["functions"])
print(json.dumps([sorted(sys.modules), names]))
"""


def test_a_worker_starts_without_any_jobs_domain() -> None:
    out = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
    ).stdout
    modules, names = json.loads(out)
    loaded = {name.split(".")[0] for name in modules}
    assert not loaded.intersection(HEAVY), sorted(loaded.intersection(HEAVY))
    assert not set(modules).intersection(DOMAIN), sorted(set(modules).intersection(DOMAIN))
    # ARQ still knows every job by its own name.
    assert "execute_run" in names and "escalate_overdue_work" in names
    assert "request_scheduling_pass" in names


async def test_a_lazy_job_runs_its_domains_function() -> None:
    from auditportal.jobs import worker

    assert worker.escalate_overdue_work.__qualname__ == "escalate_overdue_work"
    assert worker.request_scheduling_pass.__name__ == "request_scheduling_pass"
