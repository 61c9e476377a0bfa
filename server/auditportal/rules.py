"""JsonLogic rules: checked against the standard operators and known variables, safe to run.

JsonLogic (jsonlogic.com) is data, not code: rules can be built with pickers in a browser
and evaluated the same way there (json-logic-js) and here (jsonlogic-rs, a Rust
implementation that passes the shared JsonLogic test suite). Evaluators treat an unknown
operator as plain data, so rules are checked against the standard operators when they are
saved, and every variable must name a known root of the context. Workflow guards, finding
and cross-check rules of forms and the customer classification rules all use this module,
each with its own roots and messages, over one context with named parts (see
``auditportal.rule_context``): ``answers``, ``customer``, ``actor``, ``submission``.

Nulls are explicit. Plain JsonLogic reads a missing value as null and compares null as 0,
so ``{"<": [{"var": "answers.amount"}, 100]}`` passes when the optional amount was never
answered. Here a comparison or arithmetic over an empty value is *undecided*: it neither
passes nor fails, and undecided propagates the way SQL's NULL does (Kleene logic):
``and`` with a false part is false, ``or`` with a true part is true, otherwise undecided;
``!`` of undecided is undecided. Presence stays testable on purpose: ``!!``/``!`` of a
variable, ``missing``, a ``var`` default, and ``==``/``!=`` against a literal ``null`` read
an empty value as the admin wrote them. The caller decides what undecided means (a guard
refuses and names the empty fields; a finding rule raises nothing; classification does not
match), and ``undecided_warnings`` tells the definition's author where it can happen.
Inside ``map``/``filter``/``reduce``/``all``/``none``/``some`` the items are the data's own
and evaluation is plain JsonLogic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
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
# An empty operand makes these undecided (unless compared with a literal null).
_COMPARING = frozenset({"==", "===", "!=", "!==", ">", ">=", "<", "<=", "in"})
_EQUALITY = frozenset({"==", "===", "!=", "!=="})
_ARITHMETIC = frozenset({"+", "-", "*", "/", "%", "max", "min"})
# Presence tests: an empty value here is what the author asks about.
_PRESENCE = frozenset({"!", "!!", "missing", "missing_some"})


@dataclass(frozen=True)
class RuleLanguage:
    """What a kind of rule may read, and the message keys of its problems."""

    roots: frozenset[str]
    not_rule: str
    unknown_operator: str
    bad_variable: str
    # Roots whose values may be empty (unanswered, not yet graded): warned about.
    nullable_roots: frozenset[str] = frozenset()


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


# --- evaluation with explicit nulls ---------------------------------------------------


class _Undecided:
    """The value of a comparison or arithmetic over an empty value."""

    _instance: _Undecided | None = None

    def __new__(cls) -> _Undecided:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNDECIDED"


UNDECIDED = _Undecided()


@dataclass
class Outcome:
    """A rule's value, or undecided, and the variables that were empty where it mattered."""

    value: Any
    empty: list[str] = field(default_factory=list)

    @property
    def undecided(self) -> bool:
        return self.value is UNDECIDED

    @property
    def decision(self) -> bool | None:
        """True or False by JsonLogic truthiness; None when undecided."""
        return None if self.undecided else truthy(self.value)


def evaluate(rule: Any, context: Any) -> Outcome:
    """The rule's value over the context, with empty values undecided (see the module)."""
    empty: list[str] = []
    value = _eval(rule, context, empty)
    return Outcome(value, list(dict.fromkeys(empty)))


def rule_allows(rule: Any, context: Any) -> bool:
    """Whether the rule is truthy for this context; undecided is not allowed."""
    if isinstance(rule, bool):
        return rule
    return evaluate(rule, context).decision is True


def truthy(value: Any) -> bool:
    # JsonLogic: [] and "0"-free semantics follow JavaScript, except that [] is false.
    if isinstance(value, list):
        return len(value) > 0
    return bool(value)


def _plain(rule: Any, context: Any) -> Any:
    return jsonlogic_rs.apply(rule, context)


def _var_name(node: Any) -> str | None:
    """The name a plain ``{"var": name}`` (without a default) reads, else None."""
    if not isinstance(node, dict) or len(node) != 1 or "var" not in node:
        return None
    arguments = node["var"]
    if isinstance(arguments, list):
        if len(arguments) != 1:
            return None  # a default: the author said what empty means
        arguments = arguments[0]
    return str(arguments) if isinstance(arguments, str | int) else None


def _eval(node: Any, context: Any, empty: list[str]) -> Any:
    if isinstance(node, list):
        return [_eval(item, context, empty) for item in node]
    if not isinstance(node, dict) or len(node) != 1:
        return node
    operator, arguments = next(iter(node.items()))
    if operator not in OPERATORS:
        return _plain(node, context)
    arguments = arguments if isinstance(arguments, list) else [arguments]
    if operator == "and":
        return _and(arguments, context, empty)
    if operator == "or":
        return _or(arguments, context, empty)
    if operator in ("!", "!!"):
        value = _eval(arguments[0], context, empty) if arguments else None
        if value is UNDECIDED:
            return UNDECIDED
        return truthy(value) if operator == "!!" else not truthy(value)
    if operator in ("if", "?:"):
        return _if(arguments, context, empty)
    if operator in _COMPARING or operator in _ARITHMETIC:
        return _operate(operator, arguments, context, empty)
    if operator == "var" and len(arguments) >= 2:
        # A default stands for an empty value too (plain JsonLogic: only a missing one).
        value = _plain(node, context)
        return _eval(arguments[1], context, empty) if value is None else value
    # var, missing, iteration, strings, merge, log: plain JsonLogic.
    return _plain(node, context)


def _and(arguments: list[Any], context: Any, empty: list[str]) -> Any:
    undecided = False
    value: Any = True
    for argument in arguments:
        value = _eval(argument, context, empty)
        if value is UNDECIDED:
            undecided = True
        elif not truthy(value):
            return value  # false wins over undecided
    return UNDECIDED if undecided else value


def _or(arguments: list[Any], context: Any, empty: list[str]) -> Any:
    undecided = False
    value: Any = False
    for argument in arguments:
        value = _eval(argument, context, empty)
        if value is UNDECIDED:
            undecided = True
        elif truthy(value):
            return value  # true wins over undecided
    return UNDECIDED if undecided else value


def _if(arguments: list[Any], context: Any, empty: list[str]) -> Any:
    index = 0
    while index + 1 < len(arguments):
        condition = _eval(arguments[index], context, empty)
        if condition is UNDECIDED:
            return UNDECIDED
        if truthy(condition):
            return _eval(arguments[index + 1], context, empty)
        index += 2
    return _eval(arguments[index], context, empty) if index < len(arguments) else None


def _operate(operator: str, arguments: list[Any], context: Any, empty: list[str]) -> Any:
    values = [_eval(argument, context, empty) for argument in arguments]
    explicit_null = operator in _EQUALITY and any(argument is None for argument in arguments)
    if not explicit_null:
        undecided = False
        for argument, value in zip(arguments, values, strict=True):
            if value is UNDECIDED:
                undecided = True
            elif value is None:
                undecided = True
                empty.append(_var_name(argument) or "")
        if undecided:
            return UNDECIDED
    # Operands go in through the data, so that an object value is never read as a rule.
    return _plain({operator: [{"var": str(i)} for i in range(len(values))]}, values)


# --- warnings ---------------------------------------------------------------------------


def undecided_warnings(
    rule: Any, at: tuple[PathPart, ...], language: RuleLanguage, code: str = "rule.may_be_empty"
) -> list[FieldIssue]:
    """Where the rule compares or computes with a value that may be empty, and nothing in
    the rule tests for it: the rule is undecided then (see the module). Not errors: an
    admin may mean exactly that."""
    if isinstance(rule, bool) or not isinstance(rule, dict):
        return []
    tested = {name for name, _ in _presence_tests(rule)}
    warnings: list[FieldIssue] = []
    for name, where in _compared_vars(rule, at):
        root = name.split(".", 1)[0]
        if root in language.nullable_roots and name not in tested:
            warnings.append(FieldIssue(where, code, {"name": name}))
    return warnings


def _walk(node: Any, at: tuple[PathPart, ...]) -> Iterator[tuple[str, Any, tuple[PathPart, ...]]]:
    """(operator, arguments as a list, path) of every operation outside iterations."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, (*at, index))
        return
    if not isinstance(node, dict) or len(node) != 1:
        return
    operator, arguments = next(iter(node.items()))
    here = (*at, operator)
    listed = arguments if isinstance(arguments, list) else [arguments]
    yield operator, listed, here
    if operator in _ITERATING:
        yield from _walk(listed[0] if listed else None, (*here, 0))
        return
    if isinstance(arguments, list):
        yield from _walk(arguments, here)
    else:
        yield from _walk(arguments, here)


def _presence_tests(rule: Any) -> Iterator[tuple[str, tuple[PathPart, ...]]]:
    for operator, arguments, at in _walk(rule, ()):
        if operator in ("!", "!!"):
            name = _var_name(arguments[0]) if arguments else None
            if name:
                yield name, at
        elif operator in ("missing", "missing_some"):
            names = arguments[-1] if operator == "missing_some" and arguments else arguments
            for name in names if isinstance(names, list) else [names]:
                if isinstance(name, str):
                    yield name, at
        elif operator in _EQUALITY and any(argument is None for argument in arguments):
            for argument in arguments:
                name = _var_name(argument)
                if name:
                    yield name, at


def _compared_vars(
    rule: Any, at: tuple[PathPart, ...]
) -> Iterator[tuple[str, tuple[PathPart, ...]]]:
    for operator, arguments, here in _walk(rule, at):
        if operator not in _COMPARING and operator not in _ARITHMETIC:
            continue
        if operator in _EQUALITY and any(argument is None for argument in arguments):
            continue
        for index, argument in enumerate(arguments):
            name = _var_name(argument)
            if name:
                yield name, (*here, index)
