"""Who took each step of a case: names and roles, not ``user:<login>`` (issue 10).

The names come through one per-request loader: a page of cases costs one query for all
their steps' actors, whatever the number of cases or steps.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from auditportal.api.relay import to_global_id
from auditportal.auth.models import User
from auditportal.workflows.models import WorkflowHistory, WorkflowInstance
from tests import inspection_factories
from tests.conftest import Api
from tests.test_statement_counts import statements
from tests.work_factories import case, version_of

CASES = """
query($first: Int) {
  workflowInstances(first: $first) {
    nodes { id history { sequence actor actedBy { kind name role } } }
  }
}
"""

ONE = """
query($id: ID!) { workflowInstance(id: $id) {
  history { sequence actedBy { kind name role } }
} }
"""


async def _step(instance: WorkflowInstance, sequence: int, actor: str, user: UUID | None) -> None:
    await WorkflowHistory.create(
        instance_id=instance.id,
        sequence=sequence,
        from_state=None if sequence == 1 else "investigating",
        to_state="investigating",
        event="start" if sequence == 1 else "escalate",
        actor=actor,
        actor_user_id=user,
        occurred_at=datetime.now(UTC),
    )


async def _named(user_id: UUID, name: str) -> None:
    await User.filter(id=user_id).update(display_name=name)


async def _cases(api: Api, count: int) -> tuple[Any, Any, Any, list[WorkflowInstance]]:
    await inspection_factories.load_builtins()
    manager = await api.user("manager")
    auditor = await api.user("auditor", username="li.lei")
    await _named(manager.id, "王芳")
    await _named(auditor.id, "李雷")
    customer = await api.customer("ACT-1")
    complaint = await version_of("complaint-handling")
    made = []
    for _ in range(count):
        instance = await case(
            complaint, "investigating", customer_id=customer.id, assignee_id=auditor.id
        )
        await _step(instance, 1, "user:li.lei", auditor.id)
        await _step(instance, 2, "system:sla", None)
        await _step(instance, 3, "user:manager", manager.id)
        made.append(instance)
    return manager, auditor, customer, made


async def test_steps_name_the_person_and_their_role_and_the_system(api: Api) -> None:
    manager, _, _, made = await _cases(api, 1)
    seen = await manager.data(ONE, {"id": to_global_id("WorkflowInstance", made[0].id)})
    assert [s["actedBy"] for s in seen["workflowInstance"]["history"]] == [
        {"kind": "PERSON", "name": "李雷", "role": "AUDITOR"},
        {"kind": "SYSTEM", "name": "System", "role": None},
        {"kind": "PERSON", "name": "王芳", "role": "MANAGER"},
    ]
    chinese = await manager.data(
        ONE, {"id": to_global_id("WorkflowInstance", made[0].id)}, language="zh-CN"
    )
    assert chinese["workflowInstance"]["history"][1]["actedBy"]["name"] == "系统"


async def test_a_customer_sees_staff_names_but_never_a_login(api: Api) -> None:
    _, auditor, customer, made = await _cases(api, 1)
    await _named(auditor.id, "")  # no display name: the team sees the login, outsiders the role
    customer_user = await api.user("customer", customer=customer)
    instance_id = to_global_id("WorkflowInstance", made[0].id)
    theirs = (await customer_user.data(ONE, {"id": instance_id}, language="zh-CN"))[
        "workflowInstance"
    ]
    assert theirs is not None
    assert [s["actedBy"]["name"] for s in theirs["history"]] == ["稽核员", "系统", "王芳"]
    ours = (await (await api.user("manager")).data(ONE, {"id": instance_id}))["workflowInstance"]
    assert ours["history"][0]["actedBy"]["name"] == "li.lei"


async def test_actor_names_cost_one_query_for_any_number_of_cases(api: Api) -> None:
    manager, _, _, _ = await _cases(api, 6)

    async def measure(first: int) -> list[str]:
        await manager.data("{ me { role } }")  # authentication warm
        with statements() as sql:
            data = await manager.data(CASES, {"first": first})
        nodes = data["workflowInstances"]["nodes"]
        assert len(nodes) == first
        assert {s["actedBy"]["name"] for n in nodes for s in n["history"]} == {
            "李雷",
            "王芳",
            "System",
        }
        return sql

    small, large = await measure(1), await measure(6)
    assert len(small) == len(large), "\n".join(large)
    users = [s for s in large if 'FROM "users"' in s]
    # One query for every actor of every step on the page; no e-mail or password read.
    assert len(users) == 1, users
    assert '"password_hash"' not in users[0] and '"email"' not in users[0], users
