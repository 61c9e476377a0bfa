"""Steps that move by themselves, wait for their children, and keep time from the data.

Set up from definitions only: the built-in survey follow-up triages on entry (no fake SLA);
a remediation case cannot close while its task is open; a follow-up's SLA comes from the
date agreed in the answers, reminds the assignee a day before, and records when it
escalated.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from auditportal.api.relay import to_global_id
from auditportal.auth.principal import Principal, system_principal
from auditportal.forms import service as forms
from auditportal.forms.loader import load_form_directory
from auditportal.submissions.intake import submit
from auditportal.workflows import definitions, instances
from auditportal.workflows.instances import WorkflowRefused, escalate_overdue, send_reminders
from auditportal.workflows.models import OutboxMessage, WorkflowHistory, WorkflowInstance
from tests.conftest import REPO_ROOT, SETTINGS, Api
from tests.factories import t
from tests.test_builtin_workflows import example

SYSTEM = system_principal("tests")


def _principal(person: Any) -> Principal:
    return Principal(
        subject=f"user:{person.id}",
        role=person.role,
        user_id=person.id,
        scopes=frozenset({"submissions:write", "submissions:read", "workflows:write"}),
    )


async def test_the_survey_is_triaged_on_entry(api: Api) -> None:
    auditor = await api.user("auditor")
    customer = await api.customer("C-SURVEY")
    await load_form_directory(SYSTEM, REPO_ROOT / "forms", SETTINGS)
    await definitions.load_directory(SYSTEM, REPO_ROOT / "workflows", SETTINGS)

    async def survey(**changes: Any) -> WorkflowInstance:
        _, started = await submit(
            _principal(auditor),
            answers=example("customer-satisfaction-survey", **changes),
            language="zh-CN",
            form_id=(await forms_by_key("customer-satisfaction-survey")),
            customer_id=customer.id,
            settings=SETTINGS,
        )
        (instance,) = [i for i in started if i.start_key.endswith("survey-follow-up")]
        return instance

    detractor = await survey(nps=3)
    assert detractor.state == "follow_up"
    assert detractor.assignee_id is not None or detractor.assigned_role == "auditor"
    history = await WorkflowHistory.filter(instance_id=detractor.id).order_by("sequence")
    assert [(h.event, h.actor) for h in history] == [
        ("start", f"user:{auditor.id}"),
        ("triage", "system:workflow"),
    ]
    promoter = await survey(nps=9)
    assert (promoter.state, promoter.closed_at is not None) == ("no_follow_up", True)


async def forms_by_key(key: str) -> Any:
    from auditportal.forms.models import Form

    return (await Form.get(key=key)).id


def followup_form() -> dict[str, Any]:
    return {
        "key": "issue-follow-up",
        "category": "custom",
        "title": t("Issue follow-up", "问题跟进"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["issue"],
            "additionalProperties": False,
            "properties": {
                "issue": {"type": "string", "minLength": 1, "x-title": t("Issue", "问题")},
                "agreedDate": {
                    "type": "string",
                    "format": "date",
                    "x-title": t("Agreed with the customer", "与客户约定的日期"),
                },
            },
        },
    }


def remediation_flow() -> dict[str, Any]:
    return {
        "key": "remediation",
        "title": t("Remediation", "整改"),
        "subject": "submission",
        "startsFor": {"formKeys": ["issue-follow-up"]},
        "states": {
            "open": {
                "title": t("Open", "整改中"),
                "initial": True,
                "sla": {
                    "due": {"workingDays": 5},
                    "dueFrom": "answers.agreedDate",
                    "remind": {
                        "before": {"hours": 24},
                        "message": t("Due tomorrow", "明天到期"),
                    },
                    "escalate": "escalate",
                },
                "onEnter": [
                    {"type": "assign", "to": {"submitter": True}},
                    {"type": "createTask", "workflow": "remediation-task"},
                ],
            },
            "escalated": {"title": t("Escalated", "已上报")},
            "closed": {"title": t("Closed", "已关闭"), "final": True},
        },
        "transitions": [
            {
                "event": "close",
                "from": ["open", "escalated"],
                "to": "closed",
                "roles": ["auditor", "manager"],
                "requires": {"childrenClosed": True},
            },
            {"event": "escalate", "from": ["open"], "to": "escalated", "roles": []},
        ],
    }


def task_flow() -> dict[str, Any]:
    return {
        "key": "remediation-task",
        "title": t("Remediation task", "整改任务"),
        "subject": "submission",
        "states": {
            "todo": {"title": t("To do", "待办"), "initial": True},
            "done": {"title": t("Done", "完成"), "final": True},
        },
        "transitions": [
            {"event": "finish", "from": ["todo"], "to": "done", "roles": ["auditor", "manager"]}
        ],
    }


async def _setup() -> Any:
    form = await forms.create_draft(SYSTEM, followup_form(), settings=SETTINGS)
    version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    for definition in (task_flow(), remediation_flow()):
        saved = await definitions.save_draft(SYSTEM, definition, settings=SETTINGS)
        await definitions.publish(SYSTEM, saved.id)
    return version


async def _case(version: Any, person: Any, **answers: Any) -> WorkflowInstance:
    _, (case,) = await submit(
        _principal(person),
        answers={"issue": "合同未归档", **answers},
        language="zh-CN",
        version_id=version.id,
        settings=SETTINGS,
    )
    return case


async def test_a_parent_waits_for_its_children(api: Api) -> None:
    auditor = await api.user("auditor")
    version = await _setup()
    case = await _case(version, auditor)
    with pytest.raises(WorkflowRefused) as refused:
        await instances.fire_transition(_principal(auditor), case.id, "close", settings=SETTINGS)
    assert (refused.value.refusal.reason, refused.value.refusal.params) == (
        "children_open",
        {"count": 1},
    )
    query = """mutation($input: FireTransitionInput!) { fireTransition(input: $input) {
      __typename ... on TransitionRefused { message } } }"""
    variables = {
        "input": {"instanceId": to_global_id("WorkflowInstance", case.id), "event": "close"}
    }
    zh = (await auditor.data(query, variables, language="zh-CN"))["fireTransition"]
    assert zh["message"] == "还有 1 个子事项未结束，须全部关闭后才能执行此步骤。"
    (task,) = await WorkflowInstance.filter(parent_id=case.id)
    await instances.fire_transition(_principal(auditor), task.id, "finish", settings=SETTINGS)
    closed = await instances.fire_transition(
        _principal(auditor), case.id, "close", settings=SETTINGS
    )
    assert closed.instance.state == "closed"


async def test_the_sla_comes_from_the_answers_reminds_and_records_the_escalation(
    api: Api,
) -> None:
    auditor = await api.user("auditor")
    version = await _setup()
    agreed = await _case(version, auditor, agreedDate="2026-12-21")
    zone = ZoneInfo(SETTINGS.timezone)
    due = datetime(2026, 12, 21, 23, 59, 59, tzinfo=zone)
    assert (agreed.due_at, agreed.remind_at) == (due, due - timedelta(hours=24))

    assert await send_reminders(now=due - timedelta(hours=25)) == 0
    assert await send_reminders(now=due - timedelta(hours=23)) == 1
    assert await send_reminders(now=due - timedelta(hours=22)) == 0  # once
    (reminder,) = await OutboxMessage.filter(instance_id=agreed.id, kind="notify")
    assert (reminder.payload["to"], reminder.payload["message"]["zh-CN"]) == (
        {"assignee": True},
        "明天到期",
    )

    assert await escalate_overdue(SETTINGS, now=due + timedelta(minutes=1)) == 1
    escalated = await WorkflowInstance.get(id=agreed.id)
    assert escalated.state == "escalated" and escalated.last_escalated_at is not None
    shown = await auditor.data(
        "query($id: ID!) { node(id: $id) { ... on WorkflowInstance { state escalatedAt } } }",
        {"id": to_global_id("WorkflowInstance", agreed.id)},
    )
    assert shown["node"]["state"] == "escalated" and shown["node"]["escalatedAt"] is not None
    # Without an agreed date the default applies (five working days from now).
    fallback = await _case(version, auditor)
    assert fallback.due_at is not None and fallback.due_at < due
