"""Server drafts: answers saved as the user types, resumable on any device, gone on submit.

One draft per (caller, form version, target), the target being the customer and/or the
workflow instance the answers are for. Saving does not validate (half-typed answers are
the point); it only limits the size. Each save is a compare-and-set on ``lock_version``,
so two devices editing the same draft get one success and one clear conflict instead of a
silent lost update. Who may draft what follows the submit rules: the caller must be able
to submit to that version for that customer (consultants, who cannot submit, cannot
draft), and a draft is only ever read by its owner, through the submissions' row scope.

Audit: creating, discarding and submitting a draft are recorded; the saves in between are
not. An autosave every few seconds would add hundreds of hash-chained events per form and
tell nothing an auditor needs: what counts is what was submitted, which the submission's
own event records with its content.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import (
    Permission,
    may_submit_for,
    may_use_form_as_customer,
    require,
    submission_scope,
)
from auditportal.auth.principal import Principal, Role
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.customers import service as customers
from auditportal.errors import Conflict, FieldIssue, NotAllowed, NotFound, ValidationFailed
from auditportal.forms import queries as form_queries
from auditportal.forms.models import FormVersion
from auditportal.forms.sensitive import is_envelope, seal_value, unseal
from auditportal.keystore import field_keys
from auditportal.pagination import Page, PageRequest, paginate
from auditportal.settings import Settings
from auditportal.submissions.models import FormDraft
from auditportal.workflows import queries as workflow_queries

# A draft is the owner's (the submitter dimension) and about its form, like a submission.
DRAFT_SCOPE = ScopeFields(
    customer="customer_id",
    submitter="owner_id",
    form="form_id",
    audience="form_version__offered_to_customers",
)


def _invalid(path: tuple[str, ...], key: str, **params: Any) -> ValidationFailed:
    return ValidationFailed("error.invalid_input", [FieldIssue(path, key, params)], count=1)


def target_key(customer_id: UUID | None, instance_id: UUID | None) -> str:
    return f"{customer_id or '-'}:{instance_id or '-'}"


def _owner(principal: Principal) -> UUID:
    # Service clients act without a person: a draft belongs to someone who comes back to it.
    if principal.user_id is None:
        raise NotAllowed("draft.no_person")
    return principal.user_id


async def _version(principal: Principal, version_id: UUID) -> FormVersion:
    version = await form_queries.version_header(version_id)
    if version is None or not may_use_form_as_customer(principal, version.offered_to_customers):
        raise NotFound("form_version.not_found")
    if version.retired_at is not None:
        raise Conflict("form.version_retired", number=version.number)
    return version


async def _target(
    principal: Principal, customer_id: UUID | None, instance_id: UUID | None
) -> tuple[UUID | None, UUID | None]:
    """The draft's customer and instance, checked as a submission's customer is."""
    if instance_id is not None:
        instance = await workflow_queries.visible_instance(submission_scope(principal), instance_id)
        if instance is None:
            raise NotFound("draft.instance_not_found")
        if customer_id is None:
            customer_id = instance.customer_id
        elif instance.customer_id is not None and instance.customer_id != customer_id:
            raise _invalid(("customerId",), "draft.target_mismatch")
    if customer_id is None and principal.role is Role.CUSTOMER:
        customer_id = principal.customer_id
    if customer_id is not None and await customers.customer_by_id(customer_id) is None:
        raise NotFound("submission.customer_not_found")
    if not may_submit_for(principal, customer_id):
        raise NotAllowed("submission.wrong_customer")
    return customer_id, instance_id


def _record_id(draft_id: UUID) -> str:
    return f"draft:{draft_id}"


def _encoded_size(answers: Any, settings: Settings) -> int:
    try:
        size = len(json.dumps(answers, ensure_ascii=False, allow_nan=False).encode())
    except ValueError:
        raise _invalid(("answers",), "submission.not_finite") from None
    if size > settings.max_draft_bytes:
        raise _invalid(("answers",), "draft.too_large", limit=settings.max_draft_bytes)
    return size


async def save_draft(
    principal: Principal,
    *,
    version_id: UUID,
    answers: Any,
    customer_id: UUID | None = None,
    workflow_instance_id: UUID | None = None,
    lock_version: int | None = None,
    settings: Settings,
) -> FormDraft:
    """Create the caller's draft for this target (``lock_version`` None) or replace its
    answers if ``lock_version`` is still the stored one; anything else is a Conflict."""
    require(principal, Permission.SUBMISSIONS_CREATE)
    owner_id = _owner(principal)
    size = _encoded_size(answers, settings)
    version = await _version(principal, version_id)
    customer_id, instance_id = await _target(principal, customer_id, workflow_instance_id)
    key = target_key(customer_id, instance_id)
    keys = field_keys(settings)
    now = datetime.now(UTC)
    existing = await FormDraft.filter(
        owner_id=owner_id, form_version_id=version.id, target_key=key
    ).first()
    if existing is None:
        if lock_version is not None:
            raise Conflict("draft.gone")
        draft_id = uuid4()
        try:
            async with in_transaction():
                draft = await FormDraft.create(
                    id=draft_id,
                    owner_id=owner_id,
                    form_id=version.form_id,
                    form_version_id=version.id,
                    customer_id=customer_id,
                    workflow_instance_id=instance_id,
                    target_key=key,
                    answers=seal_value(answers, keys, _record_id(draft_id), ()),
                    byte_size=size,
                    updated_at=now,
                )
                await audit.record(
                    principal,
                    "draft.create",
                    "FormDraft",
                    draft.id,
                    {
                        "form_version": str(version.id),
                        "customer": str(customer_id) if customer_id else None,
                        "workflow_instance": str(instance_id) if instance_id else None,
                    },
                )
        except IntegrityError:
            # Another device created it first: this one must load it before saving.
            raise Conflict("draft.stale", current=1, expected=0) from None
        return draft
    if lock_version != existing.lock_version:
        raise Conflict("draft.stale", current=existing.lock_version, expected=lock_version or 0)
    updated = await FormDraft.filter(id=existing.id, lock_version=existing.lock_version).update(
        answers=seal_value(answers, keys, _record_id(existing.id), ()),
        byte_size=size,
        lock_version=existing.lock_version + 1,
        updated_at=now,
    )
    if updated != 1:
        raise Conflict(
            "draft.stale", current=existing.lock_version + 1, expected=existing.lock_version
        )
    refreshed = await FormDraft.get(id=existing.id)
    return refreshed


def readable_answers(draft: FormDraft, settings: Settings) -> Any:
    """The draft's answers in clear (only its owner ever reads a draft)."""
    if not is_envelope(draft.answers):
        return draft.answers
    return unseal(draft.answers, field_keys(settings), _record_id(draft.id), reveal=True)


def _mine(principal: Principal) -> Any:
    owner_id = _owner(principal)
    return scoped(FormDraft.filter(owner_id=owner_id), submission_scope(principal), DRAFT_SCOPE)


async def my_draft(
    principal: Principal,
    *,
    version_id: UUID,
    customer_id: UUID | None = None,
    workflow_instance_id: UUID | None = None,
) -> FormDraft | None:
    """The caller's draft for this target, as ``save_draft`` resolves the target."""
    require(principal, Permission.SUBMISSIONS_CREATE)
    if principal.user_id is None:
        return None
    if customer_id is None and workflow_instance_id is not None:
        instance = await workflow_queries.visible_instance(
            submission_scope(principal), workflow_instance_id
        )
        customer_id = instance.customer_id if instance else None
    if customer_id is None and principal.role is Role.CUSTOMER:
        customer_id = principal.customer_id
    found: FormDraft | None = (
        await _mine(principal)
        .filter(
            form_version_id=version_id, target_key=target_key(customer_id, workflow_instance_id)
        )
        .first()
    )
    return found


async def my_drafts(principal: Principal, page: PageRequest) -> Page[FormDraft]:
    """The caller's drafts, most recently saved first."""
    require(principal, Permission.SUBMISSIONS_CREATE)
    if principal.user_id is None:
        return Page.empty(page)
    return await paginate(_mine(principal), ["-updated_at", "-id"], page)


async def draft(principal: Principal, draft_id: UUID) -> FormDraft | None:
    require(principal, Permission.SUBMISSIONS_CREATE)
    if principal.user_id is None:
        return None
    found: FormDraft | None = await _mine(principal).filter(id=draft_id).first()
    return found


async def discard(principal: Principal, draft_id: UUID) -> UUID:
    """Delete the caller's draft (its attachments stay until cleaned up, unlinked)."""
    require(principal, Permission.SUBMISSIONS_CREATE)
    async with in_transaction():
        found: FormDraft | None = (
            await _mine(principal).filter(id=draft_id).select_for_update().first()
        )
        if found is None:
            raise NotFound("draft.not_found")
        await FormDraft.filter(id=found.id).delete()
        await audit.record(
            principal,
            "draft.discard",
            "FormDraft",
            found.id,
            {"form_version": str(found.form_version_id), "lock_version": found.lock_version},
        )
    return found.id


async def consume(
    principal: Principal,
    *,
    version_id: UUID,
    customer_id: UUID | None,
    draft_id: UUID | None,
    submission_id: UUID,
    instance_id: UUID | None = None,
) -> FormDraft | None:
    """Delete the draft a submission was made from, inside the submission's transaction.

    ``draft_id`` names it (any target, e.g. a workflow instance's); without it, the
    caller's draft for this version, customer and ``instance_id`` (a case's submission) is
    the one submitted.
    A named draft that is not (or no longer) the caller's for this version is a Conflict:
    the API checks the id first (``draft``), so this is a race with a discard or another
    device's submit, and the submission must not be stored twice from one draft.
    """
    require(principal, Permission.SUBMISSIONS_CREATE)
    if principal.user_id is None:
        return None
    query = _mine(principal).filter(form_version_id=version_id)
    if draft_id is not None:
        found: FormDraft | None = await query.filter(id=draft_id).first()
        if found is None:
            raise Conflict("draft.gone")
    else:
        found = await query.filter(target_key=target_key(customer_id, instance_id)).first()
    if found is None:
        return None
    await FormDraft.filter(id=found.id).delete()
    await audit.record(
        principal,
        "draft.submit",
        "FormDraft",
        found.id,
        {"submission": str(submission_id), "lock_version": found.lock_version},
    )
    return found
