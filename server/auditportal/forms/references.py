"""Typed references in answers: a field that names another record (``x-reference``).

A field ``{"type": "string", "format": "uuid", "x-reference": "submission"}`` holds the id
of a customer, a submission or a workflow case. On submit every referenced id must exist
and be visible to the submitter (one scoped query per kind, whatever the number of
references); otherwise the answer is refused at its path with one message for "missing"
and "not yours", so a reference cannot probe for records the submitter may not see. On
the way out the API resolves references again for the reader, as links.

Reference fields are found by the schema walk scoring and findings use (``properties``
and array ``items``), so they sit at the same paths those features report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from auditportal.auth.policy import customer_scope, submission_scope
from auditportal.auth.principal import Principal
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.errors import FieldIssue
from auditportal.forms.schema_walk import ANY_ITEM, values_at, walk_fields
from auditportal.forms.sensitive import is_envelope
from auditportal.i18n import FIELD_TITLE

CUSTOMER = "customer"
SUBMISSION = "submission"
WORKFLOW_CASE = "workflowCase"
KINDS = (CUSTOMER, SUBMISSION, WORKFLOW_CASE)

Location = tuple[str | int, ...]


# (field path, kind, title)
ReferenceField = tuple[tuple[str, ...], str, Any]


@dataclass(frozen=True)
class Reference:
    path: Location
    kind: str
    # The raw value; ``target_id`` is None when it is not a UUID.
    value: Any
    target_id: UUID | None
    title: Any = None


def reference_fields(schema: dict[str, Any]) -> list[ReferenceField]:
    """(field path, kind, title) of every field marked with a known ``x-reference``, and of
    every array whose items are (a list of linked records)."""
    found = []
    for field in walk_fields(schema):
        if field.schema.get("x-reference") in KINDS:
            found.append((field.path, field.schema["x-reference"], field.schema.get("x-title")))
        items = field.schema.get("items")
        if isinstance(items, dict) and items.get("x-reference") in KINDS:
            title = items.get("x-title") or field.schema.get("x-title")
            found.append(((*field.path, ANY_ITEM), items["x-reference"], title))
    return found


def has_references(schema: dict[str, Any]) -> bool:
    return bool(reference_fields(schema))


def references_in(
    schema: dict[str, Any], answers: Any, fields: list[ReferenceField] | None = None
) -> list[Reference]:
    """Every reference these answers hold, in document order of the schema (``fields``:
    its ``reference_fields``, when the caller has them already)."""
    found: list[Reference] = []
    for path, kind, title in reference_fields(schema) if fields is None else fields:
        for at, value in values_at(answers, path):
            if value is None or is_envelope(value):
                continue
            found.append(Reference(at, kind, value, _uuid(value), title))
    return found


def _uuid(value: Any) -> UUID | None:
    if not isinstance(value, str):
        return None
    try:
        return UUID(value)
    except ValueError:
        return None


async def visible_records(principal: Principal, kind: str, ids: Iterable[UUID]) -> dict[UUID, Any]:
    """The records of one kind among ``ids`` this caller may see, in one scoped query (a
    DataLoader's batch for the links of a whole page of submissions)."""
    # Imported here: customers and workflows import the forms domain at module level.
    from auditportal.customers.models import Customer
    from auditportal.forms.models import Submission
    from auditportal.workflows.models import WorkflowInstance

    wanted = list(ids)
    if not wanted:
        return {}
    query: Any
    if kind == CUSTOMER:
        query = scoped(Customer.all(), customer_scope(principal), ScopeFields(customer="id"))
    elif kind == SUBMISSION:
        fields = ScopeFields(
            customer="customer_id",
            submitter="submitted_by_id",
            form="form_id",
            audience="form_version__offered_to_customers",
        )
        query = scoped(Submission.all(), submission_scope(principal), fields)
    else:
        # The instances' own scope (workflows.queries): by their customer.
        query = scoped(
            WorkflowInstance.all(), submission_scope(principal), ScopeFields(customer="customer_id")
        )
    return {row.id: row for row in await query.filter(id__in=wanted)}


async def visible_targets(
    principal: Principal, references: Iterable[Reference]
) -> dict[str, set[UUID]]:
    """Per kind, which of the referenced ids this caller may see: one query per kind."""
    wanted: dict[str, set[UUID]] = {kind: set() for kind in KINDS}
    for reference in references:
        if reference.target_id is not None:
            wanted[reference.kind].add(reference.target_id)
    return {
        kind: set(await visible_records(principal, kind, ids)) if ids else set()
        for kind, ids in wanted.items()
    }


async def reference_issues(
    principal: Principal,
    schema: dict[str, Any],
    answers: Any,
    fields: list[ReferenceField] | None = None,
) -> list[FieldIssue]:
    """What is wrong with the references in these answers, at their paths."""
    references = references_in(schema, answers, fields)
    if not references:
        return []
    visible = await visible_targets(principal, references)
    issues: list[FieldIssue] = []
    for reference in references:
        zh, en = KIND_NAMES[reference.kind]
        params: dict[str, Any] = {"kind": {"zh-CN": zh, "en": en}}
        if isinstance(reference.title, dict):
            params[FIELD_TITLE] = reference.title
        if reference.target_id is None:
            issues.append(FieldIssue(reference.path, "reference.bad_id", params))
        elif reference.target_id not in visible[reference.kind]:
            issues.append(FieldIssue(reference.path, "reference.not_found", params))
    return issues


# How messages name each kind of record.
KIND_NAMES = {
    CUSTOMER: ("客户", "customer"),
    SUBMISSION: ("提交记录", "submission"),
    WORKFLOW_CASE: ("流程案件", "workflow case"),
}
