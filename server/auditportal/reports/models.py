from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auditportal.customers.models import Customer
    from auditportal.workflows.models import WorkflowInstance


class Report(Model):
    # A rendered PDF of one workflow case in one language. The file lives under
    # data_dir/reports/ID.pdf and never changes: a new rendering is a new row.

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
    source_message_id = fields.BigIntField()
    # The template the workflow named, and the one that rendered it (the generic
    # case_summary when the name is unknown).
    template = fields.CharField(max_length=64)
    rendered_template = fields.CharField(max_length=64)
    language = fields.CharField(max_length=10)
    file_name = fields.CharField(max_length=200)
    sha256 = fields.CharField(max_length=64)
    byte_size = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "reports"
        unique_together = (("source_message_id", "language"),)
