"""The ``dashboard`` report: the manager's dashboard for a period as a PDF.

The page's figures from the page's source: the ``kpis`` service, with the page's filters
(period, tier, region, auditor, form; the web's "Print PDF" sends them as the report's
parameters), so that page and PDF show the same numbers. Only callers who see every
customer may request it (as for the period summary); it renders in a job as the reports
principal. Shown: the page's cards (inspection completion, findings per submission, open
inspections, NPS, training coverage of customers and of auditors), the on-time rate by
month, findings by severity, NPS by month, the open risks' heat map, credit grades and the
auditors' workload. Charts are inline SVG (``charts``).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from auditportal.auth.models import User
from auditportal.auth.principal import system_principal
from auditportal.forms.models import Form
from auditportal.i18n import translate
from auditportal.kpis import service
from auditportal.kpis.figures import Nps
from auditportal.kpis.queries import GroupCount, KpiFilter, Ratio
from auditportal.reports import charts, documents, kinds, templating
from auditportal.reports.render import footer_text, language_tag
from auditportal.reports.render import render_style as _style
from auditportal.settings import Language, Settings

REPORTS = system_principal("reports")
SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_COLORS = ("#7f1d1d", "#b91c1c", "#d97706", "#2563eb")
# The page's filters as report parameters (besides the period's "from" and "to").
FILTER_KEYS = ("tier", "region", "auditorId", "formId")


def _uuid(value: Any) -> UUID | None:
    return None if value in (None, "") else UUID(str(value))


def report_filter(parameters: dict[str, Any]) -> KpiFilter:
    """The KPI filter of a dashboard report's parameters."""
    start, end = kinds.period_bounds(parameters)
    return KpiFilter(
        start=start.date(),
        end=(end - timedelta(days=1)).date(),
        tier=parameters.get("tier") or None,
        region=parameters.get("region") or None,
        auditor_id=_uuid(parameters.get("auditorId")),
        form_id=_uuid(parameters.get("formId")),
    )


async def _names(ids: list[UUID | None]) -> dict[UUID, str]:
    users = await User.filter(id__in=[i for i in ids if i is not None])
    return {u.id: u.display_name or u.username for u in users}


async def _filter_labels(chosen: KpiFilter) -> dict[str, Any]:
    """What the filters name, for the subtitle: tier code, region, auditor name, form title."""
    found: dict[str, Any] = {}
    if chosen.tier is not None:
        found["tier"] = chosen.tier
    if chosen.region is not None:
        found["region"] = chosen.region
    if chosen.auditor_id is not None:
        names = await _names([chosen.auditor_id])
        found["auditor"] = names.get(chosen.auditor_id, str(chosen.auditor_id))
    if chosen.form_id is not None:
        form = await Form.get_or_none(id=chosen.form_id)
        found["form"] = form.title if form is not None else str(chosen.form_id)
    return found


async def dashboard_data(
    parameters: dict[str, Any], *, today: date | None = None
) -> dict[str, Any]:
    """Every figure of the dashboard for the period and filters of ``parameters``."""
    chosen = report_filter(parameters)
    p = REPORTS
    # Started together so the statements overlap on PostgreSQL; one task per
    # figure (not one ``gather`` of ten) keeps each result's type for mypy.
    completion_task = asyncio.create_task(service.inspection_completion(p, chosen, today=today))
    findings_task = asyncio.create_task(service.findings_per_submission(p, chosen))
    workload_task = asyncio.create_task(service.auditor_workload(p, chosen, today=today))
    efficiency_task = asyncio.create_task(service.efficiency(p, chosen, today=today))
    discovery_task = asyncio.create_task(service.discovery(p, chosen))
    satisfaction_task = asyncio.create_task(service.satisfaction(p, chosen))
    risk_task = asyncio.create_task(service.risk(p, chosen))
    grades_task = asyncio.create_task(service.credit_grades(p, chosen))
    customers_trained_task = asyncio.create_task(service.training_coverage(p, chosen))
    auditors_trained_task = asyncio.create_task(service.auditor_training_coverage(p, chosen))
    completion = await completion_task
    findings = await findings_task
    workload = await workload_task
    efficiency = await efficiency_task
    discovery = await discovery_task
    satisfaction = await satisfaction_task
    risk = await risk_task
    grades = await grades_task
    customers_trained = await customers_trained_task
    auditors_trained = await auditors_trained_task
    names = await _names([w.auditor_id for w in workload])
    counted = {s.severity: s.count for s in discovery.by_severity}
    return {
        "start": chosen.start,
        "end": chosen.end,
        "filters": await _filter_labels(chosen),
        "completion": completion,
        "findings": findings,
        "on_time": efficiency.on_time,
        "on_time_by_month": [(m.month, m.ratio) for m in efficiency.on_time_by_month],
        "severities": [(code, counted.get(code, 0)) for code in SEVERITIES],
        "nps": satisfaction.nps,
        "nps_by_month": [(m.month, m.nps.score) for m in satisfaction.trend],
        "heat": Counter({(c.likelihood, c.impact): c.count for c in risk.heat_map}),
        "grades": grades,
        "training": customers_trained,
        "auditor_training": auditors_trained,
        "workload": [
            (names.get(w.auditor_id, "—") if w.auditor_id else None, w.open, w.overdue)
            for w in workload
        ],
    }


def _rate(ratio: Ratio) -> str:
    return "—" if ratio.rate is None else f"{100 * ratio.rate:.1f}%"


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _subtitle(data: dict[str, Any], language: Language) -> str:
    def t(key: str, **params: Any) -> str:
        return translate(key, language, **params)

    parts = [f"{t('report.period')} {data['start']} – {data['end']}"]
    chosen: dict[str, Any] = data.get("filters") or {}
    if "tier" in chosen:
        parts.append(f"{t('dashboard.filter.tier')} {t('report.tier.' + str(chosen['tier']))}")
    if "region" in chosen:
        parts.append(f"{t('dashboard.filter.region')} {chosen['region']}")
    if "auditor" in chosen:
        parts.append(f"{t('dashboard.filter.auditor')} {chosen['auditor']}")
    if "form" in chosen:
        title = chosen["form"]
        if isinstance(title, dict):
            title = title.get(language) or next(iter(title.values()), "")
        parts.append(f"{t('dashboard.filter.form')} {title}")
    return " · ".join(parts)


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
    nps: Nps = data["nps"]
    training: Ratio = data["training"]
    auditor_training: Ratio = data["auditor_training"]
    unassigned = t("dashboard.unassigned")
    monthly = [(label, 100 * r.rate) for label, r in data["on_time_by_month"] if r.rate is not None]
    nps_points = [(label, value) for label, value in data["nps_by_month"] if value is not None]
    workload = data["workload"]
    return {
        "t": t,
        "kind": kinds.DASHBOARD,
        "language_tag": language_tag(language),
        "title": t("report.title.dashboard"),
        "org": org or {"name": None, "logo": None},
        "style": _style(language, footer_text(language, generated_at, zone, content_key)),
        "subtitle": _subtitle(data, language),
        "kpis": [
            (
                t("dashboard.completion"),
                _rate(completion),
                t("dashboard.of", done=int(completion.numerator), due=completion.denominator),
            ),
            (
                t("dashboard.findings_per_submission"),
                "—" if findings.rate is None else f"{findings.rate:.2f}",
                t(
                    "dashboard.findings_note",
                    findings=int(findings.numerator),
                    count=findings.denominator,
                ),
            ),
            (
                t("dashboard.open_work"),
                str(sum(w[1] for w in workload)),
                t("dashboard.overdue", count=sum(w[2] for w in workload)),
            ),
            (
                t("report.nps"),
                _score(nps.score),
                t(
                    "dashboard.nps_note",
                    responses=nps.responses,
                    promoters=nps.promoters,
                    detractors=nps.detractors,
                ),
            ),
            (
                t("dashboard.training_customers"),
                _rate(training),
                t(
                    "dashboard.trained_of",
                    trained=int(training.numerator),
                    total=training.denominator,
                ),
            ),
            (
                t("dashboard.training_auditors"),
                _rate(auditor_training),
                t(
                    "dashboard.trained_of",
                    trained=int(auditor_training.numerator),
                    total=auditor_training.denominator,
                ),
            ),
        ],
        "on_time_chart": charts.line(monthly) if monthly else None,
        "on_time_rows": [
            (label, f"{int(r.numerator)} / {r.denominator}", _rate(r))
            for label, r in data["on_time_by_month"]
        ],
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
    """The dashboard for the period and filters of ``parameters`` as finished HTML."""
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
        "filters": {"region": "north"},
        "completion": Ratio(numerator=3, denominator=4),
        "findings": Ratio(numerator=5, denominator=10),
        "on_time": Ratio(2, 4),
        "on_time_by_month": [("2026-01", Ratio(1, 2)), ("2026-02", Ratio(1, 2))],
        "severities": [("critical", 0), ("high", 1), ("medium", 2), ("low", 2)],
        "nps": Nps(promoters=3, passives=1, detractors=1),
        "nps_by_month": [("2026-01", 20.0), ("2026-02", 60.0)],
        "heat": Counter({(3, 4): 1, (5, 5): 1}),
        "grades": [GroupCount(key="A", count=2), GroupCount(key=None, count=1)],
        "training": Ratio(1, 3),
        "auditor_training": Ratio(1, 2),
        "workload": [("示例稽核员 Sample auditor", 2, 1), (None, 1, 0)],
    }
