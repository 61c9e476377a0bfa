"""Checking a workflow definition: the meta-schema, then the graph and its guards.

Reported with their paths, each: unknown states, more or less than one initial state,
transitions leaving a final state, states that cannot be reached, non-final states with no
way out, states from which no final state can be reached, SLA escalations that no
transition handles, ambiguous unguarded transitions, unknown forms or workflows, and guards
that are not valid JsonLogic over the known context.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from auditportal.errors import FieldIssue, ValidationFailed
from auditportal.forms.validation import issues_from_errors
from auditportal.schema_language.problems import schema_problems
from auditportal.schemas import meta_validator
from auditportal.workflows.guards import check_guard, guard_warnings


def check_workflow_definition(
    definition: Any,
    meta_schema_path: Path,
    *,
    known_forms: Iterable[str] | None = None,
    known_workflows: Iterable[str] | None = None,
) -> None:
    """Raise ValidationFailed with every problem, or return quietly."""
    errors = sorted(
        meta_validator(meta_schema_path).iter_errors(definition),
        key=lambda error: [str(part) for part in error.absolute_path],
    )
    issues = issues_from_errors(errors)
    if not issues:
        issues = graph_issues(definition)
        issues += reference_issues(definition, known_forms, known_workflows)
        issues += input_schema_issues(definition)
    if issues:
        raise ValidationFailed("workflow.definition_invalid", issues, count=len(issues))


def definition_warnings(definition: Any) -> list[FieldIssue]:
    """What is allowed but probably not meant: guards that compare a value that may be
    empty without testing for it (the step is then refused as undecided, see
    ``auditportal.rules``). Shown to the designer; never blocks a save."""
    if not isinstance(definition, dict) or not isinstance(definition.get("transitions"), list):
        return []
    warnings: list[FieldIssue] = []
    for index, transition in enumerate(definition["transitions"]):
        if not isinstance(transition, dict):
            continue
        if "guard" in transition:
            warnings += guard_warnings(transition["guard"], ("transitions", index, "guard"))
        for position, rule in enumerate(transition.get("roleRules") or []):
            if isinstance(rule, dict) and "when" in rule:
                at = ("transitions", index, "roleRules", position, "when")
                warnings += guard_warnings(rule["when"], at)
    return warnings


def input_schema_issues(definition: dict[str, Any]) -> list[FieldIssue]:
    """Transition inputs are checked like form answers: their schemas must be usable."""
    issues: list[FieldIssue] = []
    for index, transition in enumerate(definition["transitions"]):
        schema = (transition.get("input") or {}).get("schema")
        if isinstance(schema, dict):
            issues += schema_problems(schema, ("transitions", index, "input", "schema"))
    return issues


def graph_issues(definition: dict[str, Any]) -> list[FieldIssue]:
    states: dict[str, dict[str, Any]] = definition["states"]
    transitions: list[dict[str, Any]] = definition["transitions"]
    issues: list[FieldIssue] = []

    initial = [name for name, state in states.items() if state.get("initial")]
    if len(initial) != 1:
        issues.append(FieldIssue(("states",), "workflow.initial_count", {"count": len(initial)}))
    for name, state in states.items():
        if state.get("initial") and state.get("final"):
            issues.append(FieldIssue(("states", name, "final"), "workflow.initial_final"))

    outgoing: dict[str, set[str]] = defaultdict(set)
    unguarded: dict[tuple[str, str], int] = {}
    for index, transition in enumerate(transitions):
        at = ("transitions", index)
        if transition["to"] not in states:
            issues.append(
                FieldIssue((*at, "to"), "workflow.unknown_state", {"state": transition["to"]})
            )
        for position, source in enumerate(transition["from"]):
            if source not in states:
                issues.append(
                    FieldIssue((*at, "from", position), "workflow.unknown_state", {"state": source})
                )
                continue
            if states[source].get("final"):
                issues.append(
                    FieldIssue((*at, "from", position), "workflow.from_final", {"state": source})
                )
            outgoing[source].add(transition["to"])
            if "guard" not in transition:
                key = (source, transition["event"])
                if key in unguarded:
                    issues.append(
                        FieldIssue(
                            (*at, "event"),
                            "workflow.ambiguous_event",
                            {"event": transition["event"], "state": source},
                        )
                    )
                unguarded[key] = index
        if "guard" in transition:
            issues += check_guard(transition["guard"], (*at, "guard"))
        if transition.get("auto") and (
            transition.get("input") or transition.get("commentRequired")
        ):
            issues.append(FieldIssue((*at, "auto"), "workflow.auto_with_input"))
        for position, rule in enumerate(transition.get("roleRules", [])):
            issues += check_guard(rule["when"], (*at, "roleRules", position, "when"))
        events = {t["event"] for t in transitions}
        for position, earlier in enumerate((transition.get("excludes") or {}).get("firedBy", [])):
            if earlier not in events:
                issues.append(
                    FieldIssue(
                        (*at, "excludes", "firedBy", position),
                        "workflow.unknown_event",
                        {"event": earlier},
                    )
                )

    for name, state in states.items():
        sla = state.get("sla")
        if sla and not any(
            t["event"] == sla["escalate"] and name in t["from"] for t in transitions
        ):
            issues.append(
                FieldIssue(
                    ("states", name, "sla", "escalate"),
                    "workflow.unhandled_escalation",
                    {"event": sla["escalate"], "state": name},
                )
            )

    if initial:
        reachable: set[str] = set()
        for start in initial:
            reachable |= reachable_states(start, outgoing)
        for name in states:
            if name not in reachable:
                issues.append(FieldIssue(("states", name), "workflow.unreachable", {"state": name}))
    finals = {name for name, state in states.items() if state.get("final")}
    if not finals:
        issues.append(FieldIssue(("states",), "workflow.no_final"))
    for name, state in states.items():
        if state.get("final"):
            continue
        if not outgoing.get(name):
            issues.append(FieldIssue(("states", name), "workflow.dead_end", {"state": name}))
        elif finals and not (reachable_states(name, outgoing) & finals):
            issues.append(FieldIssue(("states", name), "workflow.no_way_out", {"state": name}))
    return issues


def reachable_states(start: str, outgoing: dict[str, set[str]]) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for target in outgoing.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def reference_issues(
    definition: dict[str, Any],
    known_forms: Iterable[str] | None,
    known_workflows: Iterable[str] | None,
) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if known_forms is not None:
        forms = set(known_forms)
        for position, key in enumerate((definition.get("startsFor") or {}).get("formKeys", [])):
            if key not in forms:
                issues.append(
                    FieldIssue(
                        ("startsFor", "formKeys", position), "workflow.unknown_form", {"form": key}
                    )
                )
        for index, transition in enumerate(definition["transitions"]):
            form = (transition.get("input") or {}).get("form")
            if form is not None and form not in forms:
                issues.append(
                    FieldIssue(
                        ("transitions", index, "input", "form"),
                        "workflow.unknown_form",
                        {"form": form},
                    )
                )
    if known_workflows is not None:
        workflows = set(known_workflows) | {definition["key"]}
        for at, action in _actions_with_paths(definition):
            if action["type"] in ("startChild", "createTask") and (
                action["workflow"] not in workflows
            ):
                issues.append(
                    FieldIssue(
                        (*at, "workflow"),
                        "workflow.unknown_workflow",
                        {"workflow": action["workflow"]},
                    )
                )
    return issues


def _actions_with_paths(
    definition: dict[str, Any],
) -> Iterable[tuple[tuple[str | int, ...], dict[str, Any]]]:
    for name, state in definition["states"].items():
        for position, action in enumerate(state.get("onEnter", [])):
            yield ("states", name, "onEnter", position), action
    for index, transition in enumerate(definition["transitions"]):
        for position, action in enumerate(transition.get("actions", [])):
            yield ("transitions", index, "actions", position), action


def step_title(
    definition: dict[str, Any], event: str, from_state: str | None, to_state: str
) -> Any:
    """The localized title of the transition a history step took (its event from that state
    to that one), or None: the opening step and steps of transitions since removed have none."""
    for transition in definition.get("transitions", []):
        if (
            transition.get("event") == event
            and transition.get("to") == to_state
            and from_state in transition.get("from", [])
        ):
            return transition.get("title")
    return None
