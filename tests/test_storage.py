"""The filesystem storage: atomic, owner-only, hashed, and nothing kept when a put fails."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from auditportal.storage import InvalidKey, NotStored, TooLarge, single
from auditportal.storage.filesystem import FilesystemStorage


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


async def _chunks(*parts: bytes, fail: bool = False) -> AsyncIterator[bytes]:
    for part in parts:
        yield part
    if fail:
        raise ConnectionError("client went away")


async def test_put_get_stat_stream_delete(tmp_path: Path) -> None:
    storage = FilesystemStorage(tmp_path / "files")
    content = b"evidence " * 100_000
    stored = await storage.put("attachments/a1", _chunks(content[:1000], content[1000:]))
    assert stored.byte_size == len(content)
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert await storage.get("attachments/a1") == content
    assert await storage.stat("attachments/a1") == stored
    assert b"".join([c async for c in storage.stream("attachments/a1", 4096)]) == content
    [path] = _files(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "files").stat().st_mode & 0o777 == 0o700
    # A second put replaces the content whole.
    await storage.put("attachments/a1", single(b"new"))
    assert await storage.get("attachments/a1") == b"new"
    await storage.delete("attachments/a1")
    await storage.delete("attachments/a1")  # missing: not an error
    assert await storage.stat("attachments/a1") is None
    with pytest.raises(NotStored):
        await storage.get("attachments/a1")
    assert _files(tmp_path) == []


async def test_a_failed_put_keeps_nothing_and_the_old_content(tmp_path: Path) -> None:
    storage = FilesystemStorage(tmp_path)
    await storage.put("k", single(b"old"))
    with pytest.raises(TooLarge):
        await storage.put("k", _chunks(b"x" * 10, b"y" * 10), limit=15)
    with pytest.raises(ConnectionError):
        await storage.put("k", _chunks(b"partial", fail=True))
    assert await storage.get("k") == b"old"
    assert [p.name for p in _files(tmp_path)] == ["k"]


@pytest.mark.parametrize("key", ["../x", "/etc/passwd", "a/../../b", "a\\b", "", ".hidden", "a//b"])
async def test_keys_cannot_leave_the_folder(tmp_path: Path, key: str) -> None:
    storage = FilesystemStorage(tmp_path)
    with pytest.raises(InvalidKey):
        await storage.put(key, single(b"x"))
