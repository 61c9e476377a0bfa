"""Customer imports as GraphQL types: status, progress, counts and translated rejections."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.relay import Node, to_global_id
from auditportal.imports.models import CustomerImport, FileFormat, ImportStatus
from auditportal.imports.service import current_fingerprint

CustomerImportStatus = strawberry.enum(ImportStatus, name="CustomerImportStatus")
ImportFileFormat = strawberry.enum(FileFormat, name="ImportFileFormat")


@strawberry.type(description="One source column and the customer field it feeds.")
class ColumnMapping:
    column: str
    field: str = strawberry.field(
        description="code, name, industry, region, tags, contact.name, contact.title, "
        "contact.phone, contact.email, transactionVolume, creditGrade, creditLimit or "
        "attributes.<key>."
    )


@strawberry.type(description="How many customers had a field changed.")
class FieldCount:
    field: str
    count: int


@strawberry.type(description="What a dry run found or a commit did.")
class ImportCounts:
    created: int
    changed: int
    unchanged: int
    rejected: int
    changed_fields: list[FieldCount]


@strawberry.type(description="A row that cannot be imported, and why.")
class ImportRejection:
    row: int = strawberry.field(description="Row number in the file (the header row counts).")
    column: str | None
    code: str
    message: str = strawberry.field(description="The reason in the caller's language.")


@strawberry.type(description="Rows processed so far of the running or last phase.")
class ImportProgress:
    done: int
    total: int | None


def counts_from(data: dict[str, Any] | None) -> ImportCounts | None:
    if not data:
        return None
    return ImportCounts(
        created=int(data.get("created", 0)),
        changed=int(data.get("changed", 0)),
        unchanged=int(data.get("unchanged", 0)),
        rejected=int(data.get("rejected", 0)),
        changed_fields=[
            FieldCount(field=k, count=int(v)) for k, v in (data.get("changedFields") or {}).items()
        ],
    )


@strawberry.type(name="CustomerImport", description="An uploaded customer file and its import.")
class CustomerImportNode(Node):
    model: strawberry.Private[CustomerImport]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("CustomerImport", self.model.id)

    @strawberry.field
    def file_name(self) -> str:
        return self.model.file_name

    @strawberry.field
    def size_bytes(self) -> int:
        return int(self.model.size_bytes)

    @strawberry.field
    def file_format(self) -> ImportFileFormat:  # type: ignore[valid-type]
        return self.model.file_format

    @strawberry.field(description="CSV only: utf-8-sig or gb18030 (detected or chosen).")
    def encoding(self) -> str | None:
        return self.model.encoding

    @strawberry.field(description="1-based number of the header row.")
    def header_row(self) -> int:
        return self.model.header_row

    @strawberry.field
    def headers(self) -> list[str]:
        return list(self.model.headers)

    @strawberry.field(description="The mapping: suggested from the headers until one is set.")
    def mapping(self) -> list[ColumnMapping]:
        return [ColumnMapping(column=c, field=f) for c, f in self.model.mapping.items()]

    @strawberry.field
    def tag_separator(self) -> str:
        return self.model.tag_separator

    @strawberry.field
    def status(self) -> CustomerImportStatus:  # type: ignore[valid-type]
        return self.model.status

    @strawberry.field(description="The status in the caller's language.")
    def status_label(self, info: Info[Context, Any]) -> str:
        return info.context.t(f"import.status.{self.model.status.value}")

    @strawberry.field(description="Whether commitImport would start now.")
    def can_commit(self) -> bool:
        return (
            self.model.status is ImportStatus.DRY_RUN_DONE
            and self.model.dry_run_fingerprint == current_fingerprint(self.model)
        )

    @strawberry.field
    async def progress(self, info: Info[Context, Any]) -> ImportProgress | None:
        run_id = self.model.commit_job_id or self.model.dry_run_job_id
        if self.model.status in (ImportStatus.DRY_RUNNING, ImportStatus.DRY_RUN_DONE):
            run_id = self.model.dry_run_job_id
        if run_id is None:
            return None
        run = await info.context.loaders.job_run.load(run_id)
        if run is None:
            return None
        return ImportProgress(done=int(run.progress_done), total=run.progress_total)

    @strawberry.field(description="Rows in the file below the header (known after a dry run).")
    def total_rows(self) -> int | None:
        return None if self.model.total_rows is None else int(self.model.total_rows)

    @strawberry.field(
        description="The last finished phase's counts (the commit's, once committed)."
    )
    def counts(self) -> ImportCounts | None:
        return counts_from(self.model.counts)

    @strawberry.field(description="What the dry run predicted.")
    def dry_run_counts(self) -> ImportCounts | None:
        if self.model.status is ImportStatus.COMMITTED:
            return counts_from(self.model.counts.get("dryRun"))
        if self.model.dry_run_fingerprint is None:
            return None
        return counts_from(self.model.counts)

    @strawberry.field(description="The first rejected rows (all are counted in counts.rejected).")
    def rejections(self, info: Info[Context, Any]) -> list[ImportRejection]:
        return [
            ImportRejection(
                row=int(item["row"]),
                column=item.get("column"),
                code=item["code"],
                message=info.context.t(
                    item["code"],
                    row=item["row"],
                    column=item.get("column") or "",
                    **item.get("params", {}),
                ),
            )
            for item in self.model.rejections or []
        ]

    @strawberry.field(description="Why the import failed, in the caller's language.")
    def error(self, info: Info[Context, Any]) -> str | None:
        if not self.model.error:
            return None
        try:
            data = json.loads(self.model.error)
        except ValueError:
            return info.context.t("import.failed")
        return info.context.t(data.get("code", "import.failed"), **data.get("params", {}))

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at
