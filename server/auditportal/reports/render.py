"""A case's report as an HTML document, and that document as a PDF (WeasyPrint).

Everything here is pure: the service gathers the data, ``build_html`` lays it out in one
language (every value escaped), ``render_pdf`` turns it into bytes. ``render_pdf`` is
CPU-bound: call it from a worker thread (``asyncio.to_thread``), never in a request.
Sensitive answers never reach this module in clear: the service passes the stored
envelopes, which are shown as ``******`` like any field marked ``x-sensitive``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from html import escape
from typing import Any

from auditportal.forms.schema_walk import ANY_ITEM, values_at
from auditportal.forms.sensitive import ENVELOPE, MASK
from auditportal.i18n import localized, translate
from auditportal.settings import Language

INSPECTION_REPORT = "inspection_report"
CASE_SUMMARY = "case_summary"
TEMPLATES = (INSPECTION_REPORT, CASE_SUMMARY)

# CJK first: margin boxes take their font from @page, so it is set there too.
FONT_FAMILY = (
    '"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Source Han Sans SC", sans-serif'
)

Text = dict[str, str]


def template_for(name: str) -> str:
    """The template that renders a requested name: itself if known, else the generic one."""
    return name if name in TEMPLATES else CASE_SUMMARY


@dataclass(frozen=True)
class SectionLine:
    title: Text | None
    key: str
    weight: float | None
    raw: float | None
    max: float | None
    percent: float | None


@dataclass(frozen=True)
class FindingLine:
    severity: str
    title: Text | None


@dataclass(frozen=True)
class HistoryLine:
    occurred_at: datetime
    from_state: Text | None
    to_state: Text
    event: Text
    actor: str
    comment: str | None


@dataclass(frozen=True)
class EvidenceLine:
    """One attachment of the submission: an image is embedded (``image`` is a data: URI of
    a reduced JPEG), any other file is listed by name."""

    field_title: Text | None
    field_key: str
    kind: str
    file_name: str
    caption: str | None
    image: str | None
    # What an answer holds to name it (global id and plain UUID): shown as the file name.
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportData:
    requested_template: str
    case_id: str
    workflow_title: Text | None
    state_title: Text | None
    customer: str | None
    form_title: Text | None
    form_version: int | None
    form_schema: dict[str, Any] | None
    answers: Any
    submitted_by: str | None
    submitted_at: datetime | None
    score_percent: float | None
    score_raw: float | None
    score_max: float | None
    passed: bool | None
    sections: list[SectionLine] = field(default_factory=list)
    findings: list[FindingLine] = field(default_factory=list)
    history: list[HistoryLine] = field(default_factory=list)
    evidence: list[EvidenceLine] = field(default_factory=list)
    generated_at: datetime = field(default_factory=lambda: datetime.min)

    @property
    def template(self) -> str:
        return template_for(self.requested_template)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _time(moment: datetime | None, zone: tzinfo) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone(zone)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def _percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _css_text(text: str) -> str:
    """A CSS string literal for the ``content`` property."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _page_counter(language: Language) -> str:
    # "Page {page} of {pages}" -> "Page " counter(page) " of " counter(pages)
    template = translate("report.page_of", language)
    parts: list[str] = []
    rest = template
    while rest:
        start = rest.find("{")
        if start < 0:
            parts.append(_css_text(rest))
            break
        end = rest.index("}", start)
        if start:
            parts.append(_css_text(rest[:start]))
        name = rest[start + 1 : end]
        parts.append("counter(pages)" if name == "pages" else "counter(page)")
        rest = rest[end + 1 :]
    return " ".join(parts)


def _style(language: Language, footer_left: str) -> str:
    return f"""
@page {{
  size: A4;
  margin: 20mm 16mm 22mm 16mm;
  font-family: {FONT_FAMILY};
  @bottom-left {{
    content: {_css_text(footer_left)};
    font-family: {FONT_FAMILY}; font-size: 8pt; color: #6b7280;
  }}
  @bottom-right {{
    content: {_page_counter(language)};
    font-family: {FONT_FAMILY}; font-size: 8pt; color: #6b7280;
  }}
}}
html {{ font-family: {FONT_FAMILY}; font-size: 9.5pt; color: #111827; line-height: 1.45; }}
h1 {{ font-size: 18pt; margin: 0 0 2mm 0; color: #0f2c59; }}
h2 {{ font-size: 12pt; margin: 7mm 0 2mm 0; padding-bottom: 1mm; color: #0f2c59;
      border-bottom: 1.2pt solid #0f2c59; }}
.subtitle {{ color: #4b5563; margin-bottom: 5mm; }}
.note {{ color: #92400e; background: #fef3c7; padding: 2mm 3mm; margin: 2mm 0; }}
.muted {{ color: #6b7280; }}
table {{ width: 100%; border-collapse: collapse; margin-top: 1mm; }}
th, td {{ text-align: left; vertical-align: top; padding: 1.4mm 2mm;
          border-bottom: 0.5pt solid #d1d5db; }}
th {{ background: #eef2f7; font-weight: bold; }}
table.meta th {{ width: 28%; background: none; color: #4b5563; font-weight: normal; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
tr.section td {{ background: #f3f4f6; font-weight: bold; }}
tr {{ page-break-inside: avoid; }}
.score {{ font-size: 16pt; font-weight: bold; color: #0f2c59; }}
.pass {{ color: #047857; font-weight: bold; }}
.fail {{ color: #b91c1c; font-weight: bold; }}
.sev {{ display: inline-block; padding: 0.3mm 2mm; border-radius: 2mm; color: white;
        font-size: 8pt; white-space: nowrap; }}
.sev-critical {{ background: #7f1d1d; }}
.sev-high {{ background: #b91c1c; }}
.sev-medium {{ background: #d97706; }}
.sev-low {{ background: #2563eb; }}
.masked {{ color: #6b7280; letter-spacing: 0.5pt; }}
.evidence {{ display: inline-block; width: 82mm; margin: 0 3mm 4mm 0; vertical-align: top;
             page-break-inside: avoid; }}
.evidence img {{ max-width: 82mm; max-height: 62mm; border: 0.5pt solid #d1d5db; }}
.evidence .caption {{ font-size: 8.5pt; }}
"""


def build_html(data: ReportData, language: Language, zone: tzinfo) -> str:
    """The report in one language, as a complete HTML document."""

    def t(key: str, **params: Any) -> str:
        return translate(key, language, **params)

    def loc(text: Text | None, fallback: str = "—") -> str:
        return localized(text, language) or fallback

    title = t(f"report.title.{data.template}")
    footer = t("report.generated_at", time=_time(data.generated_at, zone))
    body: list[str] = [
        f"<h1>{_e(title)}</h1>",
        f'<div class="subtitle">{_e(loc(data.workflow_title, ""))}'
        f" · {_e(t('report.case'))} {_e(data.case_id)}</div>",
    ]
    if data.requested_template not in TEMPLATES:
        note = t("report.generic_note", template=data.requested_template)
        body.append(f'<div class="note">{_e(note)}</div>')
    form = (
        t("report.form_version", title=loc(data.form_title), version=data.form_version)
        if data.form_title is not None
        else "—"
    )
    meta = [
        (t("report.customer"), data.customer or "—"),
        (t("report.form"), form),
        (t("report.submitted_by"), data.submitted_by or "—"),
        (t("report.submitted_at"), _time(data.submitted_at, zone)),
        (t("report.state"), loc(data.state_title)),
    ]
    body.append('<table class="meta">')
    body.extend(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in meta)
    body.append("</table>")

    body.append(f"<h2>{_e(t('report.score'))}</h2>")
    body.append(_score(data, t, loc))
    body.append(f"<h2>{_e(t('report.findings'))}</h2>")
    body.append(_findings(data, t, loc))
    if data.template == INSPECTION_REPORT:
        body.append(f"<h2>{_e(t('report.answers'))}</h2>")
        body.append(_answers(data, language, t))
    if data.evidence:
        body.append(f"<h2>{_e(t('report.evidence'))}</h2>")
        body.append(_evidence(data, t, loc))
    body.append(f"<h2>{_e(t('report.history'))}</h2>")
    body.append(_history(data, zone, t, loc))
    lang = "zh-Hans" if language == "zh-CN" else "en"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_style(language, footer)}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def _score(data: ReportData, t: Any, loc: Any) -> str:
    if data.score_percent is None:
        return f'<p class="muted">{_e(t("report.not_scored"))}</p>'
    result = ""
    if data.passed is not None:
        css, key = ("pass", "report.passed") if data.passed else ("fail", "report.not_passed")
        result = f' &nbsp; <span class="{css}">{_e(t(key))}</span>'
    parts = [
        f'<p><span class="score">{_e(_percent(data.score_percent))}</span>{result}'
        f' &nbsp; <span class="muted">{_e(_number(data.score_raw))} / '
        f"{_e(_number(data.score_max))}</span></p>"
    ]
    scored = [s for s in data.sections if s.max]
    if scored:
        parts.append(
            f"<table><tr><th>{_e(t('report.section'))}</th>"
            f'<th class="num">{_e(t("report.weight"))}</th>'
            f'<th class="num">{_e(t("report.points"))}</th>'
            f'<th class="num">{_e(t("report.score"))}</th></tr>'
        )
        for section in scored:
            parts.append(
                f"<tr><td>{_e(loc(section.title, section.key))}</td>"
                f'<td class="num">{_e(_number(section.weight))}</td>'
                f'<td class="num">{_e(_number(section.raw))} / {_e(_number(section.max))}</td>'
                f'<td class="num">{_e(_percent(section.percent))}</td></tr>'
            )
        parts.append("</table>")
    return "".join(parts)


def _findings(data: ReportData, t: Any, loc: Any) -> str:
    if not data.findings:
        return f'<p class="muted">{_e(t("report.no_findings"))}</p>'
    rows = [
        f'<table><tr><th style="width:18%">{_e(t("report.severity"))}</th>'
        f"<th>{_e(t('report.finding'))}</th></tr>"
    ]
    for finding in data.findings:
        severity = finding.severity if finding.severity in _SEVERITIES else "low"
        label = t(f"report.severity.{finding.severity}")
        rows.append(
            f'<tr><td><span class="sev sev-{_e(severity)}">{_e(label)}</span></td>'
            f"<td>{_e(loc(finding.title))}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


_SEVERITIES = ("low", "medium", "high", "critical")


def _answers(data: ReportData, language: Language, t: Any) -> str:
    if data.form_schema is None:
        return f'<p class="muted">{_e(t("report.no_submission"))}</p>'
    rows: list[str] = []
    masked_any = False
    names = {ref: line.file_name for line in data.evidence for ref in line.references}
    parent_marks = _attachment_marks(data.form_schema)
    for depth, path, schema, sensitive in _fields(data.form_schema):
        label = localized(schema.get("x-title"), language) or path[-1]
        indent = f' style="padding-left:{2 + 5 * depth}mm"' if depth else ""
        if _is_container(schema):
            if depth == 0:
                rows.append(f'<tr class="section"><td colspan="2">{_e(label)}</td></tr>')
            continue
        values = [value for _, value in values_at(data.answers, path)]
        if not values:
            continue
        if sensitive or any(isinstance(v, dict) and ENVELOPE in v for v in values):
            masked_any = True
            shown = f'<span class="masked">{_e(MASK)}</span>'
        elif "x-attachment" in schema or "x-attachment" in (parent_marks.get(path) or {}):
            shown = _e("; ".join(names.get(str(v), str(v)) for v in values))
        else:
            shown = _e("; ".join(_display(v, schema, language, t) for v in values))
        rows.append(f"<tr><td{indent}>{_e(label)}</td><td>{shown}</td></tr>")
    if not rows:
        return '<p class="muted">—</p>'
    note = f'<p class="muted">{_e(t("report.masked_note"))}</p>' if masked_any else ""
    return (
        f'<table><tr><th style="width:45%">{_e(t("report.question"))}</th>'
        f"<th>{_e(t('report.answer'))}</th></tr>{''.join(rows)}</table>{note}"
    )


def _attachment_marks(schema: dict[str, Any]) -> dict[tuple[str, ...], dict[str, Any]]:
    """x-attachment marks of multi-file fields, by the path of their items (``_fields``
    shows an array of ids as its items, which do not carry the mark themselves)."""
    from auditportal.forms.schema_walk import walk_fields

    return {
        (*f.path, ANY_ITEM): f.schema
        for f in walk_fields(schema)
        if isinstance(f.schema.get("x-attachment"), dict) and f.schema.get("type") == "array"
    }


def _is_container(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _fields(
    schema: dict[str, Any],
    path: tuple[str, ...] = (),
    depth: int = 0,
    sensitive: bool = False,
) -> list[tuple[int, tuple[str, ...], dict[str, Any], bool]]:
    """(depth, path, subschema, masked) of every property, in order; arrays of scalars are
    leaves (their items joined), arrays of objects descend through every item."""
    found: list[tuple[int, tuple[str, ...], dict[str, Any], bool]] = []
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return found
    for name, sub in properties.items():
        if not isinstance(sub, dict):
            continue
        masked = sensitive or sub.get("x-sensitive") is True
        here = (*path, name)
        items = sub.get("items")
        if sub.get("type") == "array" and isinstance(items, dict) and _is_container(items):
            found.append((depth, here, {**sub, "type": "object"}, masked))
            found.extend(_fields(items, (*here, ANY_ITEM), depth + 1, masked))
            continue
        if sub.get("type") == "array" and isinstance(items, dict):
            leaf = {**items, "x-title": sub.get("x-title")}
            found.append((depth, (*here, ANY_ITEM), leaf, masked))
            continue
        found.append((depth, here, sub, masked))
        if _is_container(sub):
            found.extend(_fields(sub, here, depth + 1, masked))
    return found


def _display(value: Any, schema: dict[str, Any], language: Language, t: Any) -> str:
    if isinstance(value, bool):
        return str(t("report.yes" if value else "report.no"))
    titles = schema.get("x-enum-titles")
    options = schema.get("enum")
    if isinstance(titles, dict) and isinstance(options, list) and value in options:
        labels = titles.get(language) or titles.get("en") or []
        index = options.index(value)
        if index < len(labels):
            return str(labels[index])
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return "—"  # structured values are shown through their own fields
    return "—" if value is None else str(value)


def _evidence(data: ReportData, t: Any, loc: Any) -> str:
    parts: list[str] = []
    files: list[str] = []
    for line in data.evidence:
        field_title = loc(line.field_title, line.field_key)
        caption = f'<div class="caption">{_e(line.caption)}</div>' if line.caption else ""
        if line.image is not None and line.image.startswith("data:image/"):
            parts.append(
                f'<div class="evidence"><img src="{_e(line.image)}" alt="{_e(line.file_name)}">'
                f'{caption}<div class="muted">{_e(field_title)} · {_e(line.file_name)}</div>'
                "</div>"
            )
        else:
            files.append(
                f"<tr><td>{_e(field_title)}</td><td>{_e(line.file_name)}</td>"
                f"<td>{_e(line.caption or '')}</td></tr>"
            )
    if files:
        parts.append(
            f"<table><tr><th>{_e(t('report.evidence.field'))}</th>"
            f"<th>{_e(t('report.evidence.file'))}</th><th>{_e(t('report.caption'))}</th></tr>"
            f"{''.join(files)}</table>"
        )
    return "".join(parts)


def _history(data: ReportData, zone: tzinfo, t: Any, loc: Any) -> str:
    rows = [
        f'<table><tr><th style="width:22%">{_e(t("report.time"))}</th>'
        f"<th>{_e(t('report.step'))}</th><th>{_e(t('report.event'))}</th>"
        f"<th>{_e(t('report.actor'))}</th><th>{_e(t('report.comment'))}</th></tr>"
    ]
    for line in data.history:
        step = loc(line.to_state)
        if line.from_state is not None:
            step = f"{loc(line.from_state)} → {step}"
        rows.append(
            f"<tr><td>{_e(_time(line.occurred_at, zone))}</td><td>{_e(step)}</td>"
            f"<td>{_e(loc(line.event))}</td><td>{_e(line.actor)}</td>"
            f"<td>{_e(line.comment or '')}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def render_pdf(html: str) -> bytes:
    """The PDF of a report document. CPU-bound: run it in a worker thread.

    Reports are self-contained: WeasyPrint may fetch nothing (no files, no network); the
    evidence photos are in the document as data: URIs, the one protocol allowed."""
    from weasyprint import HTML  # heavy import, only where rendering happens
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    return bytes(pdf)
