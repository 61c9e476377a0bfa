"""The embedded default: with no Redis, the server itself escalates overdue work."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from asgi_lifespan import LifespanManager

from auditportal.app import create_app
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.users import create_user
from auditportal.workflows import definitions, instances
from auditportal.workflows.models import WorkflowInstance
from tests.conftest import SETTINGS
from tests.workflow_factories import review_flow

SYSTEM = system_principal("tests")


async def test_the_server_escalates_overdue_work_without_a_worker(database_url: str) -> None:
    settings = SETTINGS.model_copy(
        update={
            "database_url": database_url,
            "embedded_jobs": True,
            "embedded_jobs_interval_seconds": 0.2,
        }
    )
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager:
        await create_user(SYSTEM, username="m1", role=Role.MANAGER)
        saved = await definitions.save_draft(
            SYSTEM, review_flow(subject="customer"), settings=SETTINGS
        )
        version = (await definitions.publish(SYSTEM, saved.id)).version
        instance = await instances.start(
            SYSTEM,
            version,
            subject_type="customer",
            subject_id="c",
            start_key="c",
            settings=SETTINGS,
        )
        await WorkflowInstance.filter(id=instance.id).update(
            due_at=datetime.now(UTC) - timedelta(minutes=1)
        )
        state = "submitted"
        for _ in range(100):  # up to ~10 s; it normally takes one tick
            state = (await WorkflowInstance.get(id=instance.id)).state
            if state == "escalated":
                break
            await asyncio.sleep(0.1)
        runner = app.state.job_runner
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.get("/healthz")).status_code == 200
    assert state == "escalated"
    assert runner.runs.get("escalate_overdue_work", 0) >= 1
