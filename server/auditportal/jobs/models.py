"""Job runs: the durable record of every background job, for retries and for admins."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    # Failed with a transient error; queued again after a back-off.
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


class JobRun(Model):
    # One row per requested job (an import, a scheduling pass) or per periodic run. The
    # database, not Redis, is the truth: a lost queue entry is found again from here.
    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=100, db_index=True)
    # Deduplicates requests: a second request with the same key returns the first run.
    key = fields.CharField(max_length=200, unique=True, null=True)
    status = fields.CharEnumField(JobStatus, max_length=20, default=JobStatus.QUEUED, db_index=True)
    arguments: Any = fields.JSONField(default=dict)
    # A run of a periodic job (escalation, scheduling) rather than a requested one.
    periodic = fields.BooleanField(default=False)
    attempts = fields.IntField(default=0)
    max_attempts = fields.IntField(default=5)
    progress_done = fields.BigIntField(default=0)
    progress_total = fields.BigIntField(null=True)
    # Where a rerun resumes (an import's last committed row).
    checkpoint: Any = fields.JSONField(default=dict)
    result: Any = fields.JSONField(null=True)
    # A short, translated-at-read-time code and message; never a stack trace.
    error: str | None = fields.TextField(null=True)
    requested_by_id = fields.UUIDField(null=True)
    worker = fields.CharField(max_length=200, null=True)
    queued_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    not_before = fields.DatetimeField(null=True)
    started_at = fields.DatetimeField(null=True)
    heartbeat_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "job_runs"
