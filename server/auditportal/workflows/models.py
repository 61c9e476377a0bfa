from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from auditportal.db import DocumentField, TimestampedModel

if TYPE_CHECKING:
    from auditportal.auth.models import User
    from auditportal.customers.models import Customer
    from auditportal.forms.models import Submission


class WorkflowDefinition(TimestampedModel):
    # A workflow and its editable draft (published content lives in WorkflowVersion).

    id = fields.UUIDField(primary_key=True)
    key = fields.CharField(max_length=64, unique=True)
    title: Any = fields.JSONField()
    subject = fields.CharField(max_length=20)
    draft: Any = DocumentField()
    draft_hash = fields.CharField(max_length=64)
    draft_revision = fields.IntField(default=1)
    latest_version_number = fields.IntField(default=0)
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.RESTRICT
    )
    updated_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.RESTRICT
    )

    class Meta:
        table = "workflow_definitions"


class WorkflowVersion(Model):
    # A published, immutable version. Instances stay on the version they started with.

    id = fields.UUIDField(primary_key=True)
    definition: fields.ForeignKeyRelation[WorkflowDefinition] = fields.ForeignKeyField(
        "auditportal.WorkflowDefinition", related_name="versions"
    )
    definition_id: Any
    number = fields.IntField()
    content: Any = DocumentField()
    content_hash = fields.CharField(max_length=64)
    published_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.RESTRICT
    )
    published_by_id: Any
    published_at = fields.DatetimeField()
    retired_at = fields.DatetimeField(null=True)

    class Meta:
        table = "workflow_versions"
        unique_together = (("definition", "number"),)


class WorkflowTrigger(Model):
    # Which submissions start this version: a form category or a form key (one per row).

    id = fields.IntField(primary_key=True)
    version: fields.ForeignKeyRelation[WorkflowVersion] = fields.ForeignKeyField(
        "auditportal.WorkflowVersion", related_name="triggers", on_delete=fields.CASCADE
    )
    version_id: Any
    form_category = fields.CharField(max_length=30, null=True, db_index=True)
    form_key = fields.CharField(max_length=64, null=True, db_index=True)

    class Meta:
        table = "workflow_triggers"


class WorkflowInstance(TimestampedModel):
    # One case moving through a workflow version. Only the engine changes its state, under
    # optimistic locking on lock_version.

    id = fields.UUIDField(primary_key=True)
    version: fields.ForeignKeyRelation[WorkflowVersion] = fields.ForeignKeyField(
        "auditportal.WorkflowVersion", related_name="instances", on_delete=fields.RESTRICT
    )
    version_id: Any
    definition: fields.ForeignKeyRelation[WorkflowDefinition] = fields.ForeignKeyField(
        "auditportal.WorkflowDefinition", related_name="instances", on_delete=fields.RESTRICT
    )
    definition_id: Any
    subject_type = fields.CharField(max_length=20)
    subject_id = fields.CharField(max_length=64, db_index=True)
    submission: fields.ForeignKeyNullableRelation[Submission] = fields.ForeignKeyField(
        "auditportal.Submission", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    submission_id: Any
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    customer_id: Any
    parent: fields.ForeignKeyNullableRelation[WorkflowInstance] = fields.ForeignKeyField(
        "auditportal.WorkflowInstance",
        related_name="children",
        null=True,
        on_delete=fields.RESTRICT,
    )
    parent_id: Any
    # Makes starting idempotent, e.g. "submission:<id>:complaint-handling".
    start_key = fields.CharField(max_length=200, unique=True)
    state = fields.CharField(max_length=64, db_index=True)
    state_entered_at = fields.DatetimeField()
    assignee: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    assignee_id: Any
    # Work offered to everyone in a role until one of them takes it.
    assigned_role = fields.CharField(max_length=20, null=True)
    due_at = fields.DatetimeField(null=True, db_index=True)
    escalation_event = fields.CharField(max_length=64, null=True)
    # Set once per state entry when the SLA job fires the escalation: the exactly-once claim.
    escalated_at = fields.DatetimeField(null=True)
    # When an escalation last fired: kept after the move it caused (escalated_at is the
    # per-state claim and starts empty again in the new state).
    last_escalated_at = fields.DatetimeField(null=True)
    # When the current state's SLA reminder is due; cleared when it is sent (the claim).
    remind_at = fields.DatetimeField(null=True, db_index=True)
    data: Any = fields.JSONField(default=dict)
    lock_version = fields.IntField(default=1)
    closed_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        table = "workflow_instances"


class WorkflowHistory(Model):
    # Every move of an instance, in order: from, to, event, who, why, with what input.

    id = fields.BigIntField(primary_key=True)
    instance: fields.ForeignKeyRelation[WorkflowInstance] = fields.ForeignKeyField(
        "auditportal.WorkflowInstance", related_name="history", on_delete=fields.CASCADE
    )
    instance_id: Any
    sequence = fields.IntField()
    from_state = fields.CharField(max_length=64, null=True)
    to_state = fields.CharField(max_length=64)
    event = fields.CharField(max_length=64)
    actor = fields.CharField(max_length=200)
    actor_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    actor_user_id: Any
    comment = fields.TextField(null=True)
    input: Any = fields.JSONField(null=True)
    occurred_at = fields.DatetimeField()

    class Meta:
        table = "workflow_history"
        unique_together = (("instance", "sequence"),)


class AssignmentCursor(Model):
    # Round-robin position per role: the user assigned last.

    role = fields.CharField(max_length=20, primary_key=True)
    last_user_id = fields.UUIDField(null=True)

    class Meta:
        table = "assignment_cursors"


class OutboxMessage(Model):
    # Side effects (notifications, webhooks, reports) written with the transition and
    # delivered by a job after commit, so a rollback never sends anything.

    id = fields.BigIntField(primary_key=True)
    instance: fields.ForeignKeyNullableRelation[WorkflowInstance] = fields.ForeignKeyField(
        "auditportal.WorkflowInstance", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    instance_id: Any
    kind = fields.CharField(max_length=30)
    payload: Any = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)
    delivered_at = fields.DatetimeField(null=True, db_index=True)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True, db_index=True)
    # Set when retries are exhausted: an administrator has to look.
    failed_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)

    class Meta:
        table = "outbox_messages"


class Notification(Model):
    # An in-app message for one user, written when a workflow step notifies them.

    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name="notifications", on_delete=fields.CASCADE
    )
    user_id: Any
    instance: fields.ForeignKeyNullableRelation[WorkflowInstance] = fields.ForeignKeyField(
        "auditportal.WorkflowInstance", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    instance_id: Any
    message: Any = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notifications"
