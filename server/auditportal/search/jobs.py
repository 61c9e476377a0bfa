"""Backfill of search values after a form's search fields changed.

``names.REINDEX_SEARCH`` takes ``{"formId": str, "owner": "submission" | "customer"}``:
every submission of the form (``submission``), or every customer's custom attributes
(``customer``, when the form is the custom attributes form), gets the values of the
form's current search fields, replacing what it had. Batches of ``BATCH`` rows in id
order, one transaction each with its checkpoint: a rerun resumes after the last committed
batch, and redoing a batch writes the same rows (idempotent). Submissions are read as
stored, so sealed (sensitive) values are never indexed.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.customers.models import Customer
from auditportal.forms.models import Submission
from auditportal.jobs import names
from auditportal.jobs.runs import RunContext, job
from auditportal.search import index

BATCH = 500


@job(names.REINDEX_SEARCH)
async def reindex_search(run: RunContext) -> dict[str, Any]:
    form_id = UUID(str(run.arguments["formId"]))
    owner = str(run.arguments["owner"])
    fields = await index.form_search_fields(form_id)
    query: Any
    if owner == index.CUSTOMER:
        document, query = "attributes", Customer.all()
    else:
        document, query = "answers", Submission.filter(form_id=form_id)
    total = await query.count()
    after = run.checkpoint.get("after")
    done = int(run.checkpoint.get("done", 0))
    values = int(run.checkpoint.get("values", 0))
    await run.progress(done, total)
    while True:
        batch = query.order_by("id").limit(BATCH)
        if after is not None:
            batch = batch.filter(id__gt=UUID(after))
        rows: list[tuple[Any, Any]] = await batch.values_list("id", document)
        if not rows:
            break
        async with in_transaction():
            values += await index.replace(
                owner, [(UUID(str(row_id)), form_id, fields, doc) for row_id, doc in rows]
            )
            done += len(rows)
            after = str(rows[-1][0])
            await run.save_checkpoint({"after": after, "done": done, "values": values}, done=done)
    return {"form": str(form_id), "owner": owner, "records": done, "values": values}
