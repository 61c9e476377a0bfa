"""Customer file imports: upload, mapping, dry run and commit requests.

The service stores the file and the choices; the work (reading every row) happens in the
``RUN_IMPORT`` job (``auditportal.imports.jobs``), requested after the transaction that
records the request commits.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import Conflict, FieldIssue, NotFound, ValidationFailed
from auditportal.imports import mapping as mappings
from auditportal.imports import readers
from auditportal.imports.models import CustomerImport, FileFormat, ImportStatus
from auditportal.jobs import dispatch, names
from auditportal.pagination import Page, PageRequest, paginate
from auditportal.settings import Settings

Read = Callable[[int], Awaitable[bytes]]
_CHUNK = 256 * 1024
IMPORT_DIR = "imports"
_BUSY = (ImportStatus.DRY_RUNNING, ImportStatus.COMMITTING)


def imports_dir(settings: Settings) -> Path:
    folder = settings.ensure_data_dir() / IMPORT_DIR
    folder.mkdir(exist_ok=True)
    folder.chmod(0o700)
    return folder


def file_path(record: CustomerImport, settings: Settings) -> Path:
    return settings.data_dir / record.stored_path


def _invalid(path: tuple[str | int, ...], key: str, **params: Any) -> ValidationFailed:
    return ValidationFailed("error.invalid_input", [FieldIssue(path, key, params)], count=1)


async def _store(read: Read, target: Path, limit: int) -> int:
    """Copy the upload to an owner-only file, refusing it once it passes ``limit``."""
    size = 0
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        while chunk := await read(_CHUNK):
            size += len(chunk)
            if size > limit:
                break
            handle.write(chunk)
    if size > limit:
        await asyncio.to_thread(target.unlink, missing_ok=True)
        raise _invalid(("file",), "import.file.too_large", limit=limit)
    return size


def _headers(row: list[str]) -> list[str]:
    """Header cells, blanks named by position and repeats made unique."""
    seen: set[str] = set()
    headers = []
    for index, cell in enumerate(row, start=1):
        name = cell or f"#{index}"
        while name in seen:
            name = f"{name}#{index}"
        seen.add(name)
        headers.append(name)
    return headers


def _inspect(
    path: Path, file_format: FileFormat, encoding: str | None, header_row: int | None
) -> tuple[int, list[str]]:
    head = readers.read_head(path, file_format, encoding)
    if not head or not any(any(cell for cell in row) for row in head):
        raise readers.UnreadableFile("import.file.empty")
    index = header_row - 1 if header_row else mappings.find_header_row(head)
    if index < 0 or index >= len(head):
        raise readers.UnreadableFile("import.file.bad_header_row", max=len(head))
    return index + 1, _headers(head[index])


async def upload(
    principal: Principal,
    *,
    file_name: str,
    read: Read,
    encoding: str | None = None,
    tag_separator: str = ",",
    settings: Settings,
) -> CustomerImport:
    """Store an uploaded CSV/XLSX and propose a mapping from its header row."""
    require(principal, Permission.CUSTOMERS_IMPORT)
    if encoding is not None and encoding not in readers.ENCODINGS:
        raise _invalid(
            ("encoding",), "import.file.unknown_encoding", allowed=", ".join(readers.ENCODINGS)
        )
    import_id = uuid.uuid4()
    relative = f"{IMPORT_DIR}/{import_id}.upload"
    target = imports_dir(settings) / f"{import_id}.upload"
    size = await _store(read, target, settings.max_upload_bytes)
    try:
        with target.open("rb") as handle:
            head = handle.read(8)
        file_format = readers.detect_format(file_name, head)
        if file_format is FileFormat.CSV:
            encoding = encoding or readers.detect_encoding(target)
        else:
            encoding = None
        header_row, headers = _inspect(target, file_format, encoding, None)
    except readers.UnreadableFile as error:
        target.unlink(missing_ok=True)
        raise _invalid(("file",), error.key, **error.params) from None
    async with in_transaction():
        record = await CustomerImport.create(
            id=import_id,
            file_name=file_name[:255],
            stored_path=relative,
            size_bytes=size,
            file_format=file_format,
            encoding=encoding,
            header_row=header_row,
            headers=headers,
            mapping=mappings.suggest_mapping(headers),
            tag_separator=tag_separator or ",",
            created_by_id=principal.user_id,
            created_by_actor=principal.actor,
            created_by_role=principal.role.value if principal.role else None,
        )
        await audit.record(
            principal,
            "customer_import.upload",
            "CustomerImport",
            record.id,
            {"file": record.file_name, "bytes": size, "format": file_format.value},
        )
    return record


async def _existing(import_id: UUID) -> CustomerImport:
    record = await CustomerImport.get_or_none(id=import_id)
    if record is None:
        raise NotFound("error.not_found")
    return record


async def get_import(principal: Principal, import_id: UUID) -> CustomerImport | None:
    require(principal, Permission.CUSTOMERS_IMPORT)
    return await CustomerImport.get_or_none(id=import_id)


async def list_imports(principal: Principal, page: PageRequest) -> Page[CustomerImport]:
    require(principal, Permission.CUSTOMERS_IMPORT)
    query = CustomerImport.all()
    return await paginate(query, ["-created_at", "id"], page)


def current_fingerprint(record: CustomerImport) -> str:
    return mappings.fingerprint(
        record.mapping, record.header_row, record.tag_separator, record.encoding
    )


async def set_mapping(
    principal: Principal,
    import_id: UUID,
    *,
    mapping: Mapping[str, str],
    header_row: int | None = None,
    tag_separator: str | None = None,
    encoding: str | None = None,
    settings: Settings,
) -> CustomerImport:
    require(principal, Permission.CUSTOMERS_IMPORT)
    record = await _existing(import_id)
    if record.status in _BUSY or record.status is ImportStatus.COMMITTED:
        raise Conflict("import.busy", status=record.status.value)
    if encoding is not None and (
        record.file_format is not FileFormat.CSV or encoding not in readers.ENCODINGS
    ):
        raise _invalid(
            ("encoding",), "import.file.unknown_encoding", allowed=", ".join(readers.ENCODINGS)
        )
    if tag_separator is not None and not (1 <= len(tag_separator) <= 5):
        raise _invalid(("tagSeparator",), "import.mapping.bad_separator")
    headers = record.headers
    new_encoding = encoding or record.encoding
    if header_row is not None or new_encoding != record.encoding:
        try:
            header_row, headers = _inspect(
                file_path(record, settings),
                record.file_format,
                new_encoding,
                header_row or record.header_row,
            )
        except readers.UnreadableFile as error:
            path = "headerRow" if error.key == "import.file.bad_header_row" else "encoding"
            raise _invalid((path,), error.key, **error.params) from None
    issues = mappings.check_mapping(mapping, headers)
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))
    async with in_transaction():
        record.mapping = dict(mapping)
        record.headers = headers
        record.header_row = header_row or record.header_row
        record.encoding = new_encoding
        if tag_separator is not None:
            record.tag_separator = tag_separator
        if (
            record.status is not ImportStatus.UPLOADED
            and current_fingerprint(record) != record.dry_run_fingerprint
        ):
            record.status = ImportStatus.UPLOADED
        await record.save()
        await audit.record(
            principal,
            "customer_import.map",
            "CustomerImport",
            record.id,
            {"mapping": record.mapping},
        )
    return record


async def start_dry_run(principal: Principal, import_id: UUID) -> CustomerImport:
    require(principal, Permission.CUSTOMERS_IMPORT)
    async with in_transaction():
        record = await CustomerImport.select_for_update().get_or_none(id=import_id)
        if record is None:
            raise NotFound("error.not_found")
        if record.status in _BUSY or record.status is ImportStatus.COMMITTED:
            raise Conflict("import.busy", status=record.status.value)
        issues = mappings.check_mapping(record.mapping, record.headers)
        if issues:
            raise ValidationFailed("error.invalid_input", issues, count=len(issues))
        record.status = ImportStatus.DRY_RUNNING
        record.error = None
        await record.save(update_fields=["status", "error", "updated_at"])
        await audit.record(principal, "customer_import.dry_run", "CustomerImport", record.id)
    run = await dispatch.enqueue(
        names.RUN_IMPORT,
        {"importId": str(record.id), "phase": "dry_run"},
        requested_by=principal.user_id,
    )
    await CustomerImport.filter(id=record.id).update(dry_run_job_id=run.id)
    record.dry_run_job_id = run.id
    return record


async def commit(principal: Principal, import_id: UUID) -> CustomerImport:
    require(principal, Permission.CUSTOMERS_IMPORT)
    async with in_transaction():
        record = await CustomerImport.select_for_update().get_or_none(id=import_id)
        if record is None:
            raise NotFound("error.not_found")
        if record.status is ImportStatus.COMMITTED:
            raise Conflict("import.commit.already_committed")
        if record.status in _BUSY:
            raise Conflict("import.busy", status=record.status.value)
        if (
            record.status is not ImportStatus.DRY_RUN_DONE
            or record.dry_run_fingerprint != current_fingerprint(record)
        ):
            raise Conflict("import.commit.needs_dry_run")
        record.status = ImportStatus.COMMITTING
        await record.save(update_fields=["status", "updated_at"])
        await audit.record(principal, "customer_import.commit", "CustomerImport", record.id)
    run = await dispatch.enqueue(
        names.RUN_IMPORT,
        {"importId": str(record.id), "phase": "commit"},
        key=f"customer-import:{record.id}:commit",
        requested_by=principal.user_id,
    )
    await CustomerImport.filter(id=record.id).update(commit_job_id=run.id)
    record.commit_job_id = run.id
    return record


def remove_file(record: CustomerImport, settings: Settings) -> None:
    with contextlib.suppress(OSError):
        file_path(record, settings).unlink()


async def remove_expired_files(settings: Settings) -> int:
    """Delete uploaded files untouched for ``import_file_retention_days`` (customer data
    should not linger on disk); the import's record, counts and rejections stay. Files of
    imports a job is working on are kept whatever their age."""
    cutoff = datetime.now(UTC) - timedelta(days=settings.import_file_retention_days)
    removed = 0
    stale = CustomerImport.filter(updated_at__lt=cutoff).exclude(
        status__in=[ImportStatus.DRY_RUNNING, ImportStatus.COMMITTING]
    )
    async for record in stale:
        path = file_path(record, settings)
        if path.exists():
            remove_file(record, settings)
            removed += 1
    return removed
