"""Every KPI of issue 14 over a large seeded PostgreSQL database: median ms, and the ratio to
the bare SQL aggregate a user would write by hand for the same figure.

    .venv/bin/python bench/kpis.py                 # 200,000 submissions / 20,000 customers
    .venv/bin/python bench/kpis.py --full          # 1,000,000 / 100,000
    .venv/bin/python bench/kpis.py --submissions 50000 --customers 5000 --runs 7 --keep
    .venv/bin/python bench/kpis.py --url postgres://...   # measure a kept database again

Seeds a fresh migrated database (the built-in forms and workflows loaded) with SQL
``generate_series`` inserts spread over 2025-2026: per submission pool half inspection
checklists (each with its scheduled inspection and closed or open inspection case, findings
of random severity on 5 questions), a fifth satisfaction surveys (NPS and overall rating
search values), a tenth training records; complaints (a tenth of the submission count, 5-6
history rows each) and corrective actions (a tenth, 3 history rows); two credit records and
one risk per customer. Then, for the filter "2026" as a manager (every customer):

- KPI: the service function (policy, row scope, Tortoise-built subqueries, our SQL);
- bare SQL: the same figure's aggregate written directly against the tables (no scope, no
  ORM), through the same asyncpg driver;
- the whole dashboard: every KPI one after the other; and the same groups started together
  (``asyncio.gather``), as the GraphQL ``kpis`` field resolves the groups a dashboard selects
  (sibling async fields are awaited together) and as the dashboard PDF report reads them,
  each statement on a connection of the pool. The bare SQL column is the sum of the groups'
  bare statements one after the other.

The machine is 2 cores shared by several engineers: figures are noisy; compare ratios.
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import create_database, drop_database, median, print_table, remove_data_dir

# isort: split
import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import asyncpg

START = date(2026, 1, 1)
END = date(2026, 12, 31)
TODAY = date(2026, 12, 31)
SEEDED_TABLES = (
    "customers",
    "account_auditors",
    "submissions",
    "search_values",
    "workflow_instances",
    "workflow_history",
    "scheduled_inspections",
    "customer_credit_records",
    "customer_risks",
)


async def _ids(conn: asyncpg.Connection, sql: str) -> dict[str, Any]:
    return {r[0]: r[1] for r in await conn.fetch(sql)}


async def seed(url: str, submissions: int, customers: int) -> None:
    from tortoise import Tortoise

    from auditportal.audit.service import use_chain_key
    from auditportal.auth.principal import Role, system_principal
    from auditportal.auth.users import create_user
    from auditportal.db import tortoise_config
    from auditportal.forms.loader import load_form_directory
    from auditportal.keystore import load_audit_chain_key
    from auditportal.settings import Settings
    from auditportal.workflows.definitions import load_directory
    from support import REPO_ROOT

    settings = Settings(database_url=url)
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    system = system_principal("bench")
    try:
        await load_form_directory(system, REPO_ROOT / "forms", settings)
        await load_directory(system, REPO_ROOT / "workflows", settings)
        for n in range(20):
            await create_user(system, username=f"bench-auditor-{n}", role=Role.AUDITOR)
    finally:
        await Tortoise.close_connections()

    conn = await asyncpg.connect(url)
    try:
        await _seed_rows(conn, submissions, customers)
        # What autovacuum does to a live database's tables: statistics, and the visibility
        # map that lets the planner answer from an index alone.
        await conn.execute(f"VACUUM ANALYZE {', '.join(SEEDED_TABLES)}")
    finally:
        await conn.close()


async def _seed_rows(conn: asyncpg.Connection, n: int, c: int) -> None:
    forms = await _ids(
        conn,
        "SELECT f.key, v.id FROM forms f JOIN form_versions v ON v.form_id = f.id",
    )
    form_ids = await _ids(conn, "SELECT key, id FROM forms")
    flows = await _ids(
        conn,
        "SELECT d.key, v.id FROM workflow_definitions d "
        "JOIN workflow_versions v ON v.definition_id = d.id",
    )
    flow_ids = await _ids(conn, "SELECT key, id FROM workflow_definitions")
    auditors = [r[0] for r in await conn.fetch("SELECT id FROM users WHERE role = 'auditor'")]
    # Customers: tier by id, regions r0..r9, grades A-E, account auditors round robin.
    await conn.execute(
        """
        INSERT INTO customers (id, created_at, updated_at, code, name, tier, rule_tier,
            tier_source, source, region, credit_grade, attributes, contacts, lock_version,
            risk_score, transaction_volume)
        SELECT gen_random_uuid(), now(), now(), 'B-' || g, 'Customer ' || g,
            (ARRAY['key','normal','normal','high_risk'])[1 + g % 4], 'normal', 'rules',
            'manual', 'r' || (g % 10), (ARRAY['A','B','C','D','E'])[1 + g % 5],
            '{}', '[]', 1, 0, 0
        FROM generate_series(1, $1) AS g
        """,
        c,
    )
    await conn.execute("CREATE TEMP TABLE cn AS SELECT id, row_number() OVER (ORDER BY code) AS n "
                       "FROM customers")  # fmt: skip
    await conn.execute("CREATE INDEX ON cn (n)")
    await conn.execute(
        "INSERT INTO account_auditors (customer_id, auditor_id) "
        "SELECT id, ($1::uuid[])[1 + n % array_length($1::uuid[], 1)] FROM cn",
        auditors,
    )
    plan = await conn.fetchval(
        """
        INSERT INTO inspection_plans (id, created_at, updated_at, name, form_key, workflow_key,
            target_tiers, target_regions, target_tags, target_customer_ids, recurrences,
            starts_on, effective_from, lead_days, horizon_days, shift_to_workday, assignment,
            audience, horizon, active, lock_version)
        VALUES (gen_random_uuid(), now(), now(), '{"en": "bench"}',
            'customer-compliance-inspection', 'inspection', '[]', '[]', '[]', '[]', '{}',
            '2025-01-01', '2025-01-01', 14, 92, true, 'account_auditor', 'customer', 'days',
            true, 1)
        RETURNING id
        """
    )  # fmt: skip
    seconds = 2 * 365 * 86400
    # Submissions: g % 10 in 0-4 inspection, 5-6 survey, 7 training, 8-9 complaint intake.
    await conn.execute(
        """
        INSERT INTO submissions (id, form_id, form_version_id, customer_id, submitted_by_id,
            submitted_at, language, answers, section_scores, findings, finding_count,
            request_hash, revision)
        SELECT gen_random_uuid(), k.form_id, k.version_id, cn.id,
            ($4::uuid[])[(1 + g % array_length($4::uuid[], 1))::int],
            timestamptz '2025-01-01 00:00:00+00' + (((g * 7919) % $5) || ' seconds')::interval,
            'zh-CN', '{}', '[]',
            CASE WHEN k.kind = 0 THEN (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                    'path', jsonb_build_array('q' || q), 'severity',
                    (ARRAY['low','medium','high','critical'])[((g + q) % 4 + 1)::int])), '[]')
                FROM generate_series(1, (g % 3)) AS q) ELSE '[]' END,
            CASE WHEN k.kind = 0 THEN g % 3 ELSE 0 END,
            'bench-' || g, 1
        FROM generate_series(1, $1::bigint) AS g
        JOIN cn ON cn.n = 1 + (g * 31) % $2
        JOIN (VALUES (0, $3::uuid[]), (1, $6::uuid[]), (2, $7::uuid[]), (3, $8::uuid[]))
            AS kv(kind, pair) ON kv.kind = (CASE WHEN g % 10 < 5 THEN 0 WHEN g % 10 < 7 THEN 1
                WHEN g % 10 < 8 THEN 2 ELSE 3 END)
        CROSS JOIN LATERAL (SELECT kv.kind, kv.pair[1] AS form_id, kv.pair[2] AS version_id) AS k
        """,
        n,
        c,
        [form_ids["customer-compliance-inspection"], forms["customer-compliance-inspection"]],
        auditors,
        seconds,
        [form_ids["customer-satisfaction-survey"], forms["customer-satisfaction-survey"]],
        [form_ids["customer-training-record"], forms["customer-training-record"]],
        [form_ids["complaint-intake"], forms["complaint-intake"]],
    )
    survey = form_ids["customer-satisfaction-survey"]
    await conn.execute(
        """
        INSERT INTO search_values (owner, owner_id, form_id, key, text_value, number_value)
        SELECT 'submission', s.id, s.form_id, kv.key, kv.v::text, kv.v
        FROM submissions s
        CROSS JOIN LATERAL (VALUES ('nps', (abs(hashtext(s.id::text)) % 11)::float8),
            ('overall', (1 + abs(hashtext(s.id::text || 'o')) % 5)::float8)) AS kv(key, v)
        WHERE s.form_id = $1
        """,
        survey,
    )
    # Inspections: one per inspection submission, with its case (80 % closed).
    await conn.execute(
        """
        CREATE TEMP TABLE insp AS
        SELECT gen_random_uuid() AS id, gen_random_uuid() AS case_id, s.customer_id,
            s.submitted_by_id AS assignee, s.submitted_at,
            (s.submitted_at AT TIME ZONE 'UTC')::date + (abs(hashtext(s.id::text)) % 9 - 3)
                AS due_on,
            abs(hashtext(s.id::text || 'c')) % 10 AS roll
        FROM submissions s WHERE s.form_id = $1
        """,
        form_ids["customer-compliance-inspection"],
    )
    await conn.execute(
        """
        INSERT INTO workflow_instances (id, created_at, updated_at, version_id, definition_id,
            subject_type, subject_id, customer_id, start_key, state, state_entered_at, data,
            lock_version, closed_at)
        SELECT i.case_id, i.submitted_at - interval '10 days', now(), $1, $2, 'inspection',
            i.id::text, i.customer_id, 'bench:' || i.id, CASE WHEN i.roll < 8 THEN 'closed'
            ELSE 'in_progress' END, i.submitted_at, '{}', 1,
            CASE WHEN i.roll < 8 THEN i.submitted_at + (i.roll || ' days')::interval END
        FROM insp i
        """,
        flows["inspection"],
        flow_ids["inspection"],
    )
    await conn.execute(
        """
        INSERT INTO scheduled_inspections (id, plan_id, customer_id, period, tier, due_on,
            opens_on, status, instance_id, assignee_id, created_at)
        SELECT i.id, $1, i.customer_id, i.due_on::text, 'normal', i.due_on,
            i.due_on - 14, CASE WHEN i.roll < 8 THEN 'done' WHEN i.roll = 8 THEN 'opened'
            ELSE 'cancelled' END, i.case_id, i.assignee, i.submitted_at - interval '10 days'
        FROM insp i
        ON CONFLICT DO NOTHING
        """,
        plan,
    )
    for key, count, steps in (
        (
            "complaint-handling",
            n // 10,
            "(VALUES (1, 'start', 'received', 0), (2, 'acknowledge', 'acknowledged', 20), "
            "(3, 'start_investigation', 'investigating', 30), (4, 'resolve', 'resolved', 60), "
            "(5, 'confirm', 'closed', 90)) AS st(seq, event, to_state, hours)",
        ),
        (
            "corrective-action",
            n // 10,
            "(VALUES (1, 'start', 'open', 0), (2, 'agree_plan', 'in_progress', 24), "
            "(3, 'verify', 'closed', 400)) AS st(seq, event, to_state, hours)",
        ),
    ):
        await conn.execute(
            f"""
            CREATE TEMP TABLE cases_{key.replace("-", "_")} AS
            SELECT gen_random_uuid() AS id, cn.id AS customer_id,
                timestamptz '2025-01-01 00:00:00+00' + (((g * 104729) % $1) || ' seconds')::interval
                    AS at, g
            FROM generate_series(1, $2::bigint) AS g JOIN cn ON cn.n = 1 + (g * 17) % $3
            """,  # noqa: S608 (fixed table names)
            seconds,
            count,
            c,
        )  # fmt: skip
        table = f"cases_{key.replace('-', '_')}"
        await conn.execute(
            f"""
            INSERT INTO workflow_instances (id, created_at, updated_at, version_id,
                definition_id, subject_type, subject_id, customer_id, start_key, state,
                state_entered_at, data, lock_version, closed_at)
            SELECT t.id, t.at, now(), $1, $2, 'customer', t.id::text, t.customer_id,
                'bench:' || t.id, 'closed', t.at, '{{}}', 1, t.at + interval '20 days'
            FROM {table} t
            """,  # noqa: S608 (fixed table names)
            flows[key],
            flow_ids[key],
        )
        await conn.execute(
            f"""
            INSERT INTO workflow_history (instance_id, sequence, from_state, to_state, event,
                actor, occurred_at)
            SELECT t.id, st.seq, NULL, st.to_state, st.event, 'bench',
                t.at + ((st.hours + t.g % 40) || ' hours')::interval
            FROM {table} t CROSS JOIN {steps}
            """  # noqa: S608 (fixed table names)
        )
        # A few escalations and reopenings.
        await conn.execute(
            f"""
            INSERT INTO workflow_history (instance_id, sequence, from_state, to_state, event,
                actor, occurred_at)
            SELECT t.id, 10, NULL, CASE WHEN t.g % 2 = 0 THEN 'escalated' ELSE 'overdue' END,
                CASE WHEN t.g % 2 = 0 THEN 'escalate' ELSE 'action_overdue' END, 'bench',
                t.at + interval '10 hours'
            FROM {table} t WHERE t.g % 7 = 0;
            INSERT INTO workflow_history (instance_id, sequence, from_state, to_state, event,
                actor, occurred_at)
            SELECT t.id, 11, NULL, 'investigating', 'reopen', 'bench', t.at + interval '70 hours'
            FROM {table} t WHERE t.g % 11 = 0
            """  # noqa: S608 (fixed table names)
        )
    await conn.execute(
        """
        INSERT INTO customer_credit_records (id, customer_id, grade, currency, assessed_at,
            grade_basis, created_at)
        SELECT gen_random_uuid(), cn.id, (ARRAY['A','B','C','D','E'])[1 + (cn.n + k) % 5],
            'CNY', timestamptz '2025-01-01 00:00:00+00'
                + ((k * 300 + cn.n % 200) || ' days')::interval, 'manual', now()
        FROM cn CROSS JOIN generate_series(0, 1) AS k
        """
    )  # fmt: skip
    await conn.execute(
        """
        INSERT INTO customer_risks (id, created_at, updated_at, customer_id, category, title,
            description, likelihood, impact, mitigation, status, lock_version, closed_at)
        SELECT gen_random_uuid(),
            timestamptz '2025-01-01 00:00:00+00' + ((cn.n % 700) || ' days')::interval, now(),
            cn.id, 'credit', 'risk', '', 1 + cn.n % 5, 1 + (cn.n / 5) % 5, '',
            CASE WHEN cn.n % 3 = 0 THEN 'closed' ELSE 'open' END, 1,
            CASE WHEN cn.n % 3 = 0 THEN timestamptz '2025-06-01 00:00:00+00'
                + ((cn.n % 500) || ' days')::interval END
        FROM cn
        """
    )  # fmt: skip


# The bare SQL aggregates: the same figures written by hand against the tables.
BARE: dict[str, list[str]] = {
    "efficiency": [
        "SELECT to_char(si.due_on, 'YYYY-MM'), COUNT(*), SUM(CASE WHEN si.status = 'done' AND "
        "(wi.closed_at AT TIME ZONE 'UTC')::date <= si.due_on THEN 1 ELSE 0 END) "
        "FROM scheduled_inspections si LEFT JOIN workflow_instances wi ON wi.id = si.instance_id "
        "WHERE si.due_on BETWEEN $1 AND $2 AND si.due_on <= $2 AND si.status <> 'cancelled' "
        "GROUP BY 1",
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM wi.closed_at - "
        "si.created_at) / 86400) FROM scheduled_inspections si JOIN workflow_instances wi ON "
        "wi.id = si.instance_id WHERE si.due_on BETWEEN $1 AND $2 AND si.status = 'done'",
    ],
    "discovery": [
        "SELECT SUM(s.finding_count), COUNT(*) FROM submissions s JOIN forms f ON f.id = s.form_id "
        "WHERE f.category = 'inspection_checklist' AND s.superseded_at IS NULL "
        "AND s.submitted_at >= $1 AND s.submitted_at < $2::date + 1",
        "SELECT e.value ->> 'severity', COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM submissions "
        "p WHERE p.customer_id = s.customer_id AND p.form_id = s.form_id AND p.superseded_at IS "
        "NULL AND p.submitted_at < s.submitted_at AND p.finding_count > 0 AND EXISTS (SELECT 1 "
        "FROM jsonb_array_elements(p.findings) pe WHERE pe.value -> 'path' = e.value -> 'path'))"
        " THEN 1 ELSE 0 END) "
        "FROM submissions s JOIN forms f ON f.id = s.form_id CROSS JOIN LATERAL "
        "jsonb_array_elements(s.findings) e WHERE f.category = 'inspection_checklist' AND "
        "s.superseded_at IS NULL AND s.finding_count > 0 AND s.submitted_at >= $1 AND "
        "s.submitted_at < $2::date + 1 GROUP BY 1",
        "SELECT COUNT(*), SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM workflow_history h WHERE "
        "h.instance_id = w.id AND h.to_state = 'overdue') THEN 1 ELSE 0 END) FROM "
        "workflow_instances w JOIN workflow_definitions d ON d.id = w.definition_id WHERE "
        "d.key = 'corrective-action' AND w.state = 'closed' AND w.closed_at >= $1 AND "
        "w.closed_at < $2::date + 1",
    ],
    "complaints": [
        "WITH c AS (SELECT w.id, w.created_at, MIN(CASE WHEN h.event = 'acknowledge' THEN "
        "h.occurred_at END) AS ack, MIN(CASE WHEN h.to_state = 'resolved' THEN h.occurred_at END) "
        "AS res, MIN(CASE WHEN h.event = 'escalate' THEN h.occurred_at END) AS esc, "
        "SUM(CASE WHEN h.event = 'reopen' THEN 1 ELSE 0 END) AS reopens FROM workflow_instances w "
        "JOIN workflow_definitions d ON d.id = w.definition_id LEFT JOIN workflow_history h ON "
        "h.instance_id = w.id WHERE d.key = 'complaint-handling' AND w.created_at >= $1 AND "
        "w.created_at < $2::date + 1 GROUP BY w.id, w.created_at) SELECT COUNT(ack), "
        "SUM(CASE WHEN esc IS NULL OR esc > ack THEN 1 ELSE 0 END), COUNT(res), "
        "SUM(CASE WHEN reopens > 0 THEN 1 ELSE 0 END), percentile_cont(0.5) WITHIN GROUP "
        "(ORDER BY EXTRACT(EPOCH FROM ack - created_at)), percentile_cont(0.5) WITHIN GROUP "
        "(ORDER BY EXTRACT(EPOCH FROM res - created_at)) FROM c",
    ],
    "satisfaction": [
        "SELECT to_char(s.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM'), "
        "SUM(CASE WHEN v.key = 'overall' AND v.number_value >= 4 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN v.key = 'overall' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN v.key = 'nps' AND v.number_value >= 9 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN v.key = 'nps' AND v.number_value < 7 THEN 1 ELSE 0 END) "
        "FROM submissions s JOIN forms f ON f.id = s.form_id JOIN search_values v ON "
        "v.owner = 'submission' AND v.owner_id = s.id AND v.key IN ('nps', 'overall') "
        "WHERE f.category = 'survey' AND s.superseded_at IS NULL AND s.submitted_at >= $1 AND "
        "s.submitted_at < $2::date + 1 GROUP BY 1",
    ],
    "training coverage": [
        "SELECT COUNT(DISTINCT s.customer_id) FROM submissions s JOIN forms f ON f.id = s.form_id "
        "WHERE f.category = 'training_record' AND s.superseded_at IS NULL AND s.submitted_at >= $1 "
        "AND s.submitted_at < $2::date + 1",
        "SELECT COUNT(*) FROM customers WHERE $1::date <= $2::date",
    ],
    "credit": [
        "SELECT prev, grade, COUNT(*) FROM (SELECT grade, assessed_at, LAG(grade) OVER (PARTITION "
        "BY customer_id ORDER BY assessed_at, id) AS prev FROM customer_credit_records) t WHERE "
        "prev IS NOT NULL AND assessed_at >= $1 AND assessed_at < $2::date + 1 GROUP BY 1, 2",
        "SELECT credit_grade, COUNT(*) FROM customers WHERE $1::date <= $2::date GROUP BY 1",
    ],
    "risk": [
        "SELECT likelihood, impact, COUNT(*) FROM customer_risks WHERE status = 'open' "
        "AND $1::date <= $2::date GROUP BY 1, 2",
        "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM'), COUNT(*) FROM customer_risks "
        "WHERE created_at >= $1 AND created_at < $2::date + 1 GROUP BY 1",
        "SELECT to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM'), COUNT(*) FROM customer_risks "
        "WHERE closed_at >= $1 AND closed_at < $2::date + 1 GROUP BY 1",
    ],
}


async def _time(run: Callable[[], Awaitable[Any]], runs: int) -> float:
    await run()  # warm: plans, caches
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        await run()
        found.append((time.perf_counter() - started) * 1000)
    return median(found)


async def measure(url: str, runs: int) -> list[list[str]]:
    from tortoise import Tortoise

    from auditportal.auth.principal import system_principal
    from auditportal.db import tortoise_config
    from auditportal.kpis import service
    from auditportal.kpis.figures import KpiKind
    from auditportal.kpis.queries import KpiFilter
    from auditportal.pagination import PageRequest
    from auditportal.settings import Settings

    settings = Settings(database_url=url)
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    manager = system_principal("bench")
    chosen = KpiFilter(start=START, end=END)
    kpis: dict[str, Callable[[], Awaitable[Any]]] = {
        "efficiency": lambda: service.efficiency(manager, chosen, today=TODAY),
        "discovery": lambda: service.discovery(manager, chosen),
        "complaints": lambda: service.complaints(manager, chosen),
        "satisfaction": lambda: service.satisfaction(manager, chosen),
        "training coverage": lambda: service.training_coverage(manager, chosen),
        "credit": lambda: service.credit(manager, chosen),
        "risk": lambda: service.risk(manager, chosen),
    }
    conn = await asyncpg.connect(url)
    rows: list[list[str]] = []
    total_kpi = total_bare = 0.0
    try:
        for name, run in kpis.items():
            kpi_ms = await _time(run, runs)

            async def bare(name: str = name) -> None:
                for sql in BARE[name]:
                    await conn.fetch(sql, START, END)

            bare_ms = await _time(bare, runs)
            total_kpi += kpi_ms
            total_bare += bare_ms
            rows.append([name, f"{kpi_ms:.1f}", f"{bare_ms:.1f}", f"{kpi_ms / bare_ms:.2f}"])

        async def dashboard() -> None:
            for run in kpis.values():
                await run()

        whole = await _time(dashboard, max(3, runs // 2))
        rows.append(["whole dashboard", f"{whole:.1f}", f"{total_bare:.1f}",
                     f"{whole / total_bare:.2f}"])  # fmt: skip

        async def concurrently() -> None:
            await asyncio.gather(*(run() for run in kpis.values()))

        together = await _time(concurrently, max(3, runs // 2))
        rows.append(["whole dashboard, groups concurrently", f"{together:.1f}",
                     f"{total_bare:.1f}", f"{together / total_bare:.2f}"])  # fmt: skip
        drill = await _time(
            lambda: service.rows(manager, KpiKind.FINDINGS, chosen, PageRequest(limit=50)), runs
        )
        rows.append(["drill-down: findings, page of 50", f"{drill:.1f}", "-", "-"])
    finally:
        await conn.close()
        await Tortoise.close_connections()
    return rows


async def main(submissions: int, customers: int, runs: int, keep: bool, url: str | None) -> None:
    from auditportal.schema_state import migrate
    from auditportal.settings import Settings

    if url is not None:
        rows = await measure(url, runs)
        print_table(
            f"KPIs, PostgreSQL, existing database, filter 2026, manager scope, median of {runs}",
            ["KPI", "KPI ms", "bare SQL ms", "ratio"],
            rows,
        )
        remove_data_dir()
        return
    url, name = await create_database("postgres", "kpis")
    try:
        await migrate(Settings(database_url=url))
        started = time.perf_counter()
        await seed(url, submissions, customers)
        seeded = time.perf_counter() - started
        rows = await measure(url, runs)
        print_table(
            f"KPIs, PostgreSQL, {submissions:,} submissions / {customers:,} customers "
            f"(seeded in {seeded:.0f} s), filter 2026, manager scope, median of {runs} runs",
            ["KPI", "KPI ms", "bare SQL ms", "ratio"],
            rows,
        )
        if keep:
            print(f"kept database: {url}")
    finally:
        if not keep:
            await drop_database(name)
        remove_data_dir()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="1,000,000 / 100,000")
    parser.add_argument("--submissions", type=int, default=None)
    parser.add_argument("--customers", type=int, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database (EXPLAIN)")
    parser.add_argument("--url", default=None, help="measure a kept database, no seeding")
    arguments = parser.parse_args()
    subs = arguments.submissions or (1_000_000 if arguments.full else 200_000)
    custs = arguments.customers or (100_000 if arguments.full else 20_000)
    asyncio.run(main(subs, custs, arguments.runs, arguments.keep, arguments.url))
