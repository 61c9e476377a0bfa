"""One row of "my work", whatever domain it comes from, and how the rows are ordered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from uuid import UUID


class WorkKind(StrEnum):
    # A workflow step assigned to the caller or offered to their role.
    TASK = "task"
    # A scheduled inspection: planned and not opened yet, or opened and at fieldwork.
    INSPECTION = "inspection"
    # A communication follow-up or a planned contact the caller owns.
    FOLLOW_UP = "follow_up"
    # A workflow step that is a manager's review (its state assigns a manager).
    REVIEW = "review"
    # A sampled submission the caller is to re-check (verification by sampling).
    VERIFICATION = "verification"


class SourceType(StrEnum):
    # The global id type of the row behind an item (also its WorkItem id's type).
    WORKFLOW_INSTANCE = "WorkflowInstance"
    SCHEDULED_INSPECTION = "ScheduledInspection"
    FOLLOW_UP = "FollowUp"
    COMMUNICATION_TASK = "CommunicationTask"
    VERIFICATION = "Verification"


# Texts are kept in both languages ({"zh-CN": ..., "en": ...}) and picked per caller.
Text = dict[str, str]


@dataclass(frozen=True)
class WorkItem:
    kind: WorkKind
    source_type: SourceType
    source_id: UUID
    title: Text
    due_at: datetime | None
    overdue: bool
    customer_id: UUID | None = None
    state_label: Text | None = None
    instance_id: UUID | None = None
    form_version_id: UUID | None = None
    submission_id: UUID | None = None


@dataclass(frozen=True)
class WorkCounts:
    total: int = 0
    overdue: int = 0
    tasks: int = 0
    inspections: int = 0
    follow_ups: int = 0
    reviews: int = 0
    verifications: int = 0

    @classmethod
    def of(cls, items: list[WorkItem]) -> WorkCounts:
        def kind(k: WorkKind) -> int:
            return sum(1 for item in items if item.kind is k)

        return cls(
            total=len(items),
            overdue=sum(1 for item in items if item.overdue),
            tasks=kind(WorkKind.TASK),
            inspections=kind(WorkKind.INSPECTION),
            follow_ups=kind(WorkKind.FOLLOW_UP),
            reviews=kind(WorkKind.REVIEW),
            verifications=kind(WorkKind.VERIFICATION),
        )


# Undated items sort after every dated one.
_FAR = datetime.max.replace(tzinfo=UTC)


def order_key(item: WorkItem) -> tuple[bool, datetime, str, str]:
    """Overdue first, then by due date (undated last), then stable by source."""
    return (
        not item.overdue,
        item.due_at or _FAR,
        item.source_type.value,
        str(item.source_id),
    )
