"""Effects belong to steps, set up from definitions only and walked.

Practice 19 (客户信用管理): the built-in credit assessment form with an approval workflow
whose approve step writes the register: the grade and limit are set on approval, and a
rejected assessment changes nothing. Without such a workflow the form keeps writing the
register on submit. Practice 7 (持续改进): the action items of a lessons-learned review
become tasks owned by the people and due on the dates the answers name.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from auditportal.auth.principal import Principal, system_principal
from auditportal.customers.models import Customer, CustomerTier
from auditportal.customers.register_models import CreditRecord
from auditportal.forms import service as forms
from auditportal.forms.loader import load_form_file
from auditportal.submissions.intake import submit
from auditportal.workflows import definitions, instances
from auditportal.workflows.instances import WorkflowRefused
from auditportal.workflows.models import WorkflowInstance
from tests.conftest import REPO_ROOT, SETTINGS, Api
from tests.factories import t

SYSTEM = system_principal("tests")
CREDIT_FORM = REPO_ROOT / "forms" / "customer-credit-assessment.json"
EXAMPLE = json.loads(
    (REPO_ROOT / "forms" / "examples" / "customer-credit-assessment.json").read_text("utf-8")
)


def credit_approval() -> dict[str, Any]:
    return {
        "key": "credit-approval",
        "title": t("Credit approval", "信用评估审批"),
        "subject": "submission",
        "startsFor": {"formKeys": ["customer-credit-assessment"]},
        "states": {
            "proposed": {"title": t("Proposed", "待审批"), "initial": True},
            "approved": {"title": t("Approved", "已批准"), "final": True},
            "rejected": {"title": t("Rejected", "已驳回"), "final": True},
        },
        "transitions": [
            {
                "event": "approve",
                "from": ["proposed"],
                "to": "approved",
                "roles": ["manager"],
                "excludes": {"submitter": True},
                "actions": [{"type": "writeRegister", "record": "credit"}],
            },
            {
                "event": "reject",
                "from": ["proposed"],
                "to": "rejected",
                "roles": ["manager"],
                "commentRequired": True,
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


async def _assess(person: Any, customer: Any, **changes: Any) -> tuple[Any, list[Any]]:
    answers = {**copy.deepcopy(EXAMPLE), "customerRef": customer.code, **changes}
    result, started = await submit(
        _principal(person),
        answers=answers,
        language="zh-CN",
        form_id=(await forms_id()),
        customer_id=customer.id,
        settings=SETTINGS,
    )
    return result.submission, started


async def forms_id() -> Any:
    from auditportal.forms.models import Form

    return (await Form.get(key="customer-credit-assessment")).id


async def test_credit_is_set_on_approval_not_on_rejection(api: Api) -> None:
    auditor = await api.user("auditor")
    manager = await api.user("manager")
    customer = await api.customer("C-CREDIT")
    await load_form_file(SYSTEM, CREDIT_FORM, SETTINGS)
    flow = await definitions.save_draft(SYSTEM, credit_approval(), settings=SETTINGS)
    await definitions.publish(SYSTEM, flow.id)

    # A poor assessment, rejected: no credit record, no grade, the tier stays.
    poor, (case,) = await _assess(auditor, customer, proposedGrade="C", riskLevel="high")
    assert await CreditRecord.filter(customer_id=customer.id).count() == 0
    await instances.fire_transition(
        _principal(manager), case.id, "reject", comment="评估依据不足", settings=SETTINGS
    )
    after_rejection = await Customer.get(id=customer.id)
    assert (after_rejection.credit_grade, after_rejection.tier) == (None, CustomerTier.NORMAL)
    assert await CreditRecord.filter(customer_id=customer.id).count() == 0

    # The same poor assessment, approved: grade C is set and the customer becomes high risk.
    again, (second,) = await _assess(auditor, customer, proposedGrade="C", riskLevel="high")
    await instances.fire_transition(_principal(manager), second.id, "approve", settings=SETTINGS)
    approved = await Customer.get(id=customer.id)
    assert (approved.credit_grade, approved.credit_limit) == ("C", Decimal("2000000.00"))
    assert approved.tier == CustomerTier.HIGH_RISK
    record = await CreditRecord.get(customer_id=customer.id)
    assert record.source_submission_id == again.id
    del poor


async def test_without_a_workflow_the_form_writes_credit_on_submit(api: Api) -> None:
    auditor = await api.user("auditor")
    customer = await api.customer("C-CREDIT-2")
    await load_form_file(SYSTEM, CREDIT_FORM, SETTINGS)
    _, started = await _assess(auditor, customer, proposedGrade="BBB")
    assert started == []
    assert (await Customer.get(id=customer.id)).credit_grade == "BBB"


# --- practice 7: action items become owned tasks ------------------------------------------


def lessons_form() -> dict[str, Any]:
    item = {
        "type": "object",
        "required": ["action", "owner", "dueDate"],
        "additionalProperties": False,
        "properties": {
            "action": {"type": "string", "minLength": 1, "x-title": t("Action", "改进措施")},
            "owner": {"type": "string", "minLength": 1, "x-title": t("Owner", "负责人")},
            "dueDate": {"type": "string", "format": "date", "x-title": t("Due", "完成日期")},
        },
    }
    return {
        "key": "lessons-learned",
        "category": "custom",
        "title": t("Lessons learned", "经验总结"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["summary", "actionItems"],
            "additionalProperties": False,
            "properties": {
                "summary": {"type": "string", "minLength": 1, "x-title": t("Summary", "总结")},
                "actionItems": {"type": "array", "items": item, "x-title": t("Action items")},
            },
        },
    }


def action_item_flow() -> dict[str, Any]:
    return {
        "key": "action-item",
        "title": t("Action item", "改进任务"),
        "subject": "submission",
        "states": {
            "open": {"title": t("Open", "待完成"), "initial": True},
            "done": {"title": t("Done", "已完成"), "final": True},
        },
        "transitions": [
            {"event": "complete", "from": ["open"], "to": "done", "roles": ["assignee"]}
        ],
    }


def review_flow() -> dict[str, Any]:
    return {
        "key": "lessons-review",
        "title": t("Lessons-learned review", "经验总结评审"),
        "subject": "submission",
        "startsFor": {"formKeys": ["lessons-learned"]},
        "states": {
            "draft_review": {"title": t("In review", "评审中"), "initial": True},
            "agreed": {"title": t("Agreed", "已确认"), "final": True},
        },
        "transitions": [
            {
                "event": "agree",
                "from": ["draft_review"],
                "to": "agreed",
                "roles": ["manager"],
                "actions": [
                    {
                        "type": "createTask",
                        "workflow": "action-item",
                        "forEach": "answers.actionItems",
                        "owner": "item.owner",
                        "due": "item.dueDate",
                    }
                ],
            }
        ],
    }


async def test_action_items_become_tasks_with_their_owners_and_dates(api: Api) -> None:
    manager = await api.user("manager")
    li = await api.user("auditor", username="li.na")
    wang = await api.user("auditor", username="wang.lei")
    form = await forms.create_draft(SYSTEM, lessons_form(), settings=SETTINGS)
    version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    for definition in (action_item_flow(), review_flow()):
        saved = await definitions.save_draft(SYSTEM, definition, settings=SETTINGS)
        await definitions.publish(SYSTEM, saved.id)
    items = [
        {"action": "稽核前十个工作日发送资料清单", "owner": "li.na", "dueDate": "2026-12-15"},
        {"action": "更新检查表模板", "owner": "wang.lei", "dueDate": "2027-01-08"},
    ]
    _, (review,) = await submit(
        _principal(manager),
        answers={"summary": "资料提供过晚导致稽核延期", "actionItems": items},
        language="zh-CN",
        version_id=version.id,
        settings=SETTINGS,
    )
    await instances.fire_transition(_principal(manager), review.id, "agree", settings=SETTINGS)
    tasks = await WorkflowInstance.filter(parent_id=review.id).order_by("start_key")
    zone = ZoneInfo(SETTINGS.timezone)
    assert [(task.assignee_id, task.due_at, task.data["item"]["action"]) for task in tasks] == [
        (li.id, datetime(2026, 12, 15, 23, 59, 59, tzinfo=zone), items[0]["action"]),
        (wang.id, datetime(2027, 1, 8, 23, 59, 59, tzinfo=zone), items[1]["action"]),
    ]
    # The owner completes their task; someone else may not.
    with pytest.raises(WorkflowRefused):
        await instances.fire_transition(
            _principal(wang), tasks[0].id, "complete", settings=SETTINGS
        )
    done = await instances.fire_transition(
        _principal(li), tasks[0].id, "complete", settings=SETTINGS
    )
    assert done.instance.state == "done"
