"""Drawing a stratified 5 % verification sample of a month, against bare SQL samples.

Seeds a fresh migrated PostgreSQL database: ``--customers`` customers (default 10,000; a
tenth key, a tenth high risk, the rest normal), 20 auditors, one form, and ``--month-rows``
submissions (default 100,000) in November 2026 plus as many in October and December (so the
period filter has work to do), inserted with ``generate_series``. Then, per run:

- portal draw: ``verification.service.draw`` on a new plan whose fixed tier sizes are 5 % of
  each tier's November population: the population query (first revisions of the form in the
  month, with the customer's tier), the seeded stratified sample in Python, the four-eyes
  assignment of a verifier to each, the bulk insert of ~5,000 verification rows and the
  audit event, in one transaction;
- portal population + sample only: the same read and draw, nothing written;
- bare SQL, ORDER BY random() LIMIT (the baseline a user would write first): 5 % of the
  month's ids in one query, not stratified, not reproducible, nothing written;
- bare SQL, stratified: ``row_number() OVER (PARTITION BY tier ORDER BY random())``.

    .venv/bin/python bench/verification_draw.py [--month-rows N] [--customers N] [--runs R]

Median of the runs, in ms; the machine is shared (2 cores, several engineers): noisy.
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import create_database, drop_database, median, print_table, remove_data_dir

# isort: split
import argparse
import asyncio
import math
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import asyncpg
from tests.factories import checklist, good_answers

MONTH_START = datetime(2026, 11, 1, tzinfo=UTC)
MONTH_END = datetime(2026, 12, 1, tzinfo=UTC)


async def seed(url: str, month_rows: int, customers: int) -> dict[str, Any]:
    from auditportal.auth.principal import Role, system_principal
    from auditportal.auth.users import create_user
    from auditportal.customers.models import Customer, CustomerTier
    from auditportal.forms import service
    from auditportal.settings import Settings

    settings = Settings(database_url=url)
    system = system_principal("bench")
    auditors = [
        (await create_user(system, username=f"bench-auditor-{n}", role=Role.AUDITOR)).id
        for n in range(20)
    ]
    form = await service.create_draft(system, checklist("bench-verify"), settings=settings)
    version = (await service.publish(system, form.id, settings=settings)).version

    def tier(n: int) -> CustomerTier:
        return CustomerTier.KEY if n % 10 == 0 else (
            CustomerTier.HIGH_RISK if n % 10 == 1 else CustomerTier.NORMAL
        )  # fmt: skip

    await Customer.bulk_create(
        [Customer(code=f"B-{n}", name=f"Bench {n}", tier=tier(n)) for n in range(customers)],
        batch_size=2000,
    )
    import json

    answers = json.dumps(good_answers())
    connection = await asyncpg.connect(url)
    try:
        customer_ids = [r["id"] for r in await connection.fetch("SELECT id FROM customers")]
        # October, November and December: month_rows each, spread over the month.
        for month in (10, 11, 12):
            await connection.execute(
                """
                INSERT INTO submissions (id, form_id, form_version_id, customer_id,
                    submitted_by_id, submitted_at, language, answers, section_scores, findings,
                    finding_count, request_hash, revision)
                SELECT gen_random_uuid(), $1, $2,
                       ($4::uuid[])[1 + g % cardinality($4::uuid[])],
                       ($7::uuid[])[1 + g % 20],
                       make_timestamptz(2026, $3, 1, 0, 0, 0, 'UTC')
                         + (g % (28 * 86400)) * interval '1 second',
                       'en', $5::json, '[]'::jsonb, '[]'::jsonb, 0, 'b' || $3 || '-' || g, 1
                FROM generate_series(1, $6) AS g
                """,
                form.id,
                version.id,
                month,
                customer_ids,
                answers,
                month_rows,
                auditors,
            )
        await connection.execute("ANALYZE")
        counts = {
            r["tier"]: r["n"]
            for r in await connection.fetch(
                """SELECT c.tier, count(*) AS n FROM submissions s JOIN customers c
                   ON c.id = s.customer_id WHERE s.submitted_at >= $1 AND s.submitted_at < $2
                   GROUP BY c.tier""",
                MONTH_START,
                MONTH_END,
            )
        }
    finally:
        await connection.close()
    return {"form": form.id, "counts": counts}


async def portal_draw(form_id: uuid.UUID, sizes: dict[str, int], run: int) -> tuple[float, int]:
    from auditportal.auth.principal import system_principal
    from auditportal.verification import service
    from auditportal.verification.models import Verification

    system = system_principal("bench")
    plan = await service.save_plan(
        system, service.PlanSpec(name=f"bench {run}", form_ids=[form_id], tier_sizes=sizes)
    )
    started = time.perf_counter()
    drawn = await service.draw(system, plan.id, "2026-11", 1000 + run)
    elapsed = time.perf_counter() - started
    return elapsed, await Verification.filter(draw_id=drawn.id).count()


async def portal_sample_only(
    form_id: uuid.UUID, sizes: dict[str, int], run: int
) -> tuple[float, int]:
    from auditportal.verification import queries, sampling
    from auditportal.verification.models import PeriodUnit

    period = sampling.parse_period("2026-11", PeriodUnit.MONTH)
    assert period is not None
    started = time.perf_counter()
    population = await queries.population([form_id], period)
    picked = sampling.stratified_sample(population.by_tier, sizes, run)
    await population.candidates(picked)
    return time.perf_counter() - started, sum(len(v) for v in picked.values())


async def bare_random(url: str, form_id: uuid.UUID, total: int) -> tuple[float, int]:
    connection = await asyncpg.connect(url)
    try:
        started = time.perf_counter()
        rows = await connection.fetch(
            """SELECT id FROM submissions WHERE form_id = $1 AND submitted_at >= $2
               AND submitted_at < $3 AND revises_id IS NULL ORDER BY random() LIMIT $4""",
            form_id,
            MONTH_START,
            MONTH_END,
            total,
        )
        return time.perf_counter() - started, len(rows)
    finally:
        await connection.close()


async def bare_stratified(url: str, form_id: uuid.UUID, sizes: dict[str, int]) -> tuple[float, int]:
    connection = await asyncpg.connect(url)
    try:
        started = time.perf_counter()
        rows = await connection.fetch(
            """SELECT id FROM (
                 SELECT s.id, c.tier,
                        row_number() OVER (PARTITION BY c.tier ORDER BY random()) AS k
                 FROM submissions s JOIN customers c ON c.id = s.customer_id
                 WHERE s.form_id = $1 AND s.submitted_at >= $2 AND s.submitted_at < $3
                   AND s.revises_id IS NULL) AS ranked
               WHERE k <= CASE tier WHEN 'key' THEN $4::int WHEN 'high_risk' THEN $5::int
                                    ELSE $6::int END""",
            form_id,
            MONTH_START,
            MONTH_END,
            sizes.get("key", 0),
            sizes.get("high_risk", 0),
            sizes.get("normal", 0),
        )
        return time.perf_counter() - started, len(rows)
    finally:
        await connection.close()


async def main(month_rows: int, customers: int, runs: int) -> None:
    from tortoise import Tortoise

    from auditportal.audit.service import use_chain_key
    from auditportal.db import tortoise_config
    from auditportal.keystore import load_audit_chain_key
    from auditportal.schema_state import migrate
    from auditportal.settings import Settings

    url, name = await create_database("postgres", "verification")
    try:
        settings = Settings(database_url=url)
        await migrate(settings)
        use_chain_key(load_audit_chain_key(settings))
        await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
        seeded_at = time.perf_counter()
        seeded = await seed(url, month_rows, customers)
        seeded_in = time.perf_counter() - seeded_at
        sizes = {tier: math.ceil(n * 0.05) for tier, n in seeded["counts"].items()}
        total = sum(sizes.values())
        timings: dict[str, list[float]] = {k: [] for k in ("random", "strat", "sample", "draw")}
        drawn: dict[str, int] = {}
        for run in range(runs):
            for key, call in (
                ("random", lambda: bare_random(url, seeded["form"], total)),
                ("strat", lambda: bare_stratified(url, seeded["form"], sizes)),
                ("sample", lambda run=run: portal_sample_only(seeded["form"], sizes, run)),
                ("draw", lambda run=run: portal_draw(seeded["form"], sizes, run)),
            ):
                elapsed, count = await call()
                timings[key].append(elapsed * 1000)
                drawn[key] = count
        baseline = median(timings["random"])
        labels = {
            "random": "bare SQL: ORDER BY random() LIMIT (baseline)",
            "strat": "bare SQL: stratified row_number() OVER",
            "sample": "portal: population read + seeded sample",
            "draw": "portal: full draw (sample, assign, insert)",
        }
        print_table(
            f"Verification draw: 5 % of November ({sum(seeded['counts'].values()):,} "
            f"submissions of {3 * month_rows:,}; tiers {seeded['counts']}), PostgreSQL, "
            f"median of {runs} runs; seeded in {seeded_in:.0f} s; shared 2-core machine: noisy",
            ["step", "rows", "median ms", "x baseline"],
            [
                [labels[k], f"{drawn[k]:,}", f"{median(v):.0f}", f"{median(v) / baseline:.2f}"]
                for k, v in timings.items()
            ],
        )
    finally:
        await Tortoise.close_connections()
        await drop_database(name)
        remove_data_dir()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--month-rows", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.month_rows, args.customers, args.runs))
