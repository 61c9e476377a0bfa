from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from auditportal.db import DocumentField, TimestampedModel

if TYPE_CHECKING:
    from auditportal.auth.models import User
    from auditportal.customers.models import Customer


class FormCategory(StrEnum):
    INSPECTION_CHECKLIST = "inspection_checklist"
    SURVEY = "survey"
    COMPLAINT = "complaint"
    TRAINING_RECORD = "training_record"
    CREDIT_ASSESSMENT = "credit_assessment"
    CUSTOM = "custom"


class Form(TimestampedModel):
    # A form and its editable draft (published content lives in FormVersion).

    id = fields.UUIDField(primary_key=True)
    key = fields.CharField(max_length=64, unique=True)
    category = fields.CharEnumField(FormCategory, max_length=30, db_index=True)
    title: Any = fields.JSONField()
    # Key and titles in both languages, lower-cased: what the form list's search matches.
    search_text = fields.CharField(max_length=2000, default="")
    draft: Any = DocumentField()
    draft_hash = fields.CharField(max_length=64)
    # Bumped on every draft edit: editors send the revision they started from.
    draft_revision = fields.IntField(default=1)
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.RESTRICT
    )
    updated_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.RESTRICT
    )
    latest_version_number = fields.IntField(default=0)
    # Whether customer users see the form: follows the latest published version's audience.
    offered_to_customers = fields.BooleanField(default=False, db_index=True)

    class Meta:
        table = "forms"


class FormVersion(Model):
    # A published, immutable version. Submissions point at the one they answered.

    id = fields.UUIDField(primary_key=True)
    form: fields.ForeignKeyRelation[Form] = fields.ForeignKeyField(
        "auditportal.Form", related_name="versions"
    )
    form_id: Any
    number = fields.IntField()
    definition: Any = DocumentField()
    content_hash = fields.CharField(max_length=64)
    published_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.RESTRICT
    )
    published_by_id: Any
    published_at = fields.DatetimeField()
    retired_at = fields.DatetimeField(null=True)
    retired_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    retired_by_id: Any
    # Whether this version's audience includes customer users. Customers see (and correct)
    # only submissions to such versions: what a staff-only version asked stays internal.
    offered_to_customers = fields.BooleanField(default=False, db_default=False)

    class Meta:
        table = "form_versions"
        unique_together = (("form", "number"),)


class Submission(Model):
    # Answers to one form version. Content never changes, a correction is a new revision.

    id = fields.UUIDField(primary_key=True)
    form: fields.ForeignKeyRelation[Form] = fields.ForeignKeyField(
        "auditportal.Form", related_name="submissions"
    )
    form_id: Any
    form_version: fields.ForeignKeyRelation[FormVersion] = fields.ForeignKeyField(
        "auditportal.FormVersion", related_name="submissions", on_delete=fields.RESTRICT
    )
    form_version_id: Any
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="submissions", null=True, on_delete=fields.RESTRICT
    )
    customer_id: Any
    submitted_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name="submissions", on_delete=fields.RESTRICT
    )
    submitted_by_id: Any
    submitted_at = fields.DatetimeField(db_index=True)
    language = fields.CharField(max_length=10)
    # Answers as submitted, with sensitive values replaced by {"$enc": ...} envelopes.
    answers: Any = DocumentField()
    score_raw = fields.FloatField(null=True)
    score_max = fields.FloatField(null=True)
    score_percent = fields.FloatField(null=True, db_index=True)
    passed = fields.BooleanField(null=True)
    section_scores: Any = fields.JSONField(default=list)
    findings: Any = fields.JSONField(default=list)
    finding_count = fields.IntField(default=0, db_index=True)
    idempotency_key = fields.CharField(max_length=128, null=True)
    # Hash of what the idempotency key promised, to refuse its reuse for other content.
    request_hash = fields.CharField(max_length=64)
    revision = fields.IntField(default=1)
    revises: fields.OneToOneNullableRelation[Submission] = fields.OneToOneField(
        "auditportal.Submission", related_name="revised_by", null=True, on_delete=fields.RESTRICT
    )
    revises_id: Any
    revision_reason = fields.TextField(null=True)
    # Set once, when a correction replaces this submission; the content stays as it was.
    superseded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "submissions"
        unique_together = (("submitted_by", "idempotency_key"),)
        ordering = ("-submitted_at", "-id")
