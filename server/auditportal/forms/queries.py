"""Every read of forms, versions and submissions: filters and row scopes become SQL here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from auditportal.auth.policy import FormScope, RowScope
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.forms.models import Form, FormCategory, FormVersion, Submission
from auditportal.pagination import Page, PageRequest, paginate
from auditportal.search.index import SUBMISSION, Condition, matching


class SortDirection(StrEnum):
    ASC = "asc"
    DESC = "desc"


class SubmissionSortField(StrEnum):
    SUBMITTED_AT = "submitted_at"
    SCORE_PERCENT = "score_percent"


class FormSortField(StrEnum):
    KEY = "key"
    UPDATED_AT = "updated_at"


@dataclass(frozen=True)
class FormFilter:
    category: FormCategory | None = None
    search: str | None = None
    published_only: bool = False


@dataclass(frozen=True)
class SubmissionFilter:
    form_id: UUID | None = None
    form_version_id: UUID | None = None
    customer_id: UUID | None = None
    submitted_by_id: UUID | None = None
    submitted_after: datetime | None = None
    submitted_before: datetime | None = None
    min_score_percent: float | None = None
    max_score_percent: float | None = None
    has_findings: bool | None = None
    include_superseded: bool = False
    # Conditions on the forms' declared search fields (auditportal.search).
    answers: tuple[Condition, ...] = ()


def _order(field: str, direction: SortDirection) -> list[str]:
    prefix = "-" if direction is SortDirection.DESC else ""
    return [f"{prefix}{field}", f"{prefix}id"]


async def _page(
    query: QuerySet[Form] | QuerySet[FormVersion] | QuerySet[Submission],
    order: Sequence[str],
    page: PageRequest,
) -> Page:  # type: ignore[type-arg]
    return await paginate(query, order, page)


# --- forms and versions --------------------------------------------------------------------


async def form_by_id(form_id: UUID) -> Form | None:
    return await Form.get_or_none(id=form_id)


async def form_exists(form_id: UUID) -> bool:
    return await Form.exists(id=form_id)


async def form_by_key(key: str) -> Form | None:
    return await Form.get_or_none(key=key)


async def forms_by_ids(ids: Iterable[UUID]) -> dict[UUID, Form]:
    return {form.id: form for form in await Form.filter(id__in=list(ids))}


def _visible_forms(scope: FormScope) -> QuerySet[Form]:
    """The forms a scope sees, as SQL (never fetched then filtered)."""
    query = Form.all()
    if scope.nothing:
        return query.filter(id__in=[])
    if scope.drafts:
        return query
    query = query.filter(latest_version_number__gt=0)
    if scope.customers_only:
        query = query.filter(offered_to_customers=True)
    if scope.form_ids:
        query = query.filter(id__in=list(scope.form_ids))
    return query


async def visible_form(scope: FormScope, form_id: UUID) -> Form | None:
    return await _visible_forms(scope).filter(id=form_id).first()


async def visible_form_by_key(scope: FormScope, key: str) -> Form | None:
    return await _visible_forms(scope).filter(key=key).first()


async def visible_version(scope: FormScope, version_id: UUID) -> FormVersion | None:
    query = FormVersion.filter(id=version_id)
    if scope.nothing:
        return None
    if not scope.drafts:
        query = query.filter(form__latest_version_number__gt=0)
        if scope.customers_only:
            # The version's own audience: customers never see a staff-only version.
            query = query.filter(offered_to_customers=True)
        if scope.form_ids:
            query = query.filter(form_id__in=list(scope.form_ids))
    return await query.first()


async def list_forms(
    scope: FormScope,
    filters: FormFilter,
    sort: FormSortField,
    direction: SortDirection,
    page: PageRequest,
) -> Page[Form]:
    query = _visible_forms(scope)
    if filters.category is not None:
        query = query.filter(category=filters.category)
    if filters.search:
        query = query.filter(search_text__contains=filters.search.strip().lower())
    if filters.published_only:
        query = query.filter(latest_version_number__gt=0)
    # Without the draft (a 10-67 KB JSON document), as light rows: a form's description and
    # draft load it when selected (api.forms.types.FormNode._draft).
    header = [name for name in Form._meta.fields_db_projection if name != "draft"]
    return await paginate(query, _order(sort.value, direction), page, header)


async def version_by_id(version_id: UUID) -> FormVersion | None:
    return await FormVersion.get_or_none(id=version_id)


# What the submit path needs of a version; the definition itself comes from the compiled
# cache (keyed by content hash), so a 10-100 KB JSON column is not re-read per submission.
_VERSION_HEADER = ("id", "form_id", "number", "content_hash", "retired_at", "offered_to_customers")


async def version_header(version_id: UUID) -> FormVersion | None:
    return await FormVersion.filter(id=version_id).only(*_VERSION_HEADER).first()


async def latest_open_version_header(form_id: UUID) -> FormVersion | None:
    query = FormVersion.filter(form_id=form_id, retired_at__isnull=True)
    return await query.order_by("-number").only(*_VERSION_HEADER).first()


async def newest_version_header(form_id: UUID) -> FormVersion | None:
    """The form's newest version, retired or not (its sensitive marks apply to all)."""
    query = FormVersion.filter(form_id=form_id)
    return await query.order_by("-number").only(*_VERSION_HEADER).first()


async def version_definition(version_id: UUID) -> dict[str, Any] | None:
    found = await FormVersion.filter(id=version_id).values_list("definition", flat=True)
    return found[0] if found else None  # type: ignore[return-value]


async def versions_by_ids(ids: Iterable[UUID]) -> dict[UUID, FormVersion]:
    return {v.id: v for v in await FormVersion.filter(id__in=list(ids))}


def _without(model: type[Form] | type[FormVersion], column: str) -> list[str]:
    return [name for name in model._meta.fields_db_projection if name != column]


async def version_headers_by_ids(ids: Iterable[UUID]) -> dict[UUID, FormVersion]:
    """Versions without their definition (partial models): a list showing a version's
    number never reads nor decodes a 10-70 KB definition (issue 11)."""
    query = FormVersion.filter(id__in=list(ids)).only(*_without(FormVersion, "definition"))
    return {v.id: v for v in await query}


async def version_definitions_by_ids(ids: Iterable[UUID]) -> dict[UUID, dict[str, Any]]:
    rows = await FormVersion.filter(id__in=list(ids)).values_list("id", "definition")
    return {row[0]: row[1] for row in rows}


async def form_headers_by_ids(ids: Iterable[UUID]) -> dict[UUID, Form]:
    """Forms without their draft definition (partial models; see version_headers_by_ids)."""
    query = Form.filter(id__in=list(ids)).only(*_without(Form, "draft"))
    return {form.id: form for form in await query}


async def form_drafts_by_ids(ids: Iterable[UUID]) -> dict[UUID, dict[str, Any]]:
    rows = await Form.filter(id__in=list(ids)).values_list("id", "draft")
    return {row[0]: row[1] for row in rows}


async def latest_version(form_id: UUID, *, open_only: bool) -> FormVersion | None:
    query = FormVersion.filter(form_id=form_id)
    if open_only:
        query = query.filter(retired_at__isnull=True)
    return await query.order_by("-number").first()


async def latest_versions_by_form_ids(form_ids: Iterable[UUID]) -> dict[UUID, FormVersion]:
    """The newest version of each form, in two queries whatever the number of forms."""
    numbers = await Form.filter(id__in=list(form_ids), latest_version_number__gt=0).values_list(
        "id", "latest_version_number"
    )
    if not numbers:
        return {}
    condition = Q()
    for form_id, number in numbers:
        condition |= Q(form_id=form_id, number=number)
    return {v.form_id: v for v in await FormVersion.filter(condition)}


async def list_versions(form_id: UUID, page: PageRequest) -> Page[FormVersion]:
    return await _page(FormVersion.filter(form_id=form_id), ["-number"], page)


# --- submissions ---------------------------------------------------------------------------


SUBMISSION_SCOPE = ScopeFields(
    customer="customer_id",
    submitter="submitted_by_id",
    form="form_id",
    audience="form_version__offered_to_customers",
)


def _scoped(scope: RowScope) -> QuerySet[Submission]:
    return scoped(Submission.all(), scope, SUBMISSION_SCOPE)


async def list_submissions(
    scope: RowScope,
    filters: SubmissionFilter,
    sort: SubmissionSortField,
    direction: SortDirection,
    page: PageRequest,
    columns: Sequence[str] | None = None,
) -> Page[Submission]:
    """``columns``: read only these, as light rows (``pagination.Row``: the list's selection
    needs no more, and no model is built)."""
    query = filtered_submissions(scope, filters)
    if sort is SubmissionSortField.SCORE_PERCENT:
        # Unscored submissions have no percent; keep them out of a ranking by score.
        query = query.filter(score_percent__isnull=False)
    return await paginate(query, _order(sort.value, direction), page, columns)


def filtered_submissions(scope: RowScope, filters: SubmissionFilter) -> QuerySet[Submission]:
    """The submissions a scope sees that meet the filters, as one query (lists, exports)."""
    query = _scoped(scope)
    if filters.form_id is not None:
        query = query.filter(form_id=filters.form_id)
    if filters.form_version_id is not None:
        query = query.filter(form_version_id=filters.form_version_id)
    if filters.customer_id is not None:
        query = query.filter(customer_id=filters.customer_id)
    if filters.submitted_by_id is not None:
        query = query.filter(submitted_by_id=filters.submitted_by_id)
    if filters.submitted_after is not None:
        query = query.filter(submitted_at__gte=filters.submitted_after)
    if filters.submitted_before is not None:
        query = query.filter(submitted_at__lt=filters.submitted_before)
    if filters.min_score_percent is not None:
        query = query.filter(score_percent__gte=filters.min_score_percent)
    if filters.max_score_percent is not None:
        query = query.filter(score_percent__lte=filters.max_score_percent)
    if filters.has_findings is True:
        query = query.filter(finding_count__gt=0)
    elif filters.has_findings is False:
        query = query.filter(finding_count=0)
    if not filters.include_superseded:
        query = query.filter(superseded_at__isnull=True)
    if filters.answers:
        query = query.filter(matching(SUBMISSION, filters.answers))
    return query


async def submissions_by_ids(scope: RowScope, ids: Iterable[UUID]) -> dict[UUID, Submission]:
    return {s.id: s for s in await _scoped(scope).filter(id__in=list(ids))}


async def submission_by_id(submission_id: UUID) -> Submission | None:
    return await Submission.get_or_none(id=submission_id)


async def submission_by_idempotency_key(submitter_id: UUID, key: str) -> Submission | None:
    return await Submission.get_or_none(submitted_by_id=submitter_id, idempotency_key=key)


async def revisions_of(scope: RowScope, original_ids: Iterable[UUID]) -> dict[UUID, Submission]:
    """The correction that replaced each submission, keyed by the submission it revises."""
    return {s.revises_id: s for s in await _scoped(scope).filter(revises_id__in=list(original_ids))}
