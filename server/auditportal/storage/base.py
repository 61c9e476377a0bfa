"""The storage interface and what every implementation shares."""

from __future__ import annotations

import re
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from typing import Protocol

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")


class InvalidKey(ValueError):
    pass


class NotStored(LookupError):
    """Nothing is stored under the key."""


class TooLarge(Exception):
    """The content passed the limit; nothing was stored."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"content larger than {limit} bytes")
        self.limit = limit


def check_key(key: str) -> str:
    """Keys are relative names of safe segments: no '..', no leading '/', no backslashes,
    so that no key can name a place outside the storage."""
    if len(key) > 200 or not _KEY.match(key) or ".." in key:
        raise InvalidKey(key)
    return key


@dataclass(frozen=True)
class StoredObject:
    key: str
    byte_size: int
    sha256: str


class Storage(Protocol):
    async def put(
        self, key: str, chunks: AsyncIterable[bytes], *, limit: int | None = None
    ) -> StoredObject:
        """Store the content under ``key`` (replacing what was there) all at once or not at
        all: readers never see a partial file. Over ``limit`` bytes: TooLarge, nothing kept."""
        ...

    async def get(self, key: str) -> bytes:
        """The whole content (NotStored if none)."""
        ...

    def stream(self, key: str, chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]:
        """The content in chunks, for downloads (NotStored if none, on the first chunk)."""
        ...

    async def stat(self, key: str) -> StoredObject | None:
        """Size and SHA-256 of what is stored, or None."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the content; a missing key is not an error."""
        ...


async def single(data: bytes) -> AsyncIterator[bytes]:
    """Bytes already in memory as the chunks ``put`` takes."""
    yield data
