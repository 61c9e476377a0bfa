"""Query.node and Query.me: resolving any global id under the same rules as its list."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.admin.nodes import NODE_TYPES as ADMIN_NODES
from auditportal.api.admin.viewer import Viewer
from auditportal.api.context import Context
from auditportal.api.customers.nodes import NODE_TYPES as CUSTOMER_NODES
from auditportal.api.drafts.nodes import NODE_TYPES as DRAFT_NODES
from auditportal.api.exports.nodes import NODE_TYPES as EXPORT_NODES
from auditportal.api.forms.nodes import NODE_TYPES as FORM_NODES
from auditportal.api.imports.nodes import NODE_TYPES as IMPORT_NODES
from auditportal.api.inspections.nodes import NODE_TYPES as INSPECTION_NODES
from auditportal.api.jobs.nodes import NODE_TYPES as JOB_NODES
from auditportal.api.node_types import NodeType
from auditportal.api.policy import requires
from auditportal.api.relay import Node, parse_global_id
from auditportal.api.workflows.nodes import NODE_TYPES as WORKFLOW_NODES
from auditportal.auth.policy import Permission, allows

_DOMAINS: tuple[Mapping[str, NodeType], ...] = (
    FORM_NODES,
    CUSTOMER_NODES,
    WORKFLOW_NODES,
    INSPECTION_NODES,
    JOB_NODES,
    IMPORT_NODES,
    ADMIN_NODES,
    DRAFT_NODES,
    EXPORT_NODES,
)


@cache
def node_types() -> Mapping[str, NodeType]:
    """Every Node type's entry, from the domains' lists (a type listed twice is a bug)."""
    merged: dict[str, NodeType] = {}
    for domain in _DOMAINS:
        for type_name, entry in domain.items():
            if type_name in merged:
                raise RuntimeError(f"Node type {type_name} is registered twice")
            merged[type_name] = entry
    return merged


async def resolve_node(info: Info[Context, Any], global_id: str) -> Node | None:
    """The object under the rules of its own type: null when missing, not visible, or of
    a type the caller may not read."""
    type_name, object_id = parse_global_id(global_id)
    entry = node_types().get(type_name)
    if entry is None or not allows(info.context.principal, entry.permission):
        return None
    return await entry.load(info, object_id)


@strawberry.type
class NodeQueries:
    @strawberry.field(
        description="Any object by global id; null when missing or not visible to you.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def node(self, info: Info[Context, Any], id: strawberry.ID) -> Node | None:
        return await resolve_node(info, id)

    @strawberry.field(extensions=requires(Permission.SIGNED_IN))
    async def me(self, info: Info[Context, Any]) -> Viewer:
        principal = info.context.principal
        user = (
            await info.context.loaders.user.load(principal.user_id) if principal.user_id else None
        )
        return Viewer(principal=principal, account=user, language=info.context.language)
