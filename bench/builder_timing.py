"""Form builder responsiveness: the builder's model work per edit on a 300-field form against
a 30-field form, in Debian's Chromium through Playwright (median ms of several runs).

    .venv/bin/python bench/builder_timing.py            # 7 runs of 20 operations each
    .venv/bin/python bench/builder_timing.py --runs 11

The script bundles web/src/builder/model with rolldown (from web/node_modules), loads it into
a blank Chromium page and times, inside the page:

| row | what runs |
| --- | --- |
| add a field | `addField` of a checklist item into a middle section (a palette click) |
| reorder a section | `moveField` of the first section to the end (a drag on the canvas) |
| preview re-render data | after one answer: localized schema and UI schema, hidden fields, |
|                        | live score (what the test mode recomputes before rjsf renders) |

It measures the model, not React's render of the canvas or rjsf's form (not yet measured:
that needs the signed-in app). The ratio is the 300-field time over the 30-field time, both in
the same page in the same run. A benchmark, not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
HERE = Path(__file__).resolve().parent


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    node = shutil.which("node", path=str(ROOT / ".venv" / "bin")) or "node"
    with tempfile.TemporaryDirectory() as tmp:
        entry = Path(tmp) / "harness.mjs"
        model = str(WEB / "src/builder/model/index.ts")
        harness = (HERE / "builder_timing_harness.mjs").read_text()
        entry.write_text(harness.replace("%MODEL%", model))
        bundle = Path(tmp) / "bundle.js"
        subprocess.run(  # noqa: S603 (our own tools, fixed arguments)
            [
                str(WEB / "node_modules/.bin/rolldown"),
                str(entry),
                "--format",
                "iife",
                "--file",
                str(bundle),
            ],
            cwd=WEB,
            check=True,
            capture_output=True,
            env={"PATH": f"{ROOT / '.venv' / 'bin'}:/usr/bin:/bin"},
        )
        runner = HERE / "builder_timing_runner.cjs"
        result = subprocess.run(  # noqa: S603 (our own tools, fixed arguments)
            [node, str(runner), str(bundle), str(args.runs)],
            cwd=WEB,
            check=True,
            capture_output=True,
            text=True,
            env={
                "PATH": f"{ROOT / '.venv' / 'bin'}:/usr/bin:/bin",
                "NODE_PATH": str(WEB / "node_modules"),
            },
        )
    rows = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"builder model, Chromium, median of {args.runs} runs x 20 operations (ms per op)")
    print(f"{'operation':<26}{'30 fields':>12}{'300 fields':>12}{'300 / 30':>10}")
    for op, label in (
        ("add", "add a field"),
        ("move", "reorder a section"),
        ("preview", "preview re-render data"),
    ):
        small = median([r[op] for r in rows if r["n"] == 30])
        large = median([r[op] for r in rows if r["n"] == 300])
        ratio = large / small if small else float("nan")
        print(f"{label:<26}{small:>12.3f}{large:>12.3f}{ratio:>10.1f}")


if __name__ == "__main__":
    main()
