"""My work: one list of the caller's open work across domains, overdue first, scoped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from auditportal.auth import grants
from auditportal.auth.principal import system_principal
from tests import inspection_factories as inspections
from tests.conftest import Api, Person
from tests.test_submissions import count_queries
from tests.work_factories import case, contact_task, follow_up, planned_inspection, version_of

MY_WORK = """
query($kind: WorkKind, $overdueOnly: Boolean, $first: Int, $after: String) {
  myWork(kind: $kind, overdueOnly: $overdueOnly, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id kind title dueAt overdue stateLabel
      customer { code name }
      workflowInstance { id state }
      formVersion { id form { key } }
      submission { id }
    }
  }
  myWorkCounts { total overdue tasks inspections followUps reviews }
}
"""


async def _world(api: Api) -> dict[str, Any]:
    await inspections.load_builtins()
    auditor = await api.user("auditor")
    other = await api.user("auditor")
    manager = await api.user("manager")
    a = await api.customer("WA", "甲公司")
    b = await api.customer("WB", "乙公司")
    inspection = await version_of("inspection")
    complaint = await version_of("complaint-handling")
    plan = await inspections.plan()
    now = datetime.now(UTC)
    today = inspections.today()
    in_plan = {"inspection": {"planId": str(plan.id), "period": today.isoformat()}}
    made = {
        "overdue_task": await case(
            complaint, "investigating", customer_id=a.id, assignee_id=auditor.id,
            due_at=now - timedelta(days=2),
        ),
        "fieldwork": await case(
            inspection, "in_progress", customer_id=a.id, assignee_id=auditor.id,
            due_at=now + timedelta(days=3), data=in_plan,
        ),
        "offered": await case(
            complaint, "received", customer_id=b.id, assigned_role="auditor",
            due_at=now + timedelta(days=10),
        ),
        "review": await case(
            inspection, "submitted", customer_id=a.id, assignee_id=manager.id,
            due_at=now + timedelta(days=1), data=in_plan,
        ),
        "planned": await planned_inspection(plan, b.id, auditor.id, today + timedelta(days=5)),
        "follow_up": await follow_up(a.id, auditor.id, today - timedelta(days=1), "发送整改计划"),
        "contact": await contact_task(b.id, auditor.id, today + timedelta(days=2)),
    }  # fmt: skip
    # Not the auditor's: someone else's, closed, taken by another, too far ahead, done.
    await case(complaint, "investigating", customer_id=a.id, assignee_id=other.id,
               due_at=now - timedelta(days=1))  # fmt: skip
    await case(complaint, "investigating", customer_id=a.id, assignee_id=auditor.id, closed=True)
    await case(complaint, "received", customer_id=a.id, assignee_id=other.id,
               assigned_role="auditor")  # fmt: skip
    await planned_inspection(plan, a.id, auditor.id, today + timedelta(days=90))
    done = await follow_up(b.id, auditor.id, today, "done already")
    done.done_at = now
    await done.save()
    return {"auditor": auditor, "other": other, "manager": manager, "a": a, "b": b, **made}


async def test_my_work_lists_every_kind_overdue_first_with_counts(api: Api) -> None:
    world = await _world(api)
    auditor: Person = world["auditor"]
    data = await auditor.data(MY_WORK)
    nodes = data["myWork"]["nodes"]
    assert [node["kind"] for node in nodes] == [
        "TASK", "FOLLOW_UP", "FOLLOW_UP", "INSPECTION", "INSPECTION", "TASK",
    ]  # fmt: skip
    assert [node["overdue"] for node in nodes] == [True, True, False, False, False, False]
    assert data["myWork"]["totalCount"] == 6
    assert data["myWorkCounts"] == {
        "total": 6, "overdue": 2, "tasks": 2, "inspections": 2, "followUps": 2, "reviews": 0,
    }  # fmt: skip
    overdue_task, follow, contact, fieldwork, planned, offered = nodes
    assert overdue_task["workflowInstance"]["state"] == "investigating"
    assert overdue_task["customer"]["code"] == "WA"
    assert follow["title"] == "发送整改计划" and follow["workflowInstance"] is None
    assert contact["customer"]["code"] == "WB"
    # An opened inspection is its case, with the plan's form to fill; a planned one has none.
    assert fieldwork["title"] == "Quarterly compliance inspection"
    assert fieldwork["workflowInstance"]["state"] == "in_progress"
    assert fieldwork["formVersion"]["form"]["key"] == inspections.FORM_KEY
    assert planned["workflowInstance"] is None
    assert planned["formVersion"]["form"]["key"] == inspections.FORM_KEY
    assert offered["customer"]["code"] == "WB"
    assert all(node["dueAt"] for node in nodes)

    chinese = await auditor.data(MY_WORK, language="zh-CN")
    titles = [node["title"] for node in chinese["myWork"]["nodes"]]
    assert titles[3] == "季度合规检查"
    assert chinese["myWork"]["nodes"][3]["stateLabel"] == "现场检查中"
    assert chinese["myWork"]["nodes"][4]["stateLabel"] == "已排期，尚未开始"


async def test_filters_and_pages_keep_the_order(api: Api) -> None:
    world = await _world(api)
    auditor: Person = world["auditor"]
    overdue = await auditor.data(MY_WORK, {"overdueOnly": True})
    assert [n["kind"] for n in overdue["myWork"]["nodes"]] == ["TASK", "FOLLOW_UP"]
    inspections_only = await auditor.data(MY_WORK, {"kind": "INSPECTION"})
    assert inspections_only["myWork"]["totalCount"] == 2
    first = await auditor.data(MY_WORK, {"first": 4})
    assert first["myWork"]["pageInfo"]["hasNextPage"] is True
    rest = await auditor.data(
        MY_WORK, {"first": 4, "after": first["myWork"]["pageInfo"]["endCursor"]}
    )
    everything = await auditor.data(MY_WORK)
    assert [n["id"] for n in first["myWork"]["nodes"] + rest["myWork"]["nodes"]] == [
        n["id"] for n in everything["myWork"]["nodes"]
    ]


async def test_a_manager_sees_their_review_and_others_see_nothing_of_it(api: Api) -> None:
    world = await _world(api)
    manager: Person = world["manager"]
    data = await manager.data(MY_WORK)
    assert [n["kind"] for n in data["myWork"]["nodes"]] == ["REVIEW"]
    assert data["myWork"]["nodes"][0]["stateLabel"] == "Submitted for review"
    assert data["myWorkCounts"]["reviews"] == 1
    other: Person = world["other"]
    others = await other.data(MY_WORK)
    # Their overdue case, the one they took, and the case offered to every auditor.
    assert others["myWorkCounts"]["total"] == 3


async def test_row_scope_keeps_other_customers_work_out(api: Api) -> None:
    world = await _world(api)
    complaint = await version_of("complaint-handling")
    customer_user = await api.user("customer", customer=world["a"])
    # A case of customer B somehow assigned to A's user stays invisible to them.
    await case(complaint, "resolved", customer_id=world["a"].id, assignee_id=customer_user.id)
    await case(complaint, "resolved", customer_id=world["b"].id, assignee_id=customer_user.id)
    data = await customer_user.data(MY_WORK)
    assert [n["customer"]["code"] for n in data["myWork"]["nodes"]] == ["WA"]
    assert data["myWorkCounts"]["total"] == 1

    consultant = await api.user("consultant")
    await grants.grant_access(
        system_principal("tests"),
        consultant_id=consultant.id,
        customer_ids=[world["a"].id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    seen = await consultant.data(MY_WORK)
    assert seen["myWork"]["totalCount"] == 0 and seen["myWorkCounts"]["total"] == 0

    anonymous = await api.gql(MY_WORK)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_my_work_costs_the_same_queries_for_2_or_20_items(api: Api) -> None:
    world = await _world(api)
    auditor: Person = world["auditor"]
    complaint = await version_of("complaint-handling")
    inspection = await version_of("inspection")
    plan = await inspections.plan(name={"zh-CN": "专项检查", "en": "Special inspection"})
    today = inspections.today()
    now = datetime.now(UTC)

    async def measure() -> tuple[int, int]:
        await auditor.data("{ me { role } }")  # authentication warm: its cache lasts seconds
        with count_queries() as statements:
            data = await auditor.data(MY_WORK, {"first": 100})
        return data["myWork"]["totalCount"], len(statements)

    base_total, base = await measure()
    for i in range(5):
        customer = await api.customer(f"WN{i}")
        await case(complaint, "investigating", customer_id=customer.id,
                   assignee_id=auditor.id, due_at=now + timedelta(hours=i))  # fmt: skip
        await case(inspection, "in_progress", customer_id=customer.id, assignee_id=auditor.id,
                   data={"inspection": {"planId": str(plan.id)}})  # fmt: skip
        await planned_inspection(plan, customer.id, auditor.id, today + timedelta(days=i))
        await follow_up(customer.id, auditor.id, None, f"follow-up {i}")
    total, large = await measure()
    assert total == base_total + 20
    assert 0 < base <= 20, base
    assert large == base, (base, large)
