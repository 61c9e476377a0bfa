"""Checking a KYC-style form's answers: the portal's validator against stock jsonschema.

The form has what the portal's own validator does differently: ECMA-262 patterns (an ID
number, a mobile number, a Chinese name in \\p{Script=Han}), money with ``multipleOf: 0.01``,
e-mail addresses, a $ref'd and a patternProperties sensitive value. Rows:

- stock jsonschema (the baseline a Python team would pick): ``Draft202012Validator`` built
  once, Python ``re`` patterns (``\\p{Script=Han}`` rewritten to a Python class, since ``re``
  has no ``\\p``), float ``multipleOf``, its e-mail check (any "@").
- portal check: ``compile_definition(...).check(answers)``, cached, as a submission runs it.
- portal check + sealing places: the check plus ``sensitive_locations`` (where to encrypt),
  everything a submission computes before encrypting.

No database is used. ``--backend`` is accepted only so every bench script takes the same
arguments.

    .venv/bin/python bench/ecma_validation.py [--runs N] [--n N]
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
_DATA_DIR = Path(tempfile.mkdtemp(prefix="auditportal-bench-"))
os.environ.update(
    {
        "AUDITPORTAL_ROOT_DIR": str(REPO_ROOT),
        "AUDITPORTAL_DATA_DIR": str(_DATA_DIR / "data"),
        "AUDITPORTAL_DEBUG": "false",
        "AUDITPORTAL_LOG_LEVEL": "WARNING",
        "AUDITPORTAL_PUBLIC_URL": "http://bench",
    }
)
os.environ.pop("AUDITPORTAL_DATABASE_URL", None)
sys.path.insert(0, str(REPO_ROOT))

from jsonschema import Draft202012Validator  # noqa: E402
from tests.factories import t  # noqa: E402

from auditportal.forms.compiled import compile_definition  # noqa: E402
from auditportal.forms.definition import content_hash  # noqa: E402

PEOPLE = 20  # rows of the people table in one submission


def definition() -> dict[str, Any]:
    person = {
        "type": "object",
        "x-title": t("Person"),
        "required": ["name", "idNumber", "mobile"],
        "properties": {
            "name": {"type": "string", "pattern": r"^\p{Script=Han}{2,4}$", "x-title": t("Name")},
            "idNumber": {"x-title": t("ID number"), "$ref": "#/$defs/idNumber"},
            "mobile": {"type": "string", "pattern": r"^1\d{10}$", "x-title": t("Mobile")},
            "email": {"type": "string", "format": "email", "x-title": t("Email")},
            "salary": {"type": "number", "multipleOf": 0.01, "x-title": t("Salary")},
        },
        "patternProperties": {
            "^card_": {"type": "string", "x-title": t("Card"), "x-sensitive": True}
        },
    }
    return {
        "key": "kyc-bench",
        "category": "custom",
        "title": t("KYC"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "$defs": {
                "idNumber": {
                    "type": "string",
                    "pattern": r"^\d{17}[\dX]$",
                    "x-title": t("ID number"),
                    "x-sensitive": True,
                }
            },
            "properties": {
                "people": {"type": "array", "items": person, "x-title": t("People")},
                "total": {"type": "number", "multipleOf": 0.01, "x-title": t("Total")},
            },
        },
    }


def answers() -> dict[str, Any]:
    people = [
        {
            "name": "张三丰",
            "idNumber": f"1101051949123{i:04d}X",
            "mobile": f"1380000{i:04d}",
            "email": f"zhang.{i}@example.cn",
            "salary": 12345.67 + i,
            "card_visa": "4111111111111111",
        }
        for i in range(PEOPLE)
    ]
    return {"people": people, "total": 19.99}


def stock_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """What stock jsonschema can compile: Python re has no \\p{Script=Han}."""
    stock = copy.deepcopy(schema)
    name = stock["properties"]["people"]["items"]["properties"]["name"]
    name["pattern"] = r"^[\u4e00-\u9fff]{2,4}$"
    return stock


@dataclass
class Row:
    label: str
    call: Callable[[], object]
    iterations: int
    seconds: list[float] = field(default_factory=list)


def measure(rows: list[Row], runs: int) -> None:
    for row in rows:
        for _ in range(3):
            row.call()
    for number in range(runs):
        for row in rows:  # interleaved, so drift affects all rows alike
            call = row.call
            start = time.perf_counter()
            for _ in range(row.iterations):
                call()
            row.seconds.append(time.perf_counter() - start)
        print(f"  run {number + 1}/{runs} done", file=sys.stderr, flush=True)


def _ratio(rate: float, base: float) -> str:
    if 0.95 <= rate / base <= 1.05:
        return f"{rate / base:.2f}x (same)"
    if rate > base:
        return f"{rate / base:.1f}x faster"
    return f"{base / rate:.1f}x slower"


def print_table(rows: list[Row], baseline: Row, runs: int) -> None:
    base_rate = baseline.iterations / statistics.median(baseline.seconds)
    header = ["what", "calls/run", "checks/s", "us/check", "vs stock jsonschema"]
    table = []
    for row in rows:
        med = statistics.median(row.seconds)
        rate = row.iterations / med
        ratio = "1.0x (baseline)" if row is baseline else _ratio(rate, base_rate)
        table.append(
            [
                row.label,
                str(row.iterations),
                f"{rate:,.0f}",
                f"{1e6 * med / row.iterations:.1f}",
                ratio,
            ]
        )
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([cells[0].ljust(widths[0]), *rest])

    print()
    print(f"ecma_validation: KYC answers with {PEOPLE} people, median of {runs} runs")
    print(line(header))
    print(line(["-" * w for w in widths]))
    for cells in table:
        print(line(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--n", type=int, default=300, help="checks per row and run")
    args = parser.parse_args()
    try:
        form = definition()
        digest = content_hash(form)
        good = answers()
        compiled = compile_definition(digest, form)
        stock = Draft202012Validator(
            stock_schema(form["schema"]), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        if compiled.check(good):
            raise RuntimeError(f"the answers should be valid: {compiled.check(good)}")
        places = compiled.sensitive_locations(good)
        if len(places) != 2 * PEOPLE:
            raise RuntimeError(f"expected {2 * PEOPLE} sensitive places, found {len(places)}")
        baseline = Row("stock jsonschema (cached validator)", lambda: stock.is_valid(good), args.n)
        rows = [
            baseline,
            Row(
                "portal check (cached)",
                lambda: compile_definition(digest, form).check(good),
                args.n,
            ),
            Row(
                "portal check + sealing places",
                lambda: (compiled.check(good), compiled.sensitive_locations(good)),
                args.n,
            ),
        ]
        measure(rows, args.runs)
        print_table(rows, baseline, args.runs)
    finally:
        shutil.rmtree(_DATA_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
