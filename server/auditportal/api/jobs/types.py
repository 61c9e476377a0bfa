"""Job runs as GraphQL types, for administrators watching background work."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.relay import Node, to_global_id
from auditportal.jobs.models import JobRun as JobRunModel
from auditportal.jobs.models import JobStatus

strawberry.enum(JobStatus, name="JobStatus")


@strawberry.type(description="How far a job got.")
class JobProgress:
    done: int
    total: int | None = strawberry.field(description="Null until the job knows its size.")


@strawberry.type(name="JobRun", description="One background job: requested or periodic.")
class JobRunNode(Node):
    model: strawberry.Private[JobRunModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("JobRun", self.model.id)

    @strawberry.field(description="The job, e.g. schedule_inspections.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field
    def status(self) -> JobStatus:
        return self.model.status

    @strawberry.field(description="The status in the caller's language.")
    def status_label(self, info: Info[Context, Any]) -> str:
        return info.context.t(f"job.status.{self.model.status.value}")

    @strawberry.field(description="Requested by a timer rather than a person or a job.")
    def periodic(self) -> bool:
        return self.model.periodic

    @strawberry.field
    def arguments(self) -> JSON:
        return dict(self.model.arguments or {})  # type: ignore[return-value]

    @strawberry.field
    def attempts(self) -> int:
        return self.model.attempts

    @strawberry.field
    def max_attempts(self) -> int:
        return self.model.max_attempts

    @strawberry.field
    def progress(self) -> JobProgress:
        return JobProgress(done=self.model.progress_done, total=self.model.progress_total)

    @strawberry.field(description="What a finished job reports (counts); null until then.")
    def result(self) -> JSON | None:
        return self.model.result  # type: ignore[no-any-return]

    @strawberry.field(description="A short error code and message; never a stack trace.")
    def error(self) -> str | None:
        return self.model.error

    @strawberry.field(description="Which worker process ran the last attempt.")
    def worker(self) -> str | None:
        return self.model.worker

    @strawberry.field
    def queued_at(self) -> datetime:
        return self.model.queued_at

    @strawberry.field(description="Not retried before this moment (after a transient error).")
    def not_before(self) -> datetime | None:
        return self.model.not_before

    @strawberry.field
    def started_at(self) -> datetime | None:
        return self.model.started_at

    @strawberry.field(description="Last sign of life of a running attempt.")
    def heartbeat_at(self) -> datetime | None:
        return self.model.heartbeat_at

    @strawberry.field
    def finished_at(self) -> datetime | None:
        return self.model.finished_at
