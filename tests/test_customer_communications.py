"""Communication log, follow-ups and plans: plans become due tasks once, however often the
job runs; the owner is notified; logging a contact against a task marks it done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from auditportal.api.relay import to_global_id
from auditportal.customers.communications import materialise_due_tasks
from auditportal.customers.models import Customer
from auditportal.customers.register_models import CommunicationTask
from auditportal.jobs.tasks import communication_reminders
from auditportal.workflows.models import Notification
from tests.conftest import SETTINGS, Api
from tests.test_customer_classification import new_customer

SAVE_PLAN = """
mutation($input: SaveCommunicationPlanInput!) {
  saveCommunicationPlan(input: $input) {
    __typename
    ... on CommunicationPlanSaved { plan { id rrule active owner { username } } }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
LOG = """
mutation($input: LogCommunicationInput!) {
  logCommunication(input: $input) {
    __typename
    ... on CommunicationLogged { communication { id channel summary participants
      followUps { id description done dueOn owner { username } } } }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
COMPLETE = """
mutation($id: ID!) {
  completeFollowUp(input: {followUpId: $id}) {
    __typename
    ... on FollowUpCompleted { followUp { done } }
    ... on UserError { code }
  }
}
"""
TASKS = """
query($code: String!) {
  customer(code: $code) {
    communicationTasks { id dueOn done communicationId owner { username } }
    communicationPlans { title active }
    communications { summary }
  }
}
"""


async def test_plans_become_due_tasks_exactly_once(api: Api) -> None:
    admin = await api.user("admin")
    owner = await api.user("auditor", username="plan.owner")
    await new_customer(admin, "COMM")
    customer = await Customer.get(code="COMM")
    gid = to_global_id("Customer", customer.id)
    today = datetime.now(UTC).date()
    bad = (
        await owner.data(
            SAVE_PLAN,
            {
                "input": {
                    "customerId": gid,
                    "title": "Weekly call",
                    "channel": "PHONE",
                    "rrule": "FREQ=HOURLY",
                    "startsOn": today.isoformat(),
                    "ownerId": to_global_id("User", owner.id),
                    "leadDays": 400,
                }
            },
            language="zh-CN",
        )
    )["saveCommunicationPlan"]
    assert {tuple(e["path"]) for e in bad["errors"]} == {("input", "rrule"), ("input", "leadDays")}
    assert "每天" in next(e["message"] for e in bad["errors"] if e["path"][1] == "rrule")

    saved = (
        await owner.data(
            SAVE_PLAN,
            {
                "input": {
                    "customerId": gid,
                    "title": "Weekly call",
                    "channel": "PHONE",
                    "rrule": "RRULE:FREQ=WEEKLY",
                    "startsOn": today.isoformat(),
                    "ownerId": to_global_id("User", owner.id),
                    "leadDays": 14,
                }
            },
        )
    )["saveCommunicationPlan"]
    assert saved["plan"]["rrule"] == "FREQ=WEEKLY"

    first = await materialise_due_tasks(today)
    assert first["created"] == 3  # today, +7 and +14 days
    for _ in range(2):
        assert (await materialise_due_tasks(today))["created"] == 0
        await communication_reminders({"settings": SETTINGS})
    assert await CommunicationTask.all().count() == 3
    later = await materialise_due_tasks(today + timedelta(days=7))
    assert later["created"] == 1  # only +21 is new
    notes = await Notification.filter(user_id=owner.id).order_by("id")
    assert len(notes) == 4
    assert "COMM" in notes[0].message["en"] and "客户沟通计划" in notes[0].message["zh-CN"]

    tasks = (await owner.data(TASKS, {"code": "COMM"}))["customer"]["communicationTasks"]
    assert [t["dueOn"] for t in tasks][:2] == [
        today.isoformat(),
        (today + timedelta(days=7)).isoformat(),
    ]
    assert tasks[0]["owner"]["username"] == "plan.owner"
    logged = (
        await owner.data(
            LOG,
            {
                "input": {
                    "customerId": gid,
                    "channel": "PHONE",
                    "occurredAt": datetime.now(UTC).isoformat(),
                    "summary": "Quarterly review call 季度回顾",
                    "participants": ["王经理", " "],
                    "taskId": tasks[0]["id"],
                    "followUps": [
                        {
                            "description": "Send minutes",
                            "ownerId": to_global_id("User", owner.id),
                            "dueOn": (today + timedelta(days=2)).isoformat(),
                        }
                    ],
                }
            },
        )
    )["logCommunication"]
    assert logged["__typename"] == "CommunicationLogged", logged
    assert logged["communication"]["participants"] == ["王经理"]
    [follow_up] = logged["communication"]["followUps"]
    assert follow_up["done"] is False and follow_up["owner"]["username"] == "plan.owner"
    after = (await owner.data(TASKS, {"code": "COMM"}))["customer"]
    assert after["communicationTasks"][0]["done"] is True
    assert after["communicationTasks"][0]["communicationId"] == logged["communication"]["id"]
    assert after["communicationTasks"][1]["done"] is False

    done = await owner.data(COMPLETE, {"id": follow_up["id"]})
    assert done["completeFollowUp"]["followUp"]["done"] is True
    again = await owner.data(COMPLETE, {"id": follow_up["id"]})
    assert again["completeFollowUp"]["__typename"] == "Conflict"

    deactivated = await owner.data(
        "mutation($id: ID!) { deactivateCommunicationPlan(input: {planId: $id}) { __typename } }",
        {"id": saved["plan"]["id"]},
    )
    assert deactivated["deactivateCommunicationPlan"]["__typename"] == "CommunicationPlanSaved"
    assert (await materialise_due_tasks(today + timedelta(days=30)))["created"] == 0


async def test_a_contact_cannot_be_logged_in_the_future_or_on_another_customers_task(
    api: Api,
) -> None:
    admin = await api.user("admin")
    await new_customer(admin, "F1")
    gid = to_global_id("Customer", (await Customer.get(code="F1")).id)
    future = (
        await admin.data(
            LOG,
            {
                "input": {
                    "customerId": gid,
                    "channel": "VISIT",
                    "occurredAt": (datetime.now(UTC) + timedelta(days=2)).isoformat(),
                    "summary": "",
                    "followUps": [{"description": " "}],
                }
            },
        )
    )["logCommunication"]
    assert {tuple(e["path"]) for e in future["errors"]} == {
        ("input", "summary"),
        ("input", "occurredAt"),
        ("input", "followUps", "0", "description"),
    }
    missing_task = (
        await admin.data(
            LOG,
            {
                "input": {
                    "customerId": gid,
                    "channel": "EMAIL",
                    "occurredAt": datetime(2026, 1, 5, tzinfo=UTC).isoformat(),
                    "summary": "Mail",
                    "taskId": to_global_id("CommunicationTask", uuid4()),
                }
            },
        )
    )["logCommunication"]
    assert missing_task["__typename"] == "NotFound"
