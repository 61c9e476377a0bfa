from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auditportal.auth.models import User
    from auditportal.customers.models import Customer
    from auditportal.workflows.models import WorkflowInstance


class ReportStatus(StrEnum):
    QUEUED = "queued"
    RENDERING = "rendering"
    DONE = "done"
    FAILED = "failed"


class Report(Model):
    # A rendered PDF in one language: of a workflow case (a step's renderReport action),
    # or of a subject a person asked for (a submission, a customer, a period). The file is
    # in the storage under ``storage_key`` (older rows: data_dir/reports/ID.pdf) and never
    # changes: a new rendering is a new row.

    id = fields.UUIDField(primary_key=True)
    instance: fields.ForeignKeyNullableRelation[WorkflowInstance] = fields.ForeignKeyField(
        "auditportal.WorkflowInstance", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    instance_id: Any
    # Whose data the report shows: the row scope of customer-owned data applies to it.
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    customer_id: Any
    # The outbox message that asked for it: one report per message and language.
    source_message_id = fields.BigIntField(null=True)
    # The template the workflow named, and the one that rendered it (the generic
    # case_summary when the name is unknown).
    template = fields.CharField(max_length=64)
    rendered_template = fields.CharField(max_length=64)
    language = fields.CharField(max_length=10)
    file_name = fields.CharField(max_length=200)
    sha256 = fields.CharField(max_length=64, default="")
    byte_size = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    # Requested reports: inspection_report | customer_dossier | period_summary | case_summary.
    kind = fields.CharField(max_length=32, default="case_summary", db_default="case_summary")
    # The submission or customer it shows (as a UUID string), none for a period summary.
    subject_id = fields.CharField(max_length=64, null=True)
    # {"from": "YYYY-MM-DD", "to": ...} of a period summary; the custom template used.
    parameters: Any = fields.JSONField(null=True)
    status = fields.CharEnumField(
        ReportStatus, max_length=16, default=ReportStatus.DONE, db_default="done"
    )
    progress_done = fields.IntField(default=0, db_default=0)
    progress_total = fields.IntField(default=0, db_default=0)
    error = fields.TextField(null=True)
    # sha256 of kind + inputs + template version + language: one rendering per key.
    content_key = fields.CharField(max_length=64, null=True, unique=True)
    storage_key = fields.CharField(max_length=200, null=True)
    requested_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    requested_by_id: Any
    # The form the report shows answers of and whether that version is offered to
    # customers: the submissions' row scope, without a join through the case.
    form_id = fields.UUIDField(null=True)
    offered_to_customers = fields.BooleanField(null=True)
    job_run_id = fields.UUIDField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "reports"
        unique_together = (("source_message_id", "language"),)


class ReportTemplate(Model):
    # An admin's template for a report kind, or for the inspection report of one form.
    # Checked on upload by rendering it against sample data; the newest active one wins.

    id = fields.UUIDField(primary_key=True)
    kind = fields.CharField(max_length=32)
    form_id = fields.UUIDField(null=True)
    name = fields.CharField(max_length=200)
    source = fields.TextField()
    source_hash = fields.CharField(max_length=16)
    active = fields.BooleanField(default=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: Any
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "report_templates"
        indexes = (("kind", "form_id", "active"),)


class ReportRequest(Model):
    # Who asked for a report: the same inputs render once, and every person who asked
    # finds that one report among theirs.

    id = fields.BigIntField(primary_key=True)
    report: fields.ForeignKeyRelation[Report] = fields.ForeignKeyField(
        "auditportal.Report", related_name="requests", on_delete=fields.CASCADE
    )
    report_id: Any
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: Any
    requested_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "report_requests"
        unique_together = (("report", "user"),)
