"""Workflow definitions: drafts, numbered immutable versions, retiring, loading from files.

The same lifecycle as forms: a bad definition is refused with every error and its path;
publishing an unchanged draft creates nothing; instances keep the version they started on.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.auth.users import actor_user
from auditportal.errors import Conflict, NotFound
from auditportal.forms.models import Form
from auditportal.schemas import canonical_hash
from auditportal.settings import Settings
from auditportal.workflows import queries
from auditportal.workflows.definition import check_workflow_definition
from auditportal.workflows.models import WorkflowDefinition, WorkflowTrigger, WorkflowVersion


async def _checked(
    definition: Any, settings: Settings, extra_workflows: set[str] | None = None
) -> dict[str, Any]:
    form_keys: list[str] = await Form.all().values_list("key", flat=True)  # type: ignore[assignment]
    forms = set(form_keys)
    workflows = await queries.definition_keys() | (extra_workflows or set())
    check_workflow_definition(
        definition,
        settings.schema_dir / "workflow-definition.schema.json",
        known_forms=forms,
        known_workflows=workflows,
    )
    return dict(definition)


async def save_draft(
    principal: Principal,
    definition: Any,
    *,
    expected_revision: int | None = None,
    extra_workflows: set[str] | None = None,
    settings: Settings,
) -> WorkflowDefinition:
    """Create the workflow, or replace its draft (compare-and-set on the draft revision)."""
    require(principal, Permission.FORMS_DESIGN)
    valid = await _checked(definition, settings, extra_workflows)
    author = await actor_user(principal)
    new_hash = canonical_hash(valid)
    async with in_transaction():
        existing = await WorkflowDefinition.select_for_update().get_or_none(key=valid["key"])
        if existing is None:
            try:
                created = await WorkflowDefinition.create(
                    key=valid["key"],
                    title=valid["title"],
                    subject=valid["subject"],
                    draft=valid,
                    draft_hash=new_hash,
                    created_by=author,
                    updated_by=author,
                )
            except IntegrityError:
                raise Conflict("workflow.key_taken", key=valid["key"]) from None
            await audit.record(
                principal, "workflow.create", "WorkflowDefinition", created.id, {"key": created.key}
            )
            return created
        if expected_revision is not None and expected_revision != existing.draft_revision:
            raise Conflict(
                "form.stale_draft", current=existing.draft_revision, expected=expected_revision
            )
        if existing.draft_hash == new_hash:
            return existing
        await WorkflowDefinition.filter(id=existing.id).update(
            draft=valid,
            draft_hash=new_hash,
            title=valid["title"],
            subject=valid["subject"],
            draft_revision=existing.draft_revision + 1,
            updated_by_id=author.id,
            updated_at=datetime.now(UTC),
        )
        await audit.record(
            principal,
            "workflow.update_draft",
            "WorkflowDefinition",
            existing.id,
            {"before": existing.draft_hash, "after": new_hash},
        )
    refreshed = await queries.definition_by_key(valid["key"])
    assert refreshed is not None
    return refreshed


@dataclass(frozen=True)
class Published:
    definition: WorkflowDefinition
    version: WorkflowVersion
    created: bool


async def publish(principal: Principal, definition_id: UUID) -> Published:
    require(principal, Permission.FORMS_DESIGN)
    publisher = await actor_user(principal)
    try:
        async with in_transaction():
            definition = await WorkflowDefinition.select_for_update().get_or_none(id=definition_id)
            if definition is None:
                raise NotFound("workflow.not_found")
            latest = await queries.latest_version(definition.id)
            if latest is not None and latest.content_hash == definition.draft_hash:
                return Published(definition, latest, created=False)
            number = definition.latest_version_number + 1
            content = definition.draft
            version = await WorkflowVersion.create(
                definition=definition,
                number=number,
                content=content,
                content_hash=definition.draft_hash,
                published_by=publisher,
                published_at=datetime.now(UTC),
            )
            starts = content.get("startsFor") or {}
            await WorkflowTrigger.bulk_create(
                [
                    WorkflowTrigger(version=version, form_category=c)
                    for c in starts.get("formCategories", [])
                ]
                + [WorkflowTrigger(version=version, form_key=k) for k in starts.get("formKeys", [])]
            )
            definition.latest_version_number = number
            await definition.save(update_fields=["latest_version_number"])
            await audit.record(
                principal,
                "workflow.publish",
                "WorkflowVersion",
                version.id,
                {"key": definition.key, "number": number, "hash": version.content_hash},
            )
    except IntegrityError:
        raise Conflict("form.publish_race") from None
    return Published(definition, version, created=True)


async def retire(principal: Principal, version_id: UUID) -> WorkflowVersion:
    require(principal, Permission.FORMS_DESIGN)
    async with in_transaction():
        version = await WorkflowVersion.select_for_update().get_or_none(id=version_id)
        if version is None:
            raise NotFound("workflow.not_found")
        if version.retired_at is not None:
            raise Conflict("form.already_retired", number=version.number)
        version.retired_at = datetime.now(UTC)
        await version.save(update_fields=["retired_at"])
        await audit.record(
            principal, "workflow.retire", "WorkflowVersion", version.id, {"number": version.number}
        )
    return version


@dataclass(frozen=True)
class LoadedWorkflow:
    key: str
    version: int
    created: bool


async def load_directory(
    principal: Principal, directory: Path, settings: Settings
) -> list[LoadedWorkflow]:
    """Load every workflows/*.json, idempotently; files may reference each other."""
    require(principal, Permission.FORMS_DESIGN)
    paths = await asyncio.to_thread(lambda: sorted(directory.glob("*.json")))
    documents = [json.loads(await asyncio.to_thread(p.read_text, encoding="utf-8")) for p in paths]
    batch = {d["key"] for d in documents if isinstance(d, dict) and isinstance(d.get("key"), str)}
    outcomes: list[LoadedWorkflow] = []
    for document in documents:
        saved = await save_draft(principal, document, extra_workflows=batch, settings=settings)
        published = await publish(principal, saved.id)
        outcomes.append(LoadedWorkflow(saved.key, published.version.number, published.created))
    return outcomes
