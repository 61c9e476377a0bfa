"""Workflow instances on a real database: start, fire, refuse, lock, escalate, spawn."""

from __future__ import annotations

import asyncio
import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from auditportal.audit.models import AuditEvent
from auditportal.audit.service import verify_chain
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.errors import Conflict, ValidationFailed
from auditportal.forms import queries as form_queries
from auditportal.forms import service as forms
from auditportal.forms.models import Submission
from auditportal.workflows import definitions, instances
from auditportal.workflows.instances import WorkflowRefused
from auditportal.workflows.models import OutboxMessage, WorkflowHistory, WorkflowInstance
from tests.conftest import SETTINGS, Api
from tests.factories import checklist, good_answers
from tests.workflow_factories import review_flow

SYSTEM = system_principal("tests")


def _principal(person: Any) -> Principal:
    return Principal(
        subject=f"user:{person.id}",
        role=person.role,
        user_id=person.id,
        scopes=frozenset(
            {"submissions:write", "submissions:read", "forms:read", "workflows:write"}
        ),
    )


async def _published(definition: dict[str, Any]) -> Any:
    saved = await definitions.save_draft(SYSTEM, definition, settings=SETTINGS)
    return (await definitions.publish(SYSTEM, saved.id)).version


async def _submission(api: Api, answers: dict[str, Any] | None = None) -> tuple[Submission, Any]:
    auditor = await api.user("auditor")
    form = await form_queries.form_by_key("site-check") or await forms.create_draft(
        SYSTEM, checklist(), settings=SETTINGS
    )
    version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    result = await forms.submit(
        _principal(auditor),
        answers=answers or good_answers(),
        language="en",
        version_id=version.id,
        settings=SETTINGS,
    )
    return result.submission, auditor


async def _start(version: Any, submission: Submission) -> WorkflowInstance:
    return await instances.start(
        SYSTEM,
        version,
        subject_type="submission",
        subject_id=str(submission.id),
        start_key=f"submission:{submission.id}:{version.content['key']}",
        submission=submission,
        settings=SETTINGS,
    )


async def test_start_assigns_round_robin_sets_the_sla_and_records_history(api: Api) -> None:
    managers = sorted([await api.user("manager") for _ in range(2)], key=lambda m: str(m.id))
    version = await _published(review_flow())
    submission, _ = await _submission(api)
    first = await _start(version, submission)
    other, _ = await _submission(api, good_answers(visitDate="2026-11-21"))
    second = await _start(version, other)

    assert (first.state, first.lock_version) == ("submitted", 1)
    assert {first.assignee_id, second.assignee_id} == {m.id for m in managers}
    assert first.due_at is not None and first.due_at > datetime.now(UTC)
    assert first.escalation_event == "escalate"
    history = await WorkflowHistory.filter(instance_id=first.id)
    assert [(h.from_state, h.to_state, h.event) for h in history] == [(None, "submitted", "start")]
    again = await _start(version, submission)
    assert again.id == first.id  # starting twice is idempotent
    assert await AuditEvent.filter(action="workflow.start").count() == 2


async def test_fire_moves_refuses_and_keeps_history(api: Api) -> None:
    manager = await api.user("manager")
    version = await _published(review_flow())
    submission, auditor = await _submission(
        api, good_answers(contracts={"signed": "no", "archived": "yes"})
    )
    instance = await _start(version, submission)

    with pytest.raises(WorkflowRefused) as refused:
        await instances.fire_transition(
            _principal(auditor), instance.id, "approve", settings=SETTINGS
        )
    assert refused.value.refusal.reason == "role"
    with pytest.raises(WorkflowRefused) as guarded:
        await instances.fire_transition(
            _principal(manager), instance.id, "approve", settings=SETTINGS
        )
    assert guarded.value.refusal.reason == "guard"  # 62.5 % is below the 80 % the guard wants

    returned = await instances.fire_transition(
        _principal(manager),
        instance.id,
        "return",
        comment="Contract 2 is unsigned",
        settings=SETTINGS,
    )
    assert returned.instance.state == "returned"
    with pytest.raises(WorkflowRefused) as bad_input:
        await instances.fire_transition(
            _principal(auditor),
            instance.id,
            "resubmit",
            input_={"fixedOn": "soon"},
            settings=SETTINGS,
        )
    assert [i.pointer for i in bad_input.value.refusal.issues] == ["/input/fixedOn"]
    back = await instances.fire_transition(
        _principal(auditor),
        instance.id,
        "resubmit",
        input_={"fixedOn": "2026-11-28"},
        settings=SETTINGS,
    )
    assert back.instance.state == "submitted"
    assert back.instance.data["resubmit"] == {"fixedOn": "2026-11-28"}

    history = await WorkflowHistory.filter(instance_id=instance.id).order_by("sequence")
    assert [(h.sequence, h.event, h.to_state) for h in history] == [
        (1, "start", "submitted"),
        (2, "return", "returned"),
        (3, "resubmit", "submitted"),
    ]
    assert history[1].comment == "Contract 2 is unsigned"
    stored = await WorkflowInstance.get(id=instance.id)
    assert stored.lock_version == 3


async def test_a_stale_version_is_a_conflict_and_writes_nothing(api: Api) -> None:
    manager = await api.user("manager")
    version = await _published(review_flow())
    submission, _ = await _submission(api)
    instance = await _start(version, submission)
    await instances.fire_transition(
        _principal(manager),
        instance.id,
        "return",
        comment="x",
        expected_lock_version=1,
        settings=SETTINGS,
    )
    with pytest.raises(Conflict):
        await instances.fire_transition(
            _principal(manager), instance.id, "approve", expected_lock_version=1, settings=SETTINGS
        )
    assert await WorkflowHistory.filter(instance_id=instance.id).count() == 2


@pytest.mark.postgres_only
async def test_two_people_firing_at_once_get_one_success_and_one_conflict(api: Api) -> None:
    managers = [await api.user("manager") for _ in range(2)]
    version = await _published(review_flow())
    submission, _ = await _submission(api)
    instance = await _start(version, submission)
    # Both saw version 1, as a client showing the case would send it. (Without the version,
    # whoever reads after the winner committed is refused by the engine instead: the case is
    # no longer where they thought.)
    outcomes = await asyncio.gather(
        *(
            instances.fire_transition(
                _principal(m),
                instance.id,
                "return",
                comment=f"by {i}",
                expected_lock_version=1,
                settings=SETTINGS,
            )
            for i, m in enumerate(managers)
        ),
        return_exceptions=True,
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "Fired"]
    history = await WorkflowHistory.filter(instance_id=instance.id).order_by("sequence")
    assert [h.sequence for h in history] == [1, 2]
    assert (await WorkflowInstance.get(id=instance.id)).lock_version == 2
    assert (await verify_chain()).ok


async def test_overdue_instances_escalate_exactly_once(api: Api) -> None:
    await api.user("manager")
    version = await _published(review_flow())
    instances_started = []
    for day in range(3):
        submission, _ = await _submission(api, good_answers(visitDate=f"2026-11-2{day}"))
        instances_started.append(await _start(version, submission))
    past = datetime.now(UTC) - timedelta(minutes=1)
    await WorkflowInstance.filter(id__in=[i.id for i in instances_started[:2]]).update(due_at=past)

    first, second = await asyncio.gather(
        instances.escalate_overdue(SETTINGS), instances.escalate_overdue(SETTINGS)
    )
    assert first + second == 2
    assert await instances.escalate_overdue(SETTINGS) == 0
    states = {i.id: (await WorkflowInstance.get(id=i.id)).state for i in instances_started}
    assert sorted(states.values()) == ["escalated", "escalated", "submitted"]
    escalations = await WorkflowHistory.filter(event="escalate")
    assert len(escalations) == 2
    assert {h.actor for h in escalations} == {"system:sla"}


async def test_a_finding_starts_one_child_per_finding(api: Api) -> None:
    child = review_flow(key="fix-finding", subject="finding")
    parent = review_flow(key="parent-flow")
    parent["states"]["approved"] = {
        "title": {"zh-CN": "已批准", "en": "Approved"},
        "final": True,
    }
    parent["states"]["submitted"]["onEnter"] = [
        {"type": "startChild", "workflow": "fix-finding", "forEach": "finding"},
        {
            "type": "notify",
            "to": {"role": "manager"},
            "message": {"zh-CN": "新事项", "en": "New case"},
        },
    ]
    await _published(child)
    version = await _published(parent)
    submission, _ = await _submission(
        api, good_answers(contracts={"signed": "no", "archived": "yes"}, payments={"onTime": "no"})
    )
    instance = await _start(version, submission)
    children = await WorkflowInstance.filter(parent_id=instance.id).order_by("subject_id")
    assert [c.subject_id for c in children] == [f"{submission.id}#0", f"{submission.id}#1"]
    assert children[0].data["finding"]["path"] == ["contracts", "signed"]
    assert await OutboxMessage.filter(instance_id=instance.id, kind="notify").count() == 1


async def test_running_instances_stay_on_their_version(api: Api) -> None:
    manager = await api.user("manager")
    v1 = await _published(review_flow())
    submission, _ = await _submission(api)
    instance = await _start(v1, submission)
    stricter = copy.deepcopy(review_flow())
    stricter["transitions"][0]["guard"] = {">=": [{"var": "score.percent"}, 101]}
    v2 = await _published(stricter)
    assert v2.number == 2
    fired = await instances.fire_transition(
        _principal(manager), instance.id, "approve", settings=SETTINGS
    )
    assert fired.instance.state == "approved"  # v1's guard (80 %) still applies
    assert fired.instance.closed_at is not None


async def test_bad_definitions_are_refused_and_unchanged_ones_publish_nothing(api: Api) -> None:
    broken = review_flow()
    broken["states"]["submitted"]["initial"] = False
    with pytest.raises(ValidationFailed):
        await definitions.save_draft(SYSTEM, broken, settings=SETTINGS)
    saved = await definitions.save_draft(SYSTEM, review_flow(), settings=SETTINGS)
    first = await definitions.publish(SYSTEM, saved.id)
    again = await definitions.publish(SYSTEM, saved.id)
    assert (first.created, again.created, again.version.id) == (True, False, first.version.id)


async def test_refused_moves_leave_no_trace(api: Api) -> None:
    auditor_role = await api.user("auditor")
    version = await _published(review_flow())
    submission, _ = await _submission(api)
    instance = await _start(version, submission)
    events_before = await AuditEvent.all().count()
    with pytest.raises(WorkflowRefused):
        await instances.fire_transition(
            _principal(auditor_role), instance.id, "return", comment="x", settings=SETTINGS
        )
    assert await AuditEvent.all().count() == events_before
    assert await WorkflowHistory.filter(instance_id=instance.id).count() == 1
    assert Role.AUDITOR is auditor_role.role


async def test_a_correction_is_what_the_guards_read_next(api: Api) -> None:
    manager = await api.user("manager")
    version = await _published(review_flow())
    submission, auditor = await _submission(
        api, good_answers(contracts={"signed": "no", "archived": "no"})
    )
    instance = await _start(version, submission)
    with pytest.raises(WorkflowRefused):
        await instances.fire_transition(
            _principal(manager), instance.id, "approve", settings=SETTINGS
        )
    await forms.revise(
        _principal(auditor),
        submission_id=submission.id,
        answers=good_answers(),
        language="en",
        settings=SETTINGS,
    )
    fired = await instances.fire_transition(
        _principal(manager), instance.id, "approve", settings=SETTINGS
    )
    assert fired.instance.state == "approved"  # the corrected answers score 100 %
