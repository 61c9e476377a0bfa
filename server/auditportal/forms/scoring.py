"""Scores and findings computed from answers, by the rules in a version's x- keywords.

Points: each scored field adds the points of the chosen option to its section's raw score
and the best option's points to its maximum; an option scored ``null`` (not applicable)
adds to neither. Percent: the weighted mean of section percents (weights from ``x-weight``,
default 1) over sections that have a maximum.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from auditportal.forms.schema_walk import FieldPath, option_key, values_at, walk_fields

ROOT_SECTION = ""


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


@dataclass(frozen=True)
class ScoredField:
    path: FieldPath
    section: str
    points: dict[str, float | None]

    @property
    def best(self) -> float:
        return max((p for p in self.points.values() if p is not None), default=0.0)


@dataclass(frozen=True)
class FindingRule:
    path: FieldPath
    condition: str
    operand: Any
    severity: str
    title: dict[str, str]

    def raised_by(self, value: Any) -> bool:
        if self.condition == "in":
            return option_key(value) in {option_key(option) for option in self.operand}
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        operand = float(self.operand)
        return {
            "lt": value < operand,
            "lte": value <= operand,
            "gt": value > operand,
            "gte": value >= operand,
        }[self.condition]


@dataclass(frozen=True)
class Section:
    key: str
    weight: float
    title: dict[str, str] | None


@dataclass(frozen=True)
class ScoringPlan:
    fields: tuple[ScoredField, ...]
    findings: tuple[FindingRule, ...]
    sections: dict[str, Section]
    pass_percent: float | None

    @property
    def is_scored(self) -> bool:
        return bool(self.fields)


@dataclass
class SectionScore:
    key: str
    title: dict[str, str] | None
    weight: float
    raw: float = 0.0
    max: float = 0.0

    @property
    def percent(self) -> float | None:
        return round(100.0 * self.raw / self.max, 2) if self.max > 0 else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "weight": self.weight,
            "raw": self.raw,
            "max": self.max,
            "percent": self.percent,
        }


@dataclass
class Evaluation:
    raw: float | None
    max: float | None
    percent: float | None
    passed: bool | None
    sections: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


def plan_for(definition: dict[str, Any]) -> ScoringPlan:
    schema = definition["schema"]
    scored: list[ScoredField] = []
    rules: list[FindingRule] = []
    sections: dict[str, Section] = {}
    for item in walk_fields(schema):
        if item.is_section:
            sections[item.path[0]] = Section(
                key=item.path[0],
                weight=float(item.schema.get("x-weight", 1.0)),
                title=item.schema.get("x-title"),
            )
        section = item.section or ROOT_SECTION
        if "x-scores" in item.schema:
            points = {
                key: (None if value is None else float(value))
                for key, value in item.schema["x-scores"].items()
            }
            scored.append(ScoredField(item.path, section, points))
        for rule in item.schema.get("x-findings", []):
            condition = next(c for c in ("in", "lt", "lte", "gt", "gte") if c in rule)
            rules.append(
                FindingRule(item.path, condition, rule[condition], rule["severity"], rule["title"])
            )
    if any(f.section == ROOT_SECTION for f in scored):
        sections.setdefault(ROOT_SECTION, Section(ROOT_SECTION, 1.0, definition.get("title")))
    pass_percent = (definition.get("scoring") or {}).get("passPercent")
    return ScoringPlan(tuple(scored), tuple(rules), sections, pass_percent)


def evaluate(plan: ScoringPlan, answers: Any) -> Evaluation:
    findings = [
        {
            "path": list(concrete),
            "severity": rule.severity,
            "title": rule.title,
            "answer": value,
        }
        for rule in plan.findings
        for concrete, value in values_at(answers, rule.path)
        if rule.raised_by(value)
    ]
    if not plan.is_scored:
        return Evaluation(None, None, None, None, [], findings)
    totals = {key: SectionScore(key, s.title, s.weight) for key, s in plan.sections.items()}
    for scored in plan.fields:
        total = totals[scored.section]
        for _, value in values_at(answers, scored.path):
            points = scored.points.get(option_key(value), 0.0)
            if points is None:
                continue  # not applicable: neither earned nor possible
            total.raw += points
            total.max += scored.best
    scored_sections = [t for t in totals.values() if t.max > 0]
    raw = sum(t.raw for t in scored_sections)
    maximum = sum(t.max for t in scored_sections)
    weight = sum(t.weight for t in scored_sections)
    percent = (
        round(sum(t.weight * 100.0 * t.raw / t.max for t in scored_sections) / weight, 2)
        if weight
        else None
    )
    passed = None if percent is None or plan.pass_percent is None else percent >= plan.pass_percent
    return Evaluation(
        raw=raw,
        max=maximum,
        percent=percent,
        passed=passed,
        sections=[t.as_dict() for t in totals.values()],
        findings=findings,
    )
