"""The ``dashboard`` report: the manager's dashboard for a period as a PDF.

The same figures as the web dashboard, taken from the KPI aggregates (``kpis.queries``)
over every customer (only callers who see every customer may request it, as for the
period summary): inspection completion, findings per submission, completion by month,
findings by severity, NPS by month, the open risks' heat map, credit grades and the
auditors' workload. Charts are inline SVG (``charts``).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.functions import Count

from auditportal.auth.models import User
from auditportal.auth.policy import RowScope
from auditportal.customers.register_models import Risk, RiskStatus
from auditportal.forms.models import Form, Submission
from auditportal.i18n import translate
from auditportal.kpis import queries
from auditportal.kpis.queries import KpiFilter, Ratio
from auditportal.reports import charts, documents, kinds, templating
from auditportal.reports.render import footer_text, language_tag
from auditportal.reports.render import render_style as _style
from auditportal.settings import Language, Settings

EVERYTHING = RowScope(everything=True)
SEVERITY_COLORS = ("#7f1d1d", "#b91c1c", "#d97706", "#2563eb")


def months(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months of [start, end], each clipped to the period."""
    found: list[tuple[date, date]] = []
    first = start
    while first <= end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        found.append((first, min(end, following - timedelta(days=1))))
        first = following
    return found


def nps(scores: list[float]) -> float | None:
    """Net promoter score of 0..10 answers: % promoters (9, 10) - % detractors (0..6)."""
    if not scores:
        return None
    promoters = sum(1 for v in scores if v >= 9)
    detractors = sum(1 for v in scores if v <= 6)
    return round(100 * (promoters - detractors) / len(scores), 1)


async def _nps_by_month(periods: list[tuple[date, date]]) -> list[tuple[str, float | None]]:
    survey_forms = await Form.filter(category="survey").values_list("id", flat=True)
    found: list[tuple[str, float | None]] = []
    for first, last in periods:
        answers = await Submission.filter(
            form_id__in=list(survey_forms),
            superseded_at=None,
            submitted_at__gte=datetime.combine(first, datetime.min.time(), UTC),
            submitted_at__lt=datetime.combine(last + timedelta(days=1), datetime.min.time(), UTC),
        ).values_list("answers", flat=True)
        found_answers: list[Any] = list(answers)
        values = [a.get("nps") for a in found_answers if isinstance(a, dict)]
        scores = [float(v) for v in values if isinstance(v, int | float)]
        found.append((first.strftime("%Y-%m"), nps(scores)))
    return found


async def _heat() -> Counter[tuple[int, int]]:
    rows = (
        await Risk.filter(status=RiskStatus.OPEN)
        .annotate(n=Count("id"))
        .group_by("likelihood", "impact")
        .values("likelihood", "impact", "n")
    )
    heat: Counter[tuple[int, int]] = Counter()
    for row in rows:
        cell = (max(1, min(5, int(row["likelihood"]))), max(1, min(5, int(row["impact"]))))
        heat[cell] += int(row["n"])
    return heat


async def _names(ids: list[UUID | None]) -> dict[UUID, str]:
    users = await User.filter(id__in=[i for i in ids if i is not None])
    return {u.id: u.display_name or u.username for u in users}


async def dashboard_data(
    parameters: dict[str, Any], *, today: date | None = None
) -> dict[str, Any]:
    """Every figure of the dashboard for the period's {"from", "to"} dates."""
    start, end = kinds.period_bounds(parameters)
    first, last = start.date(), (end - timedelta(days=1)).date()
    day = min(today or datetime.now(UTC).date(), last)
    chosen = KpiFilter(start=first, end=last)
    periods = months(first, last)
    by_month = [
        (a.strftime("%Y-%m"), await queries.inspection_completion(EVERYTHING, KpiFilter(a, b), day))
        for a, b in periods
    ]
    summary = await kinds.period_data(parameters)
    workload = await queries.auditor_workload(EVERYTHING, chosen, day)
    names = await _names([w.auditor_id for w in workload])
    return {
        "start": first,
        "end": last,
        "completion": await queries.inspection_completion(EVERYTHING, chosen, day),
        "findings": await queries.findings_per_submission(EVERYTHING, chosen),
        "by_month": by_month,
        "severities": summary["severities"],
        "nps": summary["nps"],
        "nps_by_month": await _nps_by_month(periods),
        "heat": await _heat(),
        "grades": await queries.credit_grades(EVERYTHING, chosen),
        "workload": [
            (names.get(w.auditor_id, "—") if w.auditor_id else None, w.open, w.overdue)
            for w in workload
        ],
    }


def _rate(ratio: Ratio) -> str:
    return "—" if ratio.rate is None else f"{100 * ratio.rate:.1f}%"


def dashboard_context(
    data: dict[str, Any],
    language: Language,
    zone: tzinfo,
    generated_at: datetime,
    *,
    content_key: str | None = None,
    org: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    def t(key: str, **params: Any) -> str:
        return translate(key, language, **params)

    completion: Ratio = data["completion"]
    findings: Ratio = data["findings"]
    unassigned = t("dashboard.unassigned")
    monthly = [(label, 100 * r.rate) for label, r in data["by_month"] if r.rate is not None]
    nps_points = [(label, value) for label, value in data["nps_by_month"] if value is not None]
    workload = data["workload"]
    return {
        "t": t,
        "kind": kinds.DASHBOARD,
        "language_tag": language_tag(language),
        "title": t("report.title.dashboard"),
        "org": org or {"name": None, "logo": None},
        "style": _style(language, footer_text(language, generated_at, zone, content_key)),
        "subtitle": f"{t('report.period')} {data['start']} – {data['end']}",
        "kpis": [
            (
                t("dashboard.completion"),
                _rate(completion),
                t("dashboard.of", done=int(completion.numerator), due=completion.denominator),
            ),
            (
                t("dashboard.findings_per_submission"),
                "—" if findings.rate is None else f"{findings.rate:.2f}",
                t("dashboard.submissions", count=findings.denominator),
            ),
            (
                t("report.nps"),
                "—" if data["nps"] is None else f"{data['nps']:g}",
                "",
            ),
            (
                t("dashboard.open_work"),
                str(sum(w[1] for w in workload)),
                t("dashboard.overdue", count=sum(w[2] for w in workload)),
            ),
        ],
        "completion_chart": charts.line(monthly) if monthly else None,
        "severity_chart": charts.bars(
            [(t(f"report.severity.{code}"), n) for code, n in data["severities"]],
            colors=SEVERITY_COLORS,
        ),
        "nps_chart": charts.line(nps_points, low=-100) if nps_points else None,
        "heat_map": charts.heat_map(
            data["heat"], likelihood=t("report.likelihood"), impact=t("report.impact")
        ),
        "grades_chart": charts.bars(
            [(g.key or t("dashboard.ungraded"), g.count) for g in data["grades"]]
        )
        if data["grades"]
        else None,
        "workload": [
            (name or unassigned, str(open_), str(overdue)) for name, open_, overdue in workload
        ],
    }


async def dashboard_html(
    parameters: dict[str, Any],
    language: Language,
    settings: Settings,
    *,
    content_key: str | None = None,
    source: str | None = None,
) -> str:
    """The dashboard for the period's {"from", "to"} as finished HTML."""
    data = await dashboard_data(parameters)
    context = dashboard_context(
        data,
        language,
        ZoneInfo(settings.timezone),
        datetime.now(UTC),
        content_key=content_key,
        org=documents.organisation(settings),
    )
    return templating.render("dashboard.html", context, source=source)


def sample_data() -> dict[str, Any]:
    """Made-up figures for checking an uploaded dashboard template."""
    return {
        "start": date(2026, 1, 1),
        "end": date(2026, 2, 28),
        "completion": Ratio(numerator=3, denominator=4),
        "findings": Ratio(numerator=5, denominator=10),
        "by_month": [("2026-01", Ratio(1, 2)), ("2026-02", Ratio(2, 2))],
        "severities": [("critical", 0), ("high", 1), ("medium", 2), ("low", 2)],
        "nps": 40.0,
        "nps_by_month": [("2026-01", 20.0), ("2026-02", 60.0)],
        "heat": Counter({(3, 4): 1, (5, 5): 1}),
        "grades": [queries.GroupCount(key="A", count=2), queries.GroupCount(key=None, count=1)],
        "workload": [("示例稽核员 Sample auditor", 2, 1), (None, 1, 0)],
    }
