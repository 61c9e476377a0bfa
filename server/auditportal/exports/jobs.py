"""The export job: the table of the export's kind, read in the requester's name, written
to storage in one piece with its SHA-256, progress counted in rows.

The requester is rebuilt from their account as it is now (a deactivated user or an expired
consultant grant exports nothing more). A rerun starts the file again: storage replaces a
key all at once, so no half-written file is ever seen.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit.service import record
from auditportal.auth.grants import active_grant_scope
from auditportal.auth.principal import Principal, Role
from auditportal.auth.users import active_user
from auditportal.errors import DomainError, NotAllowed
from auditportal.exports.kinds import kind
from auditportal.exports.models import Export, ExportStatus
from auditportal.exports.writer import Row, encode
from auditportal.jobs import names
from auditportal.jobs.runs import RunContext, job
from auditportal.storage.factory import storage_for

# Progress is saved after this many rows (and at the end).
PROGRESS_EVERY = 500


async def requester(export: Export) -> Principal:
    user = await active_user(export.owner_id)
    if user is None:
        raise NotAllowed("error.not_allowed")
    customers: frozenset[UUID] = frozenset()
    forms: frozenset[UUID] = frozenset()
    if user.role is Role.CONSULTANT:
        granted = await active_grant_scope(user.id)
        customers, forms = granted.customer_ids, granted.form_ids
    return Principal(
        subject=export.owner_subject,
        role=user.role,
        user_id=user.id,
        username=user.username,
        customer_id=user.customer_id,
        scopes=frozenset(export.owner_scopes or []),
        granted_customer_ids=customers,
        granted_form_ids=forms,
    )


async def _fail(export: Export, key: str) -> None:
    export.status = ExportStatus.FAILED
    export.error = key
    export.finished_at = datetime.now(UTC)
    await export.save(update_fields=["status", "error", "finished_at", "updated_at"])


@job(names.RUN_EXPORT)
async def run_export(ctx: RunContext) -> dict[str, Any]:
    export = await Export.get_or_none(id=UUID(ctx.arguments["exportId"]))
    if export is None or export.status in (ExportStatus.DONE, ExportStatus.FAILED):
        return {"skipped": True}
    try:
        principal = await requester(export)
        table = await kind(export.kind).open(
            principal,
            dict(export.filters or {}),
            export.language,  # type: ignore[arg-type]
            ctx.settings,
        )
    except DomainError as exc:
        await _fail(export, exc.message_key)
        raise
    export.status = ExportStatus.RUNNING
    export.rows_total = table.total
    export.rows_done = 0
    await export.save(update_fields=["status", "rows_total", "rows_done", "updated_at"])
    await ctx.progress(0, table.total)

    async def counted() -> AsyncIterator[Row]:
        done = 0
        async for row in table.rows():
            yield row
            done += 1
            if done % PROGRESS_EVERY == 0:
                await Export.filter(id=export.id).update(rows_done=done)
                await ctx.progress(done, table.total)
        export.rows_done = done

    key = f"exports/{export.id}.{export.file_format.value}"
    try:
        stored = await storage_for(ctx.settings).put(
            key, encode(export.file_format, table.header, counted(), sheet_title=table.title)
        )
    except DomainError as exc:
        await _fail(export, exc.message_key)
        raise
    except Exception:
        if ctx.attempt >= ctx.run.max_attempts:
            await _fail(export, "export.failed")
        raise
    async with in_transaction():
        export.status = ExportStatus.DONE
        export.storage_key = stored.key
        export.sha256 = stored.sha256
        export.byte_size = stored.byte_size
        export.finished_at = datetime.now(UTC)
        await export.save(
            update_fields=[
                "status",
                "storage_key",
                "sha256",
                "byte_size",
                "rows_done",
                "finished_at",
                "updated_at",
            ]
        )
        await record(
            principal,
            "export.completed",
            "Export",
            export.id,
            {"rows": export.rows_done, "sha256": stored.sha256, "bytes": stored.byte_size},
        )
    await ctx.progress(export.rows_done, table.total)
    return {"rows": export.rows_done, "sha256": stored.sha256}
