"""What the workflow designer asks of a draft before it is saved: lint and simulate.

Both are pure over the definition they are given (nothing is read but the form and
workflow keys lint checks references against; nothing is written): ``lint`` reports every
problem the save would refuse (errors) plus what is allowed but probably not meant
(warnings, e.g. a transition no role can fire), each with its path; ``simulate`` walks a
case through the draft with the engine itself, step by step, as the people chosen, over
sample answers, and says where each step went or why it was refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal, Role
from auditportal.errors import FieldIssue, ValidationFailed
from auditportal.forms.models import Form
from auditportal.settings import Settings
from auditportal.workflows import queries
from auditportal.workflows.definition import (
    check_workflow_definition,
    definition_warnings,
    reachable_states,
)
from auditportal.workflows.engine import Actor, Move, Refusal, fire

MAX_STEPS = 100
# How many automatic moves may follow one step (as the engine's own limit).
MAX_AUTOMATIC = 20


@dataclass(frozen=True)
class Problem:
    issue: FieldIssue
    severity: str  # error | warning


async def lint(principal: Principal, definition: Any, settings: Settings) -> list[Problem]:
    """Every problem of the draft, errors first, as the save would report them."""
    require(principal, Permission.FORMS_DESIGN)
    form_keys: list[str] = await Form.all().values_list("key", flat=True)  # type: ignore[assignment]
    workflows = await queries.definition_keys()
    errors: list[FieldIssue] = []
    try:
        check_workflow_definition(
            definition,
            settings.schema_dir / "workflow-definition.schema.json",
            known_forms=set(form_keys),
            known_workflows=workflows,
        )
    except ValidationFailed as failed:
        errors = list(failed.issues)
    warnings = definition_warnings(definition) + (
        [] if errors else unfireable_transitions(definition) + bypassable_four_eyes(definition)
    )
    return [Problem(i, "error") for i in errors] + [Problem(i, "warning") for i in warnings]


def unfireable_transitions(definition: dict[str, Any]) -> list[FieldIssue]:
    """Transitions nobody can take: no roles, not automatic, and no SLA escalates by them."""
    escalations = {
        (name, state["sla"]["escalate"])
        for name, state in definition["states"].items()
        if state.get("sla")
    }
    issues: list[FieldIssue] = []
    for index, transition in enumerate(definition["transitions"]):
        if transition["roles"] or transition.get("auto"):
            continue
        if any((source, transition["event"]) in escalations for source in transition["from"]):
            continue
        issues.append(
            FieldIssue(
                ("transitions", index, "roles"),
                "workflow.no_role_can_fire",
                {"event": transition["event"]},
            )
        )
    return issues


def bypassable_four_eyes(definition: dict[str, Any]) -> list[FieldIssue]:
    """Four eyes a case can go round: a step that excludes whoever fired earlier events,
    reachable from the initial state without any of them (e.g. the endorsement a loop on
    the approval state). Nobody has fired them then, so nobody is excluded and one person
    approves alone. Guards are not read, so this is a warning; the engine is right either
    way (``excludes`` names who may not, it does not require the earlier step)."""
    initial = [name for name, state in definition["states"].items() if state.get("initial")]
    issues: list[FieldIssue] = []
    for index, transition in enumerate(definition["transitions"]):
        earlier = set((transition.get("excludes") or {}).get("firedBy") or [])
        if not earlier:
            continue
        outgoing: dict[str, set[str]] = {}
        for other in definition["transitions"]:
            if other["event"] not in earlier:
                for source in other["from"]:
                    outgoing.setdefault(source, set()).add(other["to"])
        without: set[str] = set()
        for start in initial:
            without |= reachable_states(start, outgoing)
        if without & set(transition["from"]):
            issues.append(
                FieldIssue(
                    ("transitions", index, "excludes", "firedBy"),
                    "workflow.four_eyes_bypassable",
                    {"event": transition["event"], "earlier": ", ".join(sorted(earlier))},
                )
            )
    return issues


@dataclass(frozen=True)
class SimulatedStep:
    """One step of a simulation: who tries which event, as what."""

    event: str
    role: str | None = None  # a portal role; None: the system (an SLA escalation)
    person: str = ""  # a label: the same label is the same person (four eyes)
    submitter: bool = False
    assignee: bool = False
    account_auditor: bool = False
    input: dict[str, Any] | None = None
    comment: str | None = None


@dataclass(frozen=True)
class StepOutcome:
    event: str
    from_state: str
    to_state: str
    refusal: Refusal | None
    automatic: tuple[str, ...] = ()  # events the system took after it


@dataclass(frozen=True)
class Simulation:
    initial: str
    state: str
    final: bool
    steps: list[StepOutcome] = field(default_factory=list)


async def simulate(
    principal: Principal,
    definition: Any,
    steps: list[SimulatedStep],
    *,
    answers: dict[str, Any] | None = None,
    customer: dict[str, Any] | None = None,
    settings: Settings,
) -> Simulation:
    """Walk a case through ``definition`` from its initial state; a definition that would
    not save is refused with its problems (under ``definition``), as are unknown roles.

    A refused step leaves the case where it was and the walk goes on with the next step.
    """
    require(principal, Permission.FORMS_DESIGN)
    meta = settings.schema_dir / "workflow-definition.schema.json"
    try:
        check_workflow_definition(definition, meta)
    except ValidationFailed as failed:
        raise failed.under("definition") from None
    roles = {role.value for role in Role}
    unknown = [
        FieldIssue(("steps", index, "role"), "workflow.simulate_unknown_role", {"role": s.role})
        for index, s in enumerate(steps)
        if s.role is not None and s.role not in roles
    ]
    if unknown:
        raise ValidationFailed("error.invalid_input", unknown, count=len(unknown))
    return walk(definition, steps, answers=answers, customer=customer)


def walk(
    definition: dict[str, Any],
    steps: list[SimulatedStep],
    *,
    answers: dict[str, Any] | None = None,
    customer: dict[str, Any] | None = None,
) -> Simulation:
    """The walk itself, over a checked definition: pure."""
    states: dict[str, Any] = definition["states"]
    initial = next(name for name, state in states.items() if state.get("initial"))
    fired_by: dict[str, set[str]] = {}
    data: dict[str, Any] = {}
    state = _automatic(definition, initial, answers, customer, data)[0]
    outcomes: list[StepOutcome] = []
    for step in steps[:MAX_STEPS]:
        person = step.person or step.role or "system"
        actor = Actor(
            role=Role(step.role) if step.role else None,
            is_submitter=step.submitter,
            is_assignee=step.assignee,
            is_account_auditor=step.account_auditor,
            is_system=step.role is None,
            fired=frozenset(fired_by.get(person, set())),
        )
        context = _context(answers, customer, state, data)
        result = fire(
            definition,
            state,
            step.event,
            actor,
            context=context,
            input_=step.input,
            comment=step.comment,
        )
        if isinstance(result, Refusal):
            outcomes.append(StepOutcome(step.event, state, state, result))
            continue
        fired_by.setdefault(person, set()).add(step.event)
        data.update(step.input or {})
        after, automatic = _automatic(definition, result.to_state, answers, customer, data)
        outcomes.append(StepOutcome(step.event, state, after, None, automatic))
        state = after
    return Simulation(initial, state, bool(states[state].get("final")), outcomes)


def _context(
    answers: dict[str, Any] | None,
    customer: dict[str, Any] | None,
    state: str,
    data: dict[str, Any],
) -> dict[str, Any]:
    return {
        "answers": answers or {},
        "customer": customer or {},
        "actor": {},
        "submission": {},
        "score": {},
        "findings": {"count": 0, "items": []},
        "instance": {**data, "state": state, "openChildren": 0},
    }


def _automatic(
    definition: dict[str, Any],
    state: str,
    answers: dict[str, Any] | None,
    customer: dict[str, Any] | None,
    data: dict[str, Any],
) -> tuple[str, tuple[str, ...]]:
    """Automatic transitions out of the state entered, as the engine takes them."""
    taken: list[str] = []
    system = Actor(role=None, is_system=True)
    for _ in range(MAX_AUTOMATIC):
        events = [
            t["event"] for t in definition["transitions"] if t.get("auto") and state in t["from"]
        ]
        moved = False
        for event in dict.fromkeys(events):
            context = _context(answers, customer, state, data)
            result = fire(definition, state, event, system, context=context)
            if isinstance(result, Move) and definition["transitions"][result.transition_index].get(
                "auto"
            ):
                taken.append(event)
                state = result.to_state
                moved = True
                break
        if not moved:
            break
    return state, tuple(taken)
