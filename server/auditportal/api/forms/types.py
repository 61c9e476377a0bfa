"""Forms, versions and submissions as GraphQL types: thin wrappers over the domain models."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.evidence.types import AttachmentNode
from auditportal.api.loaders import now_or_later
from auditportal.api.people import UserNode
from auditportal.api.policy import requires
from auditportal.api.relay import (
    Connection,
    Node,
    connection_from_page,
    page_request,
    to_global_id,
)
from auditportal.auth.policy import Permission
from auditportal.errors import PathPart
from auditportal.forms import reads as form_reads
from auditportal.forms import references as form_references
from auditportal.forms import service as form_service
from auditportal.forms.localize import localized_schema, localized_ui_schema
from auditportal.forms.models import Form as FormModel
from auditportal.forms.models import FormCategory
from auditportal.forms.models import FormVersion as FormVersionModel
from auditportal.forms.models import Submission as SubmissionModel
from auditportal.forms.scoring import Severity
from auditportal.i18n import localized

strawberry.enum(FormCategory, name="FormCategory")
strawberry.enum(Severity, name="FindingSeverity", description="How serious a finding is.")


@strawberry.type(description="A text in both languages.")
class LocalizedText:
    zh_cn: str = strawberry.field(name="zhCN")
    en: str

    @staticmethod
    def of(value: dict[str, str] | None) -> LocalizedText | None:
        if not value:
            return None
        return LocalizedText(zh_cn=value.get("zh-CN", ""), en=value.get("en", ""))


def _pointer(path: list[PathPart]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


class ReferenceKind(Enum):
    CUSTOMER = form_references.CUSTOMER
    SUBMISSION = form_references.SUBMISSION
    WORKFLOW_CASE = form_references.WORKFLOW_CASE


async def _reference_target(info: Info[Context, Any], reference: Any) -> Node | None:
    """The referenced record if the reader may see it (batched over the page, scoped)."""
    if reference.target_id is None:
        return None
    found = await info.context.loaders.referenced[reference.kind].load(reference.target_id)
    if found is None:
        return None
    if reference.kind == form_references.CUSTOMER:
        return CustomerNode(model=found)
    if reference.kind == form_references.SUBMISSION:
        return SubmissionNode(model=found)
    # Imported here: the workflow types build on this module's types.
    from auditportal.api.workflows.types import WorkflowInstanceNode

    return WorkflowInstanceNode(model=found)


@strawberry.type(name="Form", description="A form and its editable draft.")
class FormNode(Node):
    model: strawberry.Private[FormModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("Form", self.model.id)

    @strawberry.field(description="Stable identifier across versions.")
    def key(self) -> str:
        return self.model.key

    @strawberry.field
    def category(self) -> FormCategory:
        return self.model.category

    @strawberry.field(description="Title in the caller's language.")
    def title(self, info: Info[Context, Any]) -> str:
        return localized(self.model.title, info.context.language) or self.model.key

    @strawberry.field(description="Title in both languages.")
    def titles(self) -> LocalizedText:
        title = LocalizedText.of(self.model.title)
        assert title is not None
        return title

    async def _draft(self, info: Info[Context, Any]) -> dict[str, Any]:
        """The draft definition: loaded with the form, or (a list's partial form) now."""
        if "draft" in self.model.__dict__:
            return cast(dict[str, Any], self.model.draft)
        return await info.context.loaders.form_draft.load(self.model.id) or {}

    @strawberry.field(description="Description in the caller's language.")
    async def description(self, info: Info[Context, Any]) -> str | None:
        return localized((await self._draft(info)).get("description"), info.context.language)

    @strawberry.field(
        description="The draft definition being edited (designers only).",
        extensions=requires(Permission.FORMS_DESIGN),
    )
    async def draft(self, info: Info[Context, Any]) -> JSON:
        return cast(JSON, await self._draft(info))

    @strawberry.field(description="Send it back with updateFormDraft to detect lost updates.")
    def draft_revision(self) -> int:
        return self.model.draft_revision

    @strawberry.field(description="Whether the draft differs from the latest version.")
    async def has_unpublished_changes(self, info: Info[Context, Any]) -> bool:
        latest = await info.context.loaders.latest_version.load(self.model.id)
        return latest is None or latest.content_hash != self.model.draft_hash

    @strawberry.field(description="The newest published version, retired or not.")
    async def latest_version(self, info: Info[Context, Any]) -> FormVersionNode | None:
        latest = await info.context.loaders.latest_version.load(self.model.id)
        return FormVersionNode(model=latest) if latest else None

    @strawberry.field(description="Published versions, newest first.")
    async def versions(
        self, info: Info[Context, Any], first: int | None = None, after: str | None = None
    ) -> Connection[FormVersionNode]:
        page = page_request(info, first, after)
        found = await form_reads.versions_of(info.context.principal, self.model.id, page)
        return connection_from_page(found, lambda v: FormVersionNode(model=v))

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.model.updated_at


@strawberry.type(name="FormVersion", description="A published, immutable version of a form.")
class FormVersionNode(Node):
    model: strawberry.Private[FormVersionModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("FormVersion", self.model.id)

    @strawberry.field
    def number(self) -> int:
        return self.model.number

    @strawberry.field
    def form(self, info: Info[Context, Any]) -> FormNode:
        loader = info.context.loaders.form
        return cast(FormNode, now_or_later(loader, self.model.form_id, _form_node))

    async def _definition(self, info: Info[Context, Any]) -> dict[str, Any]:
        """The definition: loaded with the version, or (a list's partial version) now."""
        if "definition" in self.model.__dict__:
            return cast(dict[str, Any], self.model.definition)
        found = await info.context.loaders.version_definition.load(self.model.id)
        assert found is not None
        return found

    @strawberry.field(description="Title in the caller's language.")
    async def title(self, info: Info[Context, Any]) -> str:
        definition = await self._definition(info)
        return localized(definition.get("title"), info.context.language) or definition["key"]

    @strawberry.field(description="SHA-256 of the definition's canonical JSON.")
    def content_hash(self) -> str:
        return self.model.content_hash

    @strawberry.field(description="The whole definition as published, both languages.")
    async def definition(self, info: Info[Context, Any]) -> JSON:
        return cast(JSON, await self._definition(info))

    @strawberry.field(description="The answers' JSON Schema with titles in the caller's language.")
    async def localized_schema(self, info: Info[Context, Any]) -> JSON:
        definition = await self._definition(info)
        return cast(JSON, localized_schema(definition["schema"], info.context.language))

    @strawberry.field(description="The UI schema with option labels in the caller's language.")
    async def localized_ui_schema(self, info: Info[Context, Any]) -> JSON:
        definition = await self._definition(info)
        return cast(
            JSON,
            localized_ui_schema(
                definition["schema"], definition.get("uiSchema") or {}, info.context.language
            ),
        )

    @strawberry.field
    def published_at(self) -> datetime:
        return self.model.published_at

    @strawberry.field
    async def published_by(self, info: Info[Context, Any]) -> UserNode | None:
        user = await info.context.loaders.user.load(self.model.published_by_id)
        return UserNode(model=user) if user else None

    @strawberry.field(description="When it stopped taking new submissions, if it has.")
    def retired_at(self) -> datetime | None:
        return self.model.retired_at

    @strawberry.field
    def is_retired(self) -> bool:
        return self.model.retired_at is not None


def _form_node(form: FormModel | None) -> FormNode:
    assert form is not None
    return FormNode(model=form)


def _version_node(version: FormVersionModel | None) -> FormVersionNode:
    assert version is not None
    return FormVersionNode(model=version)


def _customer(customer: Any) -> CustomerNode | None:
    return CustomerNode(model=customer) if customer else None


@strawberry.type(description="Points of one section.")
class SectionScore:
    key: str
    title: str | None
    weight: float
    raw: float
    max: float
    percent: float | None


@strawberry.type(description="Points earned, the maximum possible and the weighted percent.")
class Score:
    raw: float
    max: float
    percent: float | None
    passed: bool | None = strawberry.field(description="Against the form's pass mark, if any.")
    sections: list[SectionScore]


@strawberry.type(description="An answer that raised a finding.")
class Finding:
    path: list[str]
    pointer: str
    severity: Severity
    title: str
    titles: LocalizedText | None
    answer: JSON
    rule: str | None = strawberry.field(
        default=None, description="The key of the form rule or cross-check that raised it."
    )
    expected: JSON | None = strawberry.field(
        default=None, description="A cross-check's value from the register or the CRM."
    )


strawberry.enum(ReferenceKind, name="ReferenceKind", description="What a reference names.")


@strawberry.type(description="An answer that names another record (a field with x-reference).")
class AnswerReference:
    path: list[str]
    pointer: str = strawberry.field(description="JSON Pointer to the answer.")
    kind: ReferenceKind
    target: Node | None = strawberry.field(
        description="The record, as a link; null when it is gone or you may not see it."
    )


@strawberry.type(name="Submission", description="Answers to one form version, as submitted.")
class SubmissionNode(Node):
    model: strawberry.Private[SubmissionModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("Submission", self.model.id)

    # Sync: a page primes these loaders (api.joins), so most rows need no task (issue 11).
    @strawberry.field
    def form(self, info: Info[Context, Any]) -> FormNode:
        loader = info.context.loaders.form
        return cast(FormNode, now_or_later(loader, self.model.form_id, _form_node))

    @strawberry.field
    def form_version(self, info: Info[Context, Any]) -> FormVersionNode:
        loader = info.context.loaders.form_version
        return cast(
            FormVersionNode, now_or_later(loader, self.model.form_version_id, _version_node)
        )

    @strawberry.field
    def customer(self, info: Info[Context, Any]) -> CustomerNode | None:
        if self.model.customer_id is None:
            return None
        loader = info.context.loaders.customer
        return cast(CustomerNode | None, now_or_later(loader, self.model.customer_id, _customer))

    @strawberry.field
    async def submitted_by(self, info: Info[Context, Any]) -> UserNode | None:
        user = await info.context.loaders.user.load(self.model.submitted_by_id)
        return UserNode(model=user) if user else None

    @strawberry.field
    def submitted_at(self) -> datetime:
        return self.model.submitted_at

    @strawberry.field(description="Sensitive values appear as ****** unless you may see them.")
    def answers(self, info: Info[Context, Any]) -> JSON:
        context = info.context
        answers = form_service.readable_answers(context.principal, self.model, context.settings)
        return cast(JSON, answers)

    @strawberry.field(description="Null when the form is not scored.")
    def score(self, info: Info[Context, Any]) -> Score | None:
        model = self.model
        if model.score_max is None or model.score_raw is None:
            return None
        language = info.context.language
        return Score(
            raw=model.score_raw,
            max=model.score_max,
            percent=model.score_percent,
            passed=model.passed,
            sections=[
                SectionScore(
                    key=s["key"],
                    title=localized(s.get("title"), language),
                    weight=s["weight"],
                    raw=s["raw"],
                    max=s["max"],
                    percent=s["percent"],
                )
                # Not read when the list selected no sections (api.forms.projection).
                for s in model.__dict__.get("section_scores", ())
            ],
        )

    @strawberry.field
    def findings(self, info: Info[Context, Any]) -> list[Finding]:
        language = info.context.language
        return [
            Finding(
                path=[str(p) for p in f["path"]],
                pointer=_pointer(f["path"]),
                severity=Severity(f["severity"]),
                title=localized(f["title"], language) or "",
                titles=LocalizedText.of(f["title"]),
                answer=f["answer"],
                rule=f.get("rule"),
                expected=f.get("expected"),
            )
            for f in form_service.readable_findings(
                info.context.principal, self.model, info.context.settings
            )
        ]

    @strawberry.field
    def has_findings(self) -> bool:
        return self.model.finding_count > 0

    @strawberry.field(description="The records the answers reference (x-reference fields).")
    async def references(self, info: Info[Context, Any]) -> list[AnswerReference]:
        context = info.context
        version = await context.loaders.version_for_answers.load(self.model.form_version_id)
        if version is None or not form_references.has_references(version.definition["schema"]):
            return []
        answers = form_service.readable_answers(context.principal, self.model, context.settings)
        found = form_references.references_in(version.definition["schema"], answers)
        return [
            AnswerReference(
                path=[str(p) for p in reference.path],
                pointer=_pointer(list(reference.path)),
                kind=ReferenceKind(reference.kind),
                target=await _reference_target(info, reference),
            )
            for reference in found
        ]

    @strawberry.field(description="1 for the original, then one more per correction.")
    def revision(self) -> int:
        return self.model.revision

    @strawberry.field(description="Why this correction was made.")
    def revision_reason(self) -> str | None:
        return self.model.revision_reason

    @strawberry.field(description="The submission this one corrects.")
    async def revises(self, info: Info[Context, Any]) -> SubmissionNode | None:
        if self.model.revises_id is None:
            return None
        earlier = await info.context.loaders.submission.load(self.model.revises_id)
        return SubmissionNode(model=earlier) if earlier else None

    @strawberry.field(description="Photos, files and signatures its answers reference.")
    async def attachments(self, info: Info[Context, Any]) -> list[AttachmentNode]:
        found = await info.context.evidence_loaders.of_submission.load(self.model.id)
        return [AttachmentNode(model=a) for a in found]

    @strawberry.field(description="The correction that replaced this submission, if any.")
    async def superseded_by(self, info: Info[Context, Any]) -> SubmissionNode | None:
        if self.model.superseded_at is None:
            return None
        later = await info.context.loaders.revised_by.load(self.model.id)
        return SubmissionNode(model=later) if later else None
