"""Statements a fired transition costs (issue 11), pinned so that they cannot creep back.

The bare floor is the compare-and-set UPDATE and the history INSERT. Around them a move
reads the instance (through the caller's scope), writes the new SLA in that same UPDATE,
and appends the audit event (the chain's head, then the event; PostgreSQL takes an
advisory lock first). It does not re-read the published version (immutable, kept in memory), ask who
fired what when no transition excludes anyone for it, or read the working calendar for an
SLA counted in hours.
"""

from __future__ import annotations

from typing import Any

from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.auth.users import create_user
from auditportal.workflows import definitions, instances
from tests.conftest import BACKEND, SETTINGS, Api
from tests.test_statement_counts import statements

SYSTEM = system_principal("tests")


def _t(text: str) -> dict[str, str]:
    return {"zh-CN": text, "en": text}


def ping_pong(*, four_eyes: bool = False) -> dict[str, Any]:
    hold: dict[str, Any] = {
        "event": "hold",
        "from": ["open"],
        "to": "held",
        "roles": ["manager"],
        "guard": {"<": [{"var": "findings.count"}, 5]},
    }
    release: dict[str, Any] = {
        "event": "release",
        "from": ["held"],
        "to": "open",
        "roles": ["manager"],
    }
    if four_eyes:
        release["excludes"] = {"firedBy": ["hold"]}
    return {
        "key": "count-ping-pong" + ("-4e" if four_eyes else ""),
        "title": _t("Ping pong"),
        "subject": "customer",
        "states": {
            "open": {
                "title": _t("Open"),
                "initial": True,
                "sla": {"due": {"workingDays": 2}, "escalate": "escalate"},
                "onEnter": [{"type": "assign", "to": {"role": "manager"}}],
            },
            "held": {"title": _t("Held"), "sla": {"due": {"hours": 8}, "escalate": "escalate"}},
            "done": {"title": _t("Done"), "final": True},
        },
        "transitions": [
            hold,
            release,
            {"event": "escalate", "from": ["open", "held"], "to": "done", "roles": []},
        ],
    }


async def _manager(name: str) -> Principal:
    user = await create_user(SYSTEM, username=name, role=Role.MANAGER)
    return Principal(
        subject=f"user:{name}",
        role=Role.MANAGER,
        user_id=user.id,
        scopes=default_scopes(Role.MANAGER),
    )


async def _instance(definition: dict[str, Any], key: str) -> Any:
    saved = await definitions.save_draft(SYSTEM, definition, settings=SETTINGS)
    version = (await definitions.publish(SYSTEM, saved.id)).version
    return await instances.start(
        SYSTEM, version, subject_type="customer", subject_id=key, start_key=key, settings=SETTINGS
    )


AUDIT = 2 + (BACKEND == "postgres")  # the chain's head and the event (+ the advisory lock)
# The instance, the compare-and-set (with the new SLA), the history row, the audit (the
# assignment is written only when it changes: here it does not).
HOLD_STATEMENTS = 3 + AUDIT
# Two working days: the calendar is read as well.
RELEASE_STATEMENTS = 4 + AUDIT


async def test_a_fired_transition_statements(api: Api) -> None:
    manager = await _manager("count-manager")
    instance = await _instance(ping_pong(), "count-1")
    await instances.fire_transition(manager, instance.id, "hold", settings=SETTINGS)  # warm
    await instances.fire_transition(manager, instance.id, "release", settings=SETTINGS)
    with statements() as hold:
        fired = await instances.fire_transition(manager, instance.id, "hold", settings=SETTINGS)
    assert fired.move.to_state == "held"
    assert len(hold) == HOLD_STATEMENTS, "\n".join(hold)
    with statements() as release:
        await instances.fire_transition(manager, instance.id, "release", settings=SETTINGS)
    assert len(release) == RELEASE_STATEMENTS, "\n".join(release)
    assert sum("working_calendar" in s for s in release) == 1
    assert not any("workflow_versions" in s for s in hold + release)


async def test_four_eyes_still_asks_who_fired(api: Api) -> None:
    first, second = await _manager("count-first"), await _manager("count-second")
    instance = await _instance(ping_pong(four_eyes=True), "count-2")
    await instances.fire_transition(first, instance.id, "hold", settings=SETTINGS)
    refused = None
    try:
        await instances.fire_transition(first, instance.id, "release", settings=SETTINGS)
    except instances.WorkflowRefused as error:
        refused = error.refusal
    assert refused is not None and refused.message_key == "workflow.refused.not_who_fired"
    with statements() as sql:
        await instances.fire_transition(second, instance.id, "release", settings=SETTINGS)
    assert sum("workflow_history" in s and s.startswith("SELECT") for s in sql) == 1
