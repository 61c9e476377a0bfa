"""The form of an opened case: submitted for the case, attached to it and moving it."""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any

import pytest

from auditportal.api.relay import to_global_id
from auditportal.customers.models import AccountAuditor, CustomerTier
from auditportal.forms.models import Form, Submission
from auditportal.inspections import scheduler
from auditportal.submissions.models import FormDraft
from auditportal.workflows import definitions
from auditportal.workflows.models import WorkflowHistory, WorkflowInstance
from tests import inspection_factories as f
from tests.conftest import REPO_ROOT, SETTINGS, Api, Person
from tests.work_factories import case
from tests.workflow_factories import t

SUBMIT = """
mutation($input: SubmitFormInput!) {
  submitForm(input: $input) {
    __typename
    ... on SubmissionAccepted {
      replayed
      submission { id revision }
      workflowInstances { id state submission { id } }
    }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
    ... on TransitionRefused { reason }
  }
}
"""
FIRE = """
mutation($input: FireTransitionInput!) {
  fireTransition(input: $input) { __typename ... on UserError { code message } }
}
"""
SAVE_DRAFT = """
mutation($input: SaveDraftInput!) {
  saveDraft(input: $input) { __typename ... on UserError { code message } }
}
"""
CASE = """
query($id: ID!) {
  node(id: $id) { ... on WorkflowInstance { state submission { id revision } } }
}
"""
TAKES = """
query ($id: ID!) {
  node(id: $id) {
    ... on WorkflowInstance {
      takesSubmission formToFill { key } history { event title toStateTitle }
    }
  }
}
"""

MY_WORK = """
{
  myWork {
    nodes {
      kind stateLabel workflowInstance { id state } submission { id }
      formVersion { id form { key } }
    }
  }
}
"""


def _answers(**changes: Any) -> dict[str, Any]:
    path = REPO_ROOT / "forms" / "examples" / "customer-compliance-inspection.json"
    answers: dict[str, Any] = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
    answers.update(changes)
    return answers


async def _opened_case(api: Api) -> dict[str, Any]:
    """The scheduler opens one inspection of one customer, assigned to its account auditor."""
    await f.load_builtins()
    auditor = await api.user("auditor")
    manager = await api.user("manager")
    customer = await api.customer("CS-1", "甲公司")
    customer.tier = CustomerTier.NORMAL
    await customer.save()
    await f.give_account_auditor(customer, auditor.id)
    plan = await f.plan(
        target_customer_ids=[customer.id],
        recurrences=[("normal", "FREQ=DAILY")],
        lead_days=2,
        horizon_days=1,
    )
    today = f.today()
    await scheduler.materialise(plan, today, settings=SETTINGS)
    await scheduler.open_due(plan, today, settings=SETTINGS)
    instance = await WorkflowInstance.get(customer_id=customer.id)
    assert instance.state == "scheduled" and instance.submission_id is None
    assert instance.assignee_id == auditor.id
    gid = await _gid(auditor, instance)
    form = await Form.get(key=f.FORM_KEY)
    return {
        "auditor": auditor,
        "manager": manager,
        "customer": customer,
        "instance": instance,
        "gid": gid,
        "form_gid": await _form_gid(auditor, form.key),
    }


async def _gid(person: Person, instance: WorkflowInstance) -> str:
    data = await person.data(
        "query { workflowInstances(first: 50) { nodes { id subjectId state } } }"
    )
    nodes = data["workflowInstances"]["nodes"]
    assert len(nodes) == 1, nodes
    return str(nodes[0]["id"])


async def _form_gid(person: Person, key: str) -> str:
    data = await person.data("query($k: String!) { form(key: $k) { id } }", {"k": key})
    return str(data["form"]["id"])


async def _submit(person: Person, world: dict[str, Any], **input_: Any) -> dict[str, Any]:
    variables = {
        "formId": world["form_gid"],
        "workflowInstanceId": world["gid"],
        "answers": _answers(),
        **input_,
    }
    return (await person.data(SUBMIT, {"input": variables}))["submitForm"]  # type: ignore[no-any-return]


async def _fire(person: Person, gid: str, event: str, comment: str | None = None) -> None:
    variables = {"instanceId": gid, "event": event, "comment": comment}
    fired = (await person.data(FIRE, {"input": variables}))["fireTransition"]
    assert fired["__typename"] == "TransitionFired", fired


async def test_the_assignee_submits_for_the_case_which_moves_once(api: Api) -> None:
    world = await _opened_case(api)
    auditor = world["auditor"]
    # The web's flow: the task in my work names the form version to fill in.
    [task] = [
        n
        for n in (await auditor.data(MY_WORK))["myWork"]["nodes"]
        if n["workflowInstance"] and n["workflowInstance"]["id"] == world["gid"]
    ]
    assert (task["kind"], task["workflowInstance"]["state"], task["submission"]) == (
        "INSPECTION",
        "scheduled",
        None,
    )
    assert task["formVersion"]["form"]["key"] == f.FORM_KEY
    accepted = await _submit(
        auditor,
        world,
        idempotencyKey="case-1",
        formId=None,
        formVersionId=task["formVersion"]["id"],
    )
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    assert accepted["replayed"] is False
    submission_id = accepted["submission"]["id"]
    assert accepted["workflowInstances"] == [
        {"id": world["gid"], "state": "submitted", "submission": {"id": submission_id}}
    ]
    case = (await auditor.data(CASE, {"id": world["gid"]}))["node"]
    assert case == {"state": "submitted", "submission": {"id": submission_id, "revision": 1}}
    # The case went the way a person would have walked it, each step in its history.
    events = await WorkflowHistory.filter(instance_id=world["instance"].id).order_by("sequence")
    assert [e.event for e in events] == ["start", "start_fieldwork", "submit"]
    assert {e.actor_user_id for e in events[1:]} == {auditor.id}
    # No second case was started for the submission.
    assert await WorkflowInstance.all().count() == 1
    # The replay returns the first result and neither submits nor moves again.
    replay = await _submit(
        auditor,
        world,
        idempotencyKey="case-1",
        formId=None,
        formVersionId=task["formVersion"]["id"],
    )
    assert replay["__typename"] == "SubmissionAccepted", replay
    assert replay["replayed"] is True
    assert replay["submission"]["id"] == submission_id
    assert await Submission.all().count() == 1
    assert await WorkflowHistory.filter(instance_id=world["instance"].id).count() == 3
    # Without the key, the case that has its submission refuses another.
    again = await _submit(auditor, world)
    assert again["__typename"] == "ValidationFailed", again
    assert [(e["path"], e["code"]) for e in again["errors"]] == [
        (["input", "workflowInstanceId"], "case.already_submitted")
    ]
    # The case left the auditor's work and is the reviewing manager's now.
    mine = (await auditor.data(MY_WORK))["myWork"]["nodes"]
    assert all(n["workflowInstance"] is None or n["workflowInstance"]["id"] != world["gid"]
               for n in mine)  # fmt: skip
    instance = await WorkflowInstance.get(id=world["instance"].id)
    reviewer = world["manager"]
    assert instance.assignee_id == reviewer.id
    theirs = [
        n
        for n in (await reviewer.data(MY_WORK))["myWork"]["nodes"]
        if n["workflowInstance"] and n["workflowInstance"]["id"] == world["gid"]
    ]
    assert [(n["workflowInstance"]["state"], n["submission"]) for n in theirs] == [
        ("submitted", {"id": submission_id})
    ]


async def test_refusals_leave_the_case_and_the_draft_as_they_were(api: Api) -> None:
    world = await _opened_case(api)
    auditor = world["auditor"]
    version = await _version_gid(auditor)
    saved = (
        await auditor.data(
            SAVE_DRAFT,
            {
                "input": {
                    "formVersionId": version,
                    "workflowInstanceId": world["gid"],
                    "answers": {"x": 1},
                }
            },
        )
    )["saveDraft"]
    assert saved["__typename"] == "DraftSaved", saved

    async def refusal(person: Person, language: str = "en", **input_: Any) -> tuple[str, str]:
        variables = {
            "formId": world["form_gid"],
            "workflowInstanceId": world["gid"],
            "answers": _answers(),
            **input_,
        }
        result = (await person.data(SUBMIT, {"input": variables}, language=language))["submitForm"]
        assert result["__typename"] == "ValidationFailed", result
        [error] = result["errors"]
        assert error["path"] == ["input", "workflowInstanceId"]
        return error["code"], error["message"]

    # Auditors see every case; one it is not assigned to may not submit for it.
    other = await api.user("auditor")
    assert await refusal(other) == (
        "case.not_assigned",
        "This case is not assigned to you, so you cannot submit for it.",
    )
    assert (await refusal(other, language="zh-CN"))[1] == "该事项未分派给您，不能为其提交。"
    credit = await Form.get(key="customer-credit-assessment")
    wrong = await refusal(
        auditor, formId=await _form_gid(auditor, credit.key), answers={"anything": 1}
    )
    assert wrong == (
        "case.wrong_form",
        "This case does not ask for the form “customer-credit-assessment”.",
    )
    assert (await refusal(auditor, language="zh-CN", formId=await _form_gid(auditor, credit.key)))[
        1
    ] == "该事项不需要表单“customer-credit-assessment”。"
    elsewhere = await api.customer("CS-2")
    assert (await refusal(auditor, customerId=await _customer_gid(auditor, elsewhere.code)))[
        0
    ] == "case.wrong_customer"
    instance = await WorkflowInstance.get(id=world["instance"].id)
    assert (instance.state, instance.submission_id) == ("scheduled", None)
    assert await Submission.all().count() == 0
    assert await FormDraft.all().count() == 1
    # The submission that is accepted consumes the draft for the case.
    accepted = await _submit(auditor, world)
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    assert await FormDraft.all().count() == 0


async def test_an_opened_case_names_its_plans_form_to_fill(api: Api) -> None:
    world = await _opened_case(api)
    planned = await Form.get(key=f.FORM_KEY)
    # Another checklist, listed before the plan's: the case still asks for its plan's form.
    await Form.create(
        key="a-fire-checklist",
        category=planned.category,
        title={"zh-CN": "消防检查", "en": "Fire check"},
        draft=planned.draft,
        draft_hash=planned.draft_hash,
        created_by_id=planned.created_by_id,
        updated_by_id=planned.updated_by_id,
    )
    seen = (await world["auditor"].data(TAKES, {"id": world["gid"]}))["node"]
    assert (seen["takesSubmission"], seen["formToFill"]) == (True, {"key": f.FORM_KEY})


async def test_a_returned_case_takes_a_correction_and_moves_again(api: Api) -> None:
    world = await _opened_case(api)
    auditor, manager = world["auditor"], world["manager"]
    first = await _submit(auditor, world, idempotencyKey="one")
    assert first["__typename"] == "SubmissionAccepted", first
    await _fire(manager, world["gid"], "start_review")
    await _fire(manager, world["gid"], "return_for_correction", "请补充整改期限")
    returned = await WorkflowInstance.get(id=world["instance"].id)
    assert (returned.state, returned.assignee_id) == ("returned_for_correction", auditor.id)
    seen = (await auditor.data(TAKES, {"id": world["gid"]}))["node"]
    assert seen["takesSubmission"] is True  # the task page offers the checklist again
    assert seen["formToFill"] == {"key": f.FORM_KEY}  # the submission's form, as checked
    steps = {step["event"]: step for step in seen["history"]}
    assert steps["return_for_correction"]["title"] == "Return for correction"
    assert steps["return_for_correction"]["toStateTitle"] == "Returned for correction"
    assert steps["start"]["title"] is None
    corrected = await _submit(
        auditor, world, idempotencyKey="two", answers=_answers(overallRemarks="已更正")
    )
    assert corrected["__typename"] == "SubmissionAccepted", corrected
    assert corrected["submission"]["revision"] == 2
    case = (await auditor.data(CASE, {"id": world["gid"]}))["node"]
    assert case == {
        "state": "submitted",
        "submission": {"id": corrected["submission"]["id"], "revision": 2},
    }
    submitted = (await auditor.data(TAKES, {"id": world["gid"]}))["node"]
    assert (submitted["takesSubmission"], submitted["formToFill"]) == (False, None)
    # A correction: the first answers are superseded, not counted beside the new ones.
    rows = await Submission.all().order_by("revision")
    assert [r.revision for r in rows] == [1, 2]
    assert rows[0].superseded_at is not None and rows[1].revises_id == rows[0].id
    history = await WorkflowHistory.filter(instance_id=world["instance"].id).order_by("sequence")
    assert [h.event for h in history][-2:] == ["start_correction", "submit"]
    # Replaying the correction neither revises nor moves again.
    replay = await _submit(
        auditor, world, idempotencyKey="two", answers=_answers(overallRemarks="已更正")
    )
    assert replay["__typename"] == "SubmissionAccepted", replay
    assert (replay["replayed"], replay["submission"]["id"]) == (
        True,
        corrected["submission"]["id"],
    )
    assert await Submission.all().count() == 2
    assert await WorkflowHistory.filter(instance_id=world["instance"].id).count() == len(history)


async def test_a_new_account_auditor_corrects_what_the_former_one_submitted(api: Api) -> None:
    world = await _opened_case(api)
    auditor, manager = world["auditor"], world["manager"]
    assert (await _submit(auditor, world))["__typename"] == "SubmissionAccepted"
    successor = await api.user("auditor")
    await AccountAuditor.filter(customer_id=world["customer"].id).update(auditor_id=successor.id)
    await _fire(manager, world["gid"], "start_review")
    await _fire(manager, world["gid"], "return_for_correction", "请补充")
    # The former auditor no longer has the case; the successor does, and corrects it.
    gone = await _submit(auditor, world)
    assert [e["code"] for e in gone["errors"]] == ["case.not_assigned"]
    corrected = await _submit(successor, world)
    assert corrected["__typename"] == "SubmissionAccepted", corrected
    assert corrected["submission"]["revision"] == 2
    latest = await Submission.get(revision=2)
    assert latest.submitted_by_id == successor.id
    assert (await WorkflowInstance.get(id=world["instance"].id)).state == "submitted"


async def test_answers_the_form_refuses_store_nothing_and_leave_the_case(api: Api) -> None:
    world = await _opened_case(api)
    answers = _answers()
    answers.pop("inspectors")
    result = await _submit(world["auditor"], world, answers=answers)
    assert result["__typename"] == "ValidationFailed", result
    assert [(e["path"], e["code"]) for e in result["errors"]] == [
        (["input", "answers", "inspectors"], "schema.required")
    ]
    instance = await WorkflowInstance.get(id=world["instance"].id)
    assert (instance.state, instance.submission_id) == ("scheduled", None)
    assert await Submission.all().count() == 0


async def _version_gid(person: Person) -> str:
    data = await person.data(
        "query($k: String!) { form(key: $k) { latestVersion { id } } }", {"k": f.FORM_KEY}
    )
    return str(data["form"]["latestVersion"]["id"])


async def _customer_gid(person: Person, code: str) -> str:
    data = await person.data("query($c: String!) { customer(code: $c) { id } }", {"c": code})
    return str(data["customer"]["id"])


def _gated_flow() -> dict[str, Any]:
    """A case offered to a role whose submit step asks what the answers never say."""
    return {
        "key": "gated-flow",
        "title": t("Gated", "把关"),
        "subject": "customer",
        "startsFor": {"formKeys": [f.FORM_KEY]},
        "states": {
            "open": {"title": t("Open", "待办"), "initial": True},
            "done": {"title": t("Done", "完成"), "final": True},
        },
        "transitions": [
            {
                "event": "submit",
                "from": ["open"],
                "to": "done",
                "roles": ["assignee"],
                "guard": {"==": [{"var": "answers.customerAcknowledgedBy"}, "nobody"]},
                "guardMessage": t("Only nobody may acknowledge", "只能由无人确认"),
            }
        ],
    }


async def test_an_offered_case_is_anyones_in_the_role_and_its_step_may_refuse(api: Api) -> None:
    world = await _opened_case(api)
    saved = await definitions.save_draft(f.SYSTEM, _gated_flow(), settings=SETTINGS)
    version = (await definitions.publish(f.SYSTEM, saved.id)).version
    offered = await case(version, "open", customer_id=world["customer"].id, assigned_role="auditor")
    gid = to_global_id("WorkflowInstance", offered.id)
    target = {**world, "gid": gid}
    manager_try = await _submit(world["manager"], target)
    assert manager_try["__typename"] == "ValidationFailed", manager_try
    assert [e["code"] for e in manager_try["errors"]] == ["case.not_assigned"]
    # Any auditor may take an offered case; the engine then checks its step as a fire would.
    other = await api.user("auditor")
    refused = await _submit(other, target)
    assert refused["__typename"] == "TransitionRefused", refused
    assert refused["reason"] == "guard"
    assert refused["message"]
    again = await WorkflowInstance.get(id=offered.id)
    assert (again.state, again.submission_id) == ("open", None)
    assert await Submission.all().count() == 0
    accepted = await _submit(other, target, answers=_answers(customerAcknowledgedBy="nobody"))
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    assert accepted["workflowInstances"][0]["state"] == "done"
    closed = await _submit(other, target)
    assert [e["code"] for e in closed["errors"]] == ["case.closed"]


@pytest.mark.postgres_only
async def test_two_submits_racing_for_one_case_link_one(api: Api) -> None:
    world = await _opened_case(api)
    auditor = world["auditor"]
    first, second = await asyncio.gather(
        _submit(auditor, world, idempotencyKey="a"), _submit(auditor, world, idempotencyKey="b")
    )
    kinds = sorted([first["__typename"], second["__typename"]])
    assert kinds[1] == "SubmissionAccepted", (first, second)
    # The loser waited on the winner's link (compare-and-set) and rolled back whole.
    assert kinds[0] == "Conflict", (first, second)
    instance = await WorkflowInstance.get(id=world["instance"].id)
    assert instance.state == "submitted"
    assert await Submission.all().count() == 1
    assert await WorkflowHistory.filter(instance_id=instance.id, event="submit").count() == 1
