"""CRM sync: ``names.SYNC_CRM`` with ``{"connectionId": str}``, and the periodic pass.

A sync pulls the records modified since the connection's cursor (the newest modification
time seen so far), page by page, and upserts them by code exactly like a file import
(``upsert.plan`` and ``upsert.write``, one transaction per page with a checkpoint of the
counts). The cursor moves only when the whole sync succeeded, so a failed or interrupted
sync repeats its pages next time, which the upsert makes harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.auth.principal import system_principal
from auditportal.customers.models import CustomerSource
from auditportal.errors import DomainError, NotFound
from auditportal.imports import upsert
from auditportal.imports.attributes import declared_types
from auditportal.imports.connections import KINDS, build_connector
from auditportal.imports.connectors.base import RateLimited
from auditportal.imports.jobs import Tally
from auditportal.imports.mapping import CustomerValues, RowReader
from auditportal.imports.models import CrmConnection, CrmKind
from auditportal.jobs import dispatch, names
from auditportal.jobs.models import JobRun, JobStatus
from auditportal.jobs.runs import TRANSIENT_ERRORS, RunContext, job
from auditportal.search.index import attribute_search

logger = logging.getLogger("auditportal.imports.sync")
SOURCES = {CrmKind.ZOHO: CustomerSource.ZOHO, CrmKind.FXIAOKE: CustomerSource.FXIAOKE}


@job(names.SYNC_CRM)
async def sync_connection(run: RunContext) -> dict[str, Any]:
    connection = await CrmConnection.get_or_none(id=UUID(str(run.arguments.get("connectionId"))))
    if connection is None:
        raise NotFound("error.not_found")
    try:
        result = await _sync(run, connection)
    except TRANSIENT_ERRORS as error:
        # The runner retries with back-off; after the last attempt the run fails for good.
        final = run.attempt >= run.run.max_attempts
        key = (
            "crm.error.rate_limited" if isinstance(error, RateLimited) else "crm.error.unavailable"
        )
        label = KINDS[connection.kind].LABEL
        await _status(
            connection, "failed" if final else "retrying", {"code": key, "params": {"crm": label}}
        )
        raise
    except DomainError as error:
        await _status(connection, "failed", {"code": error.message_key, "params": error.params})
        raise
    except Exception:
        logger.exception("CRM sync of %s failed", connection.id)
        await _status(connection, "failed", {"code": "crm.error.internal", "params": {}})
        raise
    return result


async def _status(connection: CrmConnection, status: str, error: dict[str, Any] | None) -> None:
    await CrmConnection.filter(id=connection.id).update(
        last_status=status, last_error=error, last_sync_at=datetime.now(UTC)
    )


def _values(
    reader: RowReader, connector_record: Mapping[str, Any], number: int, modified: datetime | None
) -> CustomerValues | None:
    read = reader.read(number, connector_record)
    if not isinstance(read, CustomerValues):
        return None
    read.external_modified_at = modified
    return read


async def _sync(run: RunContext, connection: CrmConnection) -> dict[str, Any]:
    connector = build_connector(connection, run.settings)
    form_key = run.settings.customer_attributes_form
    reader = RowReader(connection.field_mapping, attribute_types=await declared_types(form_key))
    searched = await attribute_search(form_key)
    principal = system_principal(f"crm:{connection.kind.value}:{connection.name}")
    tally = Tally()
    newest = connection.cursor
    seen = 0
    try:
        async for page in connector.pages(connection.cursor):
            by_code: dict[str, CustomerValues] = {}
            for record in page.records:
                seen += 1
                modified = connector.modified_at(record)
                if modified is not None and (newest is None or modified > newest):
                    newest = modified
                values = _values(reader, record, seen, modified)
                if values is None:
                    tally.rejected += 1
                    continue
                by_code[values.code] = values  # a record twice in a page: the later wins
            async with in_transaction():
                planned = await upsert.plan(
                    list(by_code.values()), source=SOURCES[connection.kind], actor_id=None
                )
                await upsert.write(
                    principal, planned, origin=f"crm:{connection.id}", attributes=searched
                )
                tally.add(planned)
                await run.save_checkpoint({"counts": tally.as_json(), "records": seen}, done=seen)
    finally:
        await connector.aclose()
    counts = {**tally.as_json(), "records": seen}
    await CrmConnection.filter(id=connection.id).update(
        cursor=newest,
        last_status="succeeded",
        last_error=None,
        last_counts=counts,
        last_sync_at=datetime.now(UTC),
    )
    return counts


async def request_incremental_syncs() -> dict[str, Any]:
    """Request a sync of every active connection that has none queued or running."""
    requested = 0
    for connection in await CrmConnection.filter(active=True):
        # Arguments are JSON: compared here, not in SQL (JSON lookups are PostgreSQL-only).
        busy = await JobRun.filter(
            name=names.SYNC_CRM,
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RETRYING],
        ).values_list("arguments", flat=True)
        if any(
            isinstance(args, dict) and args.get("connectionId") == str(connection.id)
            for args in busy
        ):
            continue
        run = await dispatch.enqueue(names.SYNC_CRM, {"connectionId": str(connection.id)})
        await CrmConnection.filter(id=connection.id).update(last_job_id=run.id)
        requested += 1
    return {"requested": requested}
