"""DataLoaders, one set per request: N objects' relations cost one query per relation.

For consultants every loader also notes what it returned (one ``consultant.read`` event
per record, appended once after execution by ``api.read_log``); other callers' loaders do
not touch the trail, so their reads cost no extra query.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from strawberry.dataloader import DataLoader

from auditportal.audit import reads as read_audit
from auditportal.auth import users
from auditportal.auth.models import User
from auditportal.auth.policy import Permission, allows, reads_are_audited
from auditportal.auth.principal import Principal, Role
from auditportal.customers import service as customers
from auditportal.customers.models import Customer
from auditportal.forms import queries as form_queries
from auditportal.forms import reads as form_reads
from auditportal.forms import references as form_references
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.inspections import queries as inspection_queries
from auditportal.inspections.models import InspectionPlan
from auditportal.jobs import queries as job_queries
from auditportal.jobs.models import JobRun
from auditportal.workflows import queries as workflow_queries
from auditportal.workflows.models import WorkflowInstance

V = TypeVar("V")
Fetch = Callable[[Iterable[UUID]], Awaitable[dict[UUID, V]]]


class ByIdLoader(DataLoader[UUID, V | None], Generic[V]):
    """Objects by id, batched: ``fetch`` gets every id asked for in one tick."""

    def __init__(self, fetch: Fetch[V]) -> None:
        async def load_many(keys: Sequence[UUID]) -> list[V | None]:
            found = await fetch(set(keys))
            return [found.get(key) for key in keys]

        super().__init__(load_fn=load_many)


REFERENCE_TYPES = {
    form_references.CUSTOMER: "Customer",
    form_references.SUBMISSION: "Submission",
    form_references.WORKFLOW_CASE: "WorkflowInstance",
}


def _referenced(principal: Principal, kind: str) -> Fetch[Any]:
    async def fetch(ids: Iterable[UUID]) -> dict[UUID, Any]:
        return await form_references.visible_records(principal, kind, ids)

    return fetch


class ReadAudit:
    """The records a consultant read in this request, each recorded once."""

    def __init__(self, principal: Principal) -> None:
        self.principal = principal
        self.enabled = reads_are_audited(principal)
        self._seen: set[tuple[str, str]] = set()

    async def record(self, object_type: str, objects: Iterable[Any]) -> None:
        if not self.enabled:
            return
        fresh = []
        for item in objects:
            key = (object_type, str(item.id))
            if key not in self._seen:
                self._seen.add(key)
                fresh.append(item.id)
        if fresh:
            await read_audit.note(self.principal, object_type, fresh)

    def wrap(self, object_type: str, fetch: Fetch[V]) -> Fetch[V]:
        if not self.enabled:
            return fetch

        async def fetch_and_record(ids: Iterable[UUID]) -> dict[UUID, V]:
            found = await fetch(ids)
            await self.record(object_type, found.values())
            return found

        return fetch_and_record


def _if_allowed(
    principal: Principal,
    permission: Permission,
    read: Callable[[Principal, Iterable[UUID]], Awaitable[dict[UUID, V]]],
) -> Fetch[V]:
    async def fetch(ids: Iterable[UUID]) -> dict[UUID, V]:
        return await read(principal, ids) if allows(principal, permission) else {}

    return fetch


class Loaders:
    def __init__(self, principal: Principal) -> None:
        self.reads = reads = ReadAudit(principal)
        # Forms and versions without their big JSON (draft, definition): the fields that need
        # it load it through form_draft / version_definition, once per page (issue 11).
        self.form: ByIdLoader[Form] = ByIdLoader(
            reads.wrap("Form", form_queries.form_headers_by_ids)
        )
        self.form_draft: ByIdLoader[dict[str, Any]] = ByIdLoader(form_queries.form_drafts_by_ids)
        self.form_version: ByIdLoader[FormVersion] = ByIdLoader(
            reads.wrap("FormVersion", form_queries.version_headers_by_ids)
        )
        self.version_definition: ByIdLoader[dict[str, Any]] = ByIdLoader(
            form_queries.version_definitions_by_ids
        )
        # What answers are read with (sensitive fields): not a read of the version by the caller.
        self.version_for_answers: ByIdLoader[FormVersion] = ByIdLoader(form_queries.versions_by_ids)
        self.latest_version: ByIdLoader[FormVersion] = ByIdLoader(
            reads.wrap("FormVersion", form_queries.latest_versions_by_form_ids)
        )
        self.user: ByIdLoader[User] = ByIdLoader(users.users_by_ids)
        self.customer: ByIdLoader[Customer] = ByIdLoader(
            reads.wrap("Customer", customers.customers_by_ids)
        )
        # Scoped, checked and noted by the service: a relation never opens a hidden row, and
        # is null for callers who may not read submissions at all.
        self.submission: ByIdLoader[Submission] = ByIdLoader(
            _if_allowed(principal, Permission.SUBMISSIONS_READ, form_reads.submissions_by_ids)
        )
        self.revised_by: ByIdLoader[Submission] = ByIdLoader(
            _if_allowed(principal, Permission.SUBMISSIONS_READ, form_reads.revisions_of)
        )
        self.inspection_plan: ByIdLoader[InspectionPlan] = ByIdLoader(
            inspection_queries.plans_by_ids
        )
        self.workflow_instance: ByIdLoader[WorkflowInstance] = ByIdLoader(
            workflow_queries.instances_by_ids
        )
        self.job_run: ByIdLoader[JobRun] = ByIdLoader(job_queries.runs_by_ids)
        # Records answers reference (x-reference), as the caller may see them, per kind.
        self.referenced: dict[str, ByIdLoader[Any]] = {
            kind: ByIdLoader(reads.wrap(name, _referenced(principal, kind)))
            for kind, name in REFERENCE_TYPES.items()
        }


def selected_node_fields(info: Any) -> dict[str, Any]:
    """The fields selected on a connection's rows (``nodes { ... }`` and
    ``edges { node { ... } }``), by name, fragments flattened: each name maps to its own
    sub-selection in the same form. What a list reads is chosen from this (issue 11)."""
    found: dict[str, Any] = {}
    for field in _flatten(info.selected_fields):
        for part in _flatten(field.selections):
            if part.name == "nodes":
                _merge(found, _names(part.selections))
            elif part.name == "edges":
                for edge_part in _flatten(part.selections):
                    if edge_part.name == "node":
                        _merge(found, _names(edge_part.selections))
    return found


def _flatten(selections: Iterable[Any]) -> list[Any]:
    """Fields only: inline fragments and fragment spreads opened up."""
    fields: list[Any] = []
    for selection in selections:
        if hasattr(selection, "name") and not hasattr(selection, "type_condition"):
            fields.append(selection)
        else:
            fields.extend(_flatten(selection.selections))
    return fields


def _names(selections: Iterable[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for field in _flatten(selections):
        _merge(found, {field.name: _names(field.selections)})
    return found


def _merge(into: dict[str, Any], more: dict[str, Any]) -> None:
    for name, sub in more.items():
        _merge(into.setdefault(name, {}), sub)


# --- Who took a step: the names a case's history shows (issue 10) -----------------------


@dataclass(frozen=True)
class ActorName:
    """What a history line may say about the person who acted: never a login or an e-mail."""

    user_id: UUID
    display_name: str
    username: str
    role: Role


async def _actor_names(ids: Iterable[UUID]) -> dict[UUID, ActorName]:
    rows = await User.filter(id__in=list(ids)).values("id", "display_name", "username", "role")
    return {
        row["id"]: ActorName(
            row["id"], row["display_name"] or "", row["username"], Role(row["role"])
        )
        for row in rows
    }


def actor_names(loaders: Loaders) -> ByIdLoader[ActorName]:
    """The request's loader of actor names (made on first use): every step of every case a
    request shows costs one query for all their actors together."""
    found: ByIdLoader[ActorName] | None = getattr(loaders, "_actor_names", None)
    if found is None:
        found = ByIdLoader(_actor_names)
        loaders._actor_names = found  # type: ignore[attr-defined]
    return found


K = TypeVar("K")
W = TypeVar("W")


def now_or_later(loader: DataLoader[K, V | None], key: K, wrap: Callable[[V | None], W]) -> Any:
    """``wrap`` of what ``loader`` holds for ``key``: at once (no task, no await) when the
    request already has it (a page primed it, or an earlier field loaded it), else an
    awaitable of it. For sync resolvers: GraphQL awaits what a resolver returns if it must,
    so a page of 100 rows whose relations came with the page schedules no task for them."""
    future = loader.cache_map.get(key)
    ready = future is not None and future.done() and not future.cancelled()
    if ready and future is not None and future.exception() is None:
        return wrap(future.result())

    async def later() -> W:
        return wrap(await loader.load(key))

    return later()
