"""Every read of workflow definitions, versions and instances."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.pagination import Page, PageRequest, paginate
from auditportal.workflows.models import (
    WorkflowDefinition,
    WorkflowHistory,
    WorkflowInstance,
    WorkflowTrigger,
    WorkflowVersion,
)


async def definition_by_key(key: str) -> WorkflowDefinition | None:
    return await WorkflowDefinition.get_or_none(key=key)


async def definition_keys() -> set[str]:
    keys: list[str] = await WorkflowDefinition.all().values_list("key", flat=True)  # type: ignore[assignment]
    return set(keys)


async def latest_version(definition_id: UUID) -> WorkflowVersion | None:
    return await WorkflowVersion.filter(definition_id=definition_id).order_by("-number").first()


async def versions_of(definition_id: UUID, limit: int) -> list[WorkflowVersion]:
    return list(
        await WorkflowVersion.filter(definition_id=definition_id).order_by("-number").limit(limit)
    )


async def latest_open_version_by_key(key: str) -> WorkflowVersion | None:
    return (
        await WorkflowVersion.filter(definition__key=key, retired_at__isnull=True)
        .order_by("-number")
        .first()
    )


async def versions_triggered_by(form_key: str, form_category: str) -> list[WorkflowVersion]:
    """The newest open version of each workflow that starts for this form."""
    triggers = await WorkflowTrigger.filter(
        Q(form_key=form_key) | Q(form_category=form_category),
        version__retired_at__isnull=True,
    ).prefetch_related("version")
    newest: dict[UUID, WorkflowVersion] = {}
    for trigger in triggers:
        version = trigger.version
        current = newest.get(version.definition_id)
        if current is None or version.number > current.number:
            newest[version.definition_id] = version
    return sorted(newest.values(), key=lambda v: str(v.definition_id))


async def instance_by_id(instance_id: UUID) -> WorkflowInstance | None:
    return await WorkflowInstance.get_or_none(id=instance_id)


async def version_by_id(version_id: UUID) -> WorkflowVersion | None:
    return await WorkflowVersion.get_or_none(id=version_id)


async def history_of(instance_id: UUID) -> list[WorkflowHistory]:
    return list(await WorkflowHistory.filter(instance_id=instance_id).order_by("sequence"))


async def instances_by_start_keys(keys: Iterable[str]) -> list[WorkflowInstance]:
    return list(await WorkflowInstance.filter(start_key__in=list(keys)))


@dataclass(frozen=True)
class InstanceFilter:
    definition_key: str | None = None
    state: str | None = None
    assignee_id: UUID | None = None
    customer_id: UUID | None = None
    overdue_at: datetime | None = None  # set: only instances due before this moment
    open_only: bool = True


# Instances are customer-owned data, by their customer. A customer's own cases stay visible
# to its users even when they are about a staff-only submission (a corrective action the
# customer answers); that submission and the case's reports are scoped on their own.
INSTANCE_SCOPE = ScopeFields(customer="customer_id")


def _scoped(scope: RowScope) -> QuerySet[WorkflowInstance]:
    return scoped(WorkflowInstance.all(), scope, INSTANCE_SCOPE)


async def visible_instance(scope: RowScope, instance_id: UUID) -> WorkflowInstance | None:
    return await _scoped(scope).filter(id=instance_id).first()


async def list_instances(
    scope: RowScope,
    filters: InstanceFilter,
    page: PageRequest,
    columns: Sequence[str] | None = None,
) -> Page[WorkflowInstance]:
    """``columns``: read only these (``only()``, joined relations included)."""
    query = _scoped(scope)
    if columns is not None:
        query = query.only(*columns)
    if filters.definition_key is not None:
        query = query.filter(definition__key=filters.definition_key)
    if filters.state is not None:
        query = query.filter(state=filters.state)
    if filters.assignee_id is not None:
        query = query.filter(assignee_id=filters.assignee_id)
    if filters.customer_id is not None:
        query = query.filter(customer_id=filters.customer_id)
    if filters.overdue_at is not None:
        query = query.filter(due_at__lte=filters.overdue_at, escalated_at__isnull=True)
    if filters.open_only:
        query = query.filter(closed_at__isnull=True)
    return await paginate(query, ["-state_entered_at", "-id"], page)


async def overdue_batch(now: datetime, limit: int, after_id: UUID | None) -> list[WorkflowInstance]:
    """Open instances past due whose current state has not been escalated yet, by id.
    Only states with an escalation: a due date set from outside (an inspection's planned
    date) is shown and sorted on, but fires nothing."""
    query = WorkflowInstance.filter(
        due_at__lte=now,
        escalated_at__isnull=True,
        closed_at__isnull=True,
        escalation_event__isnull=False,
    )
    if after_id is not None:
        query = query.filter(id__gt=after_id)
    return list(await query.order_by("id").limit(limit))


async def instances_by_ids(ids: Iterable[UUID]) -> dict[UUID, WorkflowInstance]:
    """By id, unscoped: for objects the caller already sees that name their instance."""
    return {i.id: i for i in await WorkflowInstance.filter(id__in=list(ids))}
