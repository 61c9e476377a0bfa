"""What the benchmarks share: an isolated environment, fresh databases, tables.

Import this first: it fixes the portal's settings (a temporary data folder) before any
``auditportal`` module reads them.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_DSN = os.environ.get(
    "AUDITPORTAL_BENCH_PG_DSN", "postgres://auditportal:auditportal@127.0.0.1:5432/postgres"
)
DATA_DIR = Path(tempfile.mkdtemp(prefix="auditportal-bench-"))

os.environ.update(
    {
        "AUDITPORTAL_ROOT_DIR": str(REPO_ROOT),
        "AUDITPORTAL_DATA_DIR": str(DATA_DIR / "data"),
        "AUDITPORTAL_DEBUG": "false",
        "AUDITPORTAL_LOG_LEVEL": "WARNING",
        "AUDITPORTAL_PUBLIC_URL": "http://bench",
    }
)
os.environ.pop("AUDITPORTAL_DATABASE_URL", None)
os.environ.pop("AUDITPORTAL_REDIS_URL", None)
sys.path.insert(0, str(REPO_ROOT))

import asyncpg  # noqa: E402


async def create_database(backend: str, label: str) -> tuple[str, str | None]:
    """A fresh, empty database: (url, PostgreSQL database name or None for SQLite)."""
    if backend == "sqlite":
        return f"sqlite://{DATA_DIR / f'{label}.sqlite3'}", None
    name = f"auditportal_{label}_{os.getpid()}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    base, _, _ = PG_ADMIN_DSN.rpartition("/")
    return f"{base}/{name}", name


async def drop_database(name: str | None) -> None:
    if name is None:
        return
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def remove_data_dir() -> None:
    shutil.rmtree(DATA_DIR, ignore_errors=True)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain aligned table: first column left, the others right."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        return "  ".join(
            [str(first).ljust(widths[0])]
            + [str(c).rjust(w) for c, w in zip(rest, widths[1:], strict=True)]
        )

    print(title)
    print(line(header))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))


RESULTS_DIR = Path(os.environ.get("AUDITPORTAL_BENCH_RESULTS", tempfile.gettempdir()))


def record_ratio(bench: str, figure: str, ratio: float, goal: float | None, better: str) -> None:
    """Note one ratio and its goal for ``bench/summary.py`` (``make bench`` prints them all).

    ``goal`` None: shown without one (the issue sets none).
    ``better``: "lower" (a slowdown against a floor: goal is a ceiling) or "higher" (a share
    of a peer's throughput: goal is a floor). One JSON file per bench and figure in
    ``$AUDITPORTAL_BENCH_RESULTS`` (a temporary folder ``make bench`` makes)."""
    import json
    import re

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{bench} {figure}".lower()).strip("-")
    met = None if goal is None else ratio <= goal if better == "lower" else ratio >= goal
    (RESULTS_DIR / f"bench-ratio-{slug}.json").write_text(
        json.dumps(
            {
                "bench": bench,
                "figure": figure,
                "ratio": ratio,
                "goal": goal,
                "better": better,
                "met": met,
            }
        )
    )
