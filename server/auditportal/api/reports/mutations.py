"""requestReport: a report record at once, rendered by a job."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import NotAllowed, NotFound, ValidationFailed, run_mutation
from auditportal.api.kpis.types import KpiFilterInput, export_filters
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.api.reports.queries import wrap
from auditportal.api.reports.types import ReportInfo, ReportKind
from auditportal.auth.policy import Permission
from auditportal.reports import custom, requests


@strawberry.input
class RequestReportInput:
    kind: ReportKind
    subject_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A Submission (inspection report) or Customer (dossier) global id.",
    )
    language: str = strawberry.field(default="zh-CN", description="zh-CN or en.")
    period_from: date | None = strawberry.field(default=None, description="Period summary.")
    period_to: date | None = strawberry.field(default=None, description="Period summary.")
    filter: KpiFilterInput | None = strawberry.field(
        default=None,
        description="Dashboard: the page's filters (tier, region, auditor, form), so that "
        "the PDF shows the page's numbers; the period is periodFrom / periodTo.",
    )


@strawberry.type(description="The report record: queued, rendering, done or failed.")
class ReportRequested:
    report: ReportInfo


RequestReportResult = Annotated[
    ReportRequested | ValidationFailed | NotAllowed | NotFound,
    strawberry.union("RequestReportResult"),
]


def _dashboard_filter(chosen: KpiFilterInput | None) -> dict[str, str]:
    found = export_filters(chosen)
    return {k: v for k, v in found.items() if k not in ("start", "end")}


@strawberry.type
class ReportMutations:
    @strawberry.mutation(
        description="Ask for a report. Returns at once; the same inputs give the same "
        "report (rendered once); follow report(id).status and progress.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def request_report(
        self, info: Info[Context, Any], input: RequestReportInput
    ) -> RequestReportResult:
        async def action() -> ReportRequested:
            subject = None
            if input.subject_id is not None:
                type_name = (
                    "Customer" if input.kind == ReportKind.CUSTOMER_DOSSIER else "Submission"
                )
                subject = input_id(input.subject_id, type_name, "subjectId")
            report = await requests.request_report(
                info.context.principal,
                input.kind.value,
                subject,
                input.language,
                period_from=input.period_from,
                period_to=input.period_to,
                dashboard_filter=_dashboard_filter(input.filter),
            )
            return ReportRequested(report=wrap(info, report))

        return await run_mutation(info, action, "input")


@strawberry.input
class UploadReportTemplateInput:
    kind: ReportKind
    name: str
    source: str = strawberry.field(description="Jinja2 HTML; checked against sample data.")
    form_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this form's inspection reports (a Form global id)."
    )


@strawberry.type(description="The template is checked and used for new reports of its kind.")
class ReportTemplateSaved:
    id: strawberry.ID
    kind: ReportKind
    name: str


UploadReportTemplateResult = Annotated[
    ReportTemplateSaved | ValidationFailed | NotAllowed | NotFound,
    strawberry.union("UploadReportTemplateResult"),
]


@strawberry.type
class ReportTemplateMutations:
    @strawberry.mutation(
        description="Upload a custom report template (sandboxed Jinja2 HTML). It is rendered "
        "against sample data first: one that does not render is a ValidationFailed at "
        "input.source naming the template line.",
        extensions=requires(Permission.FORMS_DESIGN),
    )
    async def upload_report_template(
        self, info: Info[Context, Any], input: UploadReportTemplateInput
    ) -> UploadReportTemplateResult:
        async def action() -> ReportTemplateSaved:
            form_id = input_id(input.form_id, "Form", "formId") if input.form_id else None
            saved = await custom.upload_template(
                info.context.principal, input.kind.value, form_id, input.name, input.source
            )
            return ReportTemplateSaved(
                id=strawberry.ID(str(saved.id)), kind=ReportKind(saved.kind), name=saved.name
            )

        return await run_mutation(info, action, "input")
