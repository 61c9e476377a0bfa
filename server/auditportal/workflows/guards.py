"""Guards: JsonLogic rules over a transition's context, checked when saved, safe to run.

JsonLogic (jsonlogic.com) is data, not code: rules can be built with pickers in a browser
and evaluated the same way there (json-logic-js) and here (jsonlogic-rs, a Rust
implementation that passes the shared JsonLogic test suite). Evaluators treat an unknown
operator as plain data, so rules are checked against the standard operators when a
definition is saved, and every variable must name a known root of the context.
"""

from __future__ import annotations

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
# What a guard may read: the subject's answers, score and findings, the instance, the input.
CONTEXT_ROOTS = frozenset({"answers", "score", "findings", "instance", "input"})
# Inside map/filter/reduce/all/none/some, "var" reads the current item (and accumulator).
_ITERATING = frozenset({"map", "filter", "reduce", "all", "none", "some"})


def check_guard(rule: Any, at: tuple[PathPart, ...]) -> list[FieldIssue]:
    """Every problem with a guard, with its path inside the definition."""
    if isinstance(rule, bool):
        return []
    if not isinstance(rule, dict):
        return [FieldIssue(at, "workflow.guard_not_rule")]
    return list(_check(rule, at, inside_iteration=False))


def _check(node: Any, at: tuple[PathPart, ...], *, inside_iteration: bool) -> list[FieldIssue]:
    if isinstance(node, list):
        issues: list[FieldIssue] = []
        for index, item in enumerate(node):
            issues += _check(item, (*at, index), inside_iteration=inside_iteration)
        return issues
    if not isinstance(node, dict):
        return []
    if len(node) != 1:
        return [FieldIssue(at, "workflow.guard_not_rule")]
    operator, arguments = next(iter(node.items()))
    here = (*at, operator)
    if operator not in OPERATORS:
        return [FieldIssue(here, "workflow.guard_unknown_operator", {"operator": operator})]
    if operator == "var":
        return _check_var(arguments, here, inside_iteration=inside_iteration)
    if operator in _ITERATING and isinstance(arguments, list) and len(arguments) >= 2:
        issues = _check(arguments[0], (*here, 0), inside_iteration=inside_iteration)
        for index, argument in enumerate(arguments[1:], start=1):
            issues += _check(argument, (*here, index), inside_iteration=True)
        return issues
    return _check(arguments, here, inside_iteration=inside_iteration)


def _check_var(
    arguments: Any, at: tuple[PathPart, ...], *, inside_iteration: bool
) -> list[FieldIssue]:
    name = arguments[0] if isinstance(arguments, list) and arguments else arguments
    if not isinstance(name, str | int):
        return [FieldIssue(at, "workflow.guard_bad_variable", {"name": str(name)})]
    if inside_iteration:
        return []  # reads the current item (or accumulator): its shape is the data's
    root = str(name).split(".", 1)[0]
    if root in CONTEXT_ROOTS:
        return []
    return [FieldIssue(at, "workflow.guard_bad_variable", {"name": str(name)})]


def guard_allows(rule: Any, context: dict[str, Any]) -> bool:
    """Whether the rule is truthy for this context (JsonLogic truthiness)."""
    if isinstance(rule, bool):
        return rule
    return _truthy(jsonlogic_rs.apply(rule, context))


def _truthy(value: Any) -> bool:
    # JsonLogic: [] and "0"-free semantics follow JavaScript, except that [] is false.
    if isinstance(value, list):
        return len(value) > 0
    return bool(value)
