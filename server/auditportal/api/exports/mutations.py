"""Export mutations: request one; a job writes it, follow it on the export."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.inputs import CustomerFilter
from auditportal.api.errors import NotAllowed, NotFound, ValidationFailed, run_mutation
from auditportal.api.exports.types import ExportNode
from auditportal.api.forms.inputs import SubmissionFilter
from auditportal.api.kpis.types import KpiFilterInput, export_filters
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.auth.policy import Permission
from auditportal.errors import FieldIssue
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.exports import service
from auditportal.exports.models import ExportFormat, ExportKindName, ExportLanguage


@strawberry.input
class RequestExportInput:
    kind: ExportKindName
    format: ExportFormat = ExportFormat.XLSX
    language: ExportLanguage | None = strawberry.field(
        default=None, description="Column headers and labels; the caller's language if absent."
    )
    submissions: SubmissionFilter | None = strawberry.field(
        default=None, description="submissions and findings: as the submissions list (formId)."
    )
    customers: CustomerFilter | None = strawberry.field(
        default=None, description="customers: as the customers list."
    )
    kpis: KpiFilterInput | None = strawberry.field(
        default=None, description="kpis: the KPI table for this filter."
    )


@strawberry.type(description="The export was queued; follow its progress on the export.")
class ExportRequested:
    export: ExportNode


RequestExportResult = Annotated[
    ExportRequested | ValidationFailed | NotAllowed | NotFound,
    strawberry.union("RequestExportResult"),
]


def _unsupported(*path: str) -> DomainValidationFailed:
    return DomainValidationFailed("error.invalid_input", [FieldIssue(path, "export.bad_filter")])


def _submission_filters(given: SubmissionFilter | None) -> dict[str, Any]:
    if given is None:
        return {}
    if given.answers:
        raise _unsupported("submissions", "answers")
    ids = {
        "formId": (given.form_id, "Form"),
        "formVersionId": (given.form_version_id, "FormVersion"),
        "customerId": (given.customer_id, "Customer"),
        "submittedById": (given.submitted_by_id, "User"),
    }
    found: dict[str, Any] = {
        name: str(input_id(value, type_name, "submissions", name))
        for name, (value, type_name) in ids.items()
        if value is not None
    }
    for name, moment in (
        ("submittedAfter", given.submitted_after),
        ("submittedBefore", given.submitted_before),
    ):
        if moment is not None:
            found[name] = moment.isoformat()
    for name, value in (
        ("minScorePercent", given.min_score_percent),
        ("maxScorePercent", given.max_score_percent),
        ("hasFindings", given.has_findings),
    ):
        if value is not None:
            found[name] = value
    if given.include_superseded:
        found["includeSuperseded"] = True
    return found


def _customer_filters(given: CustomerFilter | None) -> dict[str, Any]:
    if given is None:
        return {}
    if given.attributes:
        raise _unsupported("customers", "attributes")
    if given.auditor_id is not None:
        raise _unsupported("customers", "auditorId")
    found: dict[str, Any] = {}
    for name, value in (
        ("search", given.search),
        ("tier", given.tier.value if given.tier else None),
        ("region", given.region),
        ("tag", given.tag),
        ("minRiskScore", given.min_risk_score),
        ("maxRiskScore", given.max_risk_score),
    ):
        if value is not None:
            found[name] = value
    return found


def _under_input(error: DomainValidationFailed, kind: ExportKindName) -> DomainValidationFailed:
    """The kinds report filter paths under ``filters``; here they are the input's field."""
    field = {ExportKindName.CUSTOMERS: "customers", ExportKindName.KPIS: "kpis"}.get(
        kind, "submissions"
    )
    issues = [
        FieldIssue((field, *i.path[1:]) if i.path[:1] == ("filters",) else i.path, i.code, i.params)
        for i in error.issues
    ]
    return DomainValidationFailed(error.message_key, issues, **error.params)


@strawberry.type
class ExportMutations:
    @strawberry.mutation(
        description="Export submissions of a form, their findings, or customers as CSV or "
        "XLSX. Runs as a job; the export's downloadPath is set when done.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def request_export(
        self, info: Info[Context, Any], input: RequestExportInput
    ) -> RequestExportResult:
        async def action() -> ExportRequested:
            if input.kind is ExportKindName.CUSTOMERS:
                filters = _customer_filters(input.customers)
            elif input.kind is ExportKindName.KPIS:
                filters = export_filters(input.kpis)
            else:
                filters = _submission_filters(input.submissions)
            language = input.language.value if input.language else info.context.language
            try:
                export = await service.request_export(
                    info.context.principal,
                    input.kind.value,
                    filters,
                    input.format,
                    language,
                    info.context.settings,
                )
            except DomainValidationFailed as error:
                raise _under_input(error, input.kind) from None
            return ExportRequested(export=ExportNode(model=export))

        return await run_mutation(info, action, "input")
