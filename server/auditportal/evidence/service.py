"""Uploading evidence and linking it to the submission whose answers reference it.

An upload is stored in full (storage ``put``: atomic) before its row is written, then
checked (type sniffed from the bytes, images opened); any refusal deletes the stored
bytes, and a failed row insert does too, so no row names missing bytes and no refused
upload stays behind. A crash between the two leaves at most bytes no row names.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, may_use_form_as_customer, require
from auditportal.auth.principal import Principal, system_principal
from auditportal.errors import Conflict, FieldIssue, NotAllowed, NotFound, ValidationFailed
from auditportal.evidence import images
from auditportal.evidence.keyword import AttachmentSpec, Reference, field_for_pointer, references
from auditportal.evidence.models import Attachment, AttachmentKind
from auditportal.evidence.sniff import HEAD_BYTES, sniff
from auditportal.forms import queries as form_queries
from auditportal.forms.compiled import cached
from auditportal.forms.models import FormVersion, Submission
from auditportal.jobs import dispatch, names
from auditportal.jobs.models import JobRun
from auditportal.settings import Settings
from auditportal.storage import Storage, TooLarge, storage_for
from auditportal.submissions import drafts

Read = Callable[[int], Awaitable[bytes]]
_CHUNK = 256 * 1024
MAX_CAPTION = 500
_IMAGE_KINDS = (AttachmentKind.PHOTO, AttachmentKind.SIGNATURE)


def _invalid(path: tuple[str | int, ...], key: str, **params: Any) -> ValidationFailed:
    return ValidationFailed("error.invalid_input", [FieldIssue(path, key, params)], count=1)


def storage_key(attachment_id: UUID) -> str:
    return f"attachments/{attachment_id}"


def thumbnail_key(attachment_id: UUID) -> str:
    return f"thumbnails/{attachment_id}.jpg"


def safe_file_name(name: str | None) -> str:
    """The client's name without folders, control characters or surrounding dots/spaces."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = "".join(ch for ch in unicodedata.normalize("NFC", base) if ch.isprintable())
    cleaned = cleaned.strip(" .")[:200]
    return cleaned or "upload"


async def _version(principal: Principal, version_id: UUID) -> tuple[FormVersion, dict[str, Any]]:
    version = await form_queries.version_header(version_id)
    if version is None or not may_use_form_as_customer(principal, version.offered_to_customers):
        raise NotFound("form_version.not_found")
    if version.retired_at is not None:
        raise Conflict("form.version_retired", number=version.number)
    definition = await form_queries.version_definition(version.id)
    assert definition is not None
    return version, definition


async def upload(
    principal: Principal,
    *,
    version_id: UUID,
    field_path: str,
    file_name: str | None,
    read: Read,
    draft_id: UUID | None = None,
    caption: str | None = None,
    settings: Settings,
) -> Attachment:
    """Store one file for one attachment field of a form version (and the caller's draft)."""
    require(principal, Permission.SUBMISSIONS_CREATE)
    if principal.user_id is None:
        raise NotAllowed("draft.no_person")
    version, definition = await _version(principal, version_id)
    spec = field_for_pointer(definition["schema"], field_path)
    if spec is None:
        raise _invalid(("fieldPath",), "attachment.not_attachment_field", field=field_path)
    if draft_id is not None:
        draft = await drafts.draft(principal, draft_id)
        if draft is None or draft.form_version_id != version.id:
            raise _invalid(("draftId",), "draft.not_for_submission")
    if caption is not None and len(caption) > MAX_CAPTION:
        raise _invalid(("caption",), "attachment.caption_too_long", limit=MAX_CAPTION)
    limit = min(spec.max_bytes or settings.max_attachment_bytes, settings.max_attachment_bytes)
    attachment_id = uuid.uuid4()
    key = storage_key(attachment_id)
    storage = storage_for(settings)
    head = bytearray()

    async def chunks() -> AsyncIterator[bytes]:
        while chunk := await read(_CHUNK):
            if len(head) < HEAD_BYTES:
                head.extend(chunk[: HEAD_BYTES - len(head)])
            yield chunk

    try:
        stored = await storage.put(key, chunks(), limit=limit)
    except TooLarge:
        raise _invalid(("file",), "attachment.too_large", limit=limit) from None
    try:
        content_type = await _checked_type(storage, key, bytes(head), stored.byte_size, spec)
        async with in_transaction():
            attachment = await Attachment.create(
                id=attachment_id,
                kind=spec.kind,
                file_name=safe_file_name(file_name),
                content_type=content_type,
                byte_size=stored.byte_size,
                sha256=stored.sha256,
                storage_key=key,
                caption=caption.strip() if caption and caption.strip() else None,
                field_key=spec.key,
                form_id=version.form_id,
                form_version_id=version.id,
                draft_id=draft_id,
                uploaded_by_id=principal.user_id,
            )
            run = (
                await JobRun.create(
                    name=names.MAKE_THUMBNAIL,
                    key=f"{names.MAKE_THUMBNAIL}:{attachment_id}",
                    arguments={"attachmentId": str(attachment_id)},
                )
                if content_type.startswith("image/")
                else None
            )
            await audit.record(
                principal,
                "attachment.upload",
                "Attachment",
                attachment.id,
                {
                    "form_version": str(version.id),
                    "field": spec.key,
                    "kind": spec.kind.value,
                    "content_type": content_type,
                    "bytes": stored.byte_size,
                    "sha256": stored.sha256,
                },
            )
    except BaseException:
        await storage.delete(key)
        raise
    if run is not None:
        await dispatch.nudge(run)  # after the commit, so the runner sees the row
    return attachment


async def _checked_type(
    storage: Storage, key: str, head: bytes, size: int, spec: AttachmentSpec
) -> str:
    if size == 0:
        raise _invalid(("file",), "attachment.empty")
    content_type = sniff(head)
    if content_type is None:
        raise _invalid(("file",), "attachment.unknown_type")
    if spec.kind in _IMAGE_KINDS and not content_type.startswith("image/"):
        raise _invalid(("file",), "attachment.not_image", type=content_type)
    if not spec.accepts(content_type):
        raise _invalid(
            ("file",),
            "attachment.type_not_accepted",
            type=content_type,
            accepted=", ".join(spec.accept),
        )
    if content_type.startswith("image/"):
        data = await storage.get(key)
        if not await asyncio.to_thread(images.readable, data):
            raise _invalid(("file",), "attachment.broken_image")
    return content_type


# --- on submit ---------------------------------------------------------------------------


async def _schema(version_id: UUID) -> dict[str, Any]:
    """The version's answer schema, from the compiled cache the submit just warmed."""
    header = await form_queries.version_header(version_id)
    assert header is not None
    hit = cached(header.content_hash)
    if hit is not None:
        return dict(hit.definition["schema"])
    definition = await form_queries.version_definition(version_id)
    assert definition is not None
    return dict(definition["schema"])


async def attach(
    principal: Principal,
    submission: Submission,
    answers: Any,
    *,
    draft_id: UUID | None = None,
    revises: Submission | None = None,
    schema: dict[str, Any] | None = None,
) -> list[UUID]:
    """Check the attachment ids the answers reference and link them to the submission;
    call inside the submission's transaction, before its draft is deleted.

    Each id must name an attachment uploaded by the caller for this form version and this
    field (and, if uploaded with a draft, that draft), not yet part of another submission
    (a correction may keep the ones of the submission it corrects), within the field's
    count. Problems are a ValidationFailed at the answer's path.
    """
    require(principal, Permission.SUBMISSIONS_CREATE)
    if schema is None:  # the caller may pass the version's answer schema it already has
        schema = await _schema(submission.form_version_id)
    found = list(references(schema, answers))
    if not found:
        return []
    wanted = [ref.attachment_id for _, refs, _ in found for ref in refs if ref.attachment_id]
    rows = {a.id: a for a in await Attachment.filter(id__in=wanted).select_for_update()}
    issues: list[FieldIssue] = []
    seen: set[UUID] = set()
    for spec, refs, at in found:
        if len(refs) > spec.max_files:
            issues.append(FieldIssue(at, "attachment.too_many", {"limit": spec.max_files}))
        for ref in refs:
            problem = _problem(principal, ref, rows, seen, submission, draft_id, revises)
            if problem is not None:
                issues.append(problem)
            if ref.attachment_id is not None:
                seen.add(ref.attachment_id)
    if issues:
        raise ValidationFailed("submission.invalid", issues, count=len(issues))
    linked = sorted(seen, key=str)
    await Attachment.filter(id__in=linked).update(
        submission_id=submission.id, customer_id=submission.customer_id, draft_id=None
    )
    await audit.record(
        principal,
        "attachment.link",
        "Submission",
        submission.id,
        {"attachments": [str(i) for i in linked]},
    )
    return linked


def _problem(
    principal: Principal,
    ref: Reference,
    rows: dict[UUID, Attachment],
    seen: set[UUID],
    submission: Submission,
    draft_id: UUID | None,
    revises: Submission | None,
) -> FieldIssue | None:
    if ref.attachment_id is None:
        return FieldIssue(ref.at, "attachment.bad_reference")
    shown = str(ref.value)
    row = rows.get(ref.attachment_id)
    # Someone else's upload answers the same as none at all: ids are not probes.
    if row is None or (
        not _kept_by_correction(row, revises)
        and (
            row.uploaded_by_id != principal.user_id
            or row.form_version_id != submission.form_version_id
            or (row.draft_id is not None and row.draft_id != draft_id)
        )
    ):
        return FieldIssue(ref.at, "attachment.not_found", {"id": shown})
    if ref.attachment_id in seen:
        return FieldIssue(ref.at, "attachment.repeated", {"id": shown})
    if row.field_key != ref.spec.key:
        return FieldIssue(ref.at, "attachment.wrong_field", {"id": shown})
    if row.submission_id is not None and not _kept_by_correction(row, revises):
        return FieldIssue(ref.at, "attachment.already_used", {"id": shown})
    return None


def _kept_by_correction(row: Attachment, revises: Submission | None) -> bool:
    """A correction keeps the evidence of the submission it corrects (whoever uploaded it:
    the reviser may correct another's answers)."""
    return revises is not None and row.submission_id == revises.id


# --- clean-up ------------------------------------------------------------------------------


async def remove_unused(settings: Settings, *, batch: int = 500) -> int:
    """Delete uploads no submission took, older than ``attachment_retention_days``, whose
    draft is gone (discarded) or that had none: evidence nobody submitted should not linger.
    Uploads of a draft that still exists are kept, however old: the draft may be resumed.
    The rows go first, in one transaction with their audit events, then the bytes (a crash
    in between leaves bytes no row names, never a row without bytes)."""
    cutoff = datetime.now(UTC) - timedelta(days=settings.attachment_retention_days)
    stale = await Attachment.filter(
        submission_id__isnull=True, draft_id__isnull=True, created_at__lt=cutoff
    ).limit(batch)
    if not stale:
        return 0
    system = system_principal("evidence-cleanup")
    async with in_transaction():
        await Attachment.filter(id__in=[a.id for a in stale], submission_id__isnull=True).delete()
        await audit.record_many(
            system,
            [
                audit.EventSpec(
                    "attachment.remove_unused",
                    "Attachment",
                    a.id,
                    {"sha256": a.sha256, "bytes": a.byte_size},
                )
                for a in stale
            ],
        )
    storage = storage_for(settings)
    for attachment in stale:
        await storage.delete(attachment.storage_key)
        if attachment.thumbnail_key:
            await storage.delete(attachment.thumbnail_key)
    return len(stale)
