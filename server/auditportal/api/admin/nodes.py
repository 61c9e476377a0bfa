"""People, OAuth clients and consultant grants as Node types."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.admin.types import ConsultantGrantNode, OAuthClientNode
from auditportal.api.context import Context
from auditportal.api.node_types import NodeType
from auditportal.api.people import UserNode
from auditportal.auth import client_admin, grants, users
from auditportal.auth.policy import Permission


async def _user(info: Info[Context, Any], object_id: UUID) -> UserNode | None:
    found = await users.visible_user(info.context.principal, object_id)
    return UserNode(model=found) if found else None


async def _client(info: Info[Context, Any], object_id: UUID) -> OAuthClientNode | None:
    found = await client_admin.client(info.context.principal, object_id)
    return OAuthClientNode(model=found) if found else None


async def _grant(info: Info[Context, Any], object_id: UUID) -> ConsultantGrantNode | None:
    found = await grants.grant(info.context.principal, object_id)
    return ConsultantGrantNode(model=found) if found else None


NODE_TYPES = {
    # Everyone signed in may fetch their own account; users.read opens the others.
    "User": NodeType(Permission.SIGNED_IN, _user),
    "OAuthClient": NodeType(Permission.CLIENTS_MANAGE, _client),
    "ConsultantGrant": NodeType(Permission.GRANTS_MANAGE, _grant),
}
