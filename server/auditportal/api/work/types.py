"""My work and notifications as GraphQL types."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.forms.types import FormVersionNode, SubmissionNode
from auditportal.api.relay import to_global_id
from auditportal.api.workflows.types import WorkflowInstanceNode
from auditportal.i18n import localized
from auditportal.pagination import BadInput
from auditportal.work import items
from auditportal.work.notifications import NotificationEntry


@strawberry.enum(name="WorkKind", description="What kind of work an item of My work is.")
class WorkKind(Enum):
    TASK = "task"
    INSPECTION = "inspection"
    FOLLOW_UP = "follow_up"
    REVIEW = "review"
    VERIFICATION = "verification"


def kind_of(value: WorkKind) -> items.WorkKind:
    return items.WorkKind(value.value)


@strawberry.type(
    name="WorkItem",
    description="One piece of the caller's open work: a workflow step, a planned inspection, "
    "a follow-up or a review. Open its workflowInstance (when set) to act on it.",
)
class WorkItemNode:
    item: strawberry.Private[items.WorkItem]

    @strawberry.field(
        description="Opaque and stable; for a workflow case or a scheduled inspection it is "
        "that object's global id (usable with node(id:))."
    )
    def id(self) -> strawberry.ID:
        return to_global_id(self.item.source_type.value, self.item.source_id)

    @strawberry.field
    def kind(self) -> WorkKind:
        return WorkKind(self.item.kind.value)

    @strawberry.field(description="In the caller's language.")
    def title(self, info: Info[Context, Any]) -> str:
        return localized(self.item.title, info.context.language) or ""

    @strawberry.field
    async def customer(self, info: Info[Context, Any]) -> CustomerNode | None:
        if self.item.customer_id is None:
            return None
        found = await info.context.loaders.customer.load(self.item.customer_id)
        return CustomerNode(model=found) if found else None

    @strawberry.field
    def due_at(self) -> datetime | None:
        return self.item.due_at

    @strawberry.field(description="Due and not done: the due moment has passed.")
    def overdue(self) -> bool:
        return self.item.overdue

    @strawberry.field(description="Where the work stands (the workflow state's title, ...).")
    def state_label(self, info: Info[Context, Any]) -> str | None:
        return localized(self.item.state_label, info.context.language)

    @strawberry.field
    async def workflow_instance(self, info: Info[Context, Any]) -> WorkflowInstanceNode | None:
        if self.item.instance_id is None:
            return None
        found = await info.context.loaders.workflow_instance.load(self.item.instance_id)
        return WorkflowInstanceNode(model=found) if found else None

    @strawberry.field(description="The form to fill or that was filled for this work.")
    async def form_version(self, info: Info[Context, Any]) -> FormVersionNode | None:
        if self.item.form_version_id is None:
            return None
        found = await info.context.loaders.form_version.load(self.item.form_version_id)
        return FormVersionNode(model=found) if found else None

    @strawberry.field(
        description="For a VERIFICATION: the verification's id (open it with verification(id:))."
    )
    def verification_id(self) -> strawberry.ID | None:
        if self.item.source_type is not items.SourceType.VERIFICATION:
            return None
        return strawberry.ID(str(self.item.source_id))

    @strawberry.field
    async def submission(self, info: Info[Context, Any]) -> SubmissionNode | None:
        if self.item.submission_id is None:
            return None
        found = await info.context.loaders.submission.load(self.item.submission_id)
        return SubmissionNode(model=found) if found else None


@strawberry.type(description="How much open work the caller has: for the menu's badges.")
class WorkCounts:
    total: int
    overdue: int
    tasks: int
    inspections: int
    follow_ups: int
    reviews: int
    verifications: int

    @staticmethod
    def of(counts: items.WorkCounts) -> WorkCounts:
        return WorkCounts(
            total=counts.total,
            overdue=counts.overdue,
            tasks=counts.tasks,
            inspections=counts.inspections,
            follow_ups=counts.follow_ups,
            reviews=counts.reviews,
            verifications=counts.verifications,
        )


NOTIFICATION = "Notification"


def notification_id(value: int) -> strawberry.ID:
    raw = f"{NOTIFICATION}:{value}".encode()
    return strawberry.ID(base64.urlsafe_b64encode(raw).decode().rstrip("="))


def parse_notification_id(value: str) -> int:
    try:
        padded = value + "=" * (-len(value) % 4)
        type_name, _, raw = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        number = int(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadInput("error.bad_id", id=value) from None
    if type_name != NOTIFICATION or number <= 0:
        raise BadInput("error.bad_id", id=value)
    return number


@strawberry.type(name="Notification", description="An in-app message for the caller.")
class NotificationNode:
    entry: strawberry.Private[NotificationEntry]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return notification_id(self.entry.model.id)

    @strawberry.field(description="workflow (about a case) or message.")
    def kind(self) -> str:
        return "workflow" if self.entry.model.instance_id is not None else "message"

    @strawberry.field(description="The workflow it is about, in the caller's language.")
    def title(self, info: Info[Context, Any]) -> str:
        return localized(self.entry.title, info.context.language) or info.context.t(
            "notification.title"
        )

    @strawberry.field(description="The message, in the caller's language.")
    def body(self, info: Info[Context, Any]) -> str:
        message = self.entry.model.message
        if isinstance(message, dict):
            return localized(message, info.context.language) or ""
        return str(message or "")

    @strawberry.field(
        description="The web portal's route to open (/work/<WorkflowInstance id>), or null."
    )
    def link(self) -> str | None:
        instance_id = self.entry.model.instance_id
        if instance_id is None:
            return None
        return f"/work/{to_global_id('WorkflowInstance', instance_id)}"

    @strawberry.field
    def created_at(self) -> datetime:
        return self.entry.model.created_at

    @strawberry.field
    def read_at(self) -> datetime | None:
        return self.entry.model.read_at


@strawberry.type(description="The notifications became read.")
class NotificationsMarkedRead:
    marked: int = strawberry.field(description="How many were unread and are read now.")
    unread_count: int = strawberry.field(description="The caller's unread notifications left.")
