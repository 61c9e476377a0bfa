"""Every ratio the benches noted (``support.record_ratio``), with its goal, in one table.

AUDITPORTAL_BENCH_RESULTS=<folder> .venv/bin/python bench/summary.py
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(title)
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main() -> int:
    folder = Path(os.environ.get("AUDITPORTAL_BENCH_RESULTS", tempfile.gettempdir()))
    found = [json.loads(p.read_text()) for p in sorted(folder.glob("bench-ratio-*.json"))]
    if not found:
        print(f"no bench ratios in {folder}")
        return 0
    rows = [
        [
            item["bench"],
            item["figure"],
            f"{item['ratio']:.2f}",
            "-"
            if item["goal"] is None
            else ("<= " if item["better"] == "lower" else ">= ") + f"{item['goal']:g}",
            "-" if item["met"] is None else "yes" if item["met"] else "no",
        ]
        for item in found
    ]
    print_table(
        "\nSummary: every ratio and its goal (one noisy run on a shared 2-core machine)",
        ["bench", "figure", "ratio", "goal", "met"],
        rows,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
