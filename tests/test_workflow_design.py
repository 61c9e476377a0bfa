"""The workflow designer's server side: the layout block, lint, simulate (pure, no writes)."""

from __future__ import annotations

import json

import pytest

from auditportal.audit.models import AuditEvent
from auditportal.auth.principal import Role, system_principal
from auditportal.errors import ValidationFailed
from auditportal.workflows import definitions, design
from auditportal.workflows.definition import check_workflow_definition
from auditportal.workflows.engine import Actor, Move, fire
from tests.conftest import REPO_ROOT, SETTINGS, Api
from tests.workflow_factories import review_flow, t

META = REPO_ROOT / "schema" / "workflow-definition.schema.json"

LINT = """
query($d: JSON!) { lintWorkflowDefinition(definition: $d) {
  severity element error { pointer code message }
} }
"""

SIMULATE = """
query($d: JSON!, $steps: [SimulationStepInput!]!, $answers: JSON) {
  simulateWorkflow(definition: $d, steps: $steps, answers: $answers) {
    __typename
    ... on WorkflowSimulation { initialState state isFinal
      steps { event fromState toState allowed reason message } }
    ... on ValidationFailed { errors { pointer code } }
  }
}
"""


def four_eyes_flow() -> dict[str, object]:
    """open -> review (SLA, escalation) -> approved; approval by a second manager."""
    return {
        "key": "four-eyes",
        "title": t("Four eyes", "四眼审批"),
        "subject": "submission",
        "states": {
            "open": {"title": t("Open", "待处理"), "initial": True},
            "review": {
                "title": t("Review", "审核中"),
                "sla": {"due": {"workingDays": 2}, "escalate": "escalate"},
            },
            "approved": {"title": t("Approved", "已批准"), "final": True},
        },
        "transitions": [
            {"event": "send", "from": ["open"], "to": "review", "roles": ["manager"]},
            {
                "event": "approve",
                "from": ["review"],
                "to": "approved",
                "roles": ["manager"],
                "excludes": {"firedBy": ["send"]},
                "guard": {"==": [{"var": ["answers.ok", ""]}, "yes"]},
            },
            {"event": "escalate", "from": ["review"], "to": "review", "roles": []},
        ],
        "layout": {"nodes": {"open": {"x": 0, "y": 0}, "review": {"x": 200, "y": 0}}},
    }


def test_the_layout_block_is_accepted_and_the_engine_ignores_it() -> None:
    with_layout = four_eyes_flow()
    check_workflow_definition(with_layout, META)
    without = {k: v for k, v in with_layout.items() if k != "layout"}
    moved = [
        fire(d, "open", "send", Actor(role=Role.MANAGER), context={"answers": {}})
        for d in (with_layout, without)
    ]
    assert isinstance(moved[0], Move) and moved[0] == moved[1]
    broken = {**with_layout, "layout": {"nodes": {"open": {"x": "left"}}}}
    with pytest.raises(ValidationFailed):
        check_workflow_definition(broken, META)


def test_every_built_in_workflow_takes_a_layout() -> None:
    for path in sorted((REPO_ROOT / "workflows").glob("*.json")):
        definition = json.loads(path.read_text(encoding="utf-8"))
        nodes = {name: {"x": i * 100, "y": 0} for i, name in enumerate(definition["states"])}
        check_workflow_definition({**definition, "layout": {"nodes": nodes}}, META)


def test_a_transition_no_role_can_fire_is_named() -> None:
    flow = four_eyes_flow()
    assert design.unfireable_transitions(flow) == []
    flow["transitions"].append(  # type: ignore[attr-defined]
        {"event": "skip", "from": ["open"], "to": "approved", "roles": []}
    )
    found = design.unfireable_transitions(flow)
    assert [(i.pointer, i.code) for i in found] == [
        ("/transitions/3/roles", "workflow.no_role_can_fire")
    ]


def endorse_loop_flow() -> dict[str, object]:
    """The endorsement as a loop on the review state: approve is reachable without it, and a
    manager who never endorsed approves alone (the chain spec's first workflow did this)."""
    flow = four_eyes_flow()
    flow["transitions"] = [
        {"event": "send", "from": ["open"], "to": "review", "roles": ["auditor"]},
        {"event": "endorse", "from": ["review"], "to": "review", "roles": ["manager"]},
        {
            "event": "approve",
            "from": ["review"],
            "to": "approved",
            "roles": ["manager"],
            "excludes": {"firedBy": ["endorse"]},
        },
        {"event": "escalate", "from": ["review"], "to": "review", "roles": []},
    ]
    return flow


def test_four_eyes_that_a_case_can_go_round_is_named() -> None:
    # send is the only way into review: whoever approves never sent it.
    assert design.bypassable_four_eyes(four_eyes_flow()) == []
    flow = endorse_loop_flow()
    found = design.bypassable_four_eyes(flow)
    assert [(i.pointer, i.code, i.params) for i in found] == [
        (
            "/transitions/2/excludes/firedBy",
            "workflow.four_eyes_bypassable",
            {"event": "approve", "earlier": "endorse"},
        )
    ]
    # The endorsement into a state of its own: enforced again.
    flow["states"]["endorsed"] = {"title": t("Endorsed", "已背书")}  # type: ignore[index]
    flow["transitions"][1]["to"] = "endorsed"  # type: ignore[index]
    flow["transitions"][2]["from"] = ["endorsed"]  # type: ignore[index]
    assert design.bypassable_four_eyes(flow) == []


async def test_the_designer_is_told_when_four_eyes_can_be_bypassed(api: Api) -> None:
    admin = await api.user("admin")
    problems = (await admin.data(LINT, {"d": endorse_loop_flow()}, language="zh-CN"))[
        "lintWorkflowDefinition"
    ]
    assert [(p["severity"], p["error"]["code"]) for p in problems] == [
        ("warning", "workflow.four_eyes_bypassable")
    ]
    assert "职责分离可被绕过" in problems[0]["error"]["message"]
    english = (await admin.data(LINT, {"d": endorse_loop_flow()}))["lintWorkflowDefinition"]
    assert "four eyes is bypassed" in english[0]["error"]["message"]


def test_the_walk_keeps_four_eyes_and_evaluates_guards() -> None:
    step = design.SimulatedStep
    walked = design.walk(
        four_eyes_flow(),
        [
            step("send", role="manager", person="ann"),
            step("approve", role="manager", person="ann"),  # fired send: refused
            step("approve", role="auditor", person="bob"),  # wrong role
            step("approve", role="manager", person="cem"),
        ],
        answers={"ok": "yes"},
    )
    assert [
        (s.event, s.to_state, s.refusal.reason if s.refusal else None) for s in walked.steps
    ] == [
        ("send", "review", None),
        ("approve", "review", "separation"),
        ("approve", "review", "role"),
        ("approve", "approved", None),
    ]
    assert (walked.state, walked.final) == ("approved", True)
    no = design.walk(
        four_eyes_flow(),
        [step("send", role="manager", person="ann"), step("approve", role="manager", person="c")],
        answers={"ok": "no"},
    )
    assert no.steps[1].refusal is not None and no.steps[1].refusal.reason == "guard"
    escalated = design.walk(four_eyes_flow(), [step("send", role="manager"), step("escalate")])
    assert escalated.steps[1].refusal is None


async def test_lint_and_simulate_through_graphql_write_nothing(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    before = await AuditEvent.all().count()
    clean = (await admin.data(LINT, {"d": four_eyes_flow()}))["lintWorkflowDefinition"]
    assert clean == []
    broken = four_eyes_flow()
    broken["states"]["lost"] = {"title": t("Lost", "丢失")}  # type: ignore[index]
    problems = (await admin.data(LINT, {"d": broken}, language="zh-CN"))["lintWorkflowDefinition"]
    by_code = {p["error"]["code"]: p for p in problems}
    assert by_code["workflow.unreachable"]["element"] == "state:lost"
    assert by_code["workflow.unreachable"]["severity"] == "error"
    assert "lost" in by_code["workflow.unreachable"]["error"]["message"]

    steps = [
        {"event": "send", "role": "manager", "person": "ann"},
        {"event": "approve", "role": "manager", "person": "ann"},
        {"event": "approve", "role": "manager", "person": "bo"},
    ]
    walked = (
        await admin.data(
            SIMULATE, {"d": four_eyes_flow(), "steps": steps, "answers": {"ok": "yes"}}
        )
    )["simulateWorkflow"]
    assert walked["__typename"] == "WorkflowSimulation"
    assert [s["allowed"] for s in walked["steps"]] == [True, False, True]
    assert walked["steps"][1]["reason"] == "separation" and walked["steps"][1]["message"]
    assert (walked["state"], walked["isFinal"]) == ("approved", True)

    refused = (
        await admin.data(SIMULATE, {"d": broken, "steps": [{"event": "x", "role": "boss"}]})
    )["simulateWorkflow"]
    assert refused["__typename"] == "ValidationFailed"
    assert {"/definition/states/lost"} <= {e["pointer"] for e in refused["errors"]}

    denied = await auditor.gql(LINT, {"d": four_eyes_flow()})
    assert denied["errors"]
    assert await AuditEvent.all().count() == before


async def test_a_saved_layout_survives_save_and_publish(api: Api) -> None:
    del api
    flow = review_flow(layout={"nodes": {"submitted": {"x": 10.5, "y": -3}}})
    saved = await definitions.save_draft(system_principal("tests"), flow, settings=SETTINGS)
    published = await definitions.publish(system_principal("tests"), saved.id)
    assert published.version.content["layout"] == flow["layout"]


async def test_versions_are_listed_newest_first_with_who_and_when(api: Api) -> None:
    admin = await api.user("admin", username="designer")
    save = """mutation($input: SaveWorkflowDraftInput!) { saveWorkflowDraft(input: $input) {
      __typename ... on WorkflowDraftSaved { workflow { id draftRevision } } } }"""
    publish = """mutation($input: PublishWorkflowInput!) { publishWorkflow(input: $input) {
      __typename ... on WorkflowPublished { version { number } } } }"""
    flow = review_flow()
    first = (await admin.data(save, {"input": {"definition": flow}}))["saveWorkflowDraft"]
    assert first["__typename"] == "WorkflowDraftSaved", first
    workflow_id = first["workflow"]["id"]
    await admin.data(publish, {"input": {"workflowId": workflow_id}})
    changed = {**flow, "title": {"zh-CN": "复核", "en": "Review v2"}}
    second = await admin.data(
        save,
        {
            "input": {
                "definition": changed,
                "expectedDraftRevision": first["workflow"]["draftRevision"],
            }
        },
    )
    assert second["saveWorkflowDraft"]["__typename"] == "WorkflowDraftSaved", second
    await admin.data(publish, {"input": {"workflowId": workflow_id}})
    found = await admin.data(
        """query($key: String!) { workflowDefinition(key: $key) {
          versions { number publishedAt publishedBy { username } definition } } }""",
        {"key": flow["key"]},
    )
    versions = found["workflowDefinition"]["versions"]
    assert [v["number"] for v in versions] == [2, 1]
    assert {v["publishedBy"]["username"] for v in versions} == {"designer"}
    assert versions[1]["definition"]["title"] == flow["title"]
    assert all(v["publishedAt"] for v in versions)
