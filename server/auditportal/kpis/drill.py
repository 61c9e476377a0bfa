"""Drill-down: the rows behind a figure, under the same scope and filter as the figure.

Each kind selects ``id, customer_id, customer_name, label, at, detail`` from the very row
set its figure aggregates; a page is one ``LIMIT``/``OFFSET`` query and the total one
``COUNT``.
"""
# ruff: noqa: S608  (the SQL text interpolated here is constant dialect text and
# aliases; every value is a bound parameter, from Tortoise or ``Statement.param``)

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from auditportal.auth.policy import RowScope
from auditportal.customers.register_models import RiskStatus
from auditportal.kpis import aggregates, sets, training
from auditportal.kpis.figures import KpiKind, KpiRow, KpiRowPage, RowKind
from auditportal.kpis.queries import OPEN_STATUSES, KpiFilter, inspections
from auditportal.kpis.sql import Statement, subquery
from auditportal.pagination import PageRequest

Inner = Callable[[Statement], Statement]
CUSTOMER_JOIN = "LEFT JOIN customers cu ON cu.id = {alias}.customer_id "
# Rows with no day of their own are listed by name.
ORDERS = {
    KpiKind.CUSTOMERS_NOT_TRAINED: "r.customer_name, r.id",
    KpiKind.AUDITORS_NOT_TRAINED: "r.label, r.id",
}


def _inspections_due(scope: RowScope, chosen: KpiFilter, today: date, late: bool) -> Inner:
    def build(st: Statement) -> Statement:
        on_time = aggregates.on_time_case(st.postgres)
        st.sql(
            "SELECT si.id, si.customer_id, cu.name AS customer_name, si.status AS label, "
            f"si.due_on AS at, CASE WHEN {on_time} = 1 THEN 'on_time' ELSE 'late' END AS detail "
        )
        aggregates._due_rows(st, scope, chosen, today).sql(CUSTOMER_JOIN.format(alias="si"))
        if late:
            st.sql(f"WHERE {on_time} = 0 ")
        return st

    return build


def _open_inspections(scope: RowScope, chosen: KpiFilter) -> Inner:
    found = inspections(scope, chosen).filter(status__in=OPEN_STATUSES)

    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT si.id, si.customer_id, cu.name AS customer_name, si.status AS label, "
            "si.due_on AS at, NULL AS detail FROM "
        ).sub(subquery(found.values("id", "customer_id", "status", "due_on")))
        return st.sql(" AS si " + CUSTOMER_JOIN.format(alias="si"))

    return build


def _findings(scope: RowScope, chosen: KpiFilter, repeats_only: bool) -> Inner:
    found = aggregates.inspection_submissions(scope, chosen).filter(finding_count__gt=0)
    rows = found.values("id", "customer_id", "form_id", "submitted_at", "finding_count", "findings")

    def build(st: Statement) -> Statement:
        if st.postgres:
            elements = "jsonb_array_elements(CAST(s.findings AS jsonb)) AS f(value)"
        else:
            elements = "json_each(s.findings) AS f"
        repeats = f"(SELECT SUM({aggregates.repeat_case(st.postgres)}) FROM {elements})"
        detail = repeats if repeats_only else "s.finding_count"
        st.sql(
            "SELECT s.id, s.customer_id, cu.name AS customer_name, fo.key AS label, "
            f"s.submitted_at AS at, CAST({detail} AS TEXT) AS detail FROM "
        ).sub(subquery(rows))
        st.sql(" AS s LEFT JOIN forms fo ON fo.id = s.form_id " + CUSTOMER_JOIN.format(alias="s"))
        if repeats_only:
            st.sql(f"WHERE {repeats} > 0 ")
        return st

    return build


def _corrective_actions(scope: RowScope, chosen: KpiFilter) -> Inner:
    found = sets.cases(
        scope, chosen, sets.CORRECTIVE_ACTION_WORKFLOW, period_on="closed_at"
    ).filter(state=aggregates.CLOSED_STATE)

    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT c.id, c.customer_id, cu.name AS customer_name, c.state AS label, "
            "c.closed_at AS at, CASE WHEN EXISTS (SELECT 1 FROM workflow_history h WHERE "
            f"h.instance_id = c.id AND h.to_state = '{aggregates.OVERDUE_STATE}') THEN 'late' "
            "ELSE 'on_time' END AS detail FROM "
        ).sub(subquery(found.values("id", "customer_id", "state", "closed_at")))
        return st.sql(" AS c " + CUSTOMER_JOIN.format(alias="c"))

    return build


def _complaints(scope: RowScope, chosen: KpiFilter, reopened: bool) -> Inner:
    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT c.id, c.customer_id, cu.name AS customer_name, c.state AS label, "
            "c.created_at AS at, CAST(c.reopens AS TEXT) AS detail FROM "
        )
        aggregates.complaint_table(st, scope, chosen).sql(
            " AS c " + CUSTOMER_JOIN.format(alias="c")
        )
        if reopened:
            st.sql("WHERE c.reopens > 0 ")
        return st

    return build


def _surveys(scope: RowScope, chosen: KpiFilter, detractors: bool) -> Inner:
    found = aggregates.survey_submissions(scope, chosen).values("id", "customer_id", "submitted_at")

    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT s.id, s.customer_id, cu.name AS customer_name, fo.key AS label, "
            "s.submitted_at AS at, v.text_value AS detail FROM "
        ).sub(subquery(found))
        st.sql(
            " AS s JOIN submissions sb ON sb.id = s.id LEFT JOIN forms fo ON fo.id = sb.form_id "
            "LEFT JOIN search_values v ON v.owner = 'submission' AND v.owner_id = s.id "
            f"AND v.key = '{aggregates.NPS_KEY}' " + CUSTOMER_JOIN.format(alias="s")
        )
        if detractors:
            st.sql("WHERE v.number_value < 7 ")
        return st

    return build


def _trained(scope: RowScope, chosen: KpiFilter) -> Inner:
    found = aggregates.trained_customers(scope, chosen).values("customer_id", "submitted_at")

    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT t.customer_id AS id, t.customer_id, cu.name AS customer_name, "
            "cu.code AS label, MAX(t.submitted_at) AS at, NULL AS detail FROM "
        ).sub(subquery(found))
        return st.sql(
            " AS t " + CUSTOMER_JOIN.format(alias="t") + "GROUP BY t.customer_id, cu.name, cu.code "
        )

    return build


def _not_trained(scope: RowScope, chosen: KpiFilter) -> Inner:
    pool = sets.customers_in_scope(scope, chosen).values("id", "name", "code")
    trained = aggregates.trained_customers(scope, chosen).values("customer_id")

    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT cu.id, cu.id AS customer_id, cu.name AS customer_name, cu.code AS label, "
            "NULL AS at, NULL AS detail FROM "
        ).sub(subquery(pool)).sql(" AS cu WHERE cu.id NOT IN ").sub(subquery(trained))
        return st.sql(" ")

    return build


def _auditors_trained(scope: RowScope, chosen: KpiFilter) -> Inner:
    found = training.own_training_records(scope, chosen).values("submitted_by_id", "submitted_at")

    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT u.id, NULL AS customer_id, NULL AS customer_name, "
            "COALESCE(NULLIF(u.display_name, ''), u.username) AS label, MAX(t.submitted_at) AS at, "
            "CAST(COUNT(*) AS TEXT) AS detail FROM "
        ).sub(subquery(found))
        return st.sql(
            " AS t JOIN users u ON u.id = t.submitted_by_id "
            "GROUP BY u.id, u.display_name, u.username "
        )

    return build


def _auditors_not_trained(scope: RowScope, chosen: KpiFilter) -> Inner:
    pool = training.active_auditors(scope, chosen).values("id", "display_name", "username")
    trained = training.own_training_records(scope, chosen).values("submitted_by_id")

    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT u.id, NULL AS customer_id, NULL AS customer_name, "
            "COALESCE(NULLIF(u.display_name, ''), u.username) AS label, NULL AS at, "
            "NULL AS detail FROM "
        ).sub(subquery(pool)).sql(" AS u WHERE u.id NOT IN ").sub(subquery(trained))
        return st.sql(" ")

    return build


def _migrations(scope: RowScope, chosen: KpiFilter) -> Inner:
    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT t.id, t.customer_id, cu.name AS customer_name, "
            "t.prev || ' -> ' || t.grade AS label, t.assessed_at AS at, NULL AS detail "
        )
        return aggregates.migration_rows(st, scope, chosen, CUSTOMER_JOIN.format(alias="t"))

    return build


def _risks(scope: RowScope, chosen: KpiFilter) -> Inner:
    found = sets.risks(scope, chosen).filter(status=RiskStatus.OPEN)
    rows = found.values("id", "customer_id", "title", "created_at", "likelihood", "impact")

    def build(st: Statement) -> Statement:
        st.sql(
            "SELECT k.id, k.customer_id, cu.name AS customer_name, k.title AS label, "
            "k.created_at AS at, CAST(k.likelihood AS TEXT) || 'x' || CAST(k.impact AS TEXT) "
            "AS detail FROM "
        ).sub(subquery(rows))
        return st.sql(" AS k " + CUSTOMER_JOIN.format(alias="k"))

    return build


def _inner(kind: KpiKind, scope: RowScope, chosen: KpiFilter, today: date) -> tuple[RowKind, Inner]:
    match kind:
        case KpiKind.INSPECTIONS_DUE:
            return RowKind.INSPECTION, _inspections_due(scope, chosen, today, late=False)
        case KpiKind.INSPECTIONS_LATE:
            return RowKind.INSPECTION, _inspections_due(scope, chosen, today, late=True)
        case KpiKind.OPEN_INSPECTIONS:
            return RowKind.INSPECTION, _open_inspections(scope, chosen)
        case KpiKind.FINDINGS:
            return RowKind.SUBMISSION, _findings(scope, chosen, repeats_only=False)
        case KpiKind.REPEAT_FINDINGS:
            return RowKind.SUBMISSION, _findings(scope, chosen, repeats_only=True)
        case KpiKind.CORRECTIVE_ACTIONS:
            return RowKind.CASE, _corrective_actions(scope, chosen)
        case KpiKind.COMPLAINTS:
            return RowKind.CASE, _complaints(scope, chosen, reopened=False)
        case KpiKind.COMPLAINTS_REOPENED:
            return RowKind.CASE, _complaints(scope, chosen, reopened=True)
        case KpiKind.SURVEY_RESPONSES:
            return RowKind.SUBMISSION, _surveys(scope, chosen, detractors=False)
        case KpiKind.DETRACTORS:
            return RowKind.SUBMISSION, _surveys(scope, chosen, detractors=True)
        case KpiKind.CUSTOMERS_TRAINED:
            return RowKind.CUSTOMER, _trained(scope, chosen)
        case KpiKind.CUSTOMERS_NOT_TRAINED:
            return RowKind.CUSTOMER, _not_trained(scope, chosen)
        case KpiKind.AUDITORS_TRAINED:
            return RowKind.USER, _auditors_trained(scope, chosen)
        case KpiKind.AUDITORS_NOT_TRAINED:
            return RowKind.USER, _auditors_not_trained(scope, chosen)
        case KpiKind.CREDIT_MIGRATIONS:
            return RowKind.CREDIT_RECORD, _migrations(scope, chosen)
        case KpiKind.OPEN_RISKS:
            return RowKind.RISK, _risks(scope, chosen)


def _uuid(value: Any) -> UUID | None:
    if value is None or isinstance(value, UUID):
        return value
    return UUID(str(value))


def _when(value: Any) -> datetime | date | None:
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text)


async def rows(
    scope: RowScope, kind: KpiKind, chosen: KpiFilter, page: PageRequest, today: date
) -> KpiRowPage:
    row_kind, inner = _inner(kind, scope, chosen, today)
    order = ORDERS.get(kind, "r.at DESC, r.id")
    listing = Statement().sql("SELECT * FROM (")
    inner(listing).sql(") AS r ")
    listing.sql(f"ORDER BY {order} LIMIT ").param(page.limit + 1).sql(" OFFSET ").param(page.offset)
    found = await listing.rows()
    counting = Statement().sql("SELECT COUNT(*) AS n FROM (")
    inner(counting).sql(") AS r")
    total = int((await counting.one()).get("n") or 0)
    items = [
        KpiRow(
            kind=row_kind,
            id=_uuid(r["id"]) or UUID(int=0),
            customer_id=_uuid(r["customer_id"]),
            customer_name=r["customer_name"],
            label=str(r["label"]),
            at=_when(r["at"]),
            detail=None if r["detail"] is None else str(r["detail"]),
        )
        for r in found[: page.limit]
    ]
    return KpiRowPage(
        rows=items, offset=page.offset, has_next_page=len(found) > page.limit, total=total
    )
