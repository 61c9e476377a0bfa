"""Open work for one person, written as rows (the engine is tested elsewhere)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from auditportal.customers.register_models import (
    Channel,
    Communication,
    CommunicationPlan,
    CommunicationTask,
    FollowUp,
)
from auditportal.inspections.models import InspectionPlan, InspectionStatus, ScheduledInspection
from auditportal.workflows.models import WorkflowInstance, WorkflowVersion


async def version_of(key: str) -> WorkflowVersion:
    found = await WorkflowVersion.filter(definition__key=key).order_by("-number").first()
    assert found is not None, key
    return found


async def case(
    version: WorkflowVersion,
    state: str,
    *,
    customer_id: UUID | None,
    assignee_id: UUID | None = None,
    assigned_role: str | None = None,
    due_at: datetime | None = None,
    data: dict[str, Any] | None = None,
    closed: bool = False,
) -> WorkflowInstance:
    now = datetime.now(UTC)
    return await WorkflowInstance.create(
        version_id=version.id,
        definition_id=version.definition_id,
        subject_type="customer",
        subject_id=str(customer_id),
        customer_id=customer_id,
        start_key=f"work-test:{uuid4()}",
        state=state,
        state_entered_at=now,
        assignee_id=assignee_id,
        assigned_role=assigned_role,
        due_at=due_at,
        data=data or {},
        closed_at=now if closed else None,
    )


async def planned_inspection(
    plan: InspectionPlan, customer_id: UUID, assignee_id: UUID, due_on: date
) -> ScheduledInspection:
    return await ScheduledInspection.create(
        plan_id=plan.id,
        customer_id=customer_id,
        period=due_on.isoformat(),
        tier="key",
        due_on=due_on,
        opens_on=due_on - timedelta(days=7),
        status=InspectionStatus.PLANNED,
        assignee_id=assignee_id,
    )


async def follow_up(customer_id: UUID, owner_id: UUID, due_on: date | None, text: str) -> FollowUp:
    contact = await Communication.create(
        customer_id=customer_id,
        channel=Channel.PHONE,
        occurred_at=datetime.now(UTC),
        summary="call",
        logged_by_id=owner_id,
    )
    return await FollowUp.create(
        communication_id=contact.id,
        customer_id=customer_id,
        description=text,
        owner_id=owner_id,
        due_on=due_on,
    )


async def contact_task(customer_id: UUID, owner_id: UUID, due_on: date) -> CommunicationTask:
    plan = await CommunicationPlan.create(
        customer_id=customer_id,
        title="季度回访 quarterly call",
        channel=Channel.PHONE,
        rrule="FREQ=MONTHLY",
        starts_on=due_on,
        owner_id=owner_id,
    )
    return await CommunicationTask.create(
        plan_id=plan.id, customer_id=customer_id, due_on=due_on, owner_id=owner_id
    )
