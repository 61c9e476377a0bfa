"""Form lifecycle and submissions. Every write checks policy, runs in one transaction with
its audit event, and raises DomainErrors for the caller to show; nothing half-written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import (
    Permission,
    may_revise,
    may_see_sensitive,
    may_submit_for,
    may_use_form_as_customer,
    require,
    submission_scope,
)
from auditportal.auth.principal import Principal, Role
from auditportal.auth.users import actor_user
from auditportal.customers import service as customers
from auditportal.errors import Conflict, FieldIssue, NotAllowed, NotFound, ValidationFailed
from auditportal.forms import queries
from auditportal.forms import request_hash as request_hashes
from auditportal.forms.compiled import CompiledForm, cached, compile_definition
from auditportal.forms.definition import check_definition, content_hash
from auditportal.forms.models import Form, FormCategory, FormVersion, Submission
from auditportal.forms.references import reference_issues
from auditportal.forms.scoring import evaluate
from auditportal.forms.sensitive import (
    Location,
    has_sensitive_marks,
    seal,
    seal_findings,
    unseal,
    unseal_findings,
)
from auditportal.jobs import dispatch, names
from auditportal.jobs.models import JobRun
from auditportal.keystore import field_keys
from auditportal.search import index as search_index
from auditportal.search.fields import SearchField
from auditportal.search.fields import declared as declared_search_fields
from auditportal.settings import Language, Settings


def _validated(definition: Any, settings: Settings) -> dict[str, Any]:
    check_definition(definition, settings.schema_dir / "form-definition.schema.json")
    return dict(definition)


AUDIENCE_STAFF = "staff"
AUDIENCE_CUSTOMER = "customer"
DEFAULT_AUDIENCE = (AUDIENCE_STAFF,)


def offered_to_customers(definition: dict[str, Any]) -> bool:
    """Whether a definition's audience includes customer users (default: staff only)."""
    return AUDIENCE_CUSTOMER in (definition.get("audience") or DEFAULT_AUDIENCE)


def _search_text(definition: dict[str, Any]) -> str:
    title = definition.get("title", {})
    return " ".join([definition["key"], *title.values()]).lower()[:2000]


# --- drafts, publishing, retiring ---------------------------------------------------------


async def create_draft(principal: Principal, definition: Any, *, settings: Settings) -> Form:
    require(principal, Permission.FORMS_DESIGN)
    valid = _validated(definition, settings)
    author = await actor_user(principal)
    try:
        async with in_transaction():
            form = await Form.create(
                key=valid["key"],
                category=FormCategory(valid["category"]),
                title=valid["title"],
                search_text=_search_text(valid),
                draft=valid,
                draft_hash=content_hash(valid),
                created_by=author,
                updated_by=author,
            )
            await audit.record(
                principal,
                "form.create",
                "Form",
                form.id,
                {"key": form.key, "hash": form.draft_hash},
            )
    except IntegrityError:
        raise Conflict("form.key_taken", key=valid["key"]) from None
    return form


async def update_draft(
    principal: Principal,
    form_id: UUID,
    definition: Any,
    expected_revision: int | None,
    *,
    settings: Settings,
) -> Form:
    require(principal, Permission.FORMS_DESIGN)
    valid = _validated(definition, settings)
    author = await actor_user(principal)
    async with in_transaction():
        form = await Form.select_for_update().get_or_none(id=form_id)
        if form is None:
            raise NotFound("form.not_found")
        if valid["key"] != form.key:
            issue = FieldIssue(("key",), "form.key_changed", {"old": form.key, "new": valid["key"]})
            raise ValidationFailed("form.definition_invalid", [issue], count=1)
        if expected_revision is not None and expected_revision != form.draft_revision:
            raise Conflict(
                "form.stale_draft", current=form.draft_revision, expected=expected_revision
            )
        new_hash = content_hash(valid)
        if new_hash == form.draft_hash:
            return form
        before = form.draft_hash
        # Compare-and-set on the revision, so concurrent editors cannot both win.
        updated = await Form.filter(id=form.id, draft_revision=form.draft_revision).update(
            draft=valid,
            draft_hash=new_hash,
            title=valid["title"],
            search_text=_search_text(valid),
            category=FormCategory(valid["category"]),
            draft_revision=form.draft_revision + 1,
            updated_by_id=author.id,
            updated_at=datetime.now(UTC),
        )
        if updated != 1:
            raise Conflict(
                "form.stale_draft", current=form.draft_revision + 1, expected=form.draft_revision
            )
        await audit.record(
            principal,
            "form.update_draft",
            "Form",
            form.id,
            {"before": before, "after": new_hash, "revision": form.draft_revision + 1},
        )
    refreshed = await queries.form_by_id(form.id)
    assert refreshed is not None
    return refreshed


@dataclass(frozen=True)
class PublishResult:
    form: Form
    version: FormVersion
    created: bool


async def publish(principal: Principal, form_id: UUID, *, settings: Settings) -> PublishResult:
    """Freeze the draft as the next version; an unchanged draft publishes nothing new."""
    require(principal, Permission.FORMS_DESIGN)
    publisher = await actor_user(principal)
    try:
        async with in_transaction():
            form = await Form.select_for_update().get_or_none(id=form_id)
            if form is None:
                raise NotFound("form.not_found")
            latest = await queries.latest_version(form.id, open_only=False)
            if latest is not None and latest.content_hash == form.draft_hash:
                return PublishResult(form, latest, created=False)
            # The draft was checked when saved; check again in case the meta-schema moved on.
            _validated(form.draft, settings)
            number = form.latest_version_number + 1
            offered = offered_to_customers(form.draft)
            version = await FormVersion.create(
                form=form,
                number=number,
                definition=form.draft,
                content_hash=form.draft_hash,
                published_by=publisher,
                published_at=datetime.now(UTC),
                offered_to_customers=offered,
            )
            seal_run = (
                await _request_sealing(form.id, version.id)
                if latest is not None and has_sensitive_marks(form.draft["schema"])
                else None
            )
            reindex_run = await _request_reindex(form, latest, settings)
            updated = await Form.filter(
                id=form.id, latest_version_number=form.latest_version_number
            ).update(latest_version_number=number, offered_to_customers=offered)
            if updated != 1:
                raise Conflict("form.publish_race")
            await audit.record(
                principal,
                "form.publish",
                "FormVersion",
                version.id,
                {
                    "form": form.key,
                    "number": number,
                    "hash": version.content_hash,
                    "offered_to_customers": offered,
                    "sealing_job": str(seal_run.id) if seal_run else None,
                    "search_job": str(reindex_run.id) if reindex_run else None,
                },
            )
    except IntegrityError:
        raise Conflict("form.publish_race") from None
    if seal_run is not None:
        await dispatch.nudge(seal_run)  # after the commit, so the runner sees the row
    if reindex_run is not None:
        await dispatch.nudge(reindex_run)
    form.latest_version_number = number
    form.offered_to_customers = offered
    return PublishResult(form, version, created=True)


async def _request_sealing(form_id: UUID, version_id: UUID) -> JobRun:
    """A durable request, in the publishing transaction, to seal what earlier submissions
    of the form hold in clear at the places this version marks sensitive (forms.jobs).

    Requested for every version with sensitive marks, not only when the marks changed:
    before marks behind $ref, in branches and in patternProperties were honoured, values
    there were stored in clear, and the job leaves sealed values as they are."""
    return await JobRun.create(
        name=names.SEAL_FORM_SUBMISSIONS,
        key=f"{names.SEAL_FORM_SUBMISSIONS}:{version_id}",
        arguments={"formId": str(form_id), "versionId": str(version_id)},
    )


async def _request_reindex(
    form: Form, latest: FormVersion | None, settings: Settings
) -> JobRun | None:
    """When a version changes the form's search fields, a durable request (in the
    publishing transaction) to extract them again from every earlier submission, or from
    every customer's attributes when this is the custom attributes form."""
    before = declared_search_fields(latest.definition) if latest is not None else []
    after = declared_search_fields(form.draft)
    if before == after:
        return None
    owner = "customer" if form.key == settings.customer_attributes_form else "submission"
    if owner == "submission" and latest is None:
        return None  # no submission yet
    return await JobRun.create(
        name=names.REINDEX_SEARCH,
        key=f"{names.REINDEX_SEARCH}:{form.id}:{form.latest_version_number + 1}",
        arguments={"formId": str(form.id), "owner": owner},
    )


async def retire(principal: Principal, version_id: UUID) -> FormVersion:
    require(principal, Permission.FORMS_DESIGN)
    retiree = await actor_user(principal)
    async with in_transaction():
        version = await FormVersion.select_for_update().get_or_none(id=version_id)
        if version is None:
            raise NotFound("form_version.not_found")
        if version.retired_at is not None:
            raise Conflict("form.already_retired", number=version.number)
        version.retired_at = datetime.now(UTC)
        version.retired_by = retiree
        await version.save(update_fields=["retired_at", "retired_by_id"])
        await audit.record(
            principal, "form.retire", "FormVersion", version.id, {"number": version.number}
        )
    return version


# --- submissions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmitResult:
    submission: Submission
    replayed: bool
    # The version's compiled form when the answers were just stored: what comes after the
    # store (form rules, evidence) uses it instead of reading the definition again.
    compiled: CompiledForm | None = None


def compiled_version(version: FormVersion) -> CompiledForm:
    return compile_definition(version.content_hash, version.definition)


async def _compiled_for(version: FormVersion) -> CompiledForm:
    """From the cache when warm; the definition is read only on a miss."""
    hit = cached(version.content_hash)
    if hit is not None:
        return hit
    definition = await queries.version_definition(version.id)
    assert definition is not None
    return compile_definition(version.content_hash, definition)


async def _replay(
    principal: Principal,
    idempotency_key: str | None,
    promised: dict[str, Any],
    settings: Settings,
) -> Submission | None:
    if idempotency_key is None or principal.user_id is None:
        return None
    earlier = await queries.submission_by_idempotency_key(principal.user_id, idempotency_key)
    if earlier is None:
        return None
    if not request_hashes.matches(earlier.request_hash, promised, field_keys(settings)):
        raise Conflict("submission.idempotency_reused", key=idempotency_key)
    return earlier


async def _resolve_customer(principal: Principal, customer_id: UUID | None) -> UUID | None:
    if customer_id is None and principal.role is Role.CUSTOMER:
        customer_id = principal.customer_id
    if customer_id is not None and await customers.customer_by_id(customer_id) is None:
        raise NotFound("submission.customer_not_found")
    if not may_submit_for(principal, customer_id):
        raise NotAllowed("submission.wrong_customer")
    return customer_id


async def submit(
    principal: Principal,
    *,
    answers: Any,
    language: Language,
    version_id: UUID | None = None,
    form_id: UUID | None = None,
    customer_id: UUID | None = None,
    idempotency_key: str | None = None,
    settings: Settings,
) -> SubmitResult:
    """Validate, score and store answers to a version (or a form's newest open version)."""
    require(principal, Permission.SUBMISSIONS_CREATE)
    version = await _open_version(version_id, form_id)
    # The version's own audience: an older staff-only version stays staff-only.
    if not may_use_form_as_customer(principal, version.offered_to_customers):
        raise NotAllowed("submission.form_not_offered")
    customer_id = await _resolve_customer(principal, customer_id)
    promised = {"version": version.id, "customer": customer_id, "answers": answers}
    earlier = await _replay(principal, idempotency_key, promised, settings)
    if earlier is not None:
        return SubmitResult(earlier, replayed=True)
    return await _store(
        principal,
        version,
        answers,
        language=language,
        customer_id=customer_id,
        idempotency_key=idempotency_key,
        promised=promised,
        settings=settings,
    )


async def _newest_compiled(compiled: CompiledForm, version: FormVersion) -> CompiledForm:
    """The form's newest version, compiled (``compiled`` itself when it is the newest)."""
    newest = await queries.newest_version_header(version.form_id)
    if newest is None or newest.content_hash == compiled.content_hash:
        return compiled
    return await _compiled_for(newest)


def _sensitive_locations(
    compiled: CompiledForm, newest: CompiledForm, answers: Any
) -> set[Location]:
    """Where to seal: this version's marks and the newest version's. Answers to an older
    version that is still open are sealed where a later one marks values sensitive, as the
    sealing job does for what was submitted before (forms.jobs)."""
    sensitive = compiled.sensitive_locations(answers)
    if newest is not compiled:
        sensitive |= newest.sensitive_locations(answers)
    return sensitive


def _search_fields(newest: CompiledForm) -> list[SearchField]:
    """The form's search fields: its newest version declares them for every version."""
    return newest.search_fields


async def _open_version(version_id: UUID | None, form_id: UUID | None) -> FormVersion:
    if version_id is not None:
        version = await queries.version_header(version_id)
        if version is None:
            raise NotFound("form_version.not_found")
        if version.retired_at is not None:
            raise Conflict("form.version_retired", number=version.number)
        return version
    if form_id is None or not await queries.form_exists(form_id):
        raise NotFound("form.not_found")
    version = await queries.latest_open_version_header(form_id)
    if version is None:
        raise Conflict("form.no_published_version")
    return version


async def _store(
    principal: Principal,
    version: FormVersion,
    answers: Any,
    *,
    language: Language,
    customer_id: UUID | None,
    idempotency_key: str | None,
    promised: dict[str, Any],
    revises: Submission | None = None,
    reason: str | None = None,
    settings: Settings,
) -> SubmitResult:
    compiled = await _compiled_for(version)
    if compiled.unusable:
        raise Conflict("form.version_unusable", number=version.number)
    issues = compiled.check(answers) or await reference_issues(
        principal, compiled.definition["schema"], answers, compiled.reference_fields
    )
    if issues:
        raise ValidationFailed("submission.invalid", issues, count=len(issues))
    evaluation = evaluate(compiled.plan, answers)
    # Read once for both the sealing and the search fields.
    newest = await _newest_compiled(compiled, version)
    sensitive = _sensitive_locations(compiled, newest, answers)
    searched = _search_fields(newest)
    # The request already authenticated an active user; only system actors need a lookup.
    submitter_id = principal.user_id or (await actor_user(principal)).id
    submission_id = uuid4()
    now = datetime.now(UTC)
    keys = field_keys(settings)  # once: finding the keys resolves the data folder's path
    try:
        async with in_transaction():
            if revises is not None:
                # Set once: a second, concurrent correction of the same submission loses.
                replaced = await Submission.filter(
                    id=revises.id, superseded_at__isnull=True
                ).update(superseded_at=now)
                if replaced != 1:
                    raise Conflict("submission.superseded")
            sealed = seal(answers, sensitive, keys, str(submission_id))
            submission = await Submission.create(
                id=submission_id,
                form_id=version.form_id,
                form_version=version,
                customer_id=customer_id,
                submitted_by_id=submitter_id,
                submitted_at=now,
                language=language,
                answers=sealed,
                findings=seal_findings(evaluation.findings, sensitive, keys, str(submission_id)),
                score_raw=evaluation.raw,
                score_max=evaluation.max,
                score_percent=evaluation.percent,
                passed=evaluation.passed,
                section_scores=evaluation.sections,
                finding_count=len(evaluation.findings),
                idempotency_key=idempotency_key,
                request_hash=request_hashes.request_hash(promised, keys),
                revision=(revises.revision + 1) if revises else 1,
                revises=revises,
                revision_reason=reason,
            )
            # From the sealed answers: a sensitive value is never copied into the index. A
            # submission (a correction too) is a new row, so it has no values to replace.
            await search_index.replace(
                search_index.SUBMISSION,
                [(submission.id, version.form_id, searched, sealed)],
                fresh=True,
            )
            await audit.record(
                principal,
                "submission.revise" if revises else "submission.create",
                "Submission",
                submission.id,
                {
                    "form_version": str(version.id),
                    "customer": str(customer_id) if customer_id else None,
                    "score_percent": evaluation.percent,
                    "findings": len(evaluation.findings),
                    "revises": str(revises.id) if revises else None,
                },
            )
    except IntegrityError:
        # The same idempotency key raced us, or another correction won: replay or refuse.
        earlier = await _replay(principal, idempotency_key, promised, settings)
        if earlier is not None:
            return SubmitResult(earlier, replayed=True)
        raise Conflict("submission.superseded") from None
    return SubmitResult(submission, replayed=False, compiled=compiled)


async def revise(
    principal: Principal,
    *,
    submission_id: UUID,
    answers: Any,
    language: Language,
    reason: str | None = None,
    idempotency_key: str | None = None,
    case_assignee: bool = False,
    settings: Settings,
) -> SubmitResult:
    """A correction: a new revision linked to the one it replaces, against the same version.

    ``case_assignee``: the caller is the staff member a case holding this submission now
    asks for the correction (``submissions.cases`` checked it), e.g. the customer's new
    account auditor after a return: they may correct what someone else submitted."""
    require(principal, Permission.SUBMISSIONS_REVISE)
    original = await visible_submission(principal, submission_id)
    # A correction keeps the original's version and customer: it cannot move the answers
    # to another form or customer, and the caller must be allowed to use both.
    version = await queries.version_header(original.form_version_id)
    assert version is not None
    staff_assignee = case_assignee and principal.role is not Role.CUSTOMER
    if not staff_assignee and not may_revise(
        principal,
        submitter_id=original.submitted_by_id,
        owner_customer_id=original.customer_id,
        offered_to_customers=version.offered_to_customers,
    ):
        raise NotAllowed("error.not_allowed")
    promised = {"revises": original.id, "answers": answers, "reason": reason}
    earlier = await _replay(principal, idempotency_key, promised, settings)
    if earlier is not None:
        return SubmitResult(earlier, replayed=True)
    if original.superseded_at is not None:
        raise Conflict("submission.superseded")
    return await _store(
        principal,
        version,
        answers,
        language=language,
        customer_id=original.customer_id,
        idempotency_key=idempotency_key,
        promised=promised,
        revises=original,
        reason=reason,
        settings=settings,
    )


async def visible_submission(principal: Principal, submission_id: UUID) -> Submission:
    """The submission if the caller may see it; NotFound otherwise (no existence leak)."""
    require(principal, Permission.SUBMISSIONS_READ)
    found = await queries.submissions_by_ids(submission_scope(principal), [submission_id])
    if submission_id not in found:
        raise NotFound("submission.not_found")
    return found[submission_id]


def readable_answers(principal: Principal, submission: Submission, settings: Settings) -> Any:
    """Stored answers for this caller: sensitive values in clear only if they may see them.

    Every envelope in a stored document is one the server sealed (submitted answers may not
    contain one), so this needs no schema: values sealed after the fact open the same way.
    """
    reveal = may_see_sensitive(
        principal,
        owner_customer_id=submission.customer_id,
        submitter_id=submission.submitted_by_id,
    )
    return unseal(submission.answers, field_keys(settings), str(submission.id), reveal=reveal)


def readable_findings(
    principal: Principal, submission: Submission, settings: Settings
) -> list[dict[str, Any]]:
    """Stored findings for this caller: a finding repeats its answer, and a sensitive answer
    is in clear only for those who may see the answers themselves."""
    reveal = may_see_sensitive(
        principal,
        owner_customer_id=submission.customer_id,
        submitter_id=submission.submitted_by_id,
    )
    return unseal_findings(
        list(submission.findings or []), field_keys(settings), str(submission.id), reveal=reveal
    )
