"""Guards: JsonLogic rules over a transition's context, checked when saved, safe to run.

The generic checking and evaluation live in ``auditportal.rules`` (the customer
classification rules use them too); this module fixes what a guard may read and the
messages of its problems.
"""

from __future__ import annotations

from typing import Any

from auditportal.errors import FieldIssue, PathPart
from auditportal.rules import OPERATORS, RuleLanguage, check_rule, rule_allows

__all__ = ["CONTEXT_ROOTS", "OPERATORS", "check_guard", "guard_allows"]

# What a guard may read: the subject's answers, score and findings, the instance, the input.
CONTEXT_ROOTS = frozenset({"answers", "score", "findings", "instance", "input"})

GUARDS = RuleLanguage(
    roots=CONTEXT_ROOTS,
    not_rule="workflow.guard_not_rule",
    unknown_operator="workflow.guard_unknown_operator",
    bad_variable="workflow.guard_bad_variable",
)


def check_guard(rule: Any, at: tuple[PathPart, ...]) -> list[FieldIssue]:
    """Every problem with a guard, with its path inside the definition."""
    return check_rule(rule, at, GUARDS)


def guard_allows(rule: Any, context: dict[str, Any]) -> bool:
    """Whether the rule is truthy for this context (JsonLogic truthiness)."""
    return rule_allows(rule, context)
