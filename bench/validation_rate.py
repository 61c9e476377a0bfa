"""Validations per second of the 50-field checklist's answers: the portal's validator
against the one a user would pick.

- portal: ``compile_definition(content_hash, definition).check(answers)``, the path a
  submission takes (built once per content hash and reused): jsonschema-rs answers "valid?"
  (``auditportal.forms.fast``), and only an invalid document runs the detailed validator
  that words the issues.
- portal detailed only: the check as it was before the fast path (Python's jsonschema with
  the portal's keywords, every error turned into issues), for comparison in the same run.
- baseline: a validator compiled once and reused, reporting every error: jsonschema-rs
  (Rust; draft 2020-12, a dependency of the portal now), else jsonschema's own
  ``Draft202012Validator`` with its format checker. fastjsonschema is not used: it stops
  at draft 7 and our forms are 2020-12.

Rows for an invalid answer document (several errors) show what error reporting costs.
No database is used; ``--backend`` is accepted only so that every bench script takes the
same arguments.

    .venv/bin/python bench/validation_rate.py [--runs N] [--n N]
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
CACHED_FACTOR = 10  # the cached rows are much faster: run them this many times more often

_DATA_DIR = Path(tempfile.mkdtemp(prefix="auditportal-bench-"))
# Settings are read once per process: fix them before anything imports auditportal.
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
from tests.factories import large_answers, large_checklist  # noqa: E402

from auditportal.forms.compiled import compile_definition  # noqa: E402
from auditportal.forms.definition import content_hash  # noqa: E402
from auditportal.forms.validation import issues_from_errors  # noqa: E402


@dataclass
class Row:
    label: str
    call: Callable[[], object]
    iterations: int
    seconds: list[float] = field(default_factory=list)


def invalid_answers() -> dict[str, Any]:
    """The good answers with six mistakes of five kinds."""
    answers = copy.deepcopy(large_answers())
    answers["s0"]["q0_0"] = "maybe"  # not an option (enum)
    answers["s0"]["q0_1"] = 1  # wrong type and not an option
    del answers["s1"]["q1_0"]  # required answer missing
    answers["s2"]["extra"] = "yes"  # unknown field (additionalProperties)
    answers["s3"]["q3_9"] = None  # wrong type and not an option
    answers["s4"] = "n/a"  # a whole section of the wrong type
    return answers


def best_validator(schema: dict[str, Any]) -> tuple[str, Callable[[Any], object]]:
    """The fastest validator installed, compiled once: (its name, every error of a document)."""
    try:
        import jsonschema_rs
    except ImportError:
        compiled = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        return "jsonschema Draft202012Validator (compiled once)", lambda a: list(
            compiled.iter_errors(a)
        )
    rs = jsonschema_rs.validator_for(schema, validate_formats=True)
    return "jsonschema-rs (compiled once)", lambda a: list(rs.iter_errors(a))


def measure(rows: list[Row], runs: int) -> None:
    for row in rows:  # warm up: imports, the compile cache, format checkers
        for _ in range(3):
            row.call()
    for number in range(runs):
        # Interleave the rows within each run, so that drift affects all of them alike.
        for row in rows:
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


def print_table(rows: list[Row], baseline: Row, runs: int, invalid_issues: int) -> float:
    base_rate = baseline.iterations / statistics.median(baseline.seconds)
    header = ["what", "calls/run", "validations/s", "us/validation", "rate vs baseline"]
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
    print(
        f"validation_rate: 50-field scored checklist answers, median of {runs} runs "
        f"(invalid document: {invalid_issues} issues reported by check)"
    )
    print(line(header))
    print(line(["-" * w for w in widths]))
    for cells in table:
        print(line(cells))
    portal = rows[1]
    return (statistics.median(portal.seconds) / portal.iterations) / (
        statistics.median(baseline.seconds) / baseline.iterations
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--backend",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="ignored: this benchmark uses no database",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument(
        "--n",
        type=int,
        default=200,
        help=f"validations per run: every row runs {CACHED_FACTOR}x N (default 200)",
    )
    args = parser.parse_args()
    try:
        definition = large_checklist()
        schema = definition["schema"]
        digest = content_hash(definition)
        good = large_answers()
        bad = invalid_answers()
        issues = compile_definition(digest, definition).check(bad)
        if compile_definition(digest, definition).check(good) or not issues:
            raise RuntimeError("the benchmark's answer documents are not what they should be")

        compiled = compile_definition(digest, definition)

        def detailed(answers: Any) -> object:
            errors = sorted(
                compiled.validator.iter_errors(answers),
                key=lambda e: [str(p) for p in e.absolute_path],
            )
            return issues_from_errors(errors)

        if detailed(bad) != issues:
            raise RuntimeError("the fast path changed the issues of an invalid document")
        name, errors_of = best_validator(schema)
        baseline = Row(f"{name}, valid", lambda: errors_of(good), args.n * CACHED_FACTOR)
        rows = [
            baseline,
            Row(
                "portal compiled check (cached), valid",
                lambda: compile_definition(digest, definition).check(good),
                args.n * CACHED_FACTOR,
            ),
            Row(
                f"portal compiled check (cached), invalid ({len(issues)} issues)",
                lambda: compile_definition(digest, definition).check(bad),
                args.n * CACHED_FACTOR,
            ),
            Row(f"{name}, invalid", lambda: errors_of(bad), args.n * CACHED_FACTOR),
            Row("portal detailed only (the path before), valid", lambda: detailed(good), args.n),
        ]
        measure(rows, args.runs)
        slower = print_table(rows, baseline, args.runs, len(issues))
        print(f"portal check / {name}: {slower:.2f}x the time per valid document")
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from support import record_ratio

        record_ratio("validation_rate", f"valid check vs {name}", slower, None, "lower")
    finally:
        shutil.rmtree(_DATA_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
