"""Pure parts of sampling: periods, sample sizes, the seeded stratified draw, Wilson intervals.

Everything here is deterministic given its inputs, so that the same seed over the same
population draws the same sample on SQLite and PostgreSQL: the population is sorted by the
submission id's text before drawing, and each tier draws from its own seeded generator.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from statistics import NormalDist
from typing import TypeVar
from uuid import UUID

from auditportal.verification.models import PeriodUnit

T = TypeVar("T")

TIERS: tuple[str, ...] = ("key", "normal", "high_risk")

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Period:
    label: str
    start: datetime
    end: datetime  # exclusive


def parse_period(label: str, unit: PeriodUnit) -> Period | None:
    """``2026-11`` (month) or ``2026-Q4`` (quarter), as UTC bounds; None when malformed."""
    if unit is PeriodUnit.MONTH:
        found = _MONTH.match(label)
        if not found:
            return None
        year, month = int(found[1]), int(found[2])
        first = date(year, month, 1)
        after = date(year + (month == 12), month % 12 + 1, 1)
    else:
        found = _QUARTER.match(label)
        if not found:
            return None
        year, quarter = int(found[1]), int(found[2])
        first = date(year, 3 * quarter - 2, 1)
        after = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return Period(
        label,
        datetime(first.year, first.month, 1, tzinfo=UTC),
        datetime(after.year, after.month, 1, tzinfo=UTC),
    )


def attribute_sample_size(
    population: int, confidence: float, tolerable_error: float, expected_error: float
) -> int:
    """The attribute-sampling size n0 = z² p (1 - p) / E², with the finite population
    correction n = n0 / (1 + (n0 - 1) / N), rounded up and at most N."""
    if population <= 0:
        return 0
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = expected_error
    n0 = z * z * p * (1 - p) / (tolerable_error * tolerable_error)
    n = n0 / (1 + (n0 - 1) / population)
    return max(1, min(population, math.ceil(n - 1e-9)))


def stratified_sample(
    population: Mapping[str, Sequence[T]], sizes: Mapping[str, int], seed: int
) -> dict[str, list[T]]:
    """Per tier, ``sizes[tier]`` ids drawn without replacement, reproducibly from ``seed``
    (ids of any type whose text is the UUID's: the driver's own UUID type is fine)."""
    drawn: dict[str, list[T]] = {}
    for tier in sorted(population):
        ids = sorted(population[tier], key=str)
        wanted = min(sizes.get(tier, 0), len(ids))
        generator = random.Random(f"{seed}:{tier}")
        drawn[tier] = sorted(generator.sample(ids, wanted), key=str)
    return drawn


def verifier_order(candidates: Iterable[UUID], seed: int) -> list[UUID]:
    """The verifiers in a seeded order: assignments go round it, skipping the submitter."""
    ordered = sorted(candidates, key=str)
    random.Random(f"{seed}:verifiers").shuffle(ordered)
    return ordered


def wilson(successes: int, total: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (0, 0 for no trials)."""
    if total <= 0:
        return (0.0, 0.0)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def leaf_pointers(document: object, prefix: str = "") -> list[str]:
    """RFC 6901 pointers of every answered leaf (arrays and objects are walked)."""
    if isinstance(document, dict):
        found: list[str] = []
        for key, value in document.items():
            escaped = str(key).replace("~", "~0").replace("/", "~1")
            found.extend(leaf_pointers(value, f"{prefix}/{escaped}"))
        return found
    if isinstance(document, list):
        found = []
        for index, value in enumerate(document):
            found.extend(leaf_pointers(value, f"{prefix}/{index}"))
        return found
    return [prefix] if prefix else []


_MISSING = object()


def resolve_pointer(document: object, pointer: str) -> object:
    """The value at ``pointer``, or ``MISSING``."""
    if pointer == "":
        return document
    if not pointer.startswith("/"):
        return _MISSING
    current = document
    for raw in pointer[1:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return _MISSING
    return current


def is_missing(value: object) -> bool:
    return value is _MISSING


def with_value(document: object, pointer: str, value: object) -> object:
    """A copy of ``document`` with ``value`` at ``pointer`` (its parent must exist)."""
    import copy

    result = copy.deepcopy(document)
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]
    current: object = result
    for part in parts[:-1]:
        current = current[int(part)] if isinstance(current, list) else current[part]  # type: ignore[index]
    last = parts[-1]
    if isinstance(current, list):
        current[int(last)] = value
    elif isinstance(current, dict):
        current[last] = value
    return result
