"""Workflows through GraphQL: submit starts one, see what you may do, fire, get refused."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from auditportal.auth.principal import system_principal
from auditportal.workflows import definitions
from tests.conftest import SETTINGS, Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit
from tests.workflow_factories import review_flow

INSTANCE = """
query($id: ID!) { workflowInstance(id: $id) {
  id state stateTitle lockVersion assignee { username } assignedRole dueAt isOverdue
  history { sequence fromState toState event actor comment }
  availableTransitions { event toState allowed reason message guardMessage }
} }
"""

FIRE = """
mutation($input: FireTransitionInput!) { fireTransition(input: $input) {
  __typename
  ... on TransitionFired { instance { state lockVersion history { event } } }
  ... on TransitionRefused { reason message guardMessage errors { pointer code message } }
  ... on UserError { code message }
} }
"""


async def _flow(api: Api) -> tuple[Person, Person, str]:
    """A published review workflow triggered by the checklist, and one started instance."""
    admin = await api.user("admin")
    manager = await api.user("manager")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    saved = await definitions.save_draft(
        system_principal("tests"),
        review_flow(startsFor={"formCategories": ["inspection_checklist"]}),
        settings=SETTINGS,
    )
    await definitions.publish(system_principal("tests"), saved.id)
    answers = good_answers(contracts={"signed": "no", "archived": "yes"})
    result = await submit(auditor, formVersionId=version_id, answers=answers)
    assert result["__typename"] == "SubmissionAccepted", result
    listed = await manager.data("{ workflowInstances { totalCount nodes { id state } } }")
    assert listed["workflowInstances"]["totalCount"] == 1
    return manager, auditor, listed["workflowInstances"]["nodes"][0]["id"]


async def test_a_submission_starts_its_workflow_and_shows_what_may_happen(api: Api) -> None:
    manager, _, instance_id = await _flow(api)
    seen = (await manager.data(INSTANCE, {"id": instance_id}, language="zh-CN"))["workflowInstance"]
    assert (seen["state"], seen["stateTitle"], seen["lockVersion"]) == ("submitted", "已提交", 1)
    assert seen["assignee"] is not None
    assert [h["event"] for h in seen["history"]] == ["start"]
    options = {o["event"]: o for o in seen["availableTransitions"]}
    assert options["return"]["allowed"] is True
    assert options["approve"]["allowed"] is False
    assert options["approve"]["reason"] == "guard"
    assert options["approve"]["guardMessage"] == "得分需达到 80%"
    assert options["escalate"]["reason"] == "role"


async def test_fire_refusals_are_typed_and_translated(api: Api) -> None:
    manager, auditor, instance_id = await _flow(api)

    async def fire(person: Person, language: str = "en", **input_: Any) -> dict[str, Any]:
        data = await person.data(
            FIRE, {"input": {"instanceId": instance_id, **input_}}, language=language
        )
        return data["fireTransition"]  # type: ignore[no-any-return]

    by_role = await fire(auditor, event="approve")
    assert (by_role["__typename"], by_role["reason"]) == ("TransitionRefused", "role")
    no_comment = await fire(manager, "zh-CN", event="return")
    assert no_comment["reason"] == "comment_required"
    assert no_comment["message"] == "此操作需要填写说明。"
    moved = await fire(
        manager, event="return", comment="Contract 2 unsigned", expectedLockVersion=1
    )
    assert moved["__typename"] == "TransitionFired"
    assert (moved["instance"]["state"], moved["instance"]["lockVersion"]) == ("returned", 2)
    stale = await fire(manager, event="approve", expectedLockVersion=1)
    assert stale["__typename"] == "Conflict"
    bad_input = await fire(auditor, event="resubmit", input={"fixedOn": "tomorrow"})
    assert bad_input["reason"] == "input_invalid"
    assert bad_input["errors"][0]["pointer"] == "/input/input/fixedOn"
    resubmitted = await fire(auditor, event="resubmit", input={"fixedOn": "2026-11-28"})
    assert resubmitted["instance"]["history"] == [
        {"event": "start"},
        {"event": "return"},
        {"event": "resubmit"},
    ]


async def test_customers_see_only_their_own_instances(api: Api) -> None:
    manager, _, instance_id = await _flow(api)
    other = await api.user("customer", customer=await api.customer("OTHER"))
    assert (await other.data(INSTANCE, {"id": instance_id}))["workflowInstance"] is None
    listed = await other.data("{ workflowInstances { totalCount } }")
    assert listed["workflowInstances"]["totalCount"] == 0
    refused = await other.data(FIRE, {"input": {"instanceId": instance_id, "event": "return"}})
    assert refused["fireTransition"]["__typename"] in ("NotFound", "NotAllowed")
    assert manager is not None


async def test_designers_save_and_publish_workflows_with_path_errors(api: Api) -> None:
    admin = await api.user("admin")
    bad = review_flow()
    bad["transitions"][0]["guard"] = {"eval": ["1"]}
    refused = await admin.data(
        "mutation($d: JSON!) { saveWorkflowDraft(input: {definition: $d}) { __typename "
        "... on ValidationFailed { errors { pointer code message } } } }",
        {"d": bad},
    )
    payload = refused["saveWorkflowDraft"]
    assert payload["__typename"] == "ValidationFailed"
    assert payload["errors"][0]["pointer"] == "/input/definition/transitions/0/guard/eval"
    saved = await admin.data(
        "mutation($d: JSON!) { saveWorkflowDraft(input: {definition: $d}) { __typename "
        "... on WorkflowDraftSaved { workflow { id key } } } }",
        {"d": review_flow()},
    )
    workflow_id = saved["saveWorkflowDraft"]["workflow"]["id"]
    published = await admin.data(
        "mutation($id: ID!) { publishWorkflow(input: {workflowId: $id}) { __typename "
        "... on WorkflowPublished { created version { number states { name final } } } } }",
        {"id": workflow_id},
    )
    assert published["publishWorkflow"]["created"] is True
    assert published["publishWorkflow"]["version"]["number"] == 1
    auditor = await api.user("auditor")
    denied = await auditor.data(
        "mutation($d: JSON!) { saveWorkflowDraft(input: {definition: $d}) { __typename } }",
        {"d": review_flow()},
    )
    assert denied["saveWorkflowDraft"]["__typename"] == "NotAllowed"


@pytest.mark.postgres_only
async def test_concurrent_requests_get_one_success_and_one_conflict(api: Api) -> None:
    manager, _, instance_id = await _flow(api)
    colleague = await api.user("manager")
    variables = {
        "input": {
            "instanceId": instance_id,
            "event": "return",
            "comment": "x",
            "expectedLockVersion": 1,
        }
    }
    results = await asyncio.gather(manager.data(FIRE, variables), colleague.data(FIRE, variables))
    kinds = sorted(r["fireTransition"]["__typename"] for r in results)
    assert kinds == ["Conflict", "TransitionFired"]
    seen = (await manager.data(INSTANCE, {"id": instance_id}))["workflowInstance"]
    assert [h["sequence"] for h in seen["history"]] == [1, 2]
    assert seen["lockVersion"] == 2


async def test_refusals_name_roles_in_the_callers_language(api: Api) -> None:
    _, auditor, instance_id = await _flow(api)
    zh = (await auditor.data(INSTANCE, {"id": instance_id}, language="zh-CN"))["workflowInstance"]
    en = (await auditor.data(INSTANCE, {"id": instance_id}, language="en"))["workflowInstance"]
    zh_options = {o["event"]: o["message"] for o in zh["availableTransitions"]}
    en_options = {o["event"]: o["message"] for o in en["availableTransitions"]}
    assert zh_options["approve"] == "只有以下角色可以执行此操作：稽核经理。"
    assert en_options["approve"] == "Only these roles may do this: audit manager."
    assert zh_options["escalate"] == "此步骤由系统自动执行（例如超时升级）。"


async def test_malformed_ids_are_typed_validation_errors(api: Api) -> None:
    admin = await api.user("admin")
    result = await admin.data(
        'mutation { publishWorkflow(input: {workflowId: "%%%"}) { __typename '
        "... on ValidationFailed { errors { path code } } } }"
    )
    payload = result["publishWorkflow"]
    assert payload == {
        "__typename": "ValidationFailed",
        "errors": [{"path": ["input", "workflowId"], "code": "error.bad_id"}],
    }
    fired = await admin.data(FIRE, {"input": {"instanceId": "%%%", "event": "x"}})
    assert fired["fireTransition"]["__typename"] == "ValidationFailed"
