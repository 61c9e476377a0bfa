"""Guards: JsonLogic rules over a transition's context, checked when saved, safe to run.

The generic checking and evaluation live in ``auditportal.rules`` (classification, finding
and cross-check rules use them too); this module fixes what a guard may read and the
messages of its problems. A guard reads the named parts every rule reads (``answers``,
``customer``, ``actor``, ``submission``; see ``auditportal.rule_context``) plus the case's
``instance`` (its data and state) and the transition's ``input``; ``score`` and
``findings`` stay at the top for definitions written before the named parts.
"""

from __future__ import annotations

from typing import Any

from auditportal.errors import FieldIssue, PathPart
from auditportal.rule_context import NULLABLE, PARTS
from auditportal.rules import (
    OPERATORS,
    Outcome,
    RuleLanguage,
    check_rule,
    evaluate,
    undecided_warnings,
)

__all__ = [
    "CONTEXT_ROOTS",
    "OPERATORS",
    "check_guard",
    "guard_allows",
    "guard_outcome",
    "guard_warnings",
]

CONTEXT_ROOTS = PARTS | frozenset({"score", "findings", "instance", "input"})

GUARDS = RuleLanguage(
    roots=CONTEXT_ROOTS,
    not_rule="workflow.guard_not_rule",
    unknown_operator="workflow.guard_unknown_operator",
    bad_variable="workflow.guard_bad_variable",
    nullable_roots=NULLABLE,
)


def check_guard(rule: Any, at: tuple[PathPart, ...]) -> list[FieldIssue]:
    """Every problem with a guard, with its path inside the definition."""
    return check_rule(rule, at, GUARDS)


def guard_warnings(rule: Any, at: tuple[PathPart, ...]) -> list[FieldIssue]:
    """Where a guard is undecided when a value is empty (the step is then refused)."""
    return undecided_warnings(rule, at, GUARDS)


def guard_outcome(rule: Any, context: dict[str, Any]) -> Outcome:
    """The guard's value over the context; undecided when it compares an empty value."""
    if isinstance(rule, bool):
        return Outcome(rule)
    return evaluate(rule, context)


def guard_allows(rule: Any, context: dict[str, Any]) -> bool:
    """Whether the guard is truthy for this context; undecided does not allow."""
    return guard_outcome(rule, context).decision is True
