"""One rule context with named parts, values from the context on both sides, explicit nulls.

Set up from definitions only: a contract-review form and a workflow whose approval guard
compares the answered amount with the customer's credit limit and lets a manager approve
above it; an unanswered amount leaves the guard undecided instead of passing as 0.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from auditportal.auth.principal import Principal, system_principal
from auditportal.customers import credit
from auditportal.forms import service as forms
from auditportal.rules import evaluate, rule_allows
from auditportal.submissions.intake import submit
from auditportal.workflows import definitions, instances
from auditportal.workflows.definition import definition_warnings
from auditportal.workflows.instances import WorkflowRefused
from tests.conftest import SETTINGS, Api
from tests.factories import t

SYSTEM = system_principal("tests")


def contract_form() -> dict[str, Any]:
    return {
        "key": "contract-review",
        "category": "custom",
        "title": t("Contract review", "合同审查"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["contractNo"],
            "additionalProperties": False,
            "properties": {
                "contractNo": {"type": "string", "minLength": 1, "x-title": t("Contract no.")},
                "amount": {"type": "number", "minimum": 0, "x-title": t("Amount", "金额")},
            },
        },
    }


WITHIN_LIMIT = {"<=": [{"var": "answers.amount"}, {"var": "customer.creditLimit"}]}


def contract_flow() -> dict[str, Any]:
    return {
        "key": "contract-approval",
        "title": t("Contract approval", "合同审批"),
        "subject": "submission",
        "startsFor": {"formKeys": ["contract-review"]},
        "states": {
            "review": {"title": t("In review", "审核中"), "initial": True},
            "approved": {"title": t("Approved", "已批准"), "final": True},
            "referred": {"title": t("Referred", "已转交"), "final": True},
        },
        "transitions": [
            {
                "event": "approve",
                "from": ["review"],
                "to": "approved",
                "roles": ["auditor", "manager"],
                # Within the credit limit anyone may approve; above it only a manager.
                "guard": {"or": [WITHIN_LIMIT, {"==": [{"var": "actor.role"}, "manager"]}]},
                "guardMessage": t("Above the credit limit: a manager approves", "超出信用额度"),
            },
            {"event": "refer", "from": ["review"], "to": "referred", "roles": ["auditor"]},
        ],
    }


def _principal(person: Any) -> Principal:
    return Principal(
        subject=f"user:{person.id}",
        role=person.role,
        user_id=person.id,
        scopes=frozenset({"submissions:write", "submissions:read", "workflows:write"}),
    )


def test_nulls_are_undecided_not_zero() -> None:
    context: dict[str, Any] = {"answers": {"amount": None, "b": 3}, "customer": {"limit": 5}}
    below = {"<": [{"var": "answers.amount"}, {"var": "customer.limit"}]}
    assert evaluate(below, context).undecided
    assert evaluate(below, context).empty == ["answers.amount"]
    assert rule_allows(below, context) is False
    assert rule_allows({"!": [below]}, context) is False  # not undecided is undecided
    # Kleene: a false part decides an "and", a true part decides an "or".
    assert evaluate({"and": [below, {">": [{"var": "answers.b"}, 4]}]}, context).decision is False
    assert evaluate({"or": [below, {"<": [{"var": "answers.b"}, 4]}]}, context).decision is True
    # Presence is asked explicitly: !!, missing, == null and a default decide.
    assert evaluate({"!!": [{"var": "answers.amount"}]}, context).decision is False
    assert evaluate({"==": [{"var": "answers.amount"}, None]}, context).decision is True
    assert evaluate({"<": [{"var": ["answers.amount", 0]}, 5]}, context).decision is True
    # Both sides from the context.
    assert evaluate({"<": [{"var": "answers.b"}, {"var": "customer.limit"}]}, context).decision
    assert evaluate({"+": [{"var": "answers.amount"}, 1]}, context).undecided


async def test_guard_reads_customer_actor_and_answers_on_both_sides(api: Api) -> None:
    auditor = await api.user("auditor")
    manager = await api.user("manager")
    customer = await api.customer("C-RULES")
    await credit.record_credit(SYSTEM, customer.id, grade="A", credit_limit=Decimal("1000000"))
    form = await forms.create_draft(SYSTEM, contract_form(), settings=SETTINGS)
    version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    flow = await definitions.save_draft(SYSTEM, contract_flow(), settings=SETTINGS)
    await definitions.publish(SYSTEM, flow.id)
    warned = {(w.pointer, w.params["name"]) for w in definition_warnings(flow.draft)}
    assert warned == {
        ("/transitions/0/guard/or/0/<=/0", "answers.amount"),
        ("/transitions/0/guard/or/0/<=/1", "customer.creditLimit"),
    }

    async def case(answers: dict[str, Any]) -> Any:
        _, started = await submit(
            _principal(auditor),
            answers=answers,
            language="en",
            version_id=version.id,
            customer_id=customer.id,
            settings=SETTINGS,
        )
        return started[0]

    async def fire(person: Any, instance: Any) -> str:
        fired = await instances.fire_transition(
            _principal(person), instance.id, "approve", settings=SETTINGS
        )
        return fired.instance.state

    within = await case({"contractNo": "HT-1", "amount": 500000})
    assert await fire(auditor, within) == "approved"

    above = await case({"contractNo": "HT-2", "amount": 2500000})
    with pytest.raises(WorkflowRefused) as refused:
        await fire(auditor, above)
    assert refused.value.refusal.message_key == "workflow.refused.guard"
    assert await fire(manager, above) == "approved"

    # Unanswered: before, null compared as 0 and an auditor could approve any amount.
    unanswered = await case({"contractNo": "HT-3"})
    with pytest.raises(WorkflowRefused) as undecided:
        await fire(auditor, unanswered)
    assert undecided.value.refusal.message_key == "workflow.refused.guard_undecided"
    assert undecided.value.refusal.params == {"fields": "answers.amount"}
    assert await fire(manager, unanswered) == "approved"  # a true part decides the "or"


async def test_undecided_refusal_and_warnings_are_translated(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    customer = await api.customer("C-RULES-2")
    form = await forms.create_draft(SYSTEM, contract_form(), settings=SETTINGS)
    version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    flow = await definitions.save_draft(SYSTEM, contract_flow(), settings=SETTINGS)
    await definitions.publish(SYSTEM, flow.id)
    _, started = await submit(
        _principal(auditor),
        answers={"contractNo": "HT-9", "amount": 10},
        language="en",
        version_id=version.id,
        customer_id=customer.id,
        settings=SETTINGS,
    )
    query = """mutation($input: FireTransitionInput!) { fireTransition(input: $input) {
      __typename ... on TransitionRefused { reason message guardMessage } } }"""
    from auditportal.api.relay import to_global_id

    variables = {"input": {"instanceId": to_global_id("WorkflowInstance", started[0].id),
                           "event": "approve"}}  # fmt: skip
    # This customer has no credit limit yet: the comparison is undecided, in both languages.
    en = (await auditor.data(query, variables))["fireTransition"]
    assert (en["reason"], en["message"]) == (
        "guard",
        "The conditions cannot be decided: customer.creditLimit is empty or not answered.",
    )
    zh = (await auditor.data(query, variables, language="zh-CN"))["fireTransition"]
    assert zh["message"] == "条件无法判断：customer.creditLimit 尚未填写或为空。"
    listed = await admin.data(
        "{ workflowDefinitions { key warnings { pointer code message } } }", language="zh-CN"
    )
    (mine,) = [d for d in listed["workflowDefinitions"] if d["key"] == "contract-approval"]
    assert [w["code"] for w in mine["warnings"]] == ["rule.may_be_empty"] * 2
    assert "可能为空" in mine["warnings"][0]["message"]


async def test_guards_read_only_the_parts_their_rules_name(api: Api) -> None:
    """A definition whose guards never read the customer or the actor costs no queries
    for them: the extra parts must not turn availableTransitions into an N+1 per case."""
    from tests.test_submissions import count_queries

    auditor = await api.user("auditor")
    customer = await api.customer("C-RULES-3")
    form = await forms.create_draft(SYSTEM, contract_form(), settings=SETTINGS)
    version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    plain = contract_flow()
    plain["transitions"][0]["guard"] = {">=": [{"var": ["answers.amount", 0]}, 0]}
    flow = await definitions.save_draft(SYSTEM, plain, settings=SETTINGS)
    await definitions.publish(SYSTEM, flow.id)
    _, (case,) = await submit(
        _principal(auditor),
        answers={"contractNo": "HT-Q", "amount": 1},
        language="en",
        version_id=version.id,
        customer_id=customer.id,
        settings=SETTINGS,
    )
    with count_queries() as statements:
        fired = await instances.fire_transition(
            _principal(auditor), case.id, "approve", settings=SETTINGS
        )
    assert fired.instance.state == "approved"
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # The log is captured (the step is written; its sequence needs no read of the history).
    assert any(
        s.lstrip().upper().startswith("INSERT") and "workflow_history" in s for s in statements
    )
    assert not [s for s in reads if "customer_tags" in s or '"team"' in s], reads
