"""Workflow definitions, versions, instances and their history as GraphQL types."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any, cast
from uuid import UUID

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.errors import ErrorCode, FieldError, UserError, field_error
from auditportal.api.forms.types import FormNode, LocalizedText, SubmissionNode
from auditportal.api.loaders import ActorName, actor_names
from auditportal.api.people import UserNode
from auditportal.api.relay import Node, to_global_id
from auditportal.api.reports.types import ReportInfo
from auditportal.auth.policy import Permission, allows
from auditportal.auth.principal import Principal, Role
from auditportal.errors import FieldIssue, PathPart
from auditportal.i18n import localized
from auditportal.reports import reads as report_reads
from auditportal.settings import Language
from auditportal.submissions.cases import form_to_fill, submission_path
from auditportal.workflows import queries, reads
from auditportal.workflows.definition import definition_warnings, step_title
from auditportal.workflows.engine import Option, Refusal
from auditportal.workflows.instances import actor_for, guard_context, subject_of
from auditportal.workflows.models import WorkflowDefinition as DefinitionModel
from auditportal.workflows.models import WorkflowHistory as HistoryModel
from auditportal.workflows.models import WorkflowInstance as InstanceModel
from auditportal.workflows.models import WorkflowVersion as VersionModel


@strawberry.type(description="A state of a workflow version.")
class WorkflowState:
    name: str
    title: str
    titles: LocalizedText | None
    initial: bool
    final: bool


def _states(content: dict[str, Any], info: Info[Context, Any]) -> list[WorkflowState]:
    language = info.context.language
    return [
        WorkflowState(
            name=name,
            title=localized(state["title"], language) or name,
            titles=LocalizedText.of(state["title"]),
            initial=bool(state.get("initial")),
            final=bool(state.get("final")),
        )
        for name, state in content["states"].items()
    ]


@strawberry.type(name="WorkflowVersion", description="A published, immutable workflow version.")
class WorkflowVersionNode(Node):
    model: strawberry.Private[VersionModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("WorkflowVersion", self.model.id)

    @strawberry.field
    def number(self) -> int:
        return self.model.number

    @strawberry.field
    def content_hash(self) -> str:
        return self.model.content_hash

    @strawberry.field(description="The whole definition as published, both languages.")
    def definition(self) -> JSON:
        return cast(JSON, self.model.content)

    @strawberry.field
    def states(self, info: Info[Context, Any]) -> list[WorkflowState]:
        return _states(self.model.content, info)

    @strawberry.field
    def published_at(self) -> datetime:
        return self.model.published_at

    @strawberry.field(description="Who published it.")
    async def published_by(self, info: Info[Context, Any]) -> UserNode | None:
        user = await info.context.loaders.user.load(self.model.published_by_id)
        return UserNode(model=user) if user else None

    @strawberry.field
    def is_retired(self) -> bool:
        return self.model.retired_at is not None


@strawberry.type(name="WorkflowDefinition", description="A workflow and its editable draft.")
class WorkflowDefinitionNode(Node):
    model: strawberry.Private[DefinitionModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("WorkflowDefinition", self.model.id)

    @strawberry.field
    def key(self) -> str:
        return self.model.key

    @strawberry.field
    def title(self, info: Info[Context, Any]) -> str:
        return localized(self.model.title, info.context.language) or self.model.key

    @strawberry.field
    def subject(self) -> str:
        return self.model.subject

    @strawberry.field(description="Send it back with saveWorkflowDraft to detect lost updates.")
    def draft_revision(self) -> int:
        return self.model.draft_revision

    @strawberry.field
    def draft(self) -> JSON:
        return cast(JSON, self.model.draft)

    @strawberry.field(
        description="What the draft allows but probably does not mean (e.g. a guard that "
        "compares a value that may be empty), with paths; never blocks publishing."
    )
    def warnings(self, info: Info[Context, Any]) -> list[FieldError]:
        return [field_error(issue, info.context) for issue in definition_warnings(self.model.draft)]

    @strawberry.field
    async def latest_version(self) -> WorkflowVersionNode | None:
        latest = await queries.latest_version(self.model.id)
        return WorkflowVersionNode(model=latest) if latest else None

    @strawberry.field(description="Published versions, newest first (at most ``first``).")
    async def versions(
        self, info: Info[Context, Any], first: int = 50
    ) -> list[WorkflowVersionNode]:
        limit = max(1, min(first, info.context.settings.max_page_size))
        found = await reads.versions_of(info.context.principal, self.model.id, limit)
        return [WorkflowVersionNode(model=v) for v in found]


@strawberry.enum(description="Who took a step: a person (or a tool's account), or the system.")
class ActorKind(Enum):
    PERSON = "person"
    SYSTEM = "system"
    UNKNOWN = "unknown"


@strawberry.type(
    description="Who took a step, as the caller may see them: a name and a role, never a "
    "login name or an e-mail for callers outside the audit team."
)
class StepActor:
    kind: ActorKind
    name: str = strawberry.field(
        description="The person's display name; 系统 / System for the system's own steps."
    )
    role: Role | None = strawberry.field(description="The person's role (null for the system).")


_INSIDE = {Role.ADMIN, Role.MANAGER, Role.AUDITOR}


def step_actor(
    actor: str, person: ActorName | None, caller: Principal, context: Context
) -> StepActor:
    """A step's actor for this caller. Everyone sees the display name and role of the staff
    who handled a case (the customer deals with named people, and their report names the
    auditor); only the audit team falls back to the login name when a person has no display
    name, outsiders (customers, consultants) see the role's title instead."""
    if person is not None:
        name = person.display_name.strip()
        if not name:
            name = (
                person.username
                if caller.role in _INSIDE
                else context.t(f"role.{person.role.value}")
            )
        return StepActor(kind=ActorKind.PERSON, name=name, role=person.role)
    if actor.startswith("system:"):
        return StepActor(kind=ActorKind.SYSTEM, name=context.t("actor.system"), role=None)
    return StepActor(kind=ActorKind.UNKNOWN, name=context.t("actor.unknown"), role=None)


@strawberry.type(description="One move of an instance.")
class WorkflowStep:
    sequence: int
    from_state: str | None
    to_state: str
    event: str
    actor: str
    comment: str | None
    input: JSON | None
    occurred_at: datetime
    title: str | None = strawberry.field(
        default=None,
        description="The step's title in the caller's language (the transition's title); "
        "null for the opening step and for steps of transitions the version no longer has.",
    )
    to_state_title: str | None = strawberry.field(
        default=None, description="The title of the state the step led to."
    )
    actor_user_id: strawberry.Private[UUID | None] = None

    @strawberry.field(
        description="Who took the step: display name and role (系统 / System for the system); "
        "resolved per request in one query for all the steps shown."
    )
    async def acted_by(self, info: Info[Context, Any]) -> StepActor:
        context = info.context
        person = (
            await actor_names(context.loaders).load(self.actor_user_id)
            if self.actor_user_id is not None
            else None
        )
        return step_actor(self.actor, person, context.principal, context)

    @staticmethod
    def of(
        row: HistoryModel, definition: dict[str, Any] | None = None, language: Language = "zh-CN"
    ) -> WorkflowStep:
        content = definition or {}
        state = content.get("states", {}).get(row.to_state) or {}
        title = step_title(content, row.event, row.from_state, row.to_state)
        return WorkflowStep(
            title=localized(title, language) if title else None,
            to_state_title=localized(state.get("title"), language) if state.get("title") else None,
            sequence=row.sequence,
            from_state=row.from_state,
            to_state=row.to_state,
            event=row.event,
            actor=row.actor,
            actor_user_id=row.actor_user_id,
            comment=row.comment,
            input=row.input,
            occurred_at=row.occurred_at,
        )


@strawberry.type(description="A step out of the current state, as the caller sees it now.")
class AvailableTransition:
    event: str
    to_state: str
    title: str | None
    allowed: bool
    reason: str | None = strawberry.field(
        description="Why not: role, guard, final_state ... (null when allowed)."
    )
    message: str | None
    guard_message: str | None


def refusal_message(refusal: Refusal, context: Context) -> tuple[str, str | None]:
    params = dict(refusal.params)
    if isinstance(params.get("roles"), tuple):
        # Role codes become names people know, in the caller's language.
        separator = "、" if context.language == "zh-CN" else ", "
        params["roles"] = separator.join(context.t(f"role.{code}") for code in params["roles"])
    message = context.t(refusal.message_key, **params)
    guard = localized(refusal.guard_message, context.language) if refusal.guard_message else None
    return message, guard


def _option(option: Option, context: Context) -> AvailableTransition:
    message, guard = refusal_message(option.refusal, context) if option.refusal else (None, None)
    return AvailableTransition(
        event=option.event,
        to_state=option.to_state,
        title=localized(option.title, context.language) if option.title else None,
        allowed=option.allowed,
        reason=option.refusal.reason if option.refusal else None,
        message=message,
        guard_message=guard,
    )


@strawberry.type(name="WorkflowInstance", description="A case moving through a workflow.")
class WorkflowInstanceNode(Node):
    model: strawberry.Private[InstanceModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("WorkflowInstance", self.model.id)

    @strawberry.field
    async def version(self, info: Info[Context, Any]) -> WorkflowVersionNode:
        version = await info.context.workflow_loaders.version.load(self.model.version_id)
        assert version is not None
        return WorkflowVersionNode(model=version)

    @strawberry.field
    def state(self) -> str:
        return self.model.state

    @strawberry.field(description="The current state's title in the caller's language.")
    async def state_title(self, info: Info[Context, Any]) -> str:
        version = await info.context.workflow_loaders.version.load(self.model.version_id)
        assert version is not None
        title = version.content["states"][self.model.state]["title"]
        return localized(title, info.context.language) or self.model.state

    @strawberry.field
    def subject_type(self) -> str:
        return self.model.subject_type

    @strawberry.field
    def subject_id(self) -> str:
        return self.model.subject_id

    @strawberry.field
    async def submission(self, info: Info[Context, Any]) -> SubmissionNode | None:
        if self.model.submission_id is None:
            return None
        found = await info.context.loaders.submission.load(self.model.submission_id)
        return SubmissionNode(model=found) if found else None

    @strawberry.field
    async def customer(self, info: Info[Context, Any]) -> CustomerNode | None:
        if self.model.customer_id is None:
            return None
        found = await info.context.loaders.customer.load(self.model.customer_id)
        return CustomerNode(model=found) if found else None

    @strawberry.field
    async def assignee(self, info: Info[Context, Any]) -> UserNode | None:
        if self.model.assignee_id is None:
            return None
        found = await info.context.loaders.user.load(self.model.assignee_id)
        return UserNode(model=found) if found else None

    @strawberry.field(description="Offered to everyone in this role until someone takes it.")
    def assigned_role(self) -> str | None:
        return self.model.assigned_role

    @strawberry.field
    def due_at(self) -> datetime | None:
        return self.model.due_at

    @strawberry.field
    def is_overdue(self) -> bool:
        due = self.model.due_at
        return due is not None and self.model.closed_at is None and due <= datetime.now(UTC)

    @strawberry.field
    def escalated_at(self) -> datetime | None:
        # Kept after the escalation's move; the per-state claim alone starts empty again.
        return self.model.last_escalated_at or self.model.escalated_at

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return self.model.closed_at

    @strawberry.field(description="Send it back with fireTransition to detect concurrent moves.")
    def lock_version(self) -> int:
        return self.model.lock_version

    @strawberry.field(description="Input collected by earlier transitions, by event.")
    def data(self) -> JSON:
        return cast(JSON, self.model.data)

    @strawberry.field
    async def history(self, info: Info[Context, Any]) -> list[WorkflowStep]:
        rows = await info.context.workflow_loaders.history.load(self.model.id)
        version = await info.context.workflow_loaders.version.load(self.model.version_id)
        content = version.content if version is not None else None
        return [WorkflowStep.of(row, content, info.context.language) for row in rows]

    @strawberry.field(
        description="Whether the case takes a submission of its form now: the first one, or "
        "the corrected one after a return (the path submitForm follows from this state)."
    )
    async def takes_submission(self, info: Info[Context, Any]) -> bool:
        version = await info.context.workflow_loaders.version.load(self.model.version_id)
        return version is not None and bool(submission_path(version.content, self.model.state))

    @strawberry.field(
        description="The form to fill while the case takes a submission: its current "
        "submission's (a correction), its plan's, or the first form that starts its workflow; "
        "null when it takes none or names only a form category."
    )
    async def form_to_fill(self, info: Info[Context, Any]) -> FormNode | None:
        version = await info.context.workflow_loaders.version.load(self.model.version_id)
        if version is None or not submission_path(version.content, self.model.state):
            return None
        form_id = await form_to_fill(self.model, version)
        form = await info.context.loaders.form.load(form_id) if form_id is not None else None
        return FormNode(model=form) if form is not None else None

    @strawberry.field(description="PDF reports of this case, newest first, both languages.")
    async def reports(self, info: Info[Context, Any]) -> list[ReportInfo]:
        principal = info.context.principal
        if not allows(principal, Permission.SUBMISSIONS_READ):
            return []
        rows = await report_reads.reports_of_instance(principal, self.model.id)
        base = info.context.settings.issuer
        return [
            ReportInfo(
                model=row,
                base_url=base,
                settings=info.context.settings,
                viewer=principal.subject,
            )
            for row in rows
        ]

    @strawberry.field(description="What you may fire now, and why the other steps are refused.")
    async def available_transitions(self, info: Info[Context, Any]) -> list[AvailableTransition]:
        from auditportal.workflows.engine import available

        version = await info.context.workflow_loaders.version.load(self.model.version_id)
        assert version is not None
        submission, account_auditor = await subject_of(self.model)
        actor = await actor_for(info.context.principal, self.model, submission, account_auditor)
        options = available(
            version.content,
            self.model.state,
            actor,
            context=await guard_context(
                info.context.principal, self.model, submission, version.content
            ),
        )
        return [_option(option, info.context) for option in options]


@strawberry.type(description="The engine refused the step; nothing changed.")
class TransitionRefused(UserError):
    reason: str = strawberry.field(
        description="role, separation, guard, comment_required, input_missing, input_invalid, "
        "not_from_here, unknown_event or final_state."
    )
    guard_message: str | None
    errors: list[FieldError]

    @staticmethod
    def of(refusal: Refusal, context: Context, *root: PathPart) -> TransitionRefused:
        """``root``: where the fired transition's arguments sit in the caller's input."""
        message, guard = refusal_message(refusal, context)
        return TransitionRefused(
            code=ErrorCode.TRANSITION_REFUSED,
            message=message,
            reason=refusal.reason,
            guard_message=guard,
            errors=[
                field_error(FieldIssue((*root, *issue.path), issue.code, issue.params), context)
                for issue in refusal.issues
            ],
        )
