"""Requested and periodic jobs of the customer register.

``names.RECLASSIFY_CUSTOMERS`` takes ``{"customerIds": [str, ...]}`` (absent: every
customer) and works in batches, checkpointing the last customer id done, so a rerun
resumes instead of starting over; it reports progress.
"""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from auditportal.auth.principal import system_principal
from auditportal.customers import classification, risks
from auditportal.customers.models import Customer
from auditportal.jobs import names
from auditportal.jobs.runs import RunContext, job

BATCH = 200


async def _refresh_scores(ids: list[UUID]) -> None:
    # Findings age out of the window: scores move with time, not only with writes.
    for customer_id in ids:
        await risks.refresh_risk_score(customer_id)


@job(names.RECLASSIFY_CUSTOMERS)
async def reclassify_customers(run: RunContext) -> dict[str, Any]:
    requested = run.arguments.get("customerIds")
    query = Customer.all()
    if requested is not None:
        query = query.filter(id__in=[UUID(str(i)) for i in requested])
    total = await query.count()
    after = run.checkpoint.get("after")
    done = int(run.checkpoint.get("done", 0))
    changed = int(run.checkpoint.get("changed", 0))
    principal = system_principal("reclassify")
    await run.progress(done, total)
    while True:
        batch = query.order_by("id").limit(BATCH)
        if after is not None:
            batch = batch.filter(id__gt=UUID(after))
        ids = [cast(UUID, i) for i in await batch.values_list("id", flat=True)]
        if not ids:
            break
        await _refresh_scores(ids)
        changed += len(await classification.reclassify(principal, ids))
        done += len(ids)
        after = str(ids[-1])
        await run.save_checkpoint({"after": after, "done": done, "changed": changed}, done=done)
    return {"reclassified": done, "changed": changed}


async def reclassify_all() -> dict[str, Any]:
    """Periodic (daily): every customer, in one pass; also ends overdue overrides."""
    expired = await classification.expire_overrides()
    principal = system_principal("reclassify")
    ids = [cast(UUID, i) for i in await Customer.all().order_by("id").values_list("id", flat=True)]
    changed = 0
    for start in range(0, len(ids), BATCH):
        await _refresh_scores(ids[start : start + BATCH])
        changed += len(await classification.reclassify(principal, ids[start : start + BATCH]))
    return {"reclassified": len(ids), "changed": changed, **{"expired": expired["expired"]}}
