"""Thumbnails of uploaded images, made in a job (CPU work stays out of the request).

``names.MAKE_THUMBNAIL`` takes ``{"attachmentId": str}``. Idempotent: an attachment that
has its thumbnail is skipped, and the thumbnail's key is fixed by the attachment's id, so
a rerun after a crash overwrites the same object. A file Pillow cannot shrink (it was
checked on upload) fails the run visibly; the download of the thumbnail then says so.
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from auditportal.evidence import images
from auditportal.evidence.models import Attachment
from auditportal.evidence.service import thumbnail_key
from auditportal.jobs import names
from auditportal.jobs.runs import RunContext, job
from auditportal.storage import NotStored, single, storage_for


@job(names.MAKE_THUMBNAIL)
async def make_thumbnail(context: RunContext) -> dict[str, Any]:
    attachment_id = UUID(context.arguments["attachmentId"])
    attachment = await Attachment.get_or_none(id=attachment_id)
    if attachment is None:
        return {"skipped": "gone"}
    if attachment.thumbnail_key is not None:
        return {"skipped": "done"}
    storage = storage_for(context.settings)
    try:
        original = await storage.get(attachment.storage_key)
    except NotStored:
        return {"skipped": "no content"}
    small = await asyncio.to_thread(images.thumbnail, original)
    key = thumbnail_key(attachment.id)
    stored = await storage.put(key, single(small))
    await Attachment.filter(id=attachment.id).update(thumbnail_key=key)
    return {"bytes": stored.byte_size}
