"""What a caller may read of background job runs (administrators and managers)."""

from __future__ import annotations

from uuid import UUID

from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.jobs import queries
from auditportal.jobs.models import JobRun
from auditportal.pagination import Page, PageRequest


async def runs(principal: Principal, filters: queries.RunFilter, page: PageRequest) -> Page[JobRun]:
    require(principal, Permission.JOBS_READ)
    return await queries.list_runs(filters, page)


async def run(principal: Principal, run_id: UUID) -> JobRun | None:
    require(principal, Permission.JOBS_READ)
    return await queries.run_by_id(run_id)
