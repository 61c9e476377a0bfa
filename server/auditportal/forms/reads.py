"""What a caller may read of forms, versions and submissions.

Each function checks the permission first, reads through the caller's scope (``FormScope``
for forms and versions, the submissions' ``RowScope``), and notes what it returns for the
audit of consultant reads. GraphQL, the CLI and jobs read through these; they add no checks
of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import Permission, form_scope, require, submission_scope
from auditportal.auth.principal import Principal
from auditportal.forms import queries
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.pagination import Page, PageRequest


async def list_forms(
    principal: Principal,
    filters: queries.FormFilter,
    sort: queries.FormSortField,
    direction: queries.SortDirection,
    page: PageRequest,
) -> Page[Form]:
    require(principal, Permission.FORMS_READ)
    found = await queries.list_forms(form_scope(principal), filters, sort, direction, page)
    await read_audit.note(principal, "Form", [form.id for form in found.items])
    return found


async def form(
    principal: Principal, *, form_id: UUID | None = None, key: str | None = None
) -> Form | None:
    """One form by id or key; None when missing or not visible to the caller."""
    require(principal, Permission.FORMS_READ)
    scope = form_scope(principal)
    if form_id is not None:
        found = await queries.visible_form(scope, form_id)
    elif key is not None:
        found = await queries.visible_form_by_key(scope, key)
    else:
        found = None
    if found is not None:
        await read_audit.note(principal, "Form", [found.id])
    return found


async def version(principal: Principal, version_id: UUID) -> FormVersion | None:
    require(principal, Permission.FORMS_READ)
    found = await queries.visible_version(form_scope(principal), version_id)
    if found is not None:
        await read_audit.note(principal, "FormVersion", [found.id])
    return found


async def versions_of(principal: Principal, form_id: UUID, page: PageRequest) -> Page[FormVersion]:
    """The versions of a form the caller may see, newest first."""
    require(principal, Permission.FORMS_READ)
    if await queries.visible_form(form_scope(principal), form_id) is None:
        return Page.empty(page)
    found = await queries.list_versions(form_id, page)
    await read_audit.note(principal, "FormVersion", [v.id for v in found.items])
    return found


async def list_submissions(
    principal: Principal,
    filters: queries.SubmissionFilter,
    sort: queries.SubmissionSortField,
    direction: queries.SortDirection,
    page: PageRequest,
    columns: Sequence[str] | None = None,
) -> Page[Submission]:
    require(principal, Permission.SUBMISSIONS_READ)
    found = await queries.list_submissions(
        submission_scope(principal), filters, sort, direction, page, columns
    )
    await read_audit.note(principal, "Submission", [s.id for s in found.items])
    return found


async def submissions_by_ids(principal: Principal, ids: Iterable[UUID]) -> dict[UUID, Submission]:
    """The ones among ``ids`` the caller may see (a DataLoader's batch)."""
    require(principal, Permission.SUBMISSIONS_READ)
    found = await queries.submissions_by_ids(submission_scope(principal), ids)
    await read_audit.note(principal, "Submission", list(found))
    return found


async def submission(principal: Principal, submission_id: UUID) -> Submission | None:
    return (await submissions_by_ids(principal, [submission_id])).get(submission_id)


async def revisions_of(
    principal: Principal, original_ids: Iterable[UUID]
) -> dict[UUID, Submission]:
    """The correction that replaced each of these submissions, where the caller sees it."""
    require(principal, Permission.SUBMISSIONS_READ)
    found = await queries.revisions_of(submission_scope(principal), original_ids)
    await read_audit.note(principal, "Submission", [s.id for s in found.values()])
    return found
