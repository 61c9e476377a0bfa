"""The transition logic, as a pure function: no database, no clock, no side effects.

``fire`` takes a definition, the instance's current state, an event, the actor (with
their relations to the instance already worked out) and the context guards read, and
returns either a ``Move`` (the new state, and the on-enter actions and SLA of that state
for the caller to persist and run) or a ``Refusal`` that says why, in data. Persisting,
auditing and running actions happen around it, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from auditportal.auth.principal import Role
from auditportal.errors import FieldIssue
from auditportal.forms.validation import issues_from_errors
from auditportal.schema_language.validator import validator_for
from auditportal.workflows.guards import guard_outcome

RELATION_ROLES = ("assignee", "submitter", "account_auditor")


@dataclass(frozen=True)
class Actor:
    """Who fires: a role, and their relations to this instance (worked out by the caller)."""

    role: Role | None
    user_id: UUID | None = None
    is_assignee: bool = False
    is_submitter: bool = False
    is_account_auditor: bool = False
    is_system: bool = False
    # The events this person fired earlier on this instance (separation of duties).
    fired: frozenset[str] = frozenset()

    def plays(self, role: str) -> bool:
        if role == "assignee":
            return self.is_assignee
        if role == "submitter":
            return self.is_submitter
        if role == "account_auditor":
            return self.is_account_auditor
        return self.role is not None and self.role.value == role


@dataclass(frozen=True)
class Move:
    event: str
    from_state: str
    to_state: str
    transition_index: int
    # What entering the new state asks for: the caller persists the SLA and runs these.
    on_enter: tuple[dict[str, Any], ...]
    sla: dict[str, Any] | None
    is_final: bool


@dataclass(frozen=True)
class Refusal:
    event: str
    # unknown_event | not_from_here | final_state | role | children_open | separation
    # | guard
    # | comment_required
    # | input_missing | input_invalid
    reason: str
    message_key: str
    params: dict[str, Any] = field(default_factory=dict)
    issues: tuple[FieldIssue, ...] = ()
    # The definition's own explanation of a failed guard, in both languages.
    guard_message: dict[str, str] | None = None


@dataclass(frozen=True)
class Option:
    """A transition as seen by one actor now: allowed, or refused and why."""

    event: str
    to_state: str
    title: dict[str, str] | None
    refusal: Refusal | None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def fire(
    definition: dict[str, Any],
    state: str,
    event: str,
    actor: Actor,
    *,
    context: dict[str, Any],
    input_: dict[str, Any] | None = None,
    comment: str | None = None,
) -> Move | Refusal:
    states = definition["states"]
    if states.get(state, {}).get("final"):
        return Refusal(event, "final_state", "workflow.refused.final_state", {"state": state})
    candidates = [
        (index, transition)
        for index, transition in enumerate(definition["transitions"])
        if transition["event"] == event
    ]
    if not candidates:
        return Refusal(event, "unknown_event", "workflow.refused.unknown_event", {"event": event})
    here = [(index, t) for index, t in candidates if state in t["from"]]
    if not here:
        return Refusal(
            event,
            "not_from_here",
            "workflow.refused.not_from_here",
            {"event": event, "state": state},
        )
    first_refusal: Refusal | None = None
    titles = step_titles(definition)
    for index, transition in here:
        refusal = _check(transition, event, actor, context, input_, comment, titles)
        if refusal is None:
            target = states[transition["to"]]
            return Move(
                event=event,
                from_state=state,
                to_state=transition["to"],
                transition_index=index,
                on_enter=tuple(target.get("onEnter", [])),
                sla=target.get("sla"),
                is_final=bool(target.get("final")),
            )
        first_refusal = first_refusal or refusal
    assert first_refusal is not None
    return first_refusal


def available(
    definition: dict[str, Any], state: str, actor: Actor, *, context: dict[str, Any]
) -> list[Option]:
    """Every transition out of ``state``: what the actor may fire now, and why not the rest.

    Input and comments are not known yet, so only roles and guards decide here.
    """
    options: list[Option] = []
    titles = step_titles(definition)
    for transition in definition["transitions"]:
        if state not in transition["from"]:
            continue
        refusal = _check_who_and_when(
            transition, transition["event"], actor, context, titles=titles
        )
        options.append(
            Option(transition["event"], transition["to"], transition.get("title"), refusal)
        )
    return options


def step_titles(definition: dict[str, Any]) -> dict[str, Any]:
    """Each event's title (both languages), for refusals that name another step."""
    titles: dict[str, Any] = {}
    for transition in definition["transitions"]:
        if transition.get("title"):
            titles.setdefault(transition["event"], transition["title"])
    return titles


def _check(
    transition: dict[str, Any],
    event: str,
    actor: Actor,
    context: dict[str, Any],
    input_: dict[str, Any] | None,
    comment: str | None,
    titles: dict[str, Any],
) -> Refusal | None:
    refusal = _check_who_and_when(transition, event, actor, context, input_, titles)
    if refusal is not None:
        return refusal
    if transition.get("commentRequired") and not (comment and comment.strip()):
        return Refusal(event, "comment_required", "workflow.refused.comment_required")
    return _check_input(transition, event, input_)


def _check_who_and_when(
    transition: dict[str, Any],
    event: str,
    actor: Actor,
    context: dict[str, Any],
    input_: dict[str, Any] | None = None,
    titles: dict[str, Any] | None = None,
) -> Refusal | None:
    roles: list[str] = transition["roles"]
    if not actor.is_system and not any(actor.plays(role) for role in roles):
        if not roles:
            return Refusal(event, "role", "workflow.refused.system_only")
        return Refusal(event, "role", "workflow.refused.role", {"roles": tuple(roles)})
    open_children = (context.get("instance") or {}).get("openChildren") or 0
    if (transition.get("requires") or {}).get("childrenClosed") and open_children:
        return Refusal(
            event, "children_open", "workflow.refused.children_open", {"count": open_children}
        )
    if not actor.is_system:
        refusal = _separation(transition, event, actor, titles or {}) or _role_rules(
            transition, event, actor, {**context, "input": input_ or {}}
        )
        if refusal is not None:
            return refusal
    if "guard" in transition:
        outcome = guard_outcome(transition["guard"], {**context, "input": input_ or {}})
        if outcome.undecided:
            # An empty value the guard compares: neither allowed nor denied by accident.
            return Refusal(
                event,
                "guard",
                "workflow.refused.guard_undecided",
                {"fields": ", ".join(name for name in outcome.empty if name) or "?"},
                guard_message=transition.get("guardMessage"),
            )
        if not outcome.decision:
            return Refusal(
                event,
                "guard",
                "workflow.refused.guard",
                guard_message=transition.get("guardMessage"),
            )
    return None


def separation_refusal(excludes: dict[str, Any], actor: Actor, event: str = "") -> Refusal | None:
    """The four-eyes exclusions alone (``excludes`` of a transition), for other domains that
    choose a second person: the verifier of a sampled submission is never its submitter."""
    return _separation({"excludes": excludes}, event, actor, {})


def _separation(
    transition: dict[str, Any], event: str, actor: Actor, titles: dict[str, Any]
) -> Refusal | None:
    """Four eyes: who may not take this step although their role may (``excludes``).
    The earlier step is named by its title where it has one: people know "提交审批", not
    the event key ``endorse``."""
    excludes: dict[str, Any] = transition.get("excludes") or {}
    if excludes.get("submitter") and actor.is_submitter:
        return Refusal(event, "separation", "workflow.refused.not_submitter")
    if excludes.get("assignee") and actor.is_assignee:
        return Refusal(event, "separation", "workflow.refused.not_assignee")
    for earlier in excludes.get("firedBy", []):
        if earlier in actor.fired:
            return Refusal(
                event,
                "separation",
                "workflow.refused.not_who_fired",
                {"event": earlier, "step": titles.get(earlier) or earlier},
            )
    return None


def _role_rules(
    transition: dict[str, Any], event: str, actor: Actor, context: dict[str, Any]
) -> Refusal | None:
    """Roles that depend on the case: when a rule holds, only these roles may fire it.

    An undecided ``when`` applies the restriction: a control that cannot tell whether it
    applies must not open the step to everyone.
    """
    for rule in transition.get("roleRules", []):
        if guard_outcome(rule["when"], context).decision is False:
            continue
        if not any(actor.plays(role) for role in rule["roles"]):
            return Refusal(
                event,
                "role",
                "workflow.refused.role_when",
                {"roles": tuple(rule["roles"])},
                guard_message=rule.get("message"),
            )
    return None


def _check_input(
    transition: dict[str, Any], event: str, input_: dict[str, Any] | None
) -> Refusal | None:
    wanted = transition.get("input")
    if not wanted:
        return None
    if "form" in wanted:
        if not input_ or not input_.get("submissionId"):
            return Refusal(
                event, "input_missing", "workflow.refused.form_missing", {"form": wanted["form"]}
            )
        return None
    # The same JSON Schema as form answers: ECMA-262 patterns, the portal's formats.
    validator = validator_for(wanted["schema"])
    issues = issues_from_errors(validator.iter_errors(input_ or {}))
    if issues:
        return Refusal(
            event,
            "input_invalid",
            "workflow.refused.input_invalid",
            {"count": len(issues)},
            issues=tuple(FieldIssue(("input", *i.path), i.code, i.params) for i in issues),
        )
    return None
