"""The storage the settings choose."""

from __future__ import annotations

from auditportal.settings import Settings
from auditportal.storage.base import Storage
from auditportal.storage.filesystem import FilesystemStorage


def storage_for(settings: Settings) -> Storage:
    if settings.storage_backend == "filesystem":
        settings.ensure_data_dir()
        return FilesystemStorage(settings.resolved_storage_dir)
    raise ValueError(f"unknown storage backend {settings.storage_backend!r}")
