"""Submissions of a form, and the findings they raised, as export tables.

Columns come from the form's newest version (or the version filtered on): one per
question, labels in the chosen language. Answers are read through the submissions' row
scope and unsealed as ``forms.service.readable_answers`` does: sensitive values in clear
only for callers who may see them, masked otherwise. Consultants' reads are audited per
batch.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from typing import Any

from auditportal.audit import reads as read_audit
from auditportal.auth.models import User
from auditportal.auth.policy import Permission, require, submission_scope
from auditportal.auth.principal import Principal
from auditportal.customers.models import Customer
from auditportal.errors import FieldIssue, NotFound, ValidationFailed
from auditportal.exports.columns import TITLE_SEPARATOR, Column, answer_columns, questions
from auditportal.exports.filters import submission_filter
from auditportal.exports.kinds import Table, keyset, register, translator
from auditportal.exports.writer import Row
from auditportal.forms import queries
from auditportal.forms import reads as form_reads
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.forms.sensitive import has_sensitive_marks
from auditportal.forms.service import readable_answers, readable_findings
from auditportal.i18n import localized, translate
from auditportal.settings import Language, Settings

SUBMISSIONS = "submissions"
FINDINGS = "findings"


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


async def _names(submissions: Iterable[Submission]) -> tuple[dict[Any, Customer], dict[Any, str]]:
    batch = list(submissions)
    customer_ids = {s.customer_id for s in batch if s.customer_id}
    user_ids = {s.submitted_by_id for s in batch}
    customers = {
        c.id: c for c in await Customer.filter(id__in=list(customer_ids)).only("id", "code", "name")
    }
    users = dict(await User.filter(id__in=list(user_ids)).values_list("id", "username"))
    return customers, users


async def _form_and_version(principal: Principal, raw: dict[str, Any]) -> tuple[Form, FormVersion]:
    filters = submission_filter(raw)
    if filters.form_id is None:
        raise ValidationFailed(
            "error.invalid_input", [FieldIssue(("filters", "formId"), "export.form_required")]
        )
    form = await form_reads.form(principal, form_id=filters.form_id)
    if form is None:
        raise NotFound("export.form_not_found")
    version = None
    if filters.form_version_id is not None:
        version = await form_reads.version(principal, filters.form_version_id)
        if version is None or version.form_id != form.id:
            raise NotFound("export.form_not_found")
    else:
        version = await queries.latest_version(form.id, open_only=False)
    if version is None:
        raise NotFound("export.form_not_found")
    return form, version


async def _may_hold_envelopes(form: Form) -> bool:
    """Whether any submission of the form may hold a sealed value: only if some version of
    it ever marked a value sensitive (every envelope is one the server sealed for such a
    mark). Otherwise unsealing, a walk over every answer, is skipped."""
    definitions = await FormVersion.filter(form_id=form.id).values_list("definition", flat=True)
    found: list[Any] = [json.loads(d) if isinstance(d, str | bytes) else d for d in definitions]
    return any(has_sensitive_marks(d.get("schema") or {}) for d in found if isinstance(d, dict))


def _severity(value: Any, language: Language) -> str:
    key = f"export.severity.{value}"
    text = translate(key, language)
    return str(value) if text == key else text


def _findings_text(findings: list[dict[str, Any]], language: Language) -> str:
    return "; ".join(
        f"[{_severity(f.get('severity'), language)}] {localized(f.get('title'), language) or ''}"
        for f in findings
    )


@register(SUBMISSIONS)
async def open_submissions(
    principal: Principal, raw: dict[str, Any], language: Language, settings: Settings
) -> Table:
    require(principal, Permission.SUBMISSIONS_READ)
    form, version = await _form_and_version(principal, raw)
    definition = version.definition or {}
    schema = definition.get("schema") or {}
    ui_order = (definition.get("uiSchema") or {}).get("ui:order")
    answers = answer_columns(schema, language, ui_order if isinstance(ui_order, list) else None)
    query = queries.filtered_submissions(submission_scope(principal), submission_filter(raw))
    total = await query.count()
    t = translator(language)
    header = [
        t("export.col.submission_id"),
        t("export.col.version"),
        t("export.col.customer_code"),
        t("export.col.customer_name"),
        t("export.col.submitted_by"),
        t("export.col.submitted_at"),
        t("export.col.revision"),
        *[c.header for c in answers],
        t("export.col.score_percent"),
        t("export.col.score_raw"),
        t("export.col.score_max"),
        t("export.col.passed"),
        t("export.col.finding_count"),
        t("export.col.findings"),
    ]
    numbers = {version.id: version.number}
    sealed = await _may_hold_envelopes(form)

    async def rows() -> AsyncIterator[Row]:
        async for batch in keyset(query, "submitted_at"):
            await read_audit.note(principal, "Submission", [s.id for s in batch])
            customers, users = await _names(batch)
            missing = {s.form_version_id for s in batch} - set(numbers)
            if missing:
                found = await FormVersion.filter(id__in=list(missing)).values_list("id", "number")
                numbers.update(dict(found))
            for s in batch:
                yield _submission_row(
                    principal, s, answers, customers, users, numbers, language, settings, sealed
                )

    return Table(localized(form.title, language) or form.key, header, total, rows)


def _submission_row(
    principal: Principal,
    s: Submission,
    answers: list[Column],
    customers: dict[Any, Customer],
    users: dict[Any, str],
    numbers: dict[Any, int],
    language: Language,
    settings: Settings,
    sealed: bool = True,
) -> Row:
    customer = customers.get(s.customer_id)
    opened = readable_answers(principal, s, settings) if sealed else s.answers
    findings = readable_findings(principal, s, settings) if sealed else list(s.findings or [])
    passed = (
        None if s.passed is None else translate("export.yes" if s.passed else "export.no", language)
    )
    return [
        str(s.id),
        numbers.get(s.form_version_id),
        customer.code if customer else None,
        customer.name if customer else None,
        users.get(s.submitted_by_id),
        _when(s.submitted_at),
        s.revision,
        *[c.value(opened) for c in answers],
        None if s.score_percent is None else round(s.score_percent, 2),
        s.score_raw,
        s.score_max,
        passed,
        s.finding_count,
        _findings_text(findings, language),
    ]


@register(FINDINGS)
async def open_findings(
    principal: Principal, raw: dict[str, Any], language: Language, settings: Settings
) -> Table:
    """One row per finding of the submissions a form's list would show."""
    require(principal, Permission.SUBMISSIONS_READ)
    form, version = await _form_and_version(principal, raw)
    schema = (version.definition or {}).get("schema") or {}
    titles = {q.path: TITLE_SEPARATOR.join(q.titles) for q in questions(schema, language)}
    query = queries.filtered_submissions(submission_scope(principal), submission_filter(raw))
    query = query.filter(finding_count__gt=0)
    total = int(sum(await query.values_list("finding_count", flat=True)))  # type: ignore[arg-type]
    t = translator(language)
    header = [
        t("export.col.submission_id"),
        t("export.col.customer_code"),
        t("export.col.customer_name"),
        t("export.col.submitted_at"),
        t("export.col.question"),
        t("export.col.severity"),
        t("export.col.finding"),
        t("export.col.answer"),
    ]
    from auditportal.exports.columns import display

    by_path = {q.path: q.schema for q in questions(schema, language)}

    async def rows() -> AsyncIterator[Row]:
        async for batch in keyset(query, "submitted_at"):
            await read_audit.note(principal, "Submission", [s.id for s in batch])
            customers, _ = await _names(batch)
            for s in batch:
                customer = customers.get(s.customer_id)
                for f in readable_findings(principal, s, settings):
                    path = tuple(str(p) for p in f.get("path") or [])
                    generic = tuple("*" if p.isdigit() else p for p in path)
                    yield [
                        str(s.id),
                        customer.code if customer else None,
                        customer.name if customer else None,
                        _when(s.submitted_at),
                        titles.get(generic) or "/".join(path),
                        _severity(f.get("severity"), language),
                        localized(f.get("title"), language),
                        display(f.get("answer"), by_path.get(generic, {}), language),
                    ]

    form_title = localized(form.title, language) or form.key
    title = translate("export.title.findings", language, form=form_title)
    return Table(title, header, total, rows)
