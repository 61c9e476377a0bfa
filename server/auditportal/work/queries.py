"""The SQL behind "my work": one query per source, each narrowed by the caller's row scope.

Every source reads through the scope its own domain reads with (``INSTANCE_SCOPE``,
``INSPECTION_SCOPE``, the register's customer column), so a row the caller could not open
in its own list never reaches their work list either. The related rows the items need
(workflow versions, plans, forms) are fetched in one query per kind, whatever the count.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from tortoise.expressions import Q

from auditportal.auth.policy import RowScope
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.customers.register_models import CommunicationTask, FollowUp
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.inspections.models import InspectionPlan, InspectionStatus, ScheduledInspection
from auditportal.inspections.queries import INSPECTION_SCOPE
from auditportal.workflows.models import WorkflowInstance, WorkflowVersion
from auditportal.workflows.queries import INSTANCE_SCOPE

# Follow-ups and planned contacts belong to the customer register (internal scope).
REGISTER_SCOPE = ScopeFields(customer="customer_id")


async def open_instances(
    scope: RowScope, user_id: UUID, role: str, limit: int
) -> list[WorkflowInstance]:
    """Open cases assigned to the user, or offered to their role and not taken yet."""
    mine = Q(assignee_id=user_id)
    offered = Q(assignee_id__isnull=True, assigned_role=role)
    query = scoped(WorkflowInstance.filter(closed_at__isnull=True), scope, INSTANCE_SCOPE)
    return list(await query.filter(mine | offered).order_by("due_at", "id").limit(limit))


async def planned_inspections(
    scope: RowScope, user_id: UUID, due_by: date, limit: int
) -> list[ScheduledInspection]:
    """Inspections planned for the user and not opened yet, due on or before ``due_by``.

    Opened ones are not listed here: their workflow case is (one item per piece of work).
    """
    query = scoped(
        ScheduledInspection.filter(
            status=InspectionStatus.PLANNED, assignee_id=user_id, due_on__lte=due_by
        ),
        scope,
        INSPECTION_SCOPE,
    )
    return list(await query.order_by("due_on", "id").limit(limit))


async def open_follow_ups(scope: RowScope, user_id: UUID, limit: int) -> list[FollowUp]:
    query = scoped(FollowUp.filter(owner_id=user_id, done_at__isnull=True), scope, REGISTER_SCOPE)
    return list(await query.order_by("due_on", "id").limit(limit))


async def open_contact_tasks(scope: RowScope, user_id: UUID, limit: int) -> list[CommunicationTask]:
    query = scoped(
        CommunicationTask.filter(owner_id=user_id, done_at__isnull=True), scope, REGISTER_SCOPE
    )
    return list(await query.select_related("plan").order_by("due_on", "id").limit(limit))


async def versions_by_ids(ids: Iterable[UUID]) -> dict[UUID, WorkflowVersion]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    return {v.id: v for v in await WorkflowVersion.filter(id__in=wanted)}


async def plans_by_ids(ids: Iterable[UUID]) -> dict[UUID, InspectionPlan]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    return {p.id: p for p in await InspectionPlan.filter(id__in=wanted)}


async def latest_versions_by_form_keys(keys: Iterable[str]) -> dict[str, UUID]:
    """The id of each form's newest published version, by form key (two queries)."""
    wanted = list(set(keys))
    if not wanted:
        return {}
    numbers = await Form.filter(key__in=wanted, latest_version_number__gt=0).values_list(
        "id", "key", "latest_version_number"
    )
    if not numbers:
        return {}
    key_of = {form_id: key for form_id, key, _ in numbers}
    condition = Q()
    for form_id, _, number in numbers:
        condition |= Q(form_id=form_id, number=number)
    rows = await FormVersion.filter(condition).values_list("id", "form_id")
    return {key_of[form_id]: version_id for version_id, form_id in rows}


async def form_versions_of_submissions(ids: Iterable[UUID]) -> dict[UUID, UUID]:
    """Which form version each submission answered (ids only: the caller sees the case)."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = await Submission.filter(id__in=wanted).values_list("id", "form_version_id")
    return dict(rows)
