"""The KPI table as an export (kind ``kpis``, XLSX or CSV): one row per figure for a filter.

The figures are the service's, for the caller (policy, scope, a consultant's grant); the
table is a few dozen aggregated rows, never the rows behind them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any
from uuid import UUID

from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import FieldIssue, ValidationFailed
from auditportal.exports.kinds import Table, register, translator
from auditportal.exports.writer import Row
from auditportal.i18n import translate
from auditportal.kpis import service
from auditportal.kpis.queries import KpiFilter, Ratio
from auditportal.settings import Language, Settings

KPIS = "kpis"


def _bad(name: str) -> ValidationFailed:
    return ValidationFailed(
        "error.invalid_input", [FieldIssue(("filters", name), "export.bad_filter")]
    )


def kpi_filter(raw: dict[str, Any]) -> KpiFilter:
    """The JSON an export keeps (start, end, tier, region, auditorId, formId) as a filter."""
    values: dict[str, Any] = {}
    for name, key, parse in (
        ("start", "start", date.fromisoformat),
        ("end", "end", date.fromisoformat),
        ("auditorId", "auditor_id", UUID),
        ("formId", "form_id", UUID),
        ("tier", "tier", str),
        ("region", "region", str),
    ):
        given = raw.get(name)
        if given is None:
            continue
        try:
            values[key] = parse(str(given))
        except ValueError:
            raise _bad(name) from None
    return KpiFilter(**values)


def _ratio(group: str, figure: str, ratio: Ratio) -> Row:
    rate = ratio.rate
    return [
        group,
        figure,
        ratio.numerator,
        ratio.denominator,
        None if rate is None else round(rate, 4),
    ]


def _value(group: str, figure: str, value: float | int | None) -> Row:
    return [group, figure, None, None, None if value is None else round(float(value), 4)]


async def kpi_table(principal: Principal, chosen: KpiFilter, t: Callable[..., str]) -> list[Row]:
    efficiency = await service.efficiency(principal, chosen)
    discovery = await service.discovery(principal, chosen)
    complaints = await service.complaints(principal, chosen)
    satisfaction = await service.satisfaction(principal, chosen)
    training = await service.training_coverage(principal, chosen)
    credit = await service.credit(principal, chosen)
    risk = await service.risk(principal, chosen)
    g = {name: t(f"kpi.group.{name}") for name in (
        "efficiency", "discovery", "complaints", "satisfaction", "training", "credit", "risk"
    )}  # fmt: skip
    rows: list[Row] = [
        _ratio(g["efficiency"], t("kpi.on_time"), efficiency.on_time),
        _value(g["efficiency"], t("kpi.median_cycle_days"), efficiency.median_cycle_days),
        _ratio(g["discovery"], t("kpi.findings_per_inspection"), discovery.findings_per_inspection),
        *(
            _value(g["discovery"], t("kpi.severity", severity=s.severity), s.count)
            for s in discovery.by_severity
        ),
        _ratio(g["discovery"], t("kpi.repeat_findings"), discovery.repeat_findings),
        _ratio(g["discovery"], t("kpi.corrective_on_time"), discovery.corrective_actions_on_time),
        _ratio(g["complaints"], t("kpi.first_response"), complaints.first_response_within_sla),
        _value(
            g["complaints"], t("kpi.first_response_hours"), complaints.median_first_response_hours
        ),
        _ratio(g["complaints"], t("kpi.resolution"), complaints.resolution_within_sla),
        _value(g["complaints"], t("kpi.resolution_hours"), complaints.median_resolution_hours),
        _ratio(g["complaints"], t("kpi.reopen_rate"), complaints.reopen_rate),
        _ratio(g["satisfaction"], t("kpi.csat"), satisfaction.csat),
        _value(g["satisfaction"], t("kpi.nps"), satisfaction.nps.score),
        _value(g["satisfaction"], t("kpi.promoters"), satisfaction.nps.promoters),
        _value(g["satisfaction"], t("kpi.passives"), satisfaction.nps.passives),
        _value(g["satisfaction"], t("kpi.detractors"), satisfaction.nps.detractors),
        _ratio(g["training"], t("kpi.training_coverage"), training),
        *(
            _value(
                g["credit"],
                t("kpi.ungraded") if c.key is None else t("kpi.grade", grade=c.key),
                c.count,
            )
            for c in credit.grades
        ),
        *(
            _value(
                g["credit"],
                t("kpi.migration", from_grade=m.from_grade, to_grade=m.to_grade),
                m.count,
            )
            for m in credit.migrations
        ),
        *(
            _value(g["risk"], t("kpi.heat_cell", likelihood=c.likelihood, impact=c.impact), c.count)
            for c in risk.heat_map
        ),
    ]
    return rows


@register(KPIS)
async def open_kpis(
    principal: Principal, raw: dict[str, Any], language: Language, settings: Settings
) -> Table:
    require(principal, Permission.CUSTOMERS_INTERNAL_READ)  # before reading the request
    chosen = kpi_filter(raw)
    t = translator(language)

    def say(key: str, **params: Any) -> str:
        return translate(key, language, **params)

    rows = await kpi_table(principal, chosen, say)
    header = [
        t("kpi.col.group"),
        t("kpi.col.figure"),
        t("kpi.col.numerator"),
        t("kpi.col.denominator"),
        t("kpi.col.value"),
    ]

    async def each() -> AsyncIterator[Row]:
        for row in rows:
            yield row

    return Table(t("kpi.title"), header, len(rows), each)
