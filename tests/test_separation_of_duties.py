"""Practice 17 (内部控制): four eyes, set up from definitions only and walked.

A manager cannot approve their own submission; whoever checked a case cannot also approve
it; the assignee cannot sign off their own work; and above an amount only a manager may
approve, without a second copy of the transition. Refusals are typed and translated.
"""

from __future__ import annotations

from typing import Any

import pytest

from auditportal.api.relay import to_global_id
from auditportal.auth.principal import Principal, system_principal
from auditportal.errors import ValidationFailed
from auditportal.forms import service as forms
from auditportal.i18n import translate
from auditportal.submissions.intake import submit
from auditportal.workflows import definitions, instances
from auditportal.workflows.instances import WorkflowRefused
from tests.conftest import SETTINGS, Api
from tests.factories import t
from tests.test_rules_context import contract_form

SYSTEM = system_principal("tests")


def four_eyes_flow() -> dict[str, Any]:
    return {
        "key": "contract-four-eyes",
        "title": t("Contract approval, four eyes", "合同审批（四眼原则）"),
        "subject": "submission",
        "startsFor": {"formKeys": ["contract-review"]},
        "states": {
            "submitted": {
                "title": t("Submitted", "已提交"),
                "initial": True,
                "onEnter": [{"type": "assign", "to": {"roundRobin": "auditor"}}],
            },
            "checked": {"title": t("Checked", "已复核")},
            "signed_off": {"title": t("Signed off", "已签核"), "final": True},
            "approved": {"title": t("Approved", "已批准"), "final": True},
        },
        "transitions": [
            {
                "event": "check",
                "title": t("Check the contract", "复核合同"),
                "from": ["submitted"],
                "to": "checked",
                "roles": ["auditor", "manager"],
                "excludes": {"submitter": True},
            },
            {
                "event": "approve",
                "from": ["checked"],
                "to": "approved",
                "roles": ["auditor", "manager"],
                "excludes": {"submitter": True, "firedBy": ["check"]},
                "roleRules": [
                    {
                        "when": {">": [{"var": "answers.amount"}, 1000000]},
                        "roles": ["manager"],
                        "message": t(
                            "Above one million a manager approves", "超过一百万须经理审批"
                        ),
                    }
                ],
            },
            {
                "event": "sign_off",
                "from": ["submitted"],
                "to": "signed_off",
                "roles": ["auditor", "manager"],
                "excludes": {"assignee": True},
            },
        ],
    }


def _principal(person: Any) -> Principal:
    return Principal(
        subject=f"user:{person.id}",
        role=person.role,
        user_id=person.id,
        scopes=frozenset({"submissions:write", "submissions:read", "workflows:write"}),
    )


async def _setup(api: Api) -> Any:
    form = await forms.create_draft(SYSTEM, contract_form(), settings=SETTINGS)
    version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    flow = await definitions.save_draft(SYSTEM, four_eyes_flow(), settings=SETTINGS)
    await definitions.publish(SYSTEM, flow.id)
    return version


async def _case(version: Any, person: Any, customer: Any, amount: int) -> Any:
    _, started = await submit(
        _principal(person),
        answers={"contractNo": f"HT-{amount}", "amount": amount},
        language="en",
        version_id=version.id,
        customer_id=customer.id,
        settings=SETTINGS,
    )
    return started[0]


async def _refusal(person: Any, instance: Any, event: str) -> Any:
    with pytest.raises(WorkflowRefused) as refused:
        await instances.fire_transition(_principal(person), instance.id, event, settings=SETTINGS)
    return refused.value.refusal


async def _fire(person: Any, instance: Any, event: str) -> str:
    fired = await instances.fire_transition(
        _principal(person), instance.id, event, settings=SETTINGS
    )
    return fired.instance.state


async def test_four_eyes_submitter_checker_and_assignee(api: Api) -> None:
    author, checker, approver = [await api.user("manager") for _ in range(3)]
    auditor = await api.user("auditor")
    customer = await api.customer("C-4EYES")
    version = await _setup(api)

    case = await _case(version, author, customer, 500000)
    own = await _refusal(author, case, "check")
    assert (own.reason, own.message_key) == ("separation", "workflow.refused.not_submitter")
    assert await _fire(checker, case, "check") == "checked"
    again = await _refusal(checker, case, "approve")
    # The earlier step by its title, in the caller's language (not the event key).
    assert (again.message_key, again.params) == (
        "workflow.refused.not_who_fired",
        {"event": "check", "step": t("Check the contract", "复核合同")},
    )
    assert translate(again.message_key, "zh-CN", **again.params).startswith("已执行“复核合同”的人")
    assert translate(again.message_key, "en", **again.params).startswith(
        "Whoever did “Check the contract”"
    )
    assert (await _refusal(author, case, "approve")).message_key == "workflow.refused.not_submitter"
    assert await _fire(approver, case, "approve") == "approved"

    # The assignee (round robin: the only auditor) may not sign off their own work.
    other = await _case(version, author, customer, 10)
    assert other.assignee_id == auditor.id
    assignee = await _refusal(auditor, other, "sign_off")
    assert assignee.message_key == "workflow.refused.not_assignee"
    assert await _fire(checker, other, "sign_off") == "signed_off"

    # Above the amount only a manager approves: the same transition, limited by the actor.
    big = await _case(version, author, customer, 2500000)
    assert await _fire(checker, big, "check") == "checked"
    by_auditor = await _refusal(auditor, big, "approve")
    assert (by_auditor.reason, by_auditor.message_key) == ("role", "workflow.refused.role_when")
    assert by_auditor.guard_message is not None
    assert await _fire(approver, big, "approve") == "approved"


async def test_refusals_are_translated_and_listed(api: Api) -> None:
    author = await api.user("manager")
    customer = await api.customer("C-4EYES-2")
    version = await _setup(api)
    case = await _case(version, author, customer, 10)
    query = """mutation($input: FireTransitionInput!) { fireTransition(input: $input) {
      __typename ... on TransitionRefused { code reason message } } }"""
    variables = {
        "input": {"instanceId": to_global_id("WorkflowInstance", case.id), "event": "check"}
    }
    en = (await author.data(query, variables))["fireTransition"]
    assert en == {
        "__typename": "TransitionRefused",
        "code": "TRANSITION_REFUSED",
        "reason": "separation",
        "message": "The submitter may not take this step on their own submission (four eyes).",
    }
    zh = (await author.data(query, variables, language="zh-CN"))["fireTransition"]
    assert zh["message"] == "提交人不能审批自己提交的事项（职责分离）。"
    listed = await author.data(
        "query($id: ID!) { node(id: $id) { ... on WorkflowInstance { availableTransitions "
        "{ event allowed reason } } } }",
        {"id": to_global_id("WorkflowInstance", case.id)},
    )
    options = {o["event"]: o for o in listed["node"]["availableTransitions"]}
    assert (options["check"]["allowed"], options["check"]["reason"]) == (False, "separation")
    assert options["sign_off"]["allowed"] is True


async def test_unknown_earlier_events_are_refused_at_save(api: Api) -> None:
    await _setup(api)
    flow = four_eyes_flow()
    flow["transitions"][1]["excludes"]["firedBy"] = ["chek"]
    with pytest.raises(ValidationFailed) as refused:
        await definitions.save_draft(SYSTEM, flow, settings=SETTINGS)
    assert [(i.pointer, i.code) for i in refused.value.issues] == [
        ("/transitions/1/excludes/firedBy/0", "workflow.unknown_event")
    ]
