"""Requesting, following and downloading exports; streaming small ones straight out.

Every function checks the policy first. The table itself comes from the export kind,
which checks the kind's own permission and reads through the caller's row scope; the
direct stream and the job run the very same kind, so they cannot disagree on who sees what.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import reads as read_audit
from auditportal.audit.service import record
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import NotAllowed, NotFound
from auditportal.exports.kinds import Table, kind
from auditportal.exports.models import Export, ExportFormat, ExportStatus
from auditportal.exports.writer import encode
from auditportal.jobs import dispatch, names
from auditportal.pagination import Page, PageRequest, paginate
from auditportal.settings import Language, Settings
from auditportal.storage.base import NotStored
from auditportal.storage.factory import storage_for

# Above this many rows a direct download is refused: request a job instead.
STREAM_LIMIT = 5000


def _file_name(table_title: str, kind_name: str, file_format: ExportFormat) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    stem = re.sub(r"[\\/:*?\"<>|\s]+", "-", table_title).strip("-")[:80] or kind_name
    return f"{stem}-{stamp}.{file_format.value}"


@dataclass(frozen=True)
class Stream:
    file_name: str
    file_format: ExportFormat
    chunks: AsyncIterator[bytes]


async def open_table(
    principal: Principal,
    kind_name: str,
    filters: dict[str, Any],
    language: Language,
    settings: Settings,
) -> Table:
    require(principal, Permission.SIGNED_IN)
    return await kind(kind_name).open(principal, dict(filters), language, settings)


async def stream_export(
    principal: Principal,
    kind_name: str,
    filters: dict[str, Any],
    file_format: ExportFormat,
    language: Language,
    settings: Settings,
    *,
    limit: int = STREAM_LIMIT,
) -> Stream:
    """A small export as bytes straight from the table; over ``limit`` rows: NotAllowed."""
    require(principal, Permission.SIGNED_IN)
    table = await open_table(principal, kind_name, filters, language, settings)
    if table.total > limit:
        raise NotAllowed("export.too_large_to_stream", total=table.total, limit=limit)
    chunks = encode(file_format, table.header, table.rows(), sheet_title=table.title)
    return Stream(_file_name(table.title, kind_name, file_format), file_format, chunks)


async def request_export(
    principal: Principal,
    kind_name: str,
    filters: dict[str, Any],
    file_format: ExportFormat,
    language: Language,
    settings: Settings,
) -> Export:
    """An export record, queued; a job writes the file. The kind is opened here first, so a
    caller without its permission or with a bad filter is told at once."""
    require(principal, Permission.SIGNED_IN)
    if principal.user_id is None or principal.role is None:
        raise NotAllowed("error.not_allowed")
    table = await open_table(principal, kind_name, filters, language, settings)
    async with in_transaction():
        export = await Export.create(
            kind=kind_name,
            file_format=file_format,
            language=language,
            filters=filters,
            rows_total=table.total,
            file_name=_file_name(table.title, kind_name, file_format),
            owner_id=principal.user_id,
            owner_subject=principal.subject,
            owner_role=principal.role.value,
            owner_scopes=sorted(principal.scopes),
        )
        await record(
            principal,
            "export.requested",
            "Export",
            export.id,
            {"kind": kind_name, "format": file_format.value, "rows": table.total},
        )
    run = await dispatch.enqueue(
        names.RUN_EXPORT,
        {"exportId": str(export.id)},
        key=f"export:{export.id}",
        requested_by=principal.user_id,
        max_attempts=3,
    )
    export.job_id = run.id
    await export.save(update_fields=["job_id"])
    return export


def _own(principal: Principal) -> Any:
    return Export.filter(owner_id=principal.user_id)


async def export_by_id(principal: Principal, export_id: UUID) -> Export | None:
    """One of the caller's own exports (anyone else's is not found)."""
    require(principal, Permission.SIGNED_IN)
    if principal.user_id is None:
        return None
    return await _own(principal).filter(id=export_id).first()  # type: ignore[no-any-return]


async def list_exports(principal: Principal, page: PageRequest) -> Page[Export]:
    """The caller's own exports, newest first."""
    require(principal, Permission.SIGNED_IN)
    if principal.user_id is None:
        return Page.empty(page)
    return await paginate(_own(principal), ["-created_at", "-id"], page)


async def download(
    principal: Principal, export_id: UUID, settings: Settings
) -> tuple[Export, AsyncIterator[bytes]]:
    """The finished file of one of the caller's exports, in chunks."""
    require(principal, Permission.SIGNED_IN)
    export = await export_by_id(principal, export_id)
    if export is None or export.storage_key is None:
        raise NotFound("export.not_found")
    if export.status is not ExportStatus.DONE:
        raise NotFound("export.not_ready")
    storage = storage_for(settings)
    if await storage.stat(export.storage_key) is None:
        raise NotFound("export.not_found")
    await read_audit.note(principal, "Export", [export.id])
    return export, storage.stream(export.storage_key)


__all__ = [
    "STREAM_LIMIT",
    "NotStored",
    "Stream",
    "download",
    "export_by_id",
    "list_exports",
    "open_table",
    "request_export",
    "stream_export",
]
