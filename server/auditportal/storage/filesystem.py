"""Files under a folder: the embedded default, and the compose deployment's shared volume.

Every file is owner-only (0600, folders 0700). A put streams into a temporary file in the
same folder tree, hashing as it goes, fsyncs it and renames it into place: the rename is
atomic on one filesystem, so a reader sees the old content or the new, never a part, and a
crash leaves only a temporary file (under ``.tmp``) that no key names.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path

from auditportal.storage.base import NotStored, StoredObject, TooLarge, check_key

_TEMPORARY = ".tmp"


class FilesystemStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _folder(self, path: Path) -> Path:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        return path

    def path(self, key: str) -> Path:
        return self.root / check_key(key)

    async def put(
        self, key: str, chunks: AsyncIterable[bytes], *, limit: int | None = None
    ) -> StoredObject:
        target = self.path(key)
        self._folder(target.parent)
        self.root.chmod(0o700)
        temporary = self._folder(self.root / _TEMPORARY) / f"{uuid.uuid4().hex}.part"
        digest = hashlib.sha256()
        size = 0
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                async for chunk in chunks:
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise TooLarge(limit)
                    digest.update(chunk)
                    await asyncio.to_thread(handle.write, chunk)
                handle.flush()
                await asyncio.to_thread(os.fsync, handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return StoredObject(key=key, byte_size=size, sha256=digest.hexdigest())

    async def get(self, key: str) -> bytes:
        path = self.path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise NotStored(key) from None

    async def stream(self, key: str, chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]:
        path = self.path(key)
        try:
            handle = await asyncio.to_thread(open, path, "rb")
        except FileNotFoundError:
            raise NotStored(key) from None
        try:
            while chunk := await asyncio.to_thread(handle.read, chunk_size):
                yield chunk
        finally:
            handle.close()

    async def stat(self, key: str) -> StoredObject | None:
        path = self.path(key)

        def measure() -> StoredObject | None:
            try:
                with open(path, "rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256")
                    return StoredObject(key, handle.tell(), digest.hexdigest())
            except FileNotFoundError:
                return None

        return await asyncio.to_thread(measure)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path(key).unlink, missing_ok=True)
