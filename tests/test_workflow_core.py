"""The workflow language's pure core: guards, working days, definition checks, the engine."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from auditportal.auth.principal import Role
from auditportal.errors import ValidationFailed
from auditportal.workflows.calendar import WorkingCalendar
from auditportal.workflows.definition import check_workflow_definition
from auditportal.workflows.engine import Actor, Move, Refusal, available, fire
from auditportal.workflows.guards import check_guard, guard_allows
from tests.conftest import REPO_ROOT
from tests.workflow_factories import review_flow

META = REPO_ROOT / "schema" / "workflow-definition.schema.json"
SHANGHAI = ZoneInfo("Asia/Shanghai")
MANAGER = Actor(role=Role.MANAGER)
AUDITOR = Actor(role=Role.AUDITOR)
SUBMITTER = Actor(role=Role.AUDITOR, is_submitter=True)
GOOD = {"score": {"percent": 92.5}, "findings": {"count": 0}, "answers": {}, "instance": {}}
POOR = {**GOOD, "score": {"percent": 61.0}}


def _issues(definition: object) -> set[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as raised:
        check_workflow_definition(definition, META)
    return {(issue.pointer, issue.code) for issue in raised.value.issues}


# --- guards ----------------------------------------------------------------------------------


def test_guards_evaluate_jsonlogic_over_the_context() -> None:
    rule = {
        "and": [
            {">=": [{"var": "score.percent"}, 80]},
            {"==": [{"var": "findings.count"}, 0]},
            {"in": [{"var": "answers.channel"}, ["email", "phone"]]},
        ]
    }
    context = {**GOOD, "answers": {"channel": "phone"}}
    assert guard_allows(rule, context) is True
    assert guard_allows(rule, {**context, "findings": {"count": 2}}) is False
    some_high = {"some": [{"var": "findings.items"}, {"==": [{"var": "severity"}, "high"]}]}
    assert check_guard(some_high, ("guard",)) == []
    assert guard_allows(
        some_high, {"findings": {"items": [{"severity": "low"}, {"severity": "high"}]}}
    )
    assert guard_allows(True, {}) is True


def test_guards_are_checked_before_they_are_stored() -> None:
    assert [i.code for i in check_guard({"eval": ["import os"]}, ("guard",))] == [
        "workflow.guard_unknown_operator"
    ]
    assert [i.pointer for i in check_guard({">": [{"var": "password"}, 1]}, ("g",))] == [
        "/g/>/0/var"
    ]
    assert [i.code for i in check_guard({"and": [], "or": []}, ("g",))] == [
        "workflow.guard_not_rule"
    ]
    assert [i.code for i in check_guard("score > 80", ("g",))] == ["workflow.guard_not_rule"]


# --- working days ------------------------------------------------------------------------------


def test_working_days_follow_china_holidays_and_make_up_days() -> None:
    calendar = WorkingCalendar()
    # 2026-09-30 (Wed) 10:00 + 1 working day: 1-7 Oct are the National Day holiday.
    start = datetime(2026, 9, 30, 10, 0, tzinfo=SHANGHAI)
    due = calendar.add_working_days(start, 1)
    assert due.date() > datetime(2026, 10, 7).date()
    assert calendar.is_workday(due.date())
    assert (due.hour, due.minute) == (10, 0)
    # An ordinary week: Thursday + 1 working day is Friday, same time.
    thursday = datetime(2026, 11, 26, 15, 30, tzinfo=SHANGHAI)
    assert calendar.add_working_days(thursday, 1) == datetime(2026, 11, 27, 15, 30, tzinfo=SHANGHAI)
    # Friday + 1 working day skips the weekend.
    friday = datetime(2026, 11, 27, 9, 0, tzinfo=SHANGHAI)
    assert calendar.add_working_days(friday, 1).date().isoformat() == "2026-11-30"


def test_received_on_a_weekend_counts_from_the_next_working_day() -> None:
    calendar = WorkingCalendar()
    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=SHANGHAI)
    one = calendar.add_working_days(saturday, 1)
    three = calendar.add_working_days(saturday, 3)
    assert (one.date().isoformat(), one.hour) == ("2026-11-30", 23)
    assert (three.date().isoformat(), three.hour) == ("2026-12-02", 23)


def test_deployment_overrides_and_years_without_official_data() -> None:
    from datetime import date

    company_day_off = date(2026, 11, 30)
    calendar = WorkingCalendar(extra_holidays=frozenset({company_day_off}))
    friday = datetime(2026, 11, 27, 9, 0, tzinfo=SHANGHAI)
    assert calendar.add_working_days(friday, 1).date().isoformat() == "2026-12-01"
    later = WorkingCalendar().add_working_days(datetime(2031, 1, 3, 9, 0, tzinfo=SHANGHAI), 1)
    assert later.date().isoformat() == "2031-01-06"  # no data yet: Monday-Friday
    utc_start = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
    assert WorkingCalendar().add_working_days(utc_start, 1).tzinfo == UTC


# --- definitions --------------------------------------------------------------------------------


def test_a_good_definition_passes() -> None:
    check_workflow_definition(review_flow(), META)


def test_graph_problems_are_each_reported_with_their_path() -> None:
    bad = review_flow()
    bad["states"]["approved"]["initial"] = True  # two initial states, one of them final
    bad["states"]["orphan"] = {"title": {"zh-CN": "孤立", "en": "Orphan"}}
    bad["states"]["limbo"] = {"title": {"zh-CN": "悬置", "en": "Limbo"}}
    bad["transitions"].append(
        {"event": "park", "from": ["returned"], "to": "limbo", "roles": ["manager"]}
    )
    bad["transitions"].append(
        {"event": "reopen", "from": ["approved"], "to": "nowhere", "roles": ["manager"]}
    )
    bad["transitions"].append(
        {"event": "return", "from": ["submitted"], "to": "returned", "roles": ["manager"]}
    )
    bad["states"]["returned"]["sla"] = {"due": {"hours": 4}, "escalate": "nudge"}
    bad["transitions"][0]["guard"] = {"exec": ["rm -rf /"]}
    assert _issues(bad) == {
        ("/states", "workflow.initial_count"),
        ("/states/approved/final", "workflow.initial_final"),
        ("/states/orphan", "workflow.unreachable"),
        ("/states/orphan", "workflow.dead_end"),
        ("/states/limbo", "workflow.dead_end"),
        ("/transitions/5/from/0", "workflow.from_final"),
        ("/transitions/5/to", "workflow.unknown_state"),
        ("/transitions/6/event", "workflow.ambiguous_event"),
        ("/states/returned/sla/escalate", "workflow.unhandled_escalation"),
        ("/transitions/0/guard/exec", "workflow.guard_unknown_operator"),
    }


def test_trap_cycles_without_a_final_state_are_reported() -> None:
    bad = review_flow()
    bad["states"]["loop_a"] = {"title": {"zh-CN": "甲", "en": "A"}}
    bad["states"]["loop_b"] = {"title": {"zh-CN": "乙", "en": "B"}}
    bad["transitions"] += [
        {"event": "spin", "from": ["submitted"], "to": "loop_a", "roles": ["manager"]},
        {"event": "spin", "from": ["loop_a"], "to": "loop_b", "roles": ["manager"]},
        {"event": "spin", "from": ["loop_b"], "to": "loop_a", "roles": ["manager"]},
    ]
    assert _issues(bad) == {
        ("/states/loop_a", "workflow.no_way_out"),
        ("/states/loop_b", "workflow.no_way_out"),
    }


def test_meta_schema_errors_and_unknown_references() -> None:
    bad = review_flow()
    bad["subject"] = "weather"
    bad["transitions"][0]["roles"] = ["janitor"]
    bad["states"]["submitted"]["onEnter"] = [{"type": "launch", "to": "moon"}]
    got = _issues(bad)
    assert ("/subject", "schema.enum") in got
    assert ("/transitions/0/roles/0", "schema.enum") in got
    assert any(pointer.startswith("/states/submitted/onEnter/0") for pointer, _ in got)

    refs = review_flow(startsFor={"formKeys": ["no-such-form"]})
    refs["transitions"][2]["input"] = {"form": "corrective-plan"}
    refs["states"]["approved"]["onEnter"] = [
        {"type": "startChild", "workflow": "no-such-flow", "forEach": "finding"}
    ]
    with pytest.raises(ValidationFailed) as raised:
        check_workflow_definition(
            refs, META, known_forms={"complaint-intake"}, known_workflows=set()
        )
    assert {(i.pointer, i.code) for i in raised.value.issues} == {
        ("/startsFor/formKeys/0", "workflow.unknown_form"),
        ("/transitions/2/input/form", "workflow.unknown_form"),
        ("/states/approved/onEnter/0/workflow", "workflow.unknown_workflow"),
    }


# --- the engine ----------------------------------------------------------------------------------


def test_a_move_carries_the_new_state_its_actions_and_sla() -> None:
    definition = review_flow()
    returned = fire(definition, "submitted", "return", MANAGER, context=POOR, comment="Fix 3.2")
    assert isinstance(returned, Move)
    assert (returned.from_state, returned.to_state, returned.is_final) == (
        "submitted",
        "returned",
        False,
    )
    back = fire(
        definition,
        "returned",
        "resubmit",
        SUBMITTER,
        context=POOR,
        input_={"fixedOn": "2026-11-27"},
    )
    assert isinstance(back, Move)
    assert back.on_enter == ({"type": "assign", "to": {"roundRobin": "manager"}},)
    assert back.sla == {"due": {"workingDays": 2}, "escalate": "escalate"}
    approved = fire(definition, "submitted", "approve", MANAGER, context=GOOD)
    assert isinstance(approved, Move)
    assert approved.is_final


@pytest.mark.parametrize(
    ("state", "event", "actor", "context", "kwargs", "reason"),
    [
        ("submitted", "approve", AUDITOR, GOOD, {}, "role"),
        ("submitted", "approve", MANAGER, POOR, {}, "guard"),
        ("submitted", "return", MANAGER, GOOD, {"comment": "  "}, "comment_required"),
        (
            "returned",
            "resubmit",
            SUBMITTER,
            GOOD,
            {"input_": {"fixedOn": "yesterday"}},
            "input_invalid",
        ),
        ("returned", "approve", MANAGER, GOOD, {}, "not_from_here"),
        ("submitted", "teleport", MANAGER, GOOD, {}, "unknown_event"),
        ("approved", "return", MANAGER, GOOD, {"comment": "x"}, "final_state"),
        ("submitted", "escalate", MANAGER, GOOD, {}, "role"),
    ],
)
def test_refusals_say_why(
    state: str,
    event: str,
    actor: Actor,
    context: dict[str, object],
    kwargs: dict[str, object],
    reason: str,
) -> None:
    result = fire(review_flow(), state, event, actor, context=context, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, Refusal)
    assert result.reason == reason


def test_guard_refusal_carries_the_definitions_explanation_and_input_errors_their_paths() -> None:
    refused = fire(review_flow(), "submitted", "approve", MANAGER, context=POOR)
    assert isinstance(refused, Refusal)
    assert refused.guard_message == {"zh-CN": "得分需达到 80%", "en": "Needs 80 % or more"}
    invalid = fire(review_flow(), "returned", "resubmit", SUBMITTER, context=GOOD, input_={})
    assert isinstance(invalid, Refusal)
    assert [(i.pointer, i.code) for i in invalid.issues] == [("/input/fixedOn", "schema.required")]


def test_only_the_system_fires_transitions_without_roles() -> None:
    system = Actor(role=None, is_system=True)
    assert isinstance(fire(review_flow(), "submitted", "escalate", system, context=GOOD), Move)


def test_available_transitions_explain_the_refused_ones() -> None:
    options = {o.event: o for o in available(review_flow(), "submitted", MANAGER, context=POOR)}
    assert set(options) == {"approve", "return", "escalate"}
    assert options["return"].allowed
    assert options["approve"].refusal is not None and options["approve"].refusal.reason == "guard"
    assert options["escalate"].refusal is not None and options["escalate"].refusal.reason == "role"


def test_the_engine_does_not_mutate_the_definition() -> None:
    definition = review_flow()
    before = copy.deepcopy(definition)
    fire(definition, "submitted", "approve", MANAGER, context=GOOD)
    available(definition, "submitted", AUDITOR, context=GOOD)
    assert definition == before
