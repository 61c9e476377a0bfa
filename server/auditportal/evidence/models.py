"""Evidence: photos, files and signatures attached to answers."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auditportal.auth.models import User
    from auditportal.customers.models import Customer
    from auditportal.forms.models import Form, FormVersion, Submission
    from auditportal.submissions.models import FormDraft


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    FILE = "file"
    SIGNATURE = "signature"


class Attachment(Model):
    # A stored file; its bytes live in the storage under ``storage_key``. Uploaded for one
    # field of one form version (and a draft, if any), then linked to the submission that
    # references it; an unlinked attachment is seen by its uploader only.

    id = fields.UUIDField(primary_key=True)
    kind = fields.CharEnumField(AttachmentKind, max_length=16)
    file_name = fields.CharField(max_length=255)
    # Sniffed from the bytes, never the client's claim.
    content_type = fields.CharField(max_length=100)
    byte_size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64, db_index=True)
    storage_key = fields.CharField(max_length=200, unique=True)
    caption = fields.CharField(max_length=500, null=True)
    # The answer's place in the schema: property names, "*" for array items.
    field_key = fields.CharField(max_length=500)
    form: fields.ForeignKeyRelation[Form] = fields.ForeignKeyField(
        "auditportal.Form", related_name=False, on_delete=fields.RESTRICT
    )
    form_id: Any
    form_version: fields.ForeignKeyRelation[FormVersion] = fields.ForeignKeyField(
        "auditportal.FormVersion", related_name=False, on_delete=fields.RESTRICT
    )
    form_version_id: Any
    draft: fields.ForeignKeyNullableRelation[FormDraft] = fields.ForeignKeyField(
        "auditportal.FormDraft", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    draft_id: Any
    submission: fields.ForeignKeyNullableRelation[Submission] = fields.ForeignKeyField(
        "auditportal.Submission", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    submission_id: Any
    # The submission's customer once linked (what the row scope filters on).
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    customer_id: Any
    uploaded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.RESTRICT
    )
    uploaded_by_id: Any
    thumbnail_key = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "attachments"
        ordering = ("created_at", "id")
