"""JsonLogic rules: checked against the standard operators and known variables, safe to run.

JsonLogic (jsonlogic.com) is data, not code: rules can be built with pickers in a browser
and evaluated the same way there (json-logic-js) and here (jsonlogic-rs, a Rust
implementation that passes the shared JsonLogic test suite). Evaluators treat an unknown
operator as plain data, so rules are checked against the standard operators when they are
saved, and every variable must name a known root of the context. Workflow guards and the
customer classification rules both use this module, each with its own roots and messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jsonlogic_rs

from auditportal.errors import FieldIssue, PathPart

# The operators of the JsonLogic specification (jsonlogic.com/operations.html).
OPERATORS = frozenset(
    {
        "var", "missing", "missing_some",
        "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or", "and",
        ">", ">=", "<", "<=", "max", "min", "+", "-", "*", "/", "%",
        "map", "filter", "reduce", "all", "none", "some", "merge", "in", "cat", "substr",
        "log",
    }
)  # fmt: skip
# Inside map/filter/reduce/all/none/some, "var" reads the current item (and accumulator).
_ITERATING = frozenset({"map", "filter", "reduce", "all", "none", "some"})


@dataclass(frozen=True)
class RuleLanguage:
    """What a kind of rule may read, and the message keys of its problems."""

    roots: frozenset[str]
    not_rule: str
    unknown_operator: str
    bad_variable: str


def check_rule(rule: Any, at: tuple[PathPart, ...], language: RuleLanguage) -> list[FieldIssue]:
    """Every problem with a rule, with its path inside the document it belongs to."""
    if isinstance(rule, bool):
        return []
    if not isinstance(rule, dict):
        return [FieldIssue(at, language.not_rule)]
    return list(_check(rule, at, language, inside_iteration=False))


def _check(
    node: Any, at: tuple[PathPart, ...], language: RuleLanguage, *, inside_iteration: bool
) -> list[FieldIssue]:
    if isinstance(node, list):
        issues: list[FieldIssue] = []
        for index, item in enumerate(node):
            issues += _check(item, (*at, index), language, inside_iteration=inside_iteration)
        return issues
    if not isinstance(node, dict):
        return []
    if len(node) != 1:
        return [FieldIssue(at, language.not_rule)]
    operator, arguments = next(iter(node.items()))
    here = (*at, operator)
    if operator not in OPERATORS:
        return [FieldIssue(here, language.unknown_operator, {"operator": operator})]
    if operator == "var":
        return _check_var(arguments, here, language, inside_iteration=inside_iteration)
    if operator in _ITERATING and isinstance(arguments, list) and len(arguments) >= 2:
        issues = _check(arguments[0], (*here, 0), language, inside_iteration=inside_iteration)
        for index, argument in enumerate(arguments[1:], start=1):
            issues += _check(argument, (*here, index), language, inside_iteration=True)
        return issues
    return _check(arguments, here, language, inside_iteration=inside_iteration)


def _check_var(
    arguments: Any, at: tuple[PathPart, ...], language: RuleLanguage, *, inside_iteration: bool
) -> list[FieldIssue]:
    name = arguments[0] if isinstance(arguments, list) and arguments else arguments
    if not isinstance(name, str | int):
        return [FieldIssue(at, language.bad_variable, {"name": str(name)})]
    if inside_iteration:
        return []  # reads the current item (or accumulator): its shape is the data's
    root = str(name).split(".", 1)[0]
    if root in language.roots:
        return []
    return [FieldIssue(at, language.bad_variable, {"name": str(name)})]


def rule_allows(rule: Any, context: dict[str, Any]) -> bool:
    """Whether the rule is truthy for this context (JsonLogic truthiness)."""
    if isinstance(rule, bool):
        return rule
    return truthy(jsonlogic_rs.apply(rule, context))


def truthy(value: Any) -> bool:
    # JsonLogic: [] and "0"-free semantics follow JavaScript, except that [] is false.
    if isinstance(value, list):
        return len(value) > 0
    return bool(value)
