"""The KPIs of issue 14 as SQL aggregates over the row sets of ``sets`` (both backends).

Each function asks the database for a handful of aggregated rows (a count per severity,
per month, per grade pair); nothing row-by-row reaches Python. Where the backends differ
(JSON arrays, month of a timestamp, a median) ``sql`` supplies the dialect's text.
"""
# ruff: noqa: S608  (the SQL text interpolated here is constant dialect text and
# aliases; every value is a bound parameter, from Tortoise or ``Statement.param``)

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date
from typing import Any

from tortoise.expressions import Case, Q, RawSQL, When
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.customers.register_models import RiskStatus
from auditportal.forms.models import FormCategory, Submission
from auditportal.inspections.models import InspectionStatus, ScheduledInspection
from auditportal.kpis import sets
from auditportal.kpis.figures import (
    Complaints,
    Credit,
    Discovery,
    Efficiency,
    HeatCell,
    Migration,
    MonthRatio,
    Nps,
    Risk,
    RiskMonth,
    Satisfaction,
    SatisfactionMonth,
    SeverityCount,
)
from auditportal.kpis.queries import KpiFilter, Ratio, _day_start, credit_grades, inspections
from auditportal.kpis.sql import (
    Statement,
    as_float,
    as_int,
    day_of,
    median_sql,
    month_grouped,
    month_of_date,
    seconds_between,
    subquery,
)

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
# Events and states of the built-in workflows (workflows/*.json) the figures read.
ACKNOWLEDGE_EVENT = "acknowledge"
ESCALATE_EVENT = "escalate"
REOPEN_EVENT = "reopen"
RESOLVED_STATE = "resolved"
OVERDUE_STATE = "overdue"
CLOSED_STATE = "closed"
# Search keys of the built-in satisfaction survey (forms/customer-satisfaction-survey.json):
# its answers "/nps" (0-10) and "/satisfaction/overall" (1-5) are extracted on write into
# search_values, indexed on both backends.
NPS_KEY = "nps"
OVERALL_KEY = "overall"


def due_inspections(
    scope: RowScope, chosen: KpiFilter, today: date
) -> QuerySet[ScheduledInspection]:
    """Inspections due by today in the period, not cancelled: the on-time denominator."""
    return (
        inspections(scope, chosen)
        .filter(due_on__lte=today)
        .exclude(status=InspectionStatus.CANCELLED)
    )


def on_time_case(postgres: bool) -> str:
    """1 when the inspection ``si`` was done by its due day (its case closed then)."""
    closed_day = day_of("wi.closed_at", postgres)
    return (
        f"CASE WHEN si.status = '{InspectionStatus.DONE.value}' AND wi.closed_at IS NOT NULL "
        f"AND {closed_day} <= si.due_on THEN 1 ELSE 0 END"
    )


def _due_rows(st: Statement, scope: RowScope, chosen: KpiFilter, today: date) -> Statement:
    rows = due_inspections(scope, chosen, today).values(
        "id", "customer_id", "status", "due_on", "instance_id", "created_at"
    )
    st.sql("FROM ").sub(subquery(rows)).sql(" AS si ")
    return st.sql("LEFT JOIN workflow_instances wi ON wi.id = si.instance_id ")


async def efficiency(scope: RowScope, chosen: KpiFilter, today: date) -> Efficiency:
    st = Statement()
    pg = st.postgres
    if pg:
        # One read of the due inspections (materialised), two aggregates of it: the months
        # hashed by a truncated date (formatted once per month, not per row), and the
        # median cycle time as the row without a month, one sort of the cycle times. The
        # same figures as GROUPING SETS with the percentile per month, a third faster.
        days = seconds_between("si.created_at", "wi.closed_at", pg)
        st.sql(
            "WITH d AS MATERIALIZED (SELECT date_trunc('month', CAST(si.due_on AS timestamp)) "
            f"AS m, {on_time_case(pg)} AS done, CASE WHEN si.status = "
            f"'{InspectionStatus.DONE.value}' THEN {days} / 86400.0 END AS days "
        )
        _due_rows(st, scope, chosen, today).sql(
            ") SELECT to_char(m, 'YYYY-MM') AS month, COUNT(*) AS due, SUM(done) AS done, "
            "NULL AS median FROM d GROUP BY m UNION ALL SELECT NULL, NULL, NULL, "
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM d ORDER BY 1"
        )
    else:
        month = month_of_date("si.due_on", pg)
        st.sql(f"SELECT {month} AS month, COUNT(*) AS due, SUM({on_time_case(pg)}) AS done ")
        _due_rows(st, scope, chosen, today).sql("GROUP BY 1 ORDER BY 1")
    found = await st.rows()
    months = [
        MonthRatio(str(r["month"]), Ratio(as_int(r["done"]), as_int(r["due"])))
        for r in found
        if r["month"] is not None
    ]
    total = Ratio(
        sum(int(m.ratio.numerator) for m in months), sum(m.ratio.denominator for m in months)
    )
    if pg:
        grand = [r for r in found if r["month"] is None]
        median = as_float(grand[0]["median"]) if grand else None
        return Efficiency(on_time=total, median_cycle_days=median, on_time_by_month=months)

    cycle = Statement()
    seconds = seconds_between("si.created_at", "wi.closed_at", cycle.postgres)
    cycle.sql(f"WITH vals AS (SELECT {seconds} / 86400.0 AS v ")
    _due_rows(cycle, scope, chosen, today).sql(
        f"WHERE si.status = '{InspectionStatus.DONE.value}' AND wi.closed_at IS NOT NULL) "
    )
    cycle.sql(median_sql("vals", cycle.postgres))
    median = as_float((await cycle.one()).get("median"))
    return Efficiency(on_time=total, median_cycle_days=median, on_time_by_month=months)


def expand_findings(st: Statement, alias: str, element: str) -> Statement:
    """``, <each element of alias.findings> AS element`` in the dialect."""
    if st.postgres:
        return st.sql(
            f" CROSS JOIN LATERAL jsonb_array_elements(CAST({alias}.findings AS jsonb)) "
            f"AS {element}(value) "
        )
    return st.sql(f", json_each({alias}.findings) AS {element} ")


def finding_key(element: str, key: str, postgres: bool) -> str:
    if postgres:
        return f"({element}.value ->> '{key}')"
    return f"json_extract({element}.value, '$.{key}')"


def repeat_case(postgres: bool) -> str:
    """1 when the finding ``f`` of submission ``s`` was raised on the same question for the
    same customer in an earlier current submission of the same form."""
    same = (
        "p.customer_id = s.customer_id AND p.form_id = s.form_id "
        "AND p.superseded_at IS NULL AND p.submitted_at < s.submitted_at AND p.finding_count > 0"
    )
    if postgres:
        # Path equality (jsonb ``@>`` would also match a path inside a longer one).
        return (
            "CASE WHEN EXISTS (SELECT 1 FROM submissions p CROSS JOIN LATERAL "
            f"jsonb_array_elements(CAST(p.findings AS jsonb)) AS pf(value) WHERE {same} AND "
            "pf.value -> 'path' = f.value -> 'path') THEN 1 ELSE 0 END"
        )
    return (
        "CASE WHEN EXISTS (SELECT 1 FROM submissions p, json_each(p.findings) AS pf WHERE "
        f"{same} AND json_extract(pf.value, '$.path') = json_extract(f.value, '$.path')) "
        "THEN 1 ELSE 0 END"
    )


def inspection_submissions(scope: RowScope, chosen: KpiFilter) -> QuerySet[Submission]:
    return sets.form_submissions(
        scope, chosen, FormCategory.INSPECTION_CHECKLIST, by_account_auditor=False
    )


def path_key(element: str, postgres: bool) -> str:
    """A finding's question path as JSON text, comparable for equality and sorted bytewise.

    PostgreSQL prints a jsonb value in one canonical form, so two paths are equal as text
    exactly when they are equal as jsonb (the paths the portal writes are strings and
    integers); the text sorts under the "C" collation by plain byte comparison, a third
    faster than comparing jsonb in the window's sort. SQLite's ``json_extract`` gives the
    same JSON text.
    """
    if postgres:
        return f"(({element}.value ->> 'path') COLLATE \"C\")"
    return f"json_extract({element}.value, '$.path')"


def _history_filter(chosen: KpiFilter) -> KpiFilter:
    """The submissions a repeat may look back at: the counted ones' customers and forms
    (tier, region, form are theirs), any submitter, any earlier day up to the period's end."""
    return replace(chosen, start=None, auditor_id=None)


def _counted_flag(chosen: KpiFilter) -> Case | RawSQL:
    """1 for the history rows the period counts: the history is ``chosen`` without its start
    and auditor, so a history row is counted when it is on or after the start and by the
    auditor (``queries.submissions`` applies both exactly so)."""
    conditions: list[Q] = []
    if chosen.start is not None:
        conditions.append(Q(submitted_at__gte=_day_start(chosen.start)))
    if chosen.auditor_id is not None:
        conditions.append(Q(submitted_by_id=chosen.auditor_id))
    if not conditions:
        return RawSQL("1")
    # Literal SQL, not a bound value: Tortoise resolves any expression here at run time,
    # its hints name only a few kinds.
    one, zero = RawSQL("1"), RawSQL("0")
    return Case(When(*conditions, then=one), default=zero)  # type: ignore[arg-type]


async def _severities(scope: RowScope, chosen: KpiFilter) -> list[dict[str, Any]]:
    """Per severity: the period's findings and the repeats among them, in one pass.

    A finding repeats when the same customer's current submission of the same form raised
    a finding on the same question earlier (``repeat_case``). Instead of probing earlier
    submissions for every finding, every finding of those customers and forms up to the
    period's end is expanded once and ranked by submission time within its (customer,
    form, question): a rank above 1 means an earlier one exists (ties share a rank, so a
    finding of the same instant is not a repeat). ``RANK`` streams over the sorted rows
    where ``MIN() OVER`` the whole partition had to buffer each one. Which rows the period
    counts is a flag of the same scan (``_counted_flag``), not a second read of them.
    """
    history = inspection_submissions(scope, _history_filter(chosen)).filter(finding_count__gt=0)
    rows = history.annotate(counted=_counted_flag(chosen)).values(
        "customer_id", "form_id", "submitted_at", "findings", "counted"
    )
    st = Statement()
    pg = st.postgres
    severity = finding_key("f", "severity", pg)
    st.sql(
        "SELECT x.severity, COUNT(*) AS n, SUM(CASE WHEN x.earlier > 1 THEN 1 ELSE 0 END) "
        f"AS repeats FROM (SELECT {severity} AS severity, s.counted, RANK() OVER (PARTITION BY "
        f"s.customer_id, s.form_id, {path_key('f', pg)} ORDER BY s.submitted_at) AS earlier "
        "FROM "
    )
    st.sub(subquery(rows)).sql(" AS s")
    expand_findings(st, "s", "f").sql(") AS x WHERE x.counted = 1 GROUP BY x.severity")
    return await st.rows()


async def _findings_total(scope: RowScope, chosen: KpiFilter) -> dict[str, Any]:
    checked = inspection_submissions(scope, chosen)
    totals = Statement().sql("SELECT SUM(s.finding_count) AS total, COUNT(*) AS n FROM ")
    return await totals.sub(subquery(checked.values("finding_count"))).sql(" AS s").one()


async def _actions_on_time(scope: RowScope, chosen: KpiFilter) -> dict[str, Any]:
    actions = sets.cases(
        scope, chosen, sets.CORRECTIVE_ACTION_WORKFLOW, period_on="closed_at"
    ).filter(state=CLOSED_STATE)
    ca = Statement()
    ca.sql(
        # IN over the overdue history rows (read once, hashed; index kpi_history_state)
        # rather than a NOT EXISTS probe per closed action.
        "SELECT COUNT(*) AS closed, SUM(CASE WHEN c.id IN (SELECT h.instance_id FROM "
        f"workflow_history h WHERE h.to_state = '{OVERDUE_STATE}') THEN 0 ELSE 1 END) "
        "AS on_time FROM "
    ).sub(subquery(actions.values("id"))).sql(" AS c")
    return await ca.one()


async def discovery(scope: RowScope, chosen: KpiFilter) -> Discovery:
    # Three independent statements: concurrently, each on a connection of the pool.
    row, found, ca_row = await asyncio.gather(
        _findings_total(scope, chosen), _severities(scope, chosen), _actions_on_time(scope, chosen)
    )
    per_inspection = Ratio(as_int(row.get("total")), as_int(row.get("n")))
    by_severity = sorted(
        (SeverityCount(str(r["severity"]), as_int(r["n"])) for r in found),
        key=lambda s: (SEVERITY_ORDER.get(s.severity, 9), s.severity),
    )
    repeats = Ratio(sum(as_int(r["repeats"]) for r in found), sum(as_int(r["n"]) for r in found))
    return Discovery(
        findings_per_inspection=per_inspection,
        by_severity=by_severity,
        repeat_findings=repeats,
        corrective_actions_on_time=Ratio(
            as_int(ca_row.get("on_time")), as_int(ca_row.get("closed"))
        ),
    )


def complaint_table(st: Statement, scope: RowScope, chosen: KpiFilter) -> Statement:
    """A derived table: per complaint its first acknowledgement, first resolution, first
    escalation and number of reopenings, from its workflow history."""
    found = sets.cases(scope, chosen, sets.COMPLAINT_WORKFLOW, period_on="created_at")
    st.sql(
        "(SELECT c0.id, c0.customer_id, c0.created_at, c0.state, "
        f"MIN(CASE WHEN h.event = '{ACKNOWLEDGE_EVENT}' THEN h.occurred_at END) AS ack, "
        f"MIN(CASE WHEN h.to_state = '{RESOLVED_STATE}' THEN h.occurred_at END) AS res, "
        f"MIN(CASE WHEN h.event = '{ESCALATE_EVENT}' THEN h.occurred_at END) AS esc, "
        f"SUM(CASE WHEN h.event = '{REOPEN_EVENT}' THEN 1 ELSE 0 END) AS reopens FROM "
    ).sub(subquery(found.values("id", "customer_id", "created_at", "state")))
    # Only the history rows an aggregate reads are joined (the others would add NULLs to the
    # MINs and 0 to the SUM): fewer rows through the join and the grouping.
    return st.sql(
        " AS c0 LEFT JOIN workflow_history h ON h.instance_id = c0.id AND (h.event IN "
        f"('{ACKNOWLEDGE_EVENT}', '{ESCALATE_EVENT}', '{REOPEN_EVENT}') "
        f"OR h.to_state = '{RESOLVED_STATE}') "
        "GROUP BY c0.id, c0.customer_id, c0.created_at, c0.state)"
    )


def complaint_cte(st: Statement, scope: RowScope, chosen: KpiFilter) -> Statement:
    """``WITH c AS (...)`` of ``complaint_table``."""
    st.sql("WITH c AS ")
    return complaint_table(st, scope, chosen).sql(" ")


async def _complaint_median(scope: RowScope, chosen: KpiFilter, column: str) -> float | None:
    st = Statement()
    complaint_cte(st, scope, chosen)
    hours = seconds_between("created_at", column, st.postgres)
    st.sql(f", vals AS (SELECT {hours} / 3600.0 AS v FROM c WHERE {column} IS NOT NULL) ")
    st.sql(median_sql("vals", st.postgres))
    return as_float((await st.one()).get("median"))


async def complaints(scope: RowScope, chosen: KpiFilter) -> Complaints:
    st = Statement()
    complaint_cte(st, scope, chosen).sql(
        "SELECT SUM(CASE WHEN ack IS NOT NULL THEN 1 ELSE 0 END) AS acked, "
        "SUM(CASE WHEN ack IS NOT NULL AND (esc IS NULL OR esc > ack) THEN 1 ELSE 0 END) "
        "AS acked_in_sla, SUM(CASE WHEN res IS NOT NULL THEN 1 ELSE 0 END) AS resolved, "
        "SUM(CASE WHEN res IS NOT NULL AND (esc IS NULL OR esc > res) THEN 1 ELSE 0 END) "
        "AS resolved_in_sla, SUM(CASE WHEN reopens > 0 THEN 1 ELSE 0 END) AS reopened"
    )
    if st.postgres:
        # One pass: percentile_cont is an aggregate (NULLs left out).
        for column in ("ack", "res"):
            hours = seconds_between("created_at", column, True)
            st.sql(
                f", percentile_cont(0.5) WITHIN GROUP (ORDER BY {hours} / 3600.0) "
                f"AS {column}_median"
            )
    st.sql(" FROM c")
    row = await st.one()
    if st.postgres:
        ack_median = as_float(row.get("ack_median"))
        res_median = as_float(row.get("res_median"))
    else:
        ack_median = await _complaint_median(scope, chosen, "ack")
        res_median = await _complaint_median(scope, chosen, "res")
    return Complaints(
        first_response_within_sla=Ratio(as_int(row.get("acked_in_sla")), as_int(row.get("acked"))),
        median_first_response_hours=ack_median,
        resolution_within_sla=Ratio(
            as_int(row.get("resolved_in_sla")), as_int(row.get("resolved"))
        ),
        median_resolution_hours=res_median,
        reopen_rate=Ratio(as_int(row.get("reopened")), as_int(row.get("resolved"))),
    )


def survey_submissions(scope: RowScope, chosen: KpiFilter) -> QuerySet[Submission]:
    return sets.form_submissions(scope, chosen, FormCategory.SURVEY, by_account_auditor=True)


async def satisfaction(scope: RowScope, chosen: KpiFilter) -> Satisfaction:
    st = Statement()
    month, month_key = month_grouped("s.submitted_at", st.postgres)
    st.sql(
        f"SELECT {month} AS month, "
        f"SUM(CASE WHEN v.key = '{OVERALL_KEY}' THEN 1 ELSE 0 END) AS rated, "
        f"SUM(CASE WHEN v.key = '{OVERALL_KEY}' AND v.number_value >= 4 THEN 1 ELSE 0 END) "
        "AS satisfied, "
        f"SUM(CASE WHEN v.key = '{OVERALL_KEY}' THEN v.number_value END) AS rating_sum, "
        f"SUM(CASE WHEN v.key = '{NPS_KEY}' AND v.number_value >= 9 THEN 1 ELSE 0 END) "
        "AS promoters, "
        f"SUM(CASE WHEN v.key = '{NPS_KEY}' AND v.number_value >= 7 AND v.number_value < 9 "
        "THEN 1 ELSE 0 END) AS passives, "
        f"SUM(CASE WHEN v.key = '{NPS_KEY}' AND v.number_value < 7 THEN 1 ELSE 0 END) "
        "AS detractors FROM "
    ).sub(subquery(survey_submissions(scope, chosen).values("id", "submitted_at")))
    st.sql(
        " AS s JOIN search_values v ON v.owner = 'submission' AND v.owner_id = s.id "
        f"AND v.key IN ('{OVERALL_KEY}', '{NPS_KEY}') AND v.number_value IS NOT NULL "
        f"GROUP BY {month_key} ORDER BY 1"
    )
    trend: list[SatisfactionMonth] = []
    rated = satisfied = 0
    rating_sum = 0.0
    for r in await st.rows():
        nps = Nps(as_int(r["promoters"]), as_int(r["passives"]), as_int(r["detractors"]))
        csat = Ratio(as_int(r["satisfied"]), as_int(r["rated"]))
        trend.append(SatisfactionMonth(str(r["month"]), csat, nps))
        rated += csat.denominator
        satisfied += int(csat.numerator)
        rating_sum += as_float(r["rating_sum"]) or 0.0
    total = Nps(
        sum(m.nps.promoters for m in trend),
        sum(m.nps.passives for m in trend),
        sum(m.nps.detractors for m in trend),
    )
    return Satisfaction(
        csat=Ratio(satisfied, rated),
        average_rating=None if rated == 0 else rating_sum / rated,
        nps=total,
        trend=trend,
    )


def trained_customers(scope: RowScope, chosen: KpiFilter) -> QuerySet[Submission]:
    """Training records in the period about customers in scope."""
    return sets.form_submissions(
        scope, chosen, FormCategory.TRAINING_RECORD, by_account_auditor=True
    )


async def training_coverage(scope: RowScope, chosen: KpiFilter) -> Ratio:
    st = Statement()
    st.sql("SELECT COUNT(DISTINCT t.customer_id) AS n FROM ").sub(
        subquery(trained_customers(scope, chosen).values("customer_id"))
    ).sql(" AS t")
    found, in_scope = await asyncio.gather(st.one(), sets.customers_in_scope(scope, chosen).count())
    return Ratio(as_int(found.get("n")), int(in_scope))


def migration_rows(st: Statement, scope: RowScope, chosen: KpiFilter, join: str = "") -> Statement:
    """``FROM (...) AS t WHERE ...``: credit records assessed in the period with the grade
    of the customer's record before (LAG over every record, then the period)."""
    records = sets.credit_records(scope, chosen).values("id", "customer_id", "grade", "assessed_at")
    st.sql(
        "FROM (SELECT r.id, r.customer_id, r.grade, r.assessed_at, LAG(r.grade) OVER "
        "(PARTITION BY r.customer_id ORDER BY r.assessed_at, r.id) AS prev FROM "
    ).sub(subquery(records)).sql(f" AS r) AS t {join}WHERE t.prev IS NOT NULL")
    # The period on the windowed rows themselves (the bounds of ``sets.in_period``), not as
    # a second read of the records joined back by id.
    start, end = sets.period_bounds(chosen)
    if start is not None:
        st.sql(" AND t.assessed_at >= ").param(start)
    if end is not None:
        st.sql(" AND t.assessed_at < ").param(end)
    return st.sql(" ")


async def credit(scope: RowScope, chosen: KpiFilter) -> Credit:
    st = Statement().sql("SELECT t.prev AS from_grade, t.grade AS to_grade, COUNT(*) AS n ")
    migration_rows(st, scope, chosen).sql("GROUP BY t.prev, t.grade ORDER BY t.prev, t.grade")
    found, grades = await asyncio.gather(st.rows(), credit_grades(scope, _customer_filter(chosen)))
    migrations = [
        Migration(str(r["from_grade"]), str(r["to_grade"]), as_int(r["n"])) for r in found
    ]
    return Credit(grades=grades, migrations=migrations)


def _customer_filter(chosen: KpiFilter) -> KpiFilter:
    # Current grades are of customers: no period, no form.
    return KpiFilter(tier=chosen.tier, region=chosen.region)


async def _risk_months(scope: RowScope, chosen: KpiFilter, column: str) -> list[dict[str, Any]]:
    """Risks per month of ``column`` (raised: created_at, closed: closed_at) in the period."""
    st = Statement()
    month, month_key = month_grouped("k.at", st.postgres)
    found = sets.risks(scope, chosen).filter(
        sets.in_period(column, chosen), **{f"{column}__isnull": False}
    )
    st.sql(f"SELECT {month} AS month, COUNT(*) AS n FROM ").sub(
        subquery(found.values(at=column))
    ).sql(f" AS k GROUP BY {month_key}")
    return await st.rows()


async def risk(scope: RowScope, chosen: KpiFilter) -> Risk:
    open_risks = sets.risks(scope, chosen).filter(status=RiskStatus.OPEN)
    cells_query = (
        open_risks.annotate(count=Count("id"))
        .group_by("likelihood", "impact")
        .values("likelihood", "impact", "count")
    )
    # Three independent statements: concurrently, each on a connection of the pool.
    cells, raised, closed = await asyncio.gather(
        cells_query,
        _risk_months(scope, chosen, "created_at"),
        _risk_months(scope, chosen, "closed_at"),
    )
    heat = sorted(
        (HeatCell(int(c["likelihood"]), int(c["impact"]), int(c["count"])) for c in cells),
        key=lambda c: (-c.likelihood, c.impact),
    )
    months: dict[str, list[int]] = {}
    for found, slot in ((raised, 0), (closed, 1)):
        for r in found:
            months.setdefault(str(r["month"]), [0, 0])[slot] = as_int(r["n"])
    trend = [RiskMonth(m, counts[0], counts[1]) for m, counts in sorted(months.items())]
    return Risk(heat_map=heat, trend=trend)
