"""The built-in workflows in workflows/*.json: valid, bilingual, and walked end to end.

Each definition is checked like an administrator's upload, then walked through the pure
engine with realistic actors and contexts (answers, score and findings computed from the
real example answers in forms/examples/ by the real scoring rules). The walks record
every (state, event) pair, transition and state they use, and a last test compares that
with the definitions, so a transition added without a walk fails.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from auditportal.auth.principal import Role
from auditportal.forms.scoring import evaluate, plan_for
from auditportal.workflows.definition import check_workflow_definition
from auditportal.workflows.engine import Actor, Move, Refusal, fire
from tests.conftest import REPO_ROOT

META = REPO_ROOT / "schema" / "workflow-definition.schema.json"
SCHEMA_ID = "https://auditportal.dev/schema/workflow-definition.schema.json"
WORKFLOW_FILES = sorted((REPO_ROOT / "workflows").glob("*.json"))
WORKFLOWS: dict[str, dict[str, Any]] = {
    p.stem: json.loads(p.read_text(encoding="utf-8")) for p in WORKFLOW_FILES
}
FORMS: dict[str, dict[str, Any]] = {
    d["key"]: d
    for d in (
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((REPO_ROOT / "forms").glob("*.json"))
    )
}
EXAMPLES: dict[str, dict[str, Any]] = {
    p.stem: json.loads(p.read_text(encoding="utf-8"))
    for p in sorted((REPO_ROOT / "forms" / "examples").glob("*.json"))
}
EXPECTED_KEYS = {
    "inspection",
    "corrective-action",
    "complaint-handling",
    "training-record",
    "survey-follow-up",
}
CJK = re.compile(r"[\u4e00-\u9fff]")

# Actors, with their relations to the instance as the caller would work them out.
ACCOUNT_AUDITOR = Actor(role=Role.AUDITOR, is_account_auditor=True, is_assignee=True)
OTHER_AUDITOR = Actor(role=Role.AUDITOR)
MANAGER = Actor(role=Role.MANAGER)
REVIEWER = Actor(role=Role.MANAGER, is_assignee=True)  # the manager the instance is assigned to
CUSTOMER = Actor(role=Role.CUSTOMER)
CUSTOMER_SUBMITTER = Actor(role=Role.CUSTOMER, is_submitter=True)
AUDITOR_SUBMITTER = Actor(role=Role.AUDITOR, is_submitter=True)
SYSTEM = Actor(role=None, is_system=True)


def context_for(form_key: str, answers: dict[str, Any]) -> dict[str, Any]:
    """What guards read for a submission, scored and with findings, as the server builds it."""
    evaluation = evaluate(plan_for(FORMS[form_key]), answers)
    return {
        "answers": answers,
        "score": {
            "percent": evaluation.percent,
            "raw": evaluation.raw,
            "max": evaluation.max,
            "passed": evaluation.passed,
        },
        "findings": {"count": len(evaluation.findings), "items": evaluation.findings},
        "instance": {},
    }


def example(form_key: str, **changes: Any) -> dict[str, Any]:
    """A deep copy of the form's example answers, with dotted-path changes (None deletes)."""
    answers = copy.deepcopy(EXAMPLES[form_key])
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        node = answers
        for part in parents:
            node = node[part]
        if value is None:
            node.pop(leaf, None)
        else:
            node[leaf] = value
    return answers


@dataclass
class Coverage:
    pairs: set[tuple[str, str]] = field(default_factory=set)
    transitions: set[int] = field(default_factory=set)
    states: set[str] = field(default_factory=set)


Exercised = dict[str, Coverage]


class Walk:
    """One instance walked through the engine; keeps instance data as the server does."""

    def __init__(
        self,
        key: str,
        context: dict[str, Any],
        seen: Exercised,
        *,
        data: dict[str, Any] | None = None,
    ) -> None:
        self.definition = WORKFLOWS[key]
        self.state = next(n for n, s in self.definition["states"].items() if s.get("initial"))
        self.context = context
        self.data = dict(data or {})
        self.coverage = seen.setdefault(key, Coverage())
        self.coverage.states.add(self.state)

    def _fire(self, event: str, actor: Actor, **kwargs: Any) -> Move | Refusal:
        guard_context = {**self.context, "instance": {**self.data, "state": self.state}}
        return fire(self.definition, self.state, event, actor, context=guard_context, **kwargs)

    def go(self, event: str, actor: Actor, to: str, **kwargs: Any) -> Move:
        result = self._fire(event, actor, **kwargs)
        assert isinstance(result, Move), (self.state, event, result)
        assert result.to_state == to
        self.coverage.pairs.add((self.state, event))
        self.coverage.transitions.add(result.transition_index)
        self.coverage.states.add(to)
        if kwargs.get("input_"):
            self.data[event] = kwargs["input_"]  # as instances._apply stores it
        self.state = to
        return result

    def refused(self, event: str, actor: Actor, reason: str, **kwargs: Any) -> Refusal:
        result = self._fire(event, actor, **kwargs)
        assert isinstance(result, Refusal), (self.state, event, result)
        assert result.reason == reason, result
        return result


def issue_set(refusal: Refusal) -> set[tuple[str, str]]:
    return {(issue.pointer, issue.code) for issue in refusal.issues}


def action_types(move: Move) -> list[str]:
    return [action["type"] for action in move.on_enter]


# --- the files ----------------------------------------------------------------------------


def test_the_five_builtin_workflows_are_there_named_by_their_keys() -> None:
    assert set(WORKFLOWS) == EXPECTED_KEYS
    for path in WORKFLOW_FILES:
        definition = WORKFLOWS[path.stem]
        assert definition["key"] == path.stem
        assert definition["$schema"] == SCHEMA_ID


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_each_definition_passes_the_checker_with_the_real_forms_and_workflows(key: str) -> None:
    check_workflow_definition(WORKFLOWS[key], META, known_forms=FORMS, known_workflows=WORKFLOWS)


def test_triggers_name_real_forms_and_categories() -> None:
    assert WORKFLOWS["inspection"]["startsFor"] == {"formCategories": ["inspection_checklist"]}
    assert FORMS["customer-compliance-inspection"]["category"] == "inspection_checklist"
    for key, form in [
        ("complaint-handling", "complaint-intake"),
        ("training-record", "customer-training-record"),
        ("survey-follow-up", "customer-satisfaction-survey"),
    ]:
        assert WORKFLOWS[key]["startsFor"] == {"formKeys": [form]}
    assert WORKFLOWS["corrective-action"]["subject"] == "finding"
    assert "startsFor" not in WORKFLOWS["corrective-action"]  # started by inspections only


def _texts(definition: dict[str, Any]) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [("title", definition["title"])]
    for name, state in definition["states"].items():
        found.append((f"states/{name}/title", state.get("title")))
        for index, action in enumerate(state.get("onEnter", [])):
            if action["type"] == "notify":
                found.append((f"states/{name}/onEnter/{index}/message", action["message"]))
    for index, transition in enumerate(definition["transitions"]):
        found.append((f"transitions/{index}/title", transition.get("title")))
        if "guard" in transition:
            found.append((f"transitions/{index}/guardMessage", transition.get("guardMessage")))
    return found


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_every_title_message_and_guard_explanation_is_bilingual(key: str) -> None:
    for where, text in _texts(WORKFLOWS[key]):
        assert isinstance(text, dict), f"{key}: {where} is missing"
        assert CJK.search(text["zh-CN"]), f"{key}: {where} has no Chinese"
        assert text["en"].strip() and not CJK.search(text["en"]), f"{key}: {where} English"


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_escalations_are_system_only_and_children_are_about_findings(key: str) -> None:
    definition = WORKFLOWS[key]
    escalations = {s["sla"]["escalate"] for s in definition["states"].values() if "sla" in s}
    for transition in definition["transitions"]:
        if transition["event"] in escalations:
            assert transition["roles"] == [], transition["event"]
    for state in definition["states"].values():
        for action in state.get("onEnter", []):
            if action["type"] == "startChild" and action["forEach"] == "finding":
                assert WORKFLOWS[action["workflow"]]["subject"] == "finding"


# --- inspection ----------------------------------------------------------------------------

INSPECTION_FORM = "customer-compliance-inspection"
CLOSE_INPUT = {"reportDeliveredOn": "2025-04-25", "customerAcknowledgedBy": "张伟"}


def _with_serious_findings(**changes: Any) -> dict[str, Any]:
    """The example checklist, but sanctions screening skipped and a contract expired."""
    return context_for(
        INSPECTION_FORM,
        example(
            INSPECTION_FORM,
            antiMoneyLaundering__sanctionsScreened="no",
            contracts__contractsValid="no",
            **changes,
        ),
    )


def walk_inspection(seen: Exercised) -> None:
    clean = context_for(INSPECTION_FORM, EXAMPLES[INSPECTION_FORM])
    assert clean["findings"]["count"] == 0 and clean["score"]["percent"] >= 80

    # A clean inspection: fieldwork, submit, fast-track approval, report delivered.
    walk = Walk("inspection", clean, seen)
    walk.refused("start_fieldwork", CUSTOMER, "role")
    walk.go("start_fieldwork", ACCOUNT_AUDITOR, "in_progress")
    walk.refused("submit", OTHER_AUDITOR, "role")  # not this customer's auditor
    submitted = walk.go("submit", ACCOUNT_AUDITOR, "submitted")
    assert submitted.sla == {"due": {"workingDays": 2}, "escalate": "reassign_reviewer"}
    assert submitted.on_enter[0] == {"type": "assign", "to": {"roundRobin": "manager"}}
    walk.refused("approve", OTHER_AUDITOR, "role")
    approved = walk.go("approve", REVIEWER, "approved")
    assert {"type": "renderReport", "template": "inspection_report"} in approved.on_enter
    assert {
        "type": "startChild",
        "workflow": "corrective-action",
        "forEach": "finding",
    } in approved.on_enter
    missing = walk.refused("close", ACCOUNT_AUDITOR, "input_invalid", input_={})
    assert issue_set(missing) == {
        ("/input/reportDeliveredOn", "schema.required"),
        ("/input/customerAcknowledgedBy", "schema.required"),
    }
    bad_date = walk.refused(
        "close",
        ACCOUNT_AUDITOR,
        "input_invalid",
        input_={**CLOSE_INPUT, "reportDeliveredOn": "4月25日"},
    )
    assert [i.pointer for i in bad_date.issues] == ["/input/reportDeliveredOn"]
    closed = walk.go("close", ACCOUNT_AUDITOR, "closed", input_=CLOSE_INPUT)
    assert closed.is_final
    walk.refused("cancel", MANAGER, "final_state", comment="太晚了")

    # Serious findings: overdue fieldwork, review with returns, escalations, then approval.
    serious = _with_serious_findings(rectificationDeadline=None, customerAcknowledgedBy=None)
    severities = sorted(f["severity"] for f in serious["findings"]["items"])
    assert severities == ["critical", "high"]
    walk = Walk("inspection", serious, seen)
    walk.go("start_fieldwork", ACCOUNT_AUDITOR, "in_progress")
    walk.refused("fieldwork_overdue", MANAGER, "role")  # only the SLA sweep fires it
    overdue = walk.go("fieldwork_overdue", SYSTEM, "overdue")
    assert overdue.on_enter[0]["to"] == {"role": "manager"}
    walk.refused("extend_deadline", ACCOUNT_AUDITOR, "role", comment="请再给三天")
    walk.refused("extend_deadline", MANAGER, "comment_required", comment="  ")
    back = walk.go(
        "extend_deadline", MANAGER, "in_progress", comment="客户财务负责人出差，延至下周"
    )
    assert back.sla == {"due": {"workingDays": 10}, "escalate": "fieldwork_overdue"}
    walk.go("submit", ACCOUNT_AUDITOR, "submitted")
    fast = walk.refused("approve", REVIEWER, "guard")
    assert fast.guard_message is not None and "80" in fast.guard_message["zh-CN"]
    walk.go("reassign_reviewer", SYSTEM, "submitted")  # not picked up: next manager in turn
    walk.refused("start_review", OTHER_AUDITOR, "role")
    review = walk.go("start_review", REVIEWER, "under_review")
    assert review.sla == {"due": {"workingDays": 5}, "escalate": "review_overdue"}
    refused = walk.refused("approve", REVIEWER, "guard")
    assert refused.guard_message is not None
    assert "整改期限" in refused.guard_message["zh-CN"]
    assert "rectification deadline" in refused.guard_message["en"]
    walk.refused("return_for_correction", REVIEWER, "comment_required")
    walk.go(
        "return_for_correction",
        REVIEWER,
        "returned_for_correction",
        comment="反洗钱制裁名单筛查未执行，请补充整改期限及客户确认人",
    )
    walk.go("correction_overdue", SYSTEM, "overdue")
    walk.go("submit", ACCOUNT_AUDITOR, "submitted")
    walk.go("start_review", REVIEWER, "under_review")
    escalated = walk.go("review_overdue", SYSTEM, "review_escalated")
    assert escalated.on_enter[0] == {"type": "assign", "to": {"role": "manager"}}
    walk.go("return_for_correction", MANAGER, "returned_for_correction", comment="同上")
    walk.go("start_correction", ACCOUNT_AUDITOR, "in_progress")
    walk.go("submit", ACCOUNT_AUDITOR, "submitted")
    walk.go("start_review", MANAGER, "under_review")
    walk.context = _with_serious_findings()  # deadline and customer acknowledgement given
    walk.go("approve", REVIEWER, "approved")
    walk.go("close", MANAGER, "closed", input_=CLOSE_INPUT)

    # An escalated review can be approved by any manager.
    walk = Walk("inspection", _with_serious_findings(), seen)
    walk.go("start_fieldwork", ACCOUNT_AUDITOR, "in_progress")
    walk.go("submit", ACCOUNT_AUDITOR, "submitted")
    walk.go("start_review", REVIEWER, "under_review")
    walk.go("review_overdue", SYSTEM, "review_escalated")
    walk.go("approve", MANAGER, "approved")

    # A plan-started inspection without a completed checklist cannot be submitted.
    walk = Walk("inspection", {**clean, "answers": {}}, seen)
    walk.go("start_fieldwork", ACCOUNT_AUDITOR, "in_progress")
    empty = walk.refused("submit", ACCOUNT_AUDITOR, "guard")
    assert empty.guard_message is not None and "检查表" in empty.guard_message["zh-CN"]

    # Cancelled by a manager, with a reason, before the review.
    for prefix in ([], ["start_fieldwork"], ["start_fieldwork", "fieldwork_overdue"]):
        walk = Walk("inspection", clean, seen)
        for event in prefix:
            walk.go(
                event, SYSTEM if event.endswith("overdue") else ACCOUNT_AUDITOR, _to(walk, event)
            )
        walk.refused("cancel", ACCOUNT_AUDITOR, "role", comment="客户停业")
        walk.refused("cancel", MANAGER, "comment_required")
        walk.go("cancel", MANAGER, "cancelled", comment="客户已停业，取消本次检查")


def _to(walk: Walk, event: str) -> str:
    """The target of the only transition for this event from the walk's state."""
    (target,) = {
        str(t["to"])
        for t in walk.definition["transitions"]
        if t["event"] == event and walk.state in t["from"]
    }
    return target


def test_inspection_walks() -> None:
    walk_inspection({})


# --- corrective action --------------------------------------------------------------------

PLAN = {
    "rootCause": "客户未将制裁名单筛查纳入新客户准入流程",
    "actionPlan": "将制裁名单筛查嵌入准入审批，并对存量客户补做一次筛查",
    "owner": "张伟",
    "dueDate": "2025-05-31",
    "customerAgreedBy": "张伟",
}
EVIDENCE = {
    "summary": "已完成存量客户补筛查并更新准入流程",
    "completedOn": "2025-05-28",
    "evidenceRefs": ["att-9a01", "ZD-2025-044"],
}
FURTHER = {"actionPlan": "补充筛查遗漏的三家关联公司", "dueDate": "2025-06-15"}


def _finding_walk(seen: Exercised, severity: str) -> Walk:
    """A corrective action started by the approved inspection for one of its findings."""
    context = _with_serious_findings(antiMoneyLaundering__recordsRetained="no")
    (finding,) = [f for f in context["findings"]["items"] if f["severity"] == severity]
    return Walk("corrective-action", context, seen, data={"finding": finding})


def walk_corrective_action(seen: Exercised) -> None:
    # A high finding: plan agreed with the customer, evidence, verified by another auditor.
    walk = _finding_walk(seen, "high")
    walk.refused("agree_plan", CUSTOMER, "role", input_=PLAN)
    invalid = walk.refused(
        "agree_plan",
        ACCOUNT_AUDITOR,
        "input_invalid",
        input_={"rootCause": "未筛查", "actionPlan": PLAN["actionPlan"], "dueDate": "月底前"},
    )
    assert issue_set(invalid) == {
        ("/input/rootCause", "schema.minLength"),
        ("/input/dueDate", "schema.format"),
        ("/input/owner", "schema.required"),
        ("/input/customerAgreedBy", "schema.required"),
    }
    planned = walk.go("agree_plan", ACCOUNT_AUDITOR, "in_progress", input_=PLAN)
    assert planned.sla == {"due": {"workingDays": 20}, "escalate": "action_overdue"}
    walk.refused(
        "submit_evidence", CUSTOMER, "input_invalid", input_={**EVIDENCE, "evidenceRefs": []}
    )
    walk.go("submit_evidence", CUSTOMER, "awaiting_verification", input_=EVIDENCE)
    walk.refused("verify", CUSTOMER, "role", comment="已整改")
    walk.refused("verify", OTHER_AUDITOR, "comment_required")
    walk.go("verify", OTHER_AUDITOR, "closed", comment="抽查 10 户存量客户，均已留存筛查记录")

    # A critical finding: no risk acceptance, overdue, rejected twice, verified by a manager.
    walk = _finding_walk(seen, "critical")
    assert walk.data["finding"]["path"] == ["antiMoneyLaundering", "sanctionsScreened"]
    no_waiver = walk.refused("accept_risk", MANAGER, "guard", comment="风险可控")
    assert no_waiver.guard_message is not None and "重大问题" in no_waiver.guard_message["zh-CN"]
    walk.go("agree_plan", ACCOUNT_AUDITOR, "in_progress", input_=PLAN)
    walk.refused("action_overdue", ACCOUNT_AUDITOR, "role")
    walk.go("action_overdue", SYSTEM, "overdue")
    walk.refused("extend", MANAGER, "comment_required", input_={"newDueDate": "2025-06-30"})
    walk.refused("extend", MANAGER, "input_invalid", comment="客户申请延期", input_={})
    walk.go(
        "extend",
        MANAGER,
        "in_progress",
        comment="客户申请延期",
        input_={"newDueDate": "2025-06-30"},
    )
    walk.go("action_overdue", SYSTEM, "overdue")
    walk.go("submit_evidence", ACCOUNT_AUDITOR, "awaiting_verification", input_=EVIDENCE)
    walk.go("reject", OTHER_AUDITOR, "reopened", comment="关联公司未纳入筛查范围")
    walk.refused("resume", ACCOUNT_AUDITOR, "input_invalid", input_={"actionPlan": "补筛"})
    walk.go("resume", ACCOUNT_AUDITOR, "in_progress", input_=FURTHER)
    walk.go("submit_evidence", CUSTOMER, "awaiting_verification", input_=EVIDENCE)
    by_auditor = walk.refused("verify", ACCOUNT_AUDITOR, "guard", comment="已整改")
    assert by_auditor.guard_message == {
        "zh-CN": "重大问题的整改须由经理验证。",
        "en": "A critical finding's corrective action must be verified by a manager.",
    }
    escalated = walk.go("verification_overdue", SYSTEM, "verification_escalated")
    assert escalated.on_enter[0] == {"type": "assign", "to": {"roundRobin": "manager"}}
    walk.go("reject", REVIEWER, "reopened", comment="证据不完整")
    walk.go("resume", ACCOUNT_AUDITOR, "in_progress", input_=FURTHER)
    walk.go("submit_evidence", CUSTOMER, "awaiting_verification", input_=EVIDENCE)
    by_manager = walk.go("verify", MANAGER, "closed", comment="现场复核筛查系统，已生效")
    assert WORKFLOWS["corrective-action"]["transitions"][by_manager.transition_index]["roles"] == [
        "manager"
    ]

    # A medium finding: verification overdue, verified by the manager it was passed to.
    walk = _finding_walk(seen, "medium")
    walk.go("agree_plan", ACCOUNT_AUDITOR, "in_progress", input_=PLAN)
    walk.go("submit_evidence", ACCOUNT_AUDITOR, "awaiting_verification", input_=EVIDENCE)
    walk.go("verification_overdue", SYSTEM, "verification_escalated")
    walk.go("verify", REVIEWER, "closed", comment="档案已补齐")

    # A manager may accept the risk of a non-critical finding, in writing, until verified.
    routes: list[list[tuple[str, Actor, dict[str, Any]]]] = [
        [],
        [("agree_plan", ACCOUNT_AUDITOR, {"input_": PLAN})],
        [("agree_plan", ACCOUNT_AUDITOR, {"input_": PLAN}), ("action_overdue", SYSTEM, {})],
        [
            ("agree_plan", ACCOUNT_AUDITOR, {"input_": PLAN}),
            ("submit_evidence", CUSTOMER, {"input_": EVIDENCE}),
            ("reject", OTHER_AUDITOR, {"comment": "效果不明显"}),
        ],
    ]
    for route in routes:
        walk = _finding_walk(seen, "medium")
        for event, actor, kwargs in route:
            walk.go(event, actor, _to(walk, event), **kwargs)
        walk.refused("accept_risk", OTHER_AUDITOR, "role", comment="影响轻微")
        walk.refused("accept_risk", MANAGER, "comment_required")
        walk.go(
            "accept_risk", MANAGER, "risk_accepted", comment="档案保存期限差异影响轻微，接受风险"
        )


def test_corrective_action_walks() -> None:
    walk_corrective_action({})


# --- complaint handling ---------------------------------------------------------------------

COMPLAINT_FORM = "complaint-intake"
RESOLUTION = {
    "rootCause": "计费系统月结任务重跑导致技术服务费重复计收",
    "resolution": "已退还重复收取的 3200 元并出具更正账单",
    "compensationAmount": 3200,
}


def walk_complaint_handling(seen: Exercised) -> None:
    definition = WORKFLOWS["complaint-handling"]
    assert definition["states"]["received"]["sla"] == {
        "due": {"workingDays": 1},
        "escalate": "escalate",
    }
    medium = context_for(COMPLAINT_FORM, EXAMPLES[COMPLAINT_FORM])
    assert medium["answers"]["details"]["severity"] == "medium"

    # The example complaint: acknowledged, investigated, resolved, reopened, confirmed.
    walk = Walk("complaint-handling", medium, seen)
    walk.refused("acknowledge", CUSTOMER_SUBMITTER, "role", input_={"contactChannel": "phone"})
    wrong = walk.refused(
        "acknowledge", ACCOUNT_AUDITOR, "input_invalid", input_={"contactChannel": "fax"}
    )
    assert issue_set(wrong) == {("/input/contactChannel", "schema.enum")}
    walk.refused("start_investigation", ACCOUNT_AUDITOR, "not_from_here")
    acknowledged = walk.go(
        "acknowledge", ACCOUNT_AUDITOR, "acknowledged", input_={"contactChannel": "phone"}
    )
    assert acknowledged.on_enter[0]["to"] == {"submitter": True}  # the customer is told
    investigating = walk.go("start_investigation", ACCOUNT_AUDITOR, "investigating")
    assert investigating.sla == {"due": {"workingDays": 3}, "escalate": "escalate"}
    short = walk.refused(
        "resolve", ACCOUNT_AUDITOR, "input_invalid", input_={"rootCause": "系统问题"}
    )
    assert issue_set(short) == {
        ("/input/rootCause", "schema.minLength"),
        ("/input/resolution", "schema.required"),
    }
    resolved = walk.go("resolve", ACCOUNT_AUDITOR, "resolved", input_=RESOLUTION)
    assert resolved.on_enter[0]["type"] == "notify"
    assert resolved.on_enter[0]["to"] == {"submitter": True}
    assert resolved.sla == {"due": {"workingDays": 5}, "escalate": "auto_close"}
    walk.refused("reopen", CUSTOMER, "role", comment="不是本人投诉")
    walk.refused("reopen", CUSTOMER_SUBMITTER, "comment_required")
    walk.go("reopen", CUSTOMER_SUBMITTER, "investigating", comment="更正账单仍未收到")
    walk.go("resolve", ACCOUNT_AUDITOR, "resolved", input_=RESOLUTION)
    walk.refused("confirm", CUSTOMER_SUBMITTER, "input_invalid", input_={})
    walk.go("confirm", CUSTOMER_SUBMITTER, "closed", input_={"confirmedVia": "portal"})

    # A critical complaint: escalated twice, and only a manager may resolve it.
    critical = context_for(COMPLAINT_FORM, example(COMPLAINT_FORM, details__severity="critical"))
    assert [f["severity"] for f in critical["findings"]["items"]] == ["critical"]
    walk = Walk("complaint-handling", critical, seen)
    walk.refused("escalate", MANAGER, "role")
    walk.go("escalate", SYSTEM, "escalated")
    first = walk.refused("start_investigation", MANAGER, "guard")
    assert first.guard_message is not None and "确认受理" in first.guard_message["zh-CN"]
    early = walk.refused("resolve", MANAGER, "guard", input_=RESOLUTION)
    assert early.guard_message is not None and "Acknowledge" in early.guard_message["en"]
    walk.go("acknowledge", MANAGER, "acknowledged", input_={"contactChannel": "email"})
    walk.go("escalate", SYSTEM, "escalated")
    again = walk.refused("acknowledge", MANAGER, "guard", input_={"contactChannel": "email"})
    assert again.guard_message is not None and "already acknowledged" in again.guard_message["en"]
    walk.go("start_investigation", MANAGER, "investigating")
    by_auditor = walk.refused("resolve", ACCOUNT_AUDITOR, "role", input_=RESOLUTION)
    assert by_auditor.guard_message == {
        "zh-CN": "重大投诉须由经理确认处理结果。",
        "en": "A critical complaint must be resolved by a manager.",
    }
    walk.go("escalate", SYSTEM, "escalated")
    walk.go("resolve", REVIEWER, "resolved", input_=RESOLUTION)
    walk.refused("auto_close", CUSTOMER_SUBMITTER, "role")
    walk.go("auto_close", SYSTEM, "closed")

    # A manager resolves a critical complaint straight from the investigation.
    walk = Walk("complaint-handling", critical, seen)
    walk.go("acknowledge", ACCOUNT_AUDITOR, "acknowledged", input_={"contactChannel": "phone"})
    walk.go("start_investigation", ACCOUNT_AUDITOR, "investigating")
    walk.go("resolve", MANAGER, "resolved", input_=RESOLUTION)
    # A phone complaint logged by staff: the account auditor records the customer's answer.
    walk.go("confirm", ACCOUNT_AUDITOR, "closed", input_={"confirmedVia": "phone"})

    # The complainant may withdraw at any point before resolution, with a reason.
    routes: list[list[tuple[str, Actor, dict[str, Any]]]] = [
        [],
        [("acknowledge", ACCOUNT_AUDITOR, {"input_": {"contactChannel": "wechat"}})],
        [
            ("acknowledge", ACCOUNT_AUDITOR, {"input_": {"contactChannel": "wechat"}}),
            ("start_investigation", ACCOUNT_AUDITOR, {}),
        ],
        [("escalate", SYSTEM, {})],
    ]
    for route in routes:
        walk = Walk("complaint-handling", medium, seen)
        for event, actor, kwargs in route:
            walk.go(event, actor, _to(walk, event), **kwargs)
        walk.refused("withdraw", ACCOUNT_AUDITOR, "role", comment="客户来电撤回")
        walk.refused("withdraw", CUSTOMER_SUBMITTER, "comment_required")
        walk.go("withdraw", CUSTOMER_SUBMITTER, "withdrawn", comment="已与客户经理协商解决")


def test_complaint_handling_walks() -> None:
    walk_complaint_handling({})


# --- training record --------------------------------------------------------------------------

TRAINING_FORM = "customer-training-record"


def walk_training_record(seen: Exercised) -> None:
    passed = context_for(TRAINING_FORM, EXAMPLES[TRAINING_FORM])
    assert passed["findings"]["count"] == 0

    walk = Walk("training-record", passed, seen)
    walk.refused("verify", CUSTOMER, "role")
    walk.go("verify", ACCOUNT_AUDITOR, "verified")
    walk.refused("record", CUSTOMER_SUBMITTER, "role")
    walk.refused("record", ACCOUNT_AUDITOR, "input_invalid", input_={"archiveRef": ""})
    walk.go("record", ACCOUNT_AUDITOR, "recorded", input_={"archiveRef": "PXDA-2025-0318"})

    # A failed assessment without follow-up: refused, returned, resubmitted by the submitter.
    failed = context_for(
        TRAINING_FORM,
        example(
            TRAINING_FORM,
            assessmentScore=52,
            followUpNeeded=False,
            followUpActions=None,
            followUpDueDate=None,
        ),
    )
    assert [f["severity"] for f in failed["findings"]["items"]] == ["medium"]
    walk = Walk("training-record", failed, seen)
    refused = walk.refused("verify", ACCOUNT_AUDITOR, "guard")
    assert refused.guard_message is not None and "补训" in refused.guard_message["zh-CN"]
    walk.refused("return", ACCOUNT_AUDITOR, "comment_required", comment="")
    walk.go("return", ACCOUNT_AUDITOR, "returned", comment="考核不及格，请补充补训安排")
    walk.refused("resubmit", ACCOUNT_AUDITOR, "role", input_={"correctionNote": "已补充"})
    missing = walk.refused("resubmit", AUDITOR_SUBMITTER, "input_invalid", input_={})
    assert issue_set(missing) == {("/input/correctionNote", "schema.required")}
    walk.go("resubmit", AUDITOR_SUBMITTER, "submitted", input_={"correctionNote": "已安排4月补训"})
    walk.go("escalate", SYSTEM, "escalated")
    walk.go("return", REVIEWER, "returned", comment="补训日期未填写")

    # Not verified within three working days: a manager verifies it.
    walk = Walk("training-record", passed, seen)
    walk.refused("escalate", ACCOUNT_AUDITOR, "role")
    walk.go("escalate", SYSTEM, "escalated")
    walk.go("verify", REVIEWER, "verified")
    walk.go("record", MANAGER, "recorded")


def test_training_record_walks() -> None:
    walk_training_record({})


# --- survey follow-up --------------------------------------------------------------------------

SURVEY_FORM = "customer-satisfaction-survey"
CONTACT = {"contactedOn": "2025-06-12", "channel": "phone", "summary": "客户反映资料清单提供过晚"}
ACTIONS = {"actionsTaken": "稽核前十个工作日发送资料清单，已纳入检查计划模板"}


def _survey(**changes: Any) -> dict[str, Any]:
    return context_for(SURVEY_FORM, example(SURVEY_FORM, **changes))


@pytest.mark.parametrize(
    ("changes", "to"),
    [
        ({}, "no_follow_up"),  # the example: a passive (8), satisfied overall
        ({"nps": 10}, "no_follow_up"),
        ({"nps": 7}, "no_follow_up"),
        ({"nps": 6}, "follow_up"),
        ({"nps": 0}, "follow_up"),
        ({"nps": 9, "satisfaction__overall": 2}, "follow_up"),
    ],
)
def test_survey_triage_is_automatic_and_exhaustive(changes: dict[str, Any], to: str) -> None:
    walk = Walk("survey-follow-up", _survey(**changes), {})
    walk.refused("triage", ACCOUNT_AUDITOR, "role")
    walk.go("triage", SYSTEM, to)


def walk_survey_follow_up(seen: Exercised) -> None:
    received = WORKFLOWS["survey-follow-up"]["states"]["received"]
    assert received["sla"]["escalate"] == "triage"

    walk = Walk("survey-follow-up", _survey(), seen)
    walk.go("triage", SYSTEM, "no_follow_up")

    # A detractor who agreed to be contacted.
    walk = Walk("survey-follow-up", _survey(nps=3), seen)
    follow_up = walk.go("triage", SYSTEM, "follow_up")
    assert follow_up.on_enter[0] == {"type": "assign", "to": {"accountAuditor": True}}
    assert follow_up.sla == {"due": {"workingDays": 2}, "escalate": "escalate"}
    declined = walk.refused("close_without_contact", ACCOUNT_AUDITOR, "guard", comment="联系不上")
    assert declined.guard_message is not None and "回访" in declined.guard_message["zh-CN"]
    bad = walk.refused(
        "record_contact",
        ACCOUNT_AUDITOR,
        "input_invalid",
        input_={**CONTACT, "channel": "fax", "summary": "不满"},
    )
    assert issue_set(bad) == {
        ("/input/channel", "schema.enum"),
        ("/input/summary", "schema.minLength"),
    }
    walk.refused("record_contact", CUSTOMER_SUBMITTER, "role", input_=CONTACT)
    walk.go("record_contact", ACCOUNT_AUDITOR, "contacted", input_=CONTACT)
    walk.go("resolve", ACCOUNT_AUDITOR, "resolved", input_=ACTIONS)
    walk.refused("reopen", ACCOUNT_AUDITOR, "comment_required")
    walk.go("reopen", ACCOUNT_AUDITOR, "contacted", comment="客户表示清单仍不完整")
    walk.go("resolve", ACCOUNT_AUDITOR, "resolved", input_=ACTIONS)
    walk.go("close", ACCOUNT_AUDITOR, "closed")

    # A detractor who did not agree to be contacted.
    walk = Walk("survey-follow-up", _survey(nps=2, followUpConsent=False), seen)
    walk.go("triage", SYSTEM, "follow_up")
    walk.refused("close_without_contact", ACCOUNT_AUDITOR, "comment_required")
    walk.go(
        "close_without_contact",
        ACCOUNT_AUDITOR,
        "closed",
        comment="客户不同意回访，意见已转改进小组",
    )

    # Nobody called in time; a manager takes over; later nobody closed it in time.
    walk = Walk("survey-follow-up", _survey(nps=5), seen)
    walk.go("triage", SYSTEM, "follow_up")
    walk.go("escalate", SYSTEM, "escalated")
    first = walk.refused("resolve", REVIEWER, "guard", input_=ACTIONS)
    assert first.guard_message is not None and "contact" in first.guard_message["en"]
    walk.go("record_contact", REVIEWER, "contacted", input_=CONTACT)
    walk.go("escalate", SYSTEM, "escalated")
    walk.go("resolve", REVIEWER, "resolved", input_=ACTIONS)
    walk.go("auto_close", SYSTEM, "closed")


def test_survey_follow_up_walks() -> None:
    walk_survey_follow_up({})


# --- coverage ------------------------------------------------------------------------------------

WALKS: dict[str, Callable[[Exercised], None]] = {
    "inspection": walk_inspection,
    "corrective-action": walk_corrective_action,
    "complaint-handling": walk_complaint_handling,
    "training-record": walk_training_record,
    "survey-follow-up": walk_survey_follow_up,
}


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_the_walks_reach_every_state_and_fire_every_transition(key: str) -> None:
    definition = WORKFLOWS[key]
    seen: Exercised = {}
    WALKS[key](seen)
    coverage = seen[key]
    defined_pairs = {(s, t["event"]) for t in definition["transitions"] for s in t["from"]}
    assert coverage.pairs == defined_pairs
    assert coverage.transitions == set(range(len(definition["transitions"])))
    assert coverage.states == set(definition["states"])
