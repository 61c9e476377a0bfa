"""Export records: what was asked for, how far the job got, and the stored file."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields

from auditportal.db import TimestampedModel


class ExportStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ExportKindName(StrEnum):
    # The kinds of the registry (auditportal.exports.kinds); a new kind adds a member.
    SUBMISSIONS = "submissions"
    FINDINGS = "findings"
    CUSTOMERS = "customers"
    KPIS = "kpis"


class ExportLanguage(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class Export(TimestampedModel):
    # One requested export. The file is behind the storage interface (``storage_key``) with
    # its SHA-256; only the person who asked for it downloads it.
    id = fields.UUIDField(primary_key=True)
    kind = fields.CharField(max_length=40)
    file_format = fields.CharEnumField(ExportFormat, max_length=10)
    language = fields.CharField(max_length=10)
    # The kind's filters as JSON (ids as strings, times as ISO 8601).
    filters: Any = fields.JSONField(default=dict)
    status = fields.CharEnumField(ExportStatus, max_length=20, default=ExportStatus.QUEUED)
    rows_done = fields.BigIntField(default=0)
    rows_total = fields.BigIntField(null=True)
    storage_key = fields.CharField(max_length=200, null=True)
    sha256 = fields.CharField(max_length=64, null=True)
    byte_size = fields.BigIntField(null=True)
    file_name = fields.CharField(max_length=200)
    # A message key, translated when read.
    error = fields.CharField(max_length=200, null=True)
    job_id = fields.UUIDField(null=True)
    # Who asked: the job reads in their name, with their scope as it is when it runs.
    owner_id = fields.UUIDField(db_index=True)
    owner_subject = fields.CharField(max_length=200)
    owner_role = fields.CharField(max_length=20)
    owner_scopes: Any = fields.JSONField(default=list)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "exports"
