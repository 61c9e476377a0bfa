"""Reports as GraphQL types: a case's rendering or a requested report, and its progress."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from auditportal.reports import links
from auditportal.reports.models import Report as ReportModel
from auditportal.reports.models import ReportStatus
from auditportal.settings import Settings

strawberry.enum(ReportStatus, name="ReportStatus", description="Where a rendering stands.")


@strawberry.enum(description="What a report shows.")
class ReportKind(Enum):
    INSPECTION_REPORT = "inspection_report"
    CUSTOMER_DOSSIER = "customer_dossier"
    PERIOD_SUMMARY = "period_summary"
    DASHBOARD = "dashboard"
    CASE_SUMMARY = "case_summary"


@strawberry.type(name="ReportProgress", description="How far the rendering got.")
class ReportProgress:
    done: int
    total: int


@strawberry.type(
    name="Report", description="A PDF report: of a case (a workflow step) or asked for."
)
class ReportInfo:
    model: strawberry.Private[ReportModel]
    base_url: strawberry.Private[str]
    settings: strawberry.Private[Settings | None] = None
    viewer: strawberry.Private[str] = ""

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field(description="The template the workflow asked for.")
    def template(self) -> str:
        return self.model.template

    @strawberry.field(description="What the report shows.")
    def kind(self) -> ReportKind:
        try:
            return ReportKind(self.model.kind)
        except ValueError:
            return ReportKind.CASE_SUMMARY

    @strawberry.field(description="zh-CN or en.")
    def language(self) -> str:
        return self.model.language

    @strawberry.field
    def status(self) -> ReportStatus:
        return self.model.status

    @strawberry.field
    def progress(self) -> ReportProgress:
        return ReportProgress(done=self.model.progress_done, total=self.model.progress_total)

    @strawberry.field(description="Why the rendering failed; null unless it did.")
    def error(self) -> str | None:
        return self.model.error

    @strawberry.field(description="The submission or customer (UUID) it shows; null for a period.")
    def subject_id(self) -> str | None:
        return self.model.subject_id

    @strawberry.field(description="First day of a period summary.")
    def period_from(self) -> str | None:
        return (self.model.parameters or {}).get("from")

    @strawberry.field(description="Last day of a period summary.")
    def period_to(self) -> str | None:
        return (self.model.parameters or {}).get("to")

    @strawberry.field(description="File name to save it as.")
    def file_name(self) -> str:
        return self.model.file_name

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at

    @strawberry.field
    def finished_at(self) -> datetime | None:
        return self.model.finished_at

    @strawberry.field
    def byte_size(self) -> int:
        return self.model.byte_size

    @strawberry.field(description="SHA-256 of the PDF, hex.")
    def sha256(self) -> str:
        return self.model.sha256

    @strawberry.field(description="SHA-256 of what it was rendered from (shown in its footer).")
    def content_key(self) -> str | None:
        return self.model.content_key

    @strawberry.field(description="GET it with the same bearer token.")
    def download_url(self) -> str:
        return f"{self.base_url}/reports/{self.model.id}"

    @strawberry.field(
        description="A link that works without a token for a few minutes; null until done."
    )
    def signed_url(self) -> str | None:
        if self.settings is None or self.model.status != ReportStatus.DONE:
            return None
        query = links.signed_query(self.settings, self.model.id, self.viewer)
        return f"{self.base_url}/reports/{self.model.id}?{query}"
