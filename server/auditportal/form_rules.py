"""A form's own rules over the whole rule context: finding rules and cross-checks.

The form definition's ``rules`` keyword (see ``schema/form-definition.schema.json``)::

    "rules": {
      "findings": [{"key", "when": <JsonLogic>, "severity", "title"}],
      "crossChecks": [{"key", "answer": "contract.amount",
                       "against": "customer.crm.transactionVolume",
                       "tolerance": {"absolute": 100, "percent": 1}, "severity", "title"}]
    }

A finding rule raises its finding when ``when`` is true over the context every rule reads
(``answers``, ``customer``, ``actor``, ``submission``; ``auditportal.rule_context``), so a
rule may compare two answers, or an answer with the register. A cross-check compares one
answer with a value of the context: numbers may differ by the larger of the absolute and
the percent tolerance (percent of the expected value), anything else must be equal (text
trimmed). An empty side is not a difference: the check is *unchecked* (nulls are explicit,
see ``auditportal.rules``), and a sealed (sensitive) answer is never compared.

Findings these rules raise carry ``rule`` (the rule's key) and, for cross-checks,
``expected`` and ``difference``: a re-run replaces exactly the findings with a ``rule``.
Pure: no database here (``submissions.form_rules`` runs them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditportal.errors import FieldIssue, PathPart
from auditportal.rule_context import NULLABLE, PARTS
from auditportal.rules import RuleLanguage, check_rule, evaluate, undecided_warnings

FORM_RULES = RuleLanguage(
    roots=PARTS,
    not_rule="form.rule_not_rule",
    unknown_operator="form.rule_unknown_operator",
    bad_variable="form.rule_bad_variable",
    nullable_roots=NULLABLE,
)


def _rules(definition: Any) -> dict[str, Any]:
    rules = definition.get("rules") if isinstance(definition, dict) else None
    return rules if isinstance(rules, dict) else {}


def has_rules(definition: Any) -> bool:
    rules = _rules(definition)
    return bool(rules.get("findings") or rules.get("crossChecks"))


def check_form_rules(definition: dict[str, Any], answer_paths: set[str]) -> list[FieldIssue]:
    """Problems of the rules (after the meta-schema): JsonLogic, known parts, known answers
    for cross-checks (``answer_paths``: the form's field paths, dotted), unique keys."""
    rules = _rules(definition)
    issues: list[FieldIssue] = []
    seen: set[str] = set()
    for kind in ("findings", "crossChecks"):
        for index, rule in enumerate(rules.get(kind, [])):
            at: tuple[PathPart, ...] = ("rules", kind, index)
            if rule["key"] in seen:
                issues.append(FieldIssue((*at, "key"), "form.rule_duplicate_key", rule))
            seen.add(rule["key"])
            if kind == "findings":
                issues += check_rule(rule["when"], (*at, "when"), FORM_RULES)
                continue
            if rule["answer"] not in answer_paths:
                issues.append(
                    FieldIssue(
                        (*at, "answer"), "form.rule_unknown_answer", {"name": rule["answer"]}
                    )
                )
            if rule["against"].split(".", 1)[0] not in PARTS:
                issues.append(
                    FieldIssue(
                        (*at, "against"), "form.rule_bad_variable", {"name": rule["against"]}
                    )
                )
    return issues


def form_rule_warnings(definition: Any) -> list[FieldIssue]:
    """Finding rules that are undecided when a value is empty (they then raise nothing)."""
    warnings: list[FieldIssue] = []
    for index, rule in enumerate(_rules(definition).get("findings") or []):
        if isinstance(rule, dict) and "when" in rule:
            at = ("rules", "findings", index, "when")
            warnings += undecided_warnings(rule["when"], at, FORM_RULES)
    return warnings


@dataclass
class RuleResults:
    findings: list[dict[str, Any]] = field(default_factory=list)
    # Rule keys that could not be decided (an empty or sealed value).
    unchecked: list[str] = field(default_factory=list)


def _lookup(path: str, context: dict[str, Any]) -> Any:
    return evaluate({"var": path}, context).value


def _differs(answer: Any, expected: Any, tolerance: dict[str, Any]) -> tuple[bool, float | None]:
    numeric = all(
        isinstance(value, int | float) and not isinstance(value, bool)
        for value in (answer, expected)
    )
    if numeric:
        difference = abs(float(answer) - float(expected))
        allowed = max(
            float(tolerance.get("absolute", 0)),
            abs(float(expected)) * float(tolerance.get("percent", 0)) / 100.0,
        )
        return difference > allowed + 1e-9, round(difference, 6)
    left = answer.strip() if isinstance(answer, str) else answer
    right = expected.strip() if isinstance(expected, str) else expected
    return left != right, None


def run_form_rules(definition: dict[str, Any], context: dict[str, Any]) -> RuleResults:
    """The findings the form's rules raise over this context."""
    rules = _rules(definition)
    results = RuleResults()
    for rule in rules.get("findings", []):
        decision = evaluate(rule["when"], context).decision
        if decision is None:
            results.unchecked.append(rule["key"])
        elif decision:
            results.findings.append(
                {
                    "path": [],
                    "severity": rule["severity"],
                    "title": rule["title"],
                    "answer": None,
                    "rule": rule["key"],
                }
            )
    for rule in rules.get("crossChecks", []):
        answer = _lookup(f"answers.{rule['answer']}", context)
        expected = _lookup(rule["against"], context)
        if answer is None or expected is None or isinstance(answer, dict):
            results.unchecked.append(rule["key"])  # empty, or sealed: nothing to compare
            continue
        differs, difference = _differs(answer, expected, rule.get("tolerance") or {})
        if differs:
            results.findings.append(
                {
                    "path": rule["answer"].split("."),
                    "severity": rule["severity"],
                    "title": rule["title"],
                    "answer": answer,
                    "rule": rule["key"],
                    "expected": expected,
                    "difference": difference,
                }
            )
    return results


def merged(stored: list[dict[str, Any]], raised: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The field findings kept, the rule findings replaced by this run's."""
    return [finding for finding in stored if "rule" not in finding] + raised
