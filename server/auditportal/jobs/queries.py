"""Reads of job runs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from auditportal.jobs.models import JobRun, JobStatus
from auditportal.pagination import Page, PageRequest, paginate


async def runs_by_ids(ids: Iterable[UUID]) -> dict[UUID, JobRun]:
    return {run.id: run for run in await JobRun.filter(id__in=list(ids))}


@dataclass(frozen=True)
class RunFilter:
    name: str | None = None
    statuses: tuple[JobStatus, ...] = ()
    periodic: bool | None = None


async def list_runs(filters: RunFilter, page: PageRequest) -> Page[JobRun]:
    """Newest first."""
    query = JobRun.all()
    if filters.name:
        query = query.filter(name=filters.name)
    if filters.statuses:
        query = query.filter(status__in=list(filters.statuses))
    if filters.periodic is not None:
        query = query.filter(periodic=filters.periodic)
    return await paginate(query, ["-queued_at", "-id"], page)


async def run_by_id(run_id: UUID) -> JobRun | None:
    return await JobRun.get_or_none(id=run_id)
