"""Outside effects of workflow steps: delivered after commit, signed, retried, deduplicable."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from auditportal.auth.principal import system_principal
from auditportal.workflows import definitions, instances
from auditportal.workflows.models import Notification, OutboxMessage
from auditportal.workflows.outbox import MAX_ATTEMPTS, deliver_pending
from tests.conftest import SETTINGS, Api
from tests.workflow_factories import review_flow

SYSTEM = system_principal("tests")


class Receiver:
    """A real HTTP server on a local port that records what it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.fail_next = 0

    async def hook(self, request: Request) -> JSONResponse:
        if self.fail_next:
            self.fail_next -= 1
            return JSONResponse({"error": "busy"}, status_code=503)
        self.received.append((dict(request.headers), await request.body()))
        return JSONResponse({"ok": True})


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    recorder = Receiver()
    app = Starlette(routes=[Route("/hook", recorder.hook, methods=["POST"])])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event to wait on
        await asyncio.sleep(0.01)
    yield recorder, f"http://127.0.0.1:{port}/hook"
    server.should_exit = True
    await task


async def _instance_with(actions: list[dict[str, Any]]) -> Any:
    flow = review_flow(subject="customer")
    flow["states"]["submitted"]["onEnter"] = actions
    saved = await definitions.save_draft(SYSTEM, flow, settings=SETTINGS)
    version = (await definitions.publish(SYSTEM, saved.id)).version
    return await instances.start(
        SYSTEM, version, subject_type="customer", subject_id="c1", start_key="c1", settings=SETTINGS
    )


async def test_webhooks_are_signed_and_delivered_once(
    api: Api, receiver: tuple[Receiver, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, url = receiver
    monkeypatch.setenv("AUDITPORTAL_TEST_WEBHOOK_SECRET", "s3cret")
    instance = await _instance_with(
        [{"type": "webhook", "url": url, "secretSetting": "AUDITPORTAL_TEST_WEBHOOK_SECRET"}]
    )
    assert await deliver_pending(SETTINGS) == {"delivered": 1, "retrying": 0, "failed": 0}
    assert await deliver_pending(SETTINGS) == {"delivered": 0, "retrying": 0, "failed": 0}
    [(headers, body)] = recorder.received
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["x-auditportal-signature"] == expected
    assert headers["idempotency-key"].startswith("auditportal-")
    assert json.loads(body)["instance"] == str(instance.id)


async def test_failures_back_off_and_finally_give_up(
    api: Api, receiver: tuple[Receiver, str]
) -> None:
    recorder, url = receiver
    recorder.fail_next = 1
    await _instance_with([{"type": "webhook", "url": url}])
    assert (await deliver_pending(SETTINGS))["retrying"] == 1
    assert (await deliver_pending(SETTINGS))["retrying"] == 0  # not due yet: backing off
    later = datetime.now(UTC) + timedelta(minutes=5)
    assert (await deliver_pending(SETTINGS, now=later))["delivered"] == 1
    assert len(recorder.received) == 1

    await OutboxMessage.all().delete()
    await _start_unreachable()
    moment = datetime.now(UTC)
    for _ in range(MAX_ATTEMPTS):
        await deliver_pending(SETTINGS, now=moment)
        moment += timedelta(hours=3)
    message = await OutboxMessage.get()
    assert message.failed_at is not None
    assert message.attempts == MAX_ATTEMPTS
    assert message.last_error


async def _start_unreachable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    await OutboxMessage.create(
        kind="webhook", payload={"type": "webhook", "url": f"http://127.0.0.1:{closed_port}/x"}
    )


async def test_notifications_reach_their_recipients(api: Api) -> None:
    managers = [await api.user("manager") for _ in range(2)]
    await api.user("auditor")
    await _instance_with(
        [
            {
                "type": "notify",
                "to": {"role": "manager"},
                "message": {"zh-CN": "请审核", "en": "Please review"},
            }
        ]
    )
    assert (await deliver_pending(SETTINGS))["delivered"] == 1
    notes = await Notification.all()
    assert sorted(str(n.user_id) for n in notes) == sorted(str(m.id) for m in managers)
    assert notes[0].message == {"zh-CN": "请审核", "en": "Please review"}
