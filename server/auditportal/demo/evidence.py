"""The demo's evidence: small site photos drawn in code, uploaded as an auditor would.

Each photo is a real PNG (a few kilobytes: a coloured gradient with a band, different per
photo) that goes through ``evidence.service.upload`` (sniffed, checked against the field's
``x-attachment``, stored through the storage port with its SHA-256, a thumbnail job
queued) and is then referenced by the checklist's answers, so the submit links it as it
would link a real upload. Removal deletes the rows and the stored files.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from auditportal.auth.principal import Principal
from auditportal.evidence import service as evidence
from auditportal.evidence.models import Attachment
from auditportal.settings import Settings
from auditportal.storage.factory import storage_for

PHOTO_FIELD = "/sitePhotos"
CAPTIONS = (
    "仓库消防通道现场照片",
    "合同原件与盖章页",
    "收款凭证及银行回单",
    "客户信息保管柜（已上锁）",
)


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def site_photo(seed: int, width: int = 96, height: int = 72) -> bytes:
    """A small RGB PNG, different for every ``seed`` (so every upload has its own hash)."""
    red, green, blue = (seed * 53) % 200 + 30, (seed * 97) % 200 + 30, (seed * 29) % 200 + 30
    band = height // 3 + seed % (height // 3)
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            if band <= y < band + 6:
                rows += bytes((240, 240, 240))
            else:
                rows += bytes(((red + x) % 256, (green + y) % 256, (blue + x + y) % 256))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _chunk(b"IEND", b"")
    )


async def upload_photos(
    principal: Principal, version_id: UUID, seed: int, count: int, settings: Settings
) -> list[str]:
    """``count`` captioned photos uploaded for the checklist's photo field; their ids."""
    ids: list[str] = []
    for index in range(count):
        data = site_photo(seed * 7 + index)
        sent = False

        async def read(size: int, data: bytes = data) -> bytes:
            nonlocal sent
            if sent:
                return b""
            sent = True
            return data

        attachment = await evidence.upload(
            principal,
            version_id=version_id,
            field_path=PHOTO_FIELD,
            file_name=f"site-photo-{seed:03d}-{index + 1}.png",
            read=read,
            caption=CAPTIONS[(seed + index) % len(CAPTIONS)],
            settings=settings,
        )
        ids.append(str(attachment.id))
    return ids


async def remove_attachments(
    customer_ids: Sequence[Any], user_ids: Sequence[Any]
) -> tuple[int, list[str]]:
    """Delete the demo's attachment rows: how many, and the storage keys of their files
    (and thumbnails) for ``delete_files`` once the removal has committed."""
    rows = list(await Attachment.filter(uploaded_by_id__in=user_ids)) + list(
        await Attachment.filter(customer_id__in=customer_ids)
    )
    unique = {row.id: row for row in rows}
    await Attachment.filter(id__in=list(unique)).delete()
    keys = [key for row in unique.values() for key in (row.storage_key, row.thumbnail_key) if key]
    return len(unique), keys


async def delete_files(keys: list[str], settings: Settings) -> None:
    storage = storage_for(settings)
    for key in keys:
        await storage.delete(key)
