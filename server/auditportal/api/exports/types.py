"""Exports as GraphQL types: what was asked, progress in rows, and where to download."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.relay import Node, to_global_id
from auditportal.exports.models import (
    Export,
    ExportFormat,
    ExportKindName,
    ExportLanguage,
    ExportStatus,
)

strawberry.enum(ExportStatus, name="ExportStatus")
strawberry.enum(ExportFormat, name="ExportFormat")
strawberry.enum(ExportKindName, name="ExportKind")
strawberry.enum(ExportLanguage, name="ExportLanguage")


@strawberry.type(description="Rows written so far, of the rows the export holds.")
class ExportProgress:
    done: int
    total: int | None


@strawberry.type(name="Export", description="A requested export (CSV or XLSX) and its file.")
class ExportNode(Node):
    model: strawberry.Private[Export]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("Export", self.model.id)

    @strawberry.field
    def kind(self) -> ExportKindName:
        return ExportKindName(self.model.kind)

    @strawberry.field
    def format(self) -> ExportFormat:
        return self.model.file_format

    @strawberry.field
    def language(self) -> ExportLanguage:
        return ExportLanguage(self.model.language)

    @strawberry.field
    def status(self) -> ExportStatus:
        return self.model.status

    @strawberry.field(description="The status in the caller's language.")
    def status_label(self, info: Info[Context, Any]) -> str:
        return info.context.t(f"export.status.{self.model.status.value}")

    @strawberry.field
    def progress(self) -> ExportProgress:
        return ExportProgress(done=int(self.model.rows_done), total=self.model.rows_total)

    @strawberry.field
    def file_name(self) -> str:
        return self.model.file_name

    @strawberry.field(description="Hex SHA-256 of the stored file, once done.")
    def sha256(self) -> str | None:
        return self.model.sha256

    @strawberry.field
    def byte_size(self) -> int | None:
        return None if self.model.byte_size is None else int(self.model.byte_size)

    @strawberry.field(
        description="GET with the bearer token, once done: the file (the requester's only)."
    )
    def download_path(self) -> str | None:
        if self.model.status is not ExportStatus.DONE:
            return None
        return f"/exports/files/{self.model.id}"

    @strawberry.field(description="Why it failed, in the caller's language.")
    def error(self, info: Info[Context, Any]) -> str | None:
        return info.context.t(self.model.error) if self.model.error else None

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at

    @strawberry.field
    def finished_at(self) -> datetime | None:
        return self.model.finished_at
