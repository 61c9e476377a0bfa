"""DataLoaders for workflow lists: versions and history in one query per page."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from strawberry.dataloader import DataLoader

from auditportal.workflows.models import WorkflowHistory, WorkflowVersion


async def _versions(ids: Sequence[UUID]) -> list[WorkflowVersion | None]:
    found = {v.id: v for v in await WorkflowVersion.filter(id__in=list(set(ids)))}
    return [found.get(i) for i in ids]


async def _histories(ids: Sequence[UUID]) -> list[list[WorkflowHistory]]:
    rows = await WorkflowHistory.filter(instance_id__in=list(set(ids))).order_by("sequence")
    by_instance: dict[UUID, list[WorkflowHistory]] = {}
    for row in rows:
        by_instance.setdefault(row.instance_id, []).append(row)
    return [by_instance.get(i, []) for i in ids]


class WorkflowLoaders:
    def __init__(self) -> None:
        self.version: DataLoader[UUID, WorkflowVersion | None] = DataLoader(load_fn=_versions)
        self.history: DataLoader[UUID, list[WorkflowHistory]] = DataLoader(load_fn=_histories)
