"""Web portal bundle size: gzipped bytes the browser fetches for the first screen and for
each route (its lazily loaded chunks beyond the first screen), from Vite's build manifest.

    .venv/bin/python bench/web_bundle.py            # builds web/dist first if needed

Sizes are deterministic (no runs to take a median of); the ratio column compares each row
with the issue's goal of 300 KB gz for the first screen and for the filling route. Last, the
chunks that build code from strings (eval, new Function): the CSP allows no 'unsafe-eval', so
any listed there would fail in the browser.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
GOAL = 300 * 1024


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def closure(manifest: dict[str, dict[str, object]], key: str) -> set[str]:
    """The chunk and every chunk it imports statically (what loads with it)."""
    seen: set[str] = set()
    stack = [key]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(str(i) for i in manifest[current].get("imports", []))  # type: ignore[union-attr]
    return seen


def files(manifest: dict[str, dict[str, object]], keys: set[str]) -> set[str]:
    out: set[str] = set()
    for key in keys:
        entry = manifest[key]
        out.add(str(entry["file"]))
        out.update(str(c) for c in entry.get("css", []))  # type: ignore[union-attr]
    return out


def main() -> int:
    subprocess.run([str(ROOT / "scripts" / "web.sh"), "build"], check=True)  # noqa: S603 - our script
    manifest: dict[str, dict[str, object]] = json.loads(
        (DIST / ".vite" / "manifest.json").read_text()
    )
    entry = next(key for key, value in manifest.items() if value.get("isEntry"))
    first = files(manifest, closure(manifest, entry)) | {"index.html"}
    first_size = sum(gz(DIST / name) for name in first)
    rows = [("first screen (shell, sign-in, menu)", first_size, len(first))]
    for key, value in sorted(manifest.items()):
        if not value.get("isDynamicEntry") or not key.startswith("src/"):
            continue
        extra = files(manifest, closure(manifest, key)) - first
        size = sum(gz(DIST / name) for name in extra)
        rows.append((f"+ {key.removeprefix('src/')}", size, len(extra)))
    fill = next(size for name, size, _ in rows if name.endswith("work/FillPage.tsx"))
    rows.append(("first screen + filling route (work/FillPage)", first_size + fill, 0))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'what':<{width}}  {'KB gz':>8}  {'files':>5}  {'/ 300 KB goal':>13}")
    for name, size, count in rows:
        ratio = f"{size / GOAL:.2f}" if not name.startswith("+") or "Fill" in name else ""
        print(f"{name:<{width}}  {size / 1024:>8.1f}  {count or '':>5}  {ratio:>13}")
    evaluating = re.compile(rb"\bnew Function\s*\(|(?<![\w.$])eval\s*\(|\bFunction\s*\(\s*[`'\"]")
    offenders = sorted(
        path.name for path in (DIST / "assets").glob("*.js") if evaluating.search(path.read_bytes())
    )
    listed = ", ".join(offenders) or "none"
    print(f"chunks that build code from strings (eval, new Function): {listed}")
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
