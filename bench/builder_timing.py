"""Form builder responsiveness: the builder's model work per edit on a 300-field form against
a 30-field form, in Debian's Chromium through Playwright (median ms of several runs).

    .venv/bin/python bench/builder_timing.py            # 7 runs of 20 operations each
    .venv/bin/python bench/builder_timing.py --runs 11

The script bundles web/src/builder/model with rolldown (from web/node_modules), loads it into
a blank Chromium page and times, inside the page:

| row | what runs |
| --- | --- |
| add a field | `addField` of a checklist item into the middle of the form (the edit the palette makes) |
| reorder a section | `moveField` of the first section to the end (a drag on the canvas) |
| preview re-render data | after one answer: `localizedSchema` + `localizedUiSchema` + `hiddenFields` + `liveScore` (what the test mode recomputes before rjsf renders) |

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

HARNESS = r"""
import * as m from "%MODEL%";
function form(n) {
  const sections = Math.max(1, Math.round(n / 10));
  const properties = {};
  for (let s = 0; s < sections; s++) {
    const inner = {};
    for (let i = 0; i < n / sections; i++) inner[`q${i}`] = m.fieldTemplate(i %% 3 ? "checklistItem" : "shortText", 2).schema;
    properties[`s${s}`] = { type: "object", title: `S${s}`, "x-title": { "zh-CN": `节${s}`, en: `S${s}` }, properties: inner,
      allOf: [{ if: { properties: { q1: { const: "non_compliant" } }, required: ["q1"] }, then: { properties: { why: { type: "string" } } } }] };
  }
  return { key: "bench", category: "inspection_checklist", title: { "zh-CN": "基准", en: "Bench" },
    schema: { type: "object", properties } };
}
function time(fn, reps) {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}
window.bench = (n, reps) => {
  const doc = m.load(form(n));
  const mid = doc.fields[Math.floor(doc.fields.length / 2)];
  const add = time(() => m.addField(doc, "checklistItem", mid.id, 3), reps);
  const first = doc.fields[0];
  const move = time(() => m.moveField(doc, first.id, null, doc.fields.length - 1), reps);
  const answers = { s0: { q1: "non_compliant", q2: "compliant" } };
  const preview = time(() => {
    const s = m.localizedSchema(doc.definition.schema, "zh-CN");
    m.localizedUiSchema(doc.definition.schema, {}, "zh-CN");
    m.hiddenFields(doc, answers);
    m.liveScore(s, answers);
  }, reps);
  return { add, move, preview };
};
"""

RUNNER = r"""
const { chromium } = require("playwright-core");
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const page = await browser.newPage();
  await page.setContent("<html><body></body></html>");
  await page.addScriptTag({ path: process.argv[2] });
  const runs = Number(process.argv[3]);
  const out = [];
  await page.evaluate(() => { window.bench(30, 5); window.bench(300, 5); });
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? [300, 30] : [30, 300];
    for (const n of order) out.push({ n, ...(await page.evaluate(([n]) => window.bench(n, 20), [n])) });
  }
  console.log(JSON.stringify(out));
  await browser.close();
})();
"""


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
        entry.write_text(
            HARNESS.replace("%MODEL%", str(WEB / "src/builder/model/index.ts")).replace("%%", "%")
        )
        bundle = Path(tmp) / "bundle.js"
        subprocess.run(
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
        runner = Path(tmp) / "runner.cjs"
        runner.write_text(RUNNER)
        result = subprocess.run(
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
    print(
        f"builder model timing, Chromium, median of {args.runs} runs x 20 operations (ms per operation)"
    )
    print(f"{'operation':<26}{'30 fields':>12}{'300 fields':>12}{'300 / 30':>10}")
    for op, label in (
        ("add", "add a field"),
        ("move", "reorder a section"),
        ("preview", "preview re-render data"),
    ):
        small = median([r[op] for r in rows if r["n"] == 30])
        large = median([r[op] for r in rows if r["n"] == 300])
        print(
            f"{label:<26}{small:>12.3f}{large:>12.3f}{large / small if small else float('nan'):>10.1f}"
        )


if __name__ == "__main__":
    main()
