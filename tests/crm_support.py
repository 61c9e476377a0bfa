"""GraphQL helpers for CRM connection tests."""

from __future__ import annotations

from typing import Any

from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from tests.conftest import SETTINGS, Person

CONNECTION_FIELDS = """
  id kind name config active cursor lastStatus lastError lastCounts
  fieldMapping { column field }
  secrets { name isSet }
"""
SAVE = (
    "mutation($input: SaveCrmConnectionInput!) { saveCrmConnection(input: $input) { __typename "
    "... on CrmConnectionSaved { connection { " + CONNECTION_FIELDS + " } } "
    "... on UserError { code message } ... on ValidationFailed { errors { path code message } } } }"
)
SYNC = (
    "mutation($id: ID!) { syncCrmConnectionNow(input: {connectionId: $id}) { __typename "
    "... on CrmSyncRequested { jobId } ... on UserError { code message } } }"
)
LIST = "{ crmConnections { " + CONNECTION_FIELDS + " } }"


async def save(admin: Person, **input: Any) -> dict[str, Any]:
    result = (await admin.data(SAVE, {"input": input}))["saveCrmConnection"]
    assert result["__typename"] == "CrmConnectionSaved", result
    return result["connection"]  # type: ignore[no-any-return]


async def sync(
    admin: Person, connection_id: str, *, language: str = "en"
) -> tuple[JobRun, dict[str, Any]]:
    """Request a sync, run it (and retries whose back-off we end at once); the run and the
    connection as GraphQL shows it afterwards."""
    requested = (await admin.data(SYNC, {"id": connection_id}))["syncCrmConnectionNow"]
    assert requested["__typename"] == "CrmSyncRequested", requested
    await drain(SETTINGS)
    run = await JobRun.get(id=requested["jobId"])
    listed = await admin.data(LIST, language=language)
    connection = next(c for c in listed["crmConnections"] if c["id"] == connection_id)
    return run, connection


async def finish_retry(run: JobRun) -> JobRun:
    assert run.status == JobStatus.RETRYING
    await JobRun.filter(id=run.id).update(not_before=None)
    await drain(SETTINGS)
    await run.refresh_from_db()
    return run
