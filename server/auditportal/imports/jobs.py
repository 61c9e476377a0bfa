"""The import job: ``names.RUN_IMPORT`` with ``{"importId": str, "phase": "dry_run"|"commit"}``.

Both phases stream the file in batches (``Settings.import_batch_size`` rows) and never hold
more than one batch of rows or customers. Codes seen so far are kept (one small string per
row) to reject a code repeated within the file.

Commit writes each batch in one transaction that also saves the checkpoint (the last
source row done, the running counts): a rerun after a crash reads past the committed rows
without writing them and continues with the next batch. Upserts are by code and skip
customers already equal to the row, so committing the same data twice changes nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.auth.principal import Principal, Role
from auditportal.customers.models import CustomerSource
from auditportal.errors import NotFound, ValidationFailed
from auditportal.imports import readers, upsert
from auditportal.imports.attributes import declared_types
from auditportal.imports.mapping import CustomerValues, Rejection, RowReader
from auditportal.imports.models import CustomerImport, ImportStatus
from auditportal.imports.service import current_fingerprint, file_path
from auditportal.jobs import dispatch, names
from auditportal.jobs.runs import TRANSIENT_ERRORS, RunContext, job
from auditportal.search.index import attribute_search
from auditportal.settings import Settings

# Most customer ids a commit passes to the reclassification job; beyond, it asks for all.
RECLASSIFY_ID_LIMIT = 1000

# Test seam: awaited after each committed batch with (import, rows done). A test raises a
# TransientError here once to play a crash between two batches.
AFTER_BATCH_HOOKS: list[Callable[[CustomerImport, int], Awaitable[None]]] = []


@dataclass
class Tally:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    changed_fields: Counter[str] = field(default_factory=Counter)
    rejections: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "changedFields": dict(sorted(self.changed_fields.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(
            created=int(data.get("created", 0)),
            changed=int(data.get("changed", 0)),
            unchanged=int(data.get("unchanged", 0)),
            rejected=int(data.get("rejected", 0)),
            changed_fields=Counter(data.get("changedFields") or {}),
        )

    def add(self, planned: upsert.PlannedBatch) -> None:
        self.created += planned.created
        self.changed += planned.changed
        self.unchanged += planned.unchanged
        self.changed_fields.update(planned.changed_fields)

    def reject(self, rejection: Rejection, sample_size: int) -> None:
        self.rejected += 1
        if len(self.rejections) < sample_size:
            self.rejections.append(rejection.as_json())


def _principal(record: CustomerImport) -> Principal:
    role = Role(record.created_by_role) if record.created_by_role else None
    return Principal(subject=record.created_by_actor, role=role, user_id=record.created_by_id)


def _rows(record: CustomerImport, settings: Settings) -> Iterator[tuple[int, dict[str, str]]]:
    """(source row number, {header: cell}) for every row below the header row."""
    headers = record.headers
    path = file_path(record, settings)
    for number, row in enumerate(
        readers.iter_rows(path, record.file_format, record.encoding), start=1
    ):
        if number <= record.header_row or not any(row):
            continue
        yield number, dict(zip(headers, row, strict=False))


def _read_batch(
    rows: Iterator[tuple[int, dict[str, str]]],
    reader: RowReader,
    seen: dict[str, int],
    size: int,
) -> tuple[list[CustomerValues | Rejection], int]:
    """Up to ``size`` rows, each read or rejected; and the last source row number."""
    batch: list[CustomerValues | Rejection] = []
    last = 0
    for number, values in rows:
        last = number
        read = reader.read(number, values)
        if isinstance(read, CustomerValues):
            first = seen.setdefault(read.code, number)
            if first != number:
                read = Rejection(
                    number,
                    "import.row.duplicate_code",
                    reader.by_target["code"],
                    {"code": read.code, "first": first},
                )
        batch.append(read)
        if len(batch) >= size:
            break
    return batch, last


@job(names.RUN_IMPORT)
async def run_import(run: RunContext) -> dict[str, Any]:
    record = await CustomerImport.get_or_none(id=UUID(str(run.arguments.get("importId"))))
    if record is None:
        raise NotFound("error.not_found")
    phase = run.arguments.get("phase", "dry_run")
    try:
        if not file_path(record, run.settings).exists():
            # Past its keeping time (AUDITPORTAL_IMPORT_FILE_RETENTION_DAYS): upload it again.
            raise readers.UnreadableFile("import.file.removed")
        if phase == "commit":
            return await _commit(run, record)
        return await _dry_run(run, record)
    except TRANSIENT_ERRORS:
        # Retried with back-off; after the last attempt the import must not stay "running".
        if run.attempt >= run.run.max_attempts:
            await _fail(record, {"code": "import.failed", "params": {}})
        raise
    except readers.UnreadableFile as error:
        await _fail(record, {"code": error.key, "params": error.params})
        raise ValidationFailed(error.key, [], **error.params) from None
    except Exception:
        await _fail(record, {"code": "import.failed", "params": {}})
        raise


async def _fail(record: CustomerImport, error: dict[str, Any]) -> None:
    await CustomerImport.filter(id=record.id).update(
        status=ImportStatus.FAILED, error=json.dumps(error, ensure_ascii=False)
    )


async def _dry_run(run: RunContext, record: CustomerImport) -> dict[str, Any]:
    settings = run.settings
    path = file_path(record, settings)
    total = readers.count_data_rows(path, record.file_format, record.encoding, record.header_row)
    await run.progress(0, total)
    reader = RowReader(
        record.mapping,
        record.tag_separator,
        await declared_types(settings.customer_attributes_form),
    )
    tally = Tally()
    seen: dict[str, int] = {}
    rows = _rows(record, settings)
    done = 0
    while True:
        batch, _last = _read_batch(rows, reader, seen, settings.import_batch_size)
        if not batch:
            break
        valid = [item for item in batch if isinstance(item, CustomerValues)]
        for item in batch:
            if isinstance(item, Rejection):
                tally.reject(item, settings.import_rejection_sample)
        tally.add(
            await upsert.plan(valid, source=CustomerSource.IMPORT, actor_id=record.created_by_id)
        )
        done += len(batch)
        await run.progress(done, max(total, done))
    record.status = ImportStatus.DRY_RUN_DONE
    record.dry_run_fingerprint = current_fingerprint(record)
    record.total_rows = done
    record.counts = tally.as_json()
    record.rejections = tally.rejections
    record.error = None
    await record.save()
    return {"phase": "dry_run", "rows": done, **tally.as_json()}


async def _commit(run: RunContext, record: CustomerImport) -> dict[str, Any]:
    settings = run.settings
    checkpoint = run.checkpoint
    resumed_from = int(checkpoint.get("row", 0))
    tally = Tally.from_json(checkpoint.get("counts") or {})
    touched: list[str] | None = checkpoint.get("touched", [])
    done = int(checkpoint.get("done", 0))
    total = record.total_rows
    await run.progress(done, total)
    reader = RowReader(
        record.mapping,
        record.tag_separator,
        await declared_types(settings.customer_attributes_form),
    )
    principal = _principal(record)
    searched = await attribute_search(settings.customer_attributes_form)
    seen: dict[str, int] = {}
    rows = _rows(record, settings)
    # Rows a previous attempt committed: read (for duplicate codes) but never written again.
    if resumed_from:
        for number, values in rows:
            read = reader.read(number, values)
            if isinstance(read, CustomerValues):
                seen.setdefault(read.code, number)
            if number >= resumed_from:
                break
    origin = f"import:{record.id}"
    while True:
        batch, last = _read_batch(rows, reader, seen, settings.import_batch_size)
        if not batch:
            break
        valid = [item for item in batch if isinstance(item, CustomerValues)]
        rejected = sum(1 for item in batch if isinstance(item, Rejection))
        async with in_transaction():
            planned = await upsert.plan(
                valid, source=CustomerSource.IMPORT, actor_id=record.created_by_id
            )
            await upsert.write(
                principal,
                planned,
                origin=origin,
                per_customer_audit=settings.import_audit_per_customer,
                attributes=searched,
            )
            tally.add(planned)
            tally.rejected += rejected
            done += len(batch)
            if touched is not None:
                touched.extend(str(customer_id) for customer_id in planned.touched_ids())
                if len(touched) > RECLASSIFY_ID_LIMIT:
                    touched = None
            await run.save_checkpoint(
                {"row": last, "done": done, "counts": tally.as_json(), "touched": touched},
                done=done,
            )
        for hook in AFTER_BATCH_HOOKS:
            await hook(record, done)
    record.status = ImportStatus.COMMITTED
    record.counts = {**tally.as_json(), "dryRun": record.counts}
    record.error = None
    await record.save(update_fields=["status", "counts", "error", "updated_at"])
    arguments: dict[str, Any] = {} if touched is None else {"customerIds": touched}
    if touched is None or touched:
        await dispatch.enqueue(
            names.RECLASSIFY_CUSTOMERS, arguments, key=f"customer-import:{record.id}:reclassify"
        )
    return {"phase": "commit", "rows": done, "resumedFrom": resumed_from, **tally.as_json()}
