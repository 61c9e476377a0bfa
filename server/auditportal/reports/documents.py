"""The contexts of the customer dossier and the period summary templates: every value
text in the report's language, charts as SVG (``charts``)."""

from __future__ import annotations

import base64
import mimetypes
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from auditportal.customers.models import Customer
from auditportal.i18n import localized, translate
from auditportal.reports import charts, kinds, templating
from auditportal.reports.render import _number, _percent, _time, footer_text, language_tag
from auditportal.reports.render import render_style as _style
from auditportal.settings import Language, Settings


def organisation(settings: Settings) -> dict[str, str | None]:
    """The branded header: the name and the logo (as a data: URI) from the settings."""
    logo = None
    if settings.report_logo_path:
        path = Path(settings.report_logo_path)
        kind = mimetypes.guess_type(path.name)[0]
        if path.is_file() and kind in ("image/png", "image/jpeg", "image/svg+xml"):
            logo = f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode()
    return {"name": settings.report_org_name or None, "logo": logo}


async def register_html(
    kind: str,
    customer_id: UUID | None,
    parameters: dict[str, Any],
    language: Language,
    settings: Settings,
    *,
    content_key: str | None = None,
    source: str | None = None,
) -> str:
    """A customer dossier (of ``customer_id``) or a period summary (``parameters``' from
    and to) as finished HTML."""
    zone = ZoneInfo(settings.timezone)
    org = organisation(settings)
    now = datetime.now(UTC)
    if kind == kinds.CUSTOMER_DOSSIER:
        customer = await Customer.get(id=customer_id)
        data = await kinds.dossier_data(customer)
        context = dossier_context(data, language, zone, now, content_key=content_key, org=org)
        return templating.render("customer_dossier.html", context, source=source)
    period = await kinds.period_data(parameters)
    context = period_context(period, language, zone, now, content_key=content_key, org=org)
    return templating.render("period_summary.html", context, source=source)


def _common(
    kind: str,
    language: Language,
    zone: tzinfo,
    generated_at: datetime,
    content_key: str | None,
    org: dict[str, str | None] | None,
) -> dict[str, Any]:
    def t(key: str, **params: Any) -> str:
        return translate(key, language, **params)

    return {
        "t": t,
        "kind": kind,
        "language_tag": language_tag(language),
        "title": t(f"report.title.{kind}"),
        "org": org or {"name": None, "logo": None},
        "style": _style(language, footer_text(language, generated_at, zone, content_key)),
    }


def _date(moment: datetime | None, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d") if moment else "—"


def _duration(value: timedelta | None, language: Language) -> str:
    if value is None:
        return "—"
    hours = value.total_seconds() / 3600
    return translate("report.hours", language, hours=f"{hours:.1f}")


def dossier_context(
    data: dict[str, Any],
    language: Language,
    zone: tzinfo,
    generated_at: datetime,
    *,
    content_key: str | None = None,
    org: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    context = _common("customer_dossier", language, zone, generated_at, content_key, org)
    t = context["t"]
    customer = data["customer"]

    def tier(code: Any) -> str:
        return t(f"report.tier.{code}") if code else "—"

    scores = [
        (_date(s.submitted_at, zone)[5:], s.score_percent)
        for s, _ in data["inspections"]
        if s.score_percent is not None
    ]
    context.update(
        subtitle=f"{customer.name} ({customer.code})",
        meta=[
            (t("report.customer"), customer.name),
            (t("report.code"), customer.code),
            (t("report.industry"), customer.industry or "—"),
            (t("report.region"), customer.region or "—"),
            (t("report.tier"), tier(customer.tier)),
            (t("report.credit_grade"), customer.credit_grade or "—"),
            (t("report.risk_score"), _number(customer.risk_score)),
        ],
        tier_history=[
            (_date(c.changed_at, zone), tier(c.from_tier), tier(c.to_tier), c.reason or "")
            for c in data["tier_changes"]
        ],
        credit_history=[
            (
                _date(c.assessed_at, zone),
                c.grade,
                f"{c.credit_limit:,.2f} {c.currency}" if c.credit_limit is not None else "—",
                c.note or "",
            )
            for c in data["credit"]
        ],
        risks=[
            (
                t(f"report.risk.{r.category}"),
                r.title,
                f"{r.likelihood} × {r.impact}",
                t(f"report.risk_status.{r.status}"),
            )
            for r in data["risks"]
        ],
        heat_map=charts.heat_map(
            data["heat"], likelihood=t("report.likelihood"), impact=t("report.impact")
        ),
        inspections=[
            (
                _time(s.submitted_at, zone),
                localized(f.title if isinstance(f.title, dict) else {"en": f.title}, language)
                or "—",
                _percent(s.score_percent),
                str(s.finding_count),
            )
            for s, f in data["inspections"]
        ],
        score_chart=charts.line(scores) if scores else None,
        open_findings=[
            {
                "severity": f["severity"],
                "label": t(f"report.severity.{f['severity']}"),
                "title": localized(f["title"], language) or "—",
                "at": _date(f["at"], zone),
            }
            for f in data["open_findings"]
        ],
        complaints=[
            (_time(s.submitted_at, zone), _duration(took, language))
            for s, took in data["complaints"]
        ],
        communications=[
            (_time(c.occurred_at, zone), t(f"report.channel.{c.channel}"), c.summary)
            for c in data["communications"]
        ],
    )
    return context


def period_context(
    data: dict[str, Any],
    language: Language,
    zone: tzinfo,
    generated_at: datetime,
    *,
    content_key: str | None = None,
    org: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    context = _common("period_summary", language, zone, generated_at, content_key, org)
    t = context["t"]
    severities = [(t(f"report.severity.{code}"), n) for code, n in data["severities"]]
    on_time = f"{data['done']} / {data['due']}" if data["due"] else "—"
    context.update(
        subtitle=f"{t('report.period')} {data['start']} – {data['end']}",
        kpis=[
            (t("report.inspections_due_done"), on_time),
            (t("report.inspections_overdue"), str(data["overdue"])),
            (t("report.inspections_done"), str(len(data["inspections"]))),
            (t("report.average_score"), _percent(data["average"])),
            (t("report.complaints"), str(data["complaints"])),
            (
                t("report.complaint_handling"),
                "—"
                if data["complaint_hours"] is None
                else t("report.hours", hours=f"{data['complaint_hours']:.1f}"),
            ),
            (t("report.nps"), "—" if data["nps"] is None else f"{data['nps']:g}"),
        ],
        severity_chart=charts.bars(severities, colors=("#7f1d1d", "#b91c1c", "#d97706", "#2563eb")),
        score_chart=charts.line(data["scores_by_day"]) if data["scores_by_day"] else None,
        inspections=[
            (
                _time(s.submitted_at, zone),
                f"{c.name} ({c.code})" if c else "—",
                localized(f.title if isinstance(f.title, dict) else {"en": f.title}, language)
                or "—",
                _percent(s.score_percent),
                str(s.finding_count),
            )
            for s, f, c in data["inspections"]
        ],
    )
    return context
