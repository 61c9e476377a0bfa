"""Drafts: answers being typed, kept on the server so that work resumes on another device."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auditportal.auth.models import User
    from auditportal.customers.models import Customer
    from auditportal.forms.models import Form, FormVersion
    from auditportal.workflows.models import WorkflowInstance


class FormDraft(Model):
    # One per (owner, form version, target); answers are not validated until submitted.

    id = fields.UUIDField(primary_key=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.CASCADE
    )
    owner_id: Any
    form: fields.ForeignKeyRelation[Form] = fields.ForeignKeyField(
        "auditportal.Form", related_name=False, on_delete=fields.CASCADE
    )
    form_id: Any
    form_version: fields.ForeignKeyRelation[FormVersion] = fields.ForeignKeyField(
        "auditportal.FormVersion", related_name=False, on_delete=fields.CASCADE
    )
    form_version_id: Any
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name=False, null=True, on_delete=fields.CASCADE
    )
    customer_id: Any
    workflow_instance: fields.ForeignKeyNullableRelation[WorkflowInstance] = fields.ForeignKeyField(
        "auditportal.WorkflowInstance",
        related_name=False,
        null=True,
        on_delete=fields.CASCADE,
    )
    workflow_instance_id: Any
    # "<customer id or ->:<instance id or ->": NULLs are distinct in unique indexes on both
    # backends, so the target is spelled out for the one-draft-per-target constraint.
    target_key = fields.CharField(max_length=80)
    # The whole answers document sealed as one envelope (a draft may hold sensitive values
    # typed so far, and its shape is not yet one the schema walk can place marks in).
    answers: Any = fields.JSONField()
    byte_size = fields.IntField()
    lock_version = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "form_drafts"
        unique_together = (("owner", "form_version", "target_key"),)
        ordering = ("-updated_at", "-id")
