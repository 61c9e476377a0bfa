"""Read fields of background jobs: administrators and managers watch them."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.jobs.types import JobRunNode
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, from_global_id, page_request
from auditportal.auth.policy import Permission
from auditportal.jobs import queries, reads
from auditportal.jobs.models import JobStatus


@strawberry.input
class JobRunFilter:
    name: str | None = None
    status: list[JobStatus] | None = None
    periodic: bool | None = None


@strawberry.type
class JobQueries:
    @strawberry.field(
        description="Background job runs, newest first.",
        extensions=requires(Permission.JOBS_READ),
    )
    async def job_runs(
        self,
        info: Info[Context, Any],
        filter: JobRunFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[JobRunNode]:
        page = page_request(info, first, after)
        chosen = filter or JobRunFilter()
        found = await reads.runs(
            info.context.principal,
            queries.RunFilter(
                name=chosen.name,
                statuses=tuple(chosen.status or ()),
                periodic=chosen.periodic,
            ),
            page,
        )
        return connection_from_page(found, lambda run: JobRunNode(model=run))

    @strawberry.field(extensions=requires(Permission.JOBS_READ))
    async def job_run(self, info: Info[Context, Any], id: strawberry.ID) -> JobRunNode | None:
        found = await reads.run(info.context.principal, from_global_id(id, "JobRun"))
        return JobRunNode(model=found) if found else None
