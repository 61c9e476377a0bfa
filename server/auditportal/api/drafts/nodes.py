"""Drafts as Node types: only their owner resolves them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.drafts.types import FormDraftNode
from auditportal.api.node_types import NodeType
from auditportal.auth.policy import Permission
from auditportal.submissions import drafts


async def _draft(info: Info[Context, Any], object_id: UUID) -> FormDraftNode | None:
    found = await drafts.draft(info.context.principal, object_id)
    return FormDraftNode(model=found) if found else None


NODE_TYPES = {"FormDraft": NodeType(Permission.SUBMISSIONS_CREATE, _draft)}
