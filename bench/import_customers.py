"""The 100,000-row customer import: time, rows/s and peak memory of each phase.

Writes a CSV of ``--rows`` customers (default 100,000; UTF-8 with BOM, the columns a
Chinese Excel export has), then per run, on fresh migrated databases:

Phases (see bench/README.md for what each row runs): csv parse and a plain bulk insert
as baselines; upload; dry run; commit with one audit event per customer and, on another
database, with one per batch; then the same file again (dry run and commit of a file in
which every row is unchanged).

Every phase runs in its own child process, which reports its own peak RSS
(``resource.getrusage``): memory includes the interpreter and the imported portal, so
compare a phase with the csv-parse child, which imports the same modules. Times are the
median of ``--runs`` runs; ``vs insert`` is the time divided by the plain bulk insert's.

    .venv/bin/python bench/import_customers.py [--backend sqlite|postgres] [--rows N] [--runs R]
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
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

HEADERS = [
    "客户编码",
    "客户名称",
    "行业",
    "地区",
    "标签",
    "联系人",
    "电话",
    "邮箱",
    "年交易额",
    "信用等级",
    "授信额度",
]
INDUSTRIES = ["制造业", "零售", "物流", "能源", "金融", "医药"]
REGIONS = ["上海", "北京", "广东", "浙江", "四川", "天津"]
GRADES = ["AAA", "AA", "A", "BBB", "BB", "B"]


def write_file(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(rows):
            writer.writerow(
                [
                    f"C{n:07d}", f"测试客户有限公司 {n}", INDUSTRIES[n % 6], REGIONS[n % 6],
                    "重点" if n % 10 == 0 else "", f"联系人{n}", f"1380000{n % 10000:04d}",
                    f"c{n}@example.cn", str(1000 * (n % 5000)), GRADES[n % 6], str(500 * (n % 300)),
                ]
            )  # fmt: skip


# ---------------------------------------------------------------- child process steps


async def _child(step: str, url: str, file: Path, import_id: str | None) -> dict[str, Any]:
    from tortoise import Tortoise

    from auditportal.auth.principal import system_principal
    from auditportal.customers.models import Customer
    from auditportal.db import tortoise_config
    from auditportal.imports import jobs as import_jobs  # noqa: F401  (registers the job)
    from auditportal.imports import service
    from auditportal.imports.models import CustomerImport
    from auditportal.jobs.runs import execute
    from auditportal.settings import Settings

    settings = Settings(database_url=url)
    result: dict[str, Any] = {}
    if TRACE:
        tracemalloc.start()
    if step == "parse":
        started = time.perf_counter()
        with file.open(encoding="utf-8-sig", newline="") as handle:
            result["rows"] = sum(1 for _ in csv.reader(handle)) - 1
        return {"seconds": time.perf_counter() - started, **result, **_traced()}
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    principal = system_principal("bench")
    try:
        started = time.perf_counter()
        if step == "insert":
            batch: list[Customer] = []
            with file.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                next(reader)
                for row in reader:
                    batch.append(
                        Customer(
                            id=uuid.uuid4(), code=row[0], name=row[1], industry=row[2],
                            region=row[3], transaction_volume=row[8], credit_grade=row[9],
                            credit_limit=row[10], contacts=[
                                {"name": row[5], "phone": row[6], "email": row[7], "primary": True}
                            ],
                        )
                    )  # fmt: skip
                    if len(batch) == 1000:
                        await Customer.bulk_create(batch)
                        batch = []
            if batch:
                await Customer.bulk_create(batch)
        elif step == "upload":
            with file.open("rb") as handle:

                async def read(size: int) -> bytes:
                    return handle.read(size)

                record = await service.upload(
                    principal, file_name=file.name, read=read, settings=settings
                )
            result["importId"] = str(record.id)
        elif step in ("dry_run", "commit"):
            assert import_id is not None
            if step == "dry_run":
                record = await service.start_dry_run(principal, uuid.UUID(import_id))
                run_id = record.dry_run_job_id
            else:
                record = await service.commit(principal, uuid.UUID(import_id))
                run_id = record.commit_job_id
            assert run_id is not None
            outcome = await execute(run_id, settings)
            record = await CustomerImport.get(id=uuid.UUID(import_id))
            result["status"] = outcome.status.value if outcome.status else "none"
            result["counts"] = (
                record.counts
                if step == "dry_run"
                else {k: v for k, v in record.counts.items() if k != "dryRun"}
            )
        seconds = time.perf_counter() - started
    finally:
        await Tortoise.close_connections()
    return {"seconds": seconds, **result, **_traced()}


def _traced() -> dict[str, float]:
    """Peak of Python allocations during the phase (the memory run only)."""
    if not TRACE:
        return {}
    return {"py_peak_mb": tracemalloc.get_traced_memory()[1] / 2**20}


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


TRACE_ENV = "AUDITPORTAL_BENCH_TRACEMALLOC"
TRACE = os.environ.get(TRACE_ENV) == "1"


def child_main(args: argparse.Namespace) -> None:
    # The parent's data folder (uploads live there), not the one support made for this child.
    os.environ["AUDITPORTAL_DATA_DIR"] = args.data_dir
    try:
        result = asyncio.run(_child(args.child, args.url, Path(args.file), args.import_id))
    finally:
        remove_data_dir()
    result["maxrss_mb"] = _maxrss_mb()
    print(json.dumps(result, ensure_ascii=False))


# ---------------------------------------------------------------- parent


def _run_child(
    step: str, url: str, file: Path, import_id: str | None = None, env: dict[str, str] | None = None
) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", step, "--url", url, "--file", str(file)]
    command += ["--data-dir", str(DATA_DIR / "data")]
    if import_id:
        command += ["--import-id", import_id]
    # The command is this script with arguments the parent built: nothing untrusted.
    completed = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{step} failed:\n{completed.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    if result.get("status", "succeeded") not in ("succeeded", "JobStatus.SUCCEEDED"):
        raise RuntimeError(f"{step} ended {result['status']}")
    return result


async def fresh(backend: str, label: str) -> tuple[str, str | None]:
    from auditportal.schema_state import migrate
    from auditportal.settings import Settings

    url, name = await create_database(backend, label)
    await migrate(Settings(database_url=url))
    return url, name


async def one_run(
    backend: str, file: Path, index: int, trace: bool = False
) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    common = {TRACE_ENV: "1"} if trace else {}

    def run_child(step: str, url: str, file: Path, *args: Any) -> dict[str, Any]:
        import_id = args[0] if args else None
        env = {**common, **(args[1] if len(args) > 1 else {})}
        return _run_child(step, url, file, import_id, env)

    main_url, main_db = await fresh(backend, f"import{index}")
    plain_url, plain_db = await fresh(backend, f"plain{index}")
    batch_url, batch_db = await fresh(backend, f"perbatch{index}")
    try:
        results["csv parse (baseline)"] = run_child("parse", main_url, file)
        results["plain bulk insert (baseline)"] = run_child("insert", plain_url, file)
        upload = results["upload"] = run_child("upload", main_url, file)
        results["dry run"] = run_child("dry_run", main_url, file, upload["importId"])
        results["commit (audit per customer)"] = run_child(
            "commit", main_url, file, upload["importId"]
        )
        per_batch = {"AUDITPORTAL_IMPORT_AUDIT_PER_CUSTOMER": "false"}
        other = run_child("upload", batch_url, file)
        run_child("dry_run", batch_url, file, other["importId"])
        results["commit (audit per batch)"] = run_child(
            "commit", batch_url, file, other["importId"], per_batch
        )
        again = run_child("upload", main_url, file)
        results["rerun: dry run"] = run_child("dry_run", main_url, file, again["importId"])
        results["rerun: commit"] = run_child("commit", main_url, file, again["importId"])
    finally:
        for name in (main_db, plain_db, batch_db):
            await drop_database(name)
    return results


async def main(backend: str, rows: int, runs: int) -> None:
    file = DATA_DIR / "customers.csv"
    write_file(file, rows)
    collected: dict[str, list[dict[str, Any]]] = {}
    try:
        for index in range(runs):
            for label, result in (await one_run(backend, file, index)).items():
                collected.setdefault(label, []).append(result)
        # One more run under tracemalloc, for memory only (tracing slows everything down).
        traced = await one_run(backend, file, runs, trace=True)
    finally:
        remove_data_dir()
    insert = median([r["seconds"] for r in collected["plain bulk insert (baseline)"]])
    table = []
    for label, results in collected.items():
        seconds = median([r["seconds"] for r in results])
        spread = (min(r["seconds"] for r in results), max(r["seconds"] for r in results))
        counts = results[-1].get("counts") or {}
        summary = "/".join(str(counts.get(k, "-")) for k in ("created", "changed", "unchanged"))
        table.append(
            [
                label,
                f"{seconds:.2f}",
                f"{rows / seconds:,.0f}",
                "{:.2f}-{:.2f}".format(*spread),
                f"{max(r['maxrss_mb'] for r in results):.1f}",
                f"{traced[label]['py_peak_mb']:.1f}",
                f"{seconds / insert:.2f}x",
                summary if counts else "",
            ]
        )
    print_table(
        f"customer import, {rows:,} rows, {backend}, median of {runs} run(s)",
        [
            "phase",
            "s",
            "rows/s",
            "s min-max",
            "peak RSS MB",
            "py peak MB",
            "vs insert",
            "created/changed/unchanged",
        ],
        table,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--url")
    parser.add_argument("--file")
    parser.add_argument("--import-id")
    parser.add_argument("--data-dir")
    arguments = parser.parse_args()
    if arguments.child:
        child_main(arguments)
    else:
        asyncio.run(main(arguments.backend, arguments.rows, arguments.runs))
