"""A case's report as an HTML document, and that document as a PDF (WeasyPrint).

Everything here is pure: the service gathers the data, ``build_html`` turns it into the
template's context (every value text in one language) and renders the package's Jinja2
template in the sandbox (autoescaped), ``render_pdf`` turns the HTML into bytes. ``render_pdf`` is
CPU-bound: call it from a worker thread (``asyncio.to_thread``), never in a request.
Sensitive answers never reach this module in clear: the service passes the stored
envelopes, which are shown as ``******`` like any field marked ``x-sensitive``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from markupsafe import Markup

from auditportal.forms.schema_walk import ANY_ITEM, values_at
from auditportal.forms.sensitive import ENVELOPE, MASK
from auditportal.i18n import localized, translate
from auditportal.reports import templating
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
    # The corrective action asked for and where it stands, when the finding says.
    action: Text | str | None = None
    status: str | None = None


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
    # (signer, signed at) of every signature on the submission.
    signatures: list[tuple[str, datetime]] = field(default_factory=list)
    # A report requested for one submission (not a workflow step) names its kind.
    kind: str | None = None

    @property
    def template(self) -> str:
        return template_for(self.requested_template)


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
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3c ") + '"'


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


def style_context(language: Language, footer_left: str) -> dict[str, Any]:
    """What ``report.css`` needs: CSS expressions (already CSS-escaped, so Markup; the
    font list is a constant and ``_css_text`` quotes every text and replaces ``<``)."""
    return {
        "font_family": Markup(FONT_FAMILY),  # noqa: S704
        "footer_left": Markup(_css_text(footer_left)),  # noqa: S704
        "page_counter": Markup(_page_counter(language)),  # noqa: S704
    }


def render_style(language: Language, footer_left: str) -> Markup:
    css = templating.render("report.css", style_context(language, footer_left))
    return Markup(css)  # noqa: S704 - rendered by the sandbox from the package's CSS


def footer_text(language: Language, generated_at: datetime, zone: tzinfo, key: str | None) -> str:
    footer = translate("report.generated_at", language, time=_time(generated_at, zone))
    if key:
        footer += " · " + translate("report.content_hash", language, hash=key[:16])
    return footer


def language_tag(language: Language) -> str:
    return "zh-Hans" if language == "zh-CN" else "en"


def case_context(
    data: ReportData,
    language: Language,
    zone: tzinfo,
    *,
    content_key: str | None = None,
    org: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """The context of ``case_summary.html``: every value text in ``language``."""

    def t(key: str, **params: Any) -> str:
        return translate(key, language, **params)

    def loc(text: Text | None, fallback: str = "—") -> str:
        return localized(text, language) or fallback

    kind = data.kind or data.template
    title = t(f"report.title.{kind}")
    note = None
    if data.kind is None and data.requested_template not in TEMPLATES:
        note = t("report.generic_note", template=data.requested_template)
    form = (
        t("report.form_version", title=loc(data.form_title), version=data.form_version)
        if data.form_title is not None
        else "—"
    )
    subtitle = (
        f"{loc(data.workflow_title, '')} · {t('report.case')} {data.case_id}"
        if data.kind is None
        else f"{t('report.submission')} {data.case_id}"
    )
    return {
        "t": t,
        "kind": kind,
        "language_tag": language_tag(language),
        "title": title,
        "org": org or {"name": None, "logo": None},
        "style": render_style(
            language, footer_text(language, data.generated_at, zone, content_key)
        ),
        "subtitle": subtitle,
        "note": note,
        "meta": [
            (t("report.customer"), data.customer or "—"),
            (t("report.form"), form),
            (t("report.submitted_by"), data.submitted_by or "—"),
            (t("report.submitted_at"), _time(data.submitted_at, zone)),
            *([(t("report.state"), loc(data.state_title))] if data.kind is None else []),
        ],
        "score": _score(data),
        "sections": [
            {
                "title": loc(s.title, s.key),
                "weight": _number(s.weight),
                "raw": _number(s.raw),
                "max": _number(s.max),
                "percent": _percent(s.percent),
            }
            for s in data.sections
            if s.max
        ],
        "findings": [
            {
                "severity": f.severity if f.severity in _SEVERITIES else "low",
                "label": t(f"report.severity.{f.severity}"),
                "title": loc(f.title),
                "action": (f.action if isinstance(f.action, str) else loc(f.action, ""))
                if f.action
                else "",
                "status": f.status or "",
            }
            for f in data.findings
        ],
        "answers": _answers(data, language, t) if kind == INSPECTION_REPORT else None,
        "evidence": _evidence(data, loc),
        "appendix": kind == INSPECTION_REPORT,
        "signatures": [(signer, _time(at, zone)) for signer, at in data.signatures],
        "history": [
            (
                _time(h.occurred_at, zone),
                loc(h.to_state)
                if h.from_state is None
                else f"{loc(h.from_state)} → {loc(h.to_state)}",
                loc(h.event),
                h.actor,
                h.comment or "",
            )
            for h in data.history
        ],
    }


def build_html(
    data: ReportData,
    language: Language,
    zone: tzinfo,
    *,
    content_key: str | None = None,
    org: dict[str, str | None] | None = None,
    source: str | None = None,
) -> str:
    """The report in one language, as a complete HTML document (``source``: an admin's
    template instead of the package's)."""
    context = case_context(data, language, zone, content_key=content_key, org=org)
    return templating.render("case_summary.html", context, source=source)


def _score(data: ReportData) -> dict[str, Any] | None:
    if data.score_percent is None:
        return None
    return {
        "percent": _percent(data.score_percent),
        "passed": data.passed,
        "raw": _number(data.score_raw),
        "max": _number(data.score_max),
    }


_SEVERITIES = ("low", "medium", "high", "critical")


def _answers(data: ReportData, language: Language, t: Any) -> dict[str, Any]:
    if data.form_schema is None:
        return {"no_submission": True, "rows": [], "masked_any": False}
    rows: list[dict[str, Any]] = []
    masked_any = False
    names = {ref: line.file_name for line in data.evidence for ref in line.references}
    parent_marks = _attachment_marks(data.form_schema)
    for depth, path, schema, sensitive in _fields(data.form_schema):
        label = localized(schema.get("x-title"), language) or path[-1]
        if _is_container(schema):
            if depth == 0:
                rows.append({"section": True, "label": label})
            continue
        values = [value for _, value in values_at(data.answers, path)]
        if not values:
            continue
        masked = False
        if sensitive or any(isinstance(v, dict) and ENVELOPE in v for v in values):
            masked_any = masked = True
            shown = MASK
        elif "x-attachment" in schema or "x-attachment" in (parent_marks.get(path) or {}):
            shown = "; ".join(names.get(str(v), str(v)) for v in values)
        else:
            shown = "; ".join(_display(v, schema, language, t) for v in values)
        rows.append(
            {"section": False, "label": label, "value": shown, "masked": masked, "depth": depth}
        )
    return {"no_submission": False, "rows": rows, "masked_any": masked_any}


def _evidence(data: ReportData, loc: Any) -> dict[str, Any]:
    images: list[dict[str, Any]] = []
    files: list[tuple[str, str, str]] = []
    for line in data.evidence:
        field_title = loc(line.field_title, line.field_key)
        if line.image is not None and line.image.startswith("data:image/"):
            images.append(
                {
                    "image": line.image,
                    "caption": line.caption,
                    "field": field_title,
                    "file_name": line.file_name,
                }
            )
        else:
            files.append((field_title, line.file_name, line.caption or ""))
    return {"images": images, "files": files}


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
