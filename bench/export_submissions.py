"""Export of 100,000 submissions of a 50-question form: seconds and peak RSS, CSV and XLSX.

Seeds a fresh migrated database with ``--rows`` submissions (default 100,000) of the
50-question scored checklist of ``tests/factories.py`` (one "no" per section, so every row
has findings), then per run, each phase in its own child process (which reports its own
peak RSS, interpreter and imported portal included):

- raw cursor + csv.writer (baseline): one SQL SELECT of the same rows (id, time, answers
  JSON, score) through the driver's cursor (sqlite3 / asyncpg), ``json.loads`` of the
  answers and one ``csv.writer`` row of the 50 raw codes each: no labels, scope or unsealing;
- export job, CSV: ``exports.service.request_export`` as an auditor, then the job
  (``jobs.runs.execute``): keyset batches through the row scope, unsealing, labels,
  findings, progress, CSV with BOM into the storage with its SHA-256;
- export job, XLSX: the same, openpyxl write-only into the storage.

    .venv/bin/python bench/export_submissions.py [--backend sqlite|postgres] [--rows N] [--runs R]
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import DATA_DIR, create_database, drop_database, median, print_table, remove_data_dir

# isort: split
import argparse
import asyncio
import csv
import json
import os
import resource
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.factories import large_answers, large_checklist

QUESTIONS = 50


async def seed(url: str, rows: int) -> dict[str, str]:
    from tortoise import Tortoise

    from auditportal.audit.service import use_chain_key
    from auditportal.auth.principal import Role, system_principal
    from auditportal.auth.users import create_user
    from auditportal.db import tortoise_config
    from auditportal.forms import service
    from auditportal.forms.models import Submission
    from auditportal.keystore import load_audit_chain_key
    from auditportal.settings import Settings

    settings = Settings(database_url=url)
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    try:
        system = system_principal("bench")
        auditor = await create_user(system, username="bench-auditor", role=Role.AUDITOR)
        form = await service.create_draft(system, large_checklist(QUESTIONS), settings=settings)
        version = (await service.publish(system, form.id, settings=settings)).version
        answers = large_answers(QUESTIONS)
        for s in range(5):
            answers[f"s{s}"][f"q{s}_0"] = "no"
        findings = [
            {"path": [f"s{s}", f"q{s}_0"], "severity": "low",
             "title": {"zh-CN": f"问题 {s}", "en": f"Question {s}.0: no"}, "answer": "no"}
            for s in range(5)
        ]  # fmt: skip
        start = datetime(2026, 1, 1, tzinfo=UTC)
        batch: list[Submission] = []
        for n in range(rows):
            batch.append(
                Submission(
                    id=uuid.uuid4(), form_id=form.id, form_version_id=version.id,
                    submitted_by_id=auditor.id, submitted_at=start + timedelta(seconds=n),
                    language="en", answers=answers, score_raw=180.0, score_max=200.0,
                    score_percent=90.0, passed=True, findings=findings, finding_count=5,
                    request_hash=f"bench-{n}",
                )
            )  # fmt: skip
            if len(batch) == 2000:
                await Submission.bulk_create(batch)
                batch = []
        if batch:
            await Submission.bulk_create(batch)
        return {"form": str(form.id), "auditor": str(auditor.id)}
    finally:
        await Tortoise.close_connections()


async def _baseline(url: str, out: str) -> int:
    count = 0
    with open(out, "w", encoding="utf-8-sig", newline="") as handle:  # noqa: ASYNC230
        writer = csv.writer(handle)
        writer.writerow(["id", "submitted_at", *[f"q{i}" for i in range(QUESTIONS)], "score"])
        sql = "SELECT id, submitted_at, answers, score_percent FROM submissions"
        if url.startswith("sqlite"):
            import sqlite3

            connection = sqlite3.connect(url.removeprefix("sqlite://"))
            for ident, at, answers, score in connection.execute(sql):
                doc = json.loads(answers)
                writer.writerow([ident, at, *[v for s in doc.values() for v in s.values()], score])
                count += 1
            connection.close()
        else:
            import asyncpg

            connection = await asyncpg.connect(url)
            try:
                async with connection.transaction():
                    async for ident, at, answers, score in connection.cursor(sql):
                        doc = json.loads(answers)
                        cells = [v for s in doc.values() for v in s.values()]
                        writer.writerow([ident, at, *cells, score])
                        count += 1
            finally:
                await connection.close()
    return count


async def _child(step: str, url: str, ids: dict[str, str]) -> dict[str, Any]:
    from tortoise import Tortoise

    from auditportal.audit.service import use_chain_key
    from auditportal.auth.policy import default_scopes
    from auditportal.auth.principal import Principal, Role
    from auditportal.db import tortoise_config
    from auditportal.exports import jobs as export_jobs  # noqa: F401  (registers the job)
    from auditportal.exports import service
    from auditportal.exports.models import Export, ExportFormat
    from auditportal.jobs.runs import execute
    from auditportal.keystore import load_audit_chain_key
    from auditportal.settings import Settings

    if step == "baseline":
        started = time.perf_counter()
        rows = await _baseline(url, str(DATA_DIR / "baseline.csv"))
        return {"seconds": time.perf_counter() - started, "rows": rows}
    settings = Settings(database_url=url)
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    try:
        auditor = Principal(
            subject="user:bench-auditor", role=Role.AUDITOR, user_id=uuid.UUID(ids["auditor"]),
            username="bench-auditor", scopes=default_scopes(Role.AUDITOR),
        )  # fmt: skip
        started = time.perf_counter()
        export = await service.request_export(
            auditor, "submissions", {"formId": ids["form"]}, ExportFormat(step), "zh-CN", settings
        )
        assert export.job_id is not None
        outcome = await execute(export.job_id, settings)
        seconds = time.perf_counter() - started
        done = await Export.get(id=export.id)
        return {
            "seconds": seconds,
            "rows": done.rows_done,
            "status": str(outcome.status),
            "mb": (done.byte_size or 0) / 2**20,
        }
    finally:
        await Tortoise.close_connections()


def child_main(args: argparse.Namespace) -> None:
    os.environ["AUDITPORTAL_DATA_DIR"] = args.data_dir
    result = asyncio.run(_child(args.child, args.url, json.loads(args.ids)))
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_child(step: str, url: str, ids: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", step, "--url", url, "--ids", json.dumps(ids)]
    command += ["--data-dir", str(DATA_DIR / "data")]
    # The command is this script with arguments the parent built: nothing untrusted.
    completed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise RuntimeError(f"{step} failed:\n{completed.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


async def main(backend: str, rows: int, runs: int) -> None:
    from auditportal.schema_state import migrate
    from auditportal.settings import Settings

    url, name = await create_database(backend, "exports")
    collected: dict[str, list[dict[str, Any]]] = {}
    try:
        await migrate(Settings(database_url=url))
        ids = await seed(url, rows)
        labels = {
            "baseline": "raw cursor + csv.writer (baseline)",
            "csv": "export job, CSV",
            "xlsx": "export job, XLSX",
        }
        for _ in range(runs):
            for step, label in labels.items():
                collected.setdefault(label, []).append(run_child(step, url, ids))
    finally:
        await drop_database(name)
        remove_data_dir()
    base = median([r["seconds"] for r in collected[labels["baseline"]]])
    table = []
    for label, results in collected.items():
        seconds = median([r["seconds"] for r in results])
        table.append(
            [
                label,
                f"{results[-1]['rows']:,}",
                f"{seconds:.2f}",
                "{:.2f}-{:.2f}".format(
                    min(r["seconds"] for r in results), max(r["seconds"] for r in results)
                ),
                f"{max(r['maxrss_mb'] for r in results):.0f}",
                f"{results[-1].get('mb', 0):.1f}" if "mb" in results[-1] else "",
                f"{seconds / base:.2f}x",
            ]
        )
    print_table(
        f"export of {rows:,} submissions, {QUESTIONS} questions, {backend}, "
        f"median of {runs} run(s)",
        ["phase", "rows", "s", "s min-max", "peak RSS MB", "file MB", "vs baseline"],
        table,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--url")
    parser.add_argument("--ids")
    parser.add_argument("--data-dir")
    arguments = parser.parse_args()
    if arguments.child:
        child_main(arguments)
    else:
        asyncio.run(main(arguments.backend, arguments.rows, arguments.runs))
