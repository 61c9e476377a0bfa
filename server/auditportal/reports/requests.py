"""Reports people ask for: a request returns a record at once; a job renders it.

``request_report`` checks the caller may see the subject, computes the content key (kind,
subject, parameters, a fingerprint of the inputs, template version, language) and returns
the report with that key when there is one (a failed one is queued again), else a new
queued record; the job ``names.RENDER_REPORT`` renders it (``reports.jobs``). Every
request and every person asking is recorded, with an audit event in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import (
    Permission,
    internal_customer_scope,
    require,
    submission_scope,
)
from auditportal.auth.principal import Principal
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.customers.models import Customer
from auditportal.errors import FieldIssue, NotAllowed, NotFound, ValidationFailed
from auditportal.forms.models import FormVersion, Submission
from auditportal.forms.queries import SUBMISSION_SCOPE
from auditportal.i18n import LANGUAGES
from auditportal.jobs import dispatch, names
from auditportal.reports import kinds
from auditportal.reports.models import Report, ReportRequest, ReportStatus, ReportTemplate
from auditportal.reports.templating import TEMPLATE_VERSION


@dataclass(frozen=True)
class Subject:
    kind: str
    subject_id: UUID | None
    customer_id: UUID | None
    form_id: UUID | None
    offered_to_customers: bool | None
    parameters: dict[str, Any]
    label: str


def _invalid(field: str, code: str) -> ValidationFailed:
    return ValidationFailed("error.invalid_input", [FieldIssue((field,), code)], count=1)


async def _subject(
    principal: Principal,
    kind: str,
    subject_id: UUID | None,
    period_from: date | None,
    period_to: date | None,
    dashboard_filter: dict[str, str] | None = None,
) -> Subject:
    if kind not in kinds.KINDS:
        raise _invalid("kind", "report.kind_unknown")
    if kind in (kinds.PERIOD_SUMMARY, kinds.DASHBOARD):
        require(principal, Permission.CUSTOMERS_INTERNAL_READ)
        if not internal_customer_scope(principal).everything:
            raise NotAllowed("error.not_allowed")
        if not kinds.valid_period(period_from, period_to):
            raise _invalid("to", "report.range_invalid")
        parameters = {"from": str(period_from), "to": str(period_to)}
        if kind == kinds.DASHBOARD and dashboard_filter:
            # The page's filters (tier, region, auditorId, formId): part of the content key.
            parameters.update({k: str(v) for k, v in dashboard_filter.items() if v})
        return Subject(kind, None, None, None, None, parameters, f"{period_from}_{period_to}")
    if subject_id is None:
        raise _invalid("subjectId", "report.subject_required")
    if kind == kinds.INSPECTION_REPORT:
        require(principal, Permission.SUBMISSIONS_READ)
        submission = (
            await scoped(Submission.all(), submission_scope(principal), SUBMISSION_SCOPE)
            .filter(id=subject_id)
            .first()
        )
        if submission is None:
            raise NotFound("report.failed.subject")
        version = await FormVersion.get(id=submission.form_version_id)
        return Subject(
            kind,
            submission.id,
            submission.customer_id,
            submission.form_id,
            version.offered_to_customers,
            {},
            str(submission.id)[:8],
        )
    require(principal, Permission.CUSTOMERS_INTERNAL_READ)
    customer = (
        await scoped(Customer.all(), internal_customer_scope(principal), ScopeFields(customer="id"))
        .filter(id=subject_id)
        .first()
    )
    if customer is None:
        raise NotFound("report.failed.subject")
    return Subject(kind, customer.id, customer.id, None, None, {}, customer.code)


async def custom_template(kind: str, form_id: UUID | None) -> ReportTemplate | None:
    """The admin's template for this form's reports, else for the kind, else none."""
    if form_id is not None:
        found = (
            await ReportTemplate.filter(kind=kind, form_id=form_id, active=True)
            .order_by("-created_at")
            .first()
        )
        if found is not None:
            return found
    return (
        await ReportTemplate.filter(kind=kind, form_id=None, active=True)
        .order_by("-created_at")
        .first()
    )


def _file_name(subject: Subject, language: str) -> str:
    name = f"{subject.kind}-{subject.label}-{language}.pdf"
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)[:200]


async def request_report(
    principal: Principal,
    kind: str,
    subject_id: UUID | None,
    language: str,
    *,
    period_from: date | None = None,
    period_to: date | None = None,
    dashboard_filter: dict[str, str] | None = None,
) -> Report:
    require(principal, Permission.SIGNED_IN)
    subject = await _subject(principal, kind, subject_id, period_from, period_to, dashboard_filter)
    if language not in LANGUAGES:
        raise _invalid("language", "report.language_unknown")
    template = await custom_template(subject.kind, subject.form_id)
    parameters = dict(subject.parameters)
    if template is not None:
        parameters["templateId"] = str(template.id)
    fingerprint = await kinds.fingerprint(subject.kind, subject.subject_id, subject.parameters)
    version = TEMPLATE_VERSION + (f":{template.source_hash}" if template else "")
    key = kinds.content_key(
        subject.kind,
        str(subject.subject_id) if subject.subject_id else None,
        subject.parameters,
        fingerprint,
        version,
        language,
    )
    report, fresh = await _record(principal, subject, parameters, key, language)
    if fresh:
        run = await dispatch.enqueue(
            names.RENDER_REPORT,
            {"reportId": str(report.id)},
            requested_by=principal.user_id,
        )
        await Report.filter(id=report.id).update(job_run_id=run.id)
        report.job_run_id = run.id
    return report


async def _record(
    principal: Principal, subject: Subject, parameters: dict[str, Any], key: str, language: str
) -> tuple[Report, bool]:
    """The report with this key (and whether a render must be requested for it)."""
    async with in_transaction():
        existing = await Report.filter(content_key=key).select_for_update().first()
        fresh = False
        if existing is None:
            try:
                async with in_transaction():
                    existing = await Report.create(
                        kind=subject.kind,
                        subject_id=str(subject.subject_id) if subject.subject_id else None,
                        customer_id=subject.customer_id,
                        form_id=subject.form_id,
                        offered_to_customers=subject.offered_to_customers,
                        parameters=parameters,
                        template=subject.kind,
                        rendered_template=subject.kind,
                        language=language,
                        file_name=_file_name(subject, language),
                        status=ReportStatus.QUEUED,
                        content_key=key,
                        requested_by_id=principal.user_id,
                    )
                fresh = True
            except IntegrityError:
                existing = await Report.get(content_key=key)
        elif existing.status == ReportStatus.FAILED:
            # Asked again after a failure: render again (a new job, the same record).
            await Report.filter(id=existing.id).update(
                status=ReportStatus.QUEUED, error=None, progress_done=0, finished_at=None
            )
            existing = await Report.get(id=existing.id)
            fresh = True
        if principal.user_id is not None:
            await ReportRequest.get_or_create(report_id=existing.id, user_id=principal.user_id)
        await audit.record(
            principal,
            "report.request",
            "Report",
            existing.id,
            {"kind": subject.kind, "subject": str(subject.subject_id), "language": language},
        )
    return existing, fresh
