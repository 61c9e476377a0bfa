"""What a caller may read of evidence: the submissions' row scope, by the submission.

An attachment linked to a submission is seen by whoever sees that submission (its
customer, the grant's forms, the customers' audience, as ``auth.scoping`` turns the
submissions' scope into SQL); one not yet linked (uploaded for a draft) by its uploader
only. Consultant reads are noted for the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from tortoise.expressions import Q

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import Permission, require, submission_scope
from auditportal.auth.principal import Principal
from auditportal.auth.scoping import ScopeFields, scope_filter
from auditportal.evidence.models import Attachment

ATTACHMENT_SCOPE = ScopeFields(
    customer="customer_id",
    submitter="submission__submitted_by_id",
    form="form_id",
    audience="form_version__offered_to_customers",
)


def _visible(principal: Principal) -> Q:
    linked = Q(submission_id__isnull=False) & scope_filter(
        submission_scope(principal), ATTACHMENT_SCOPE
    )
    if principal.user_id is None:
        return linked
    mine = Q(submission_id__isnull=True, uploaded_by_id=principal.user_id)
    return Q(linked, mine, join_type=Q.OR)


async def attachment(principal: Principal, attachment_id: UUID) -> Attachment | None:
    require(principal, Permission.SUBMISSIONS_READ)
    found = await Attachment.filter(_visible(principal), id=attachment_id).first()
    if found is not None:
        await read_audit.note(principal, "Attachment", [found.id])
    return found


async def attachments_of(
    principal: Principal, submission_ids: Iterable[UUID]
) -> dict[UUID, list[Attachment]]:
    """The attachments of these submissions the caller may see (a DataLoader's batch)."""
    require(principal, Permission.SUBMISSIONS_READ)
    wanted = list(set(submission_ids))
    rows = await Attachment.filter(_visible(principal), submission_id__in=wanted).order_by(
        "created_at", "id"
    )
    by_submission: dict[UUID, list[Attachment]] = {}
    for row in rows:
        by_submission.setdefault(row.submission_id, []).append(row)
    await read_audit.note(principal, "Attachment", [row.id for row in rows])
    return by_submission
