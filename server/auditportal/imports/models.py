"""Customer file imports and CRM connections: the records behind the import screens."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields

from auditportal.db import DocumentField, TimestampedModel


class ImportStatus(StrEnum):
    UPLOADED = "uploaded"
    DRY_RUNNING = "dry_running"
    DRY_RUN_DONE = "dry_run_done"
    COMMITTING = "committing"
    COMMITTED = "committed"
    FAILED = "failed"


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class CustomerImport(TimestampedModel):
    # One uploaded file and what became of it: the mapping chosen, the dry run's counts
    # and a bounded sample of rejected rows, then the commit.
    id = fields.UUIDField(primary_key=True)
    file_name = fields.CharField(max_length=255)
    # Relative to the data folder; the file itself is owner-only.
    stored_path = fields.CharField(max_length=500)
    size_bytes = fields.BigIntField()
    file_format = fields.CharEnumField(FileFormat, max_length=10)
    # CSV only: "utf-8-sig" or "gb18030".
    encoding = fields.CharField(max_length=20, null=True)
    # 1-based number of the header row in the file.
    header_row = fields.IntField(default=1)
    headers: Any = DocumentField(default=list)
    # {source column header: customer field}, e.g. {"客户编码": "code"}.
    mapping: Any = DocumentField(default=dict)
    tag_separator = fields.CharField(max_length=5, default=",")
    status = fields.CharEnumField(ImportStatus, max_length=20, default=ImportStatus.UPLOADED)
    # The mapping the last successful dry run used: commit requires the same.
    dry_run_fingerprint = fields.CharField(max_length=64, null=True)
    total_rows = fields.BigIntField(null=True)
    # {"created", "changed", "unchanged", "rejected", "changedFields": {field: n}}
    counts: Any = fields.JSONField(default=dict)
    # The first rejections: [{"row", "column", "code", "params"}].
    rejections: Any = fields.JSONField(default=list)
    dry_run_job_id = fields.UUIDField(null=True)
    commit_job_id = fields.UUIDField(null=True)
    error: str | None = fields.TextField(null=True)
    created_by_id = fields.UUIDField(null=True)
    # How the audit trail names the uploader; the job writes in their name.
    created_by_actor = fields.CharField(max_length=200)
    created_by_role = fields.CharField(max_length=20, null=True)

    class Meta:
        table = "customer_imports"


class CrmKind(StrEnum):
    ZOHO = "zoho"
    FXIAOKE = "fxiaoke"


class CrmConnection(TimestampedModel):
    # One CRM account we pull customers from. Secrets are sealed with the field keys and
    # never leave the server; config holds only what may be shown.
    id = fields.UUIDField(primary_key=True)
    kind = fields.CharEnumField(CrmKind, max_length=20)
    name = fields.CharField(max_length=100, unique=True)
    config: Any = DocumentField(default=dict)
    # {CRM field: customer field}, same targets as a file mapping.
    field_mapping: Any = DocumentField(default=dict)
    # {"v": 1, "items": {name: sealed token}}
    secrets: Any = fields.JSONField(default=dict)
    active = fields.BooleanField(default=True)
    # The newest modification time seen: the next incremental sync starts there.
    cursor = fields.DatetimeField(null=True)
    last_sync_at = fields.DatetimeField(null=True)
    last_status = fields.CharField(max_length=20, null=True)
    # A message key and params, translated when read.
    last_error: Any = fields.JSONField(null=True)
    last_counts: Any = fields.JSONField(default=dict)
    last_job_id = fields.UUIDField(null=True)

    class Meta:
        table = "crm_connections"
