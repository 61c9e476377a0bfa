"""Read fields of administration: users, OAuth clients, consultant grants."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.admin import inputs
from auditportal.api.admin.types import ConsultantGrantNode, OAuthClientNode
from auditportal.api.context import Context
from auditportal.api.people import UserNode
from auditportal.api.policy import requires
from auditportal.api.relay import (
    Connection,
    connection_from_page,
    from_global_id,
    page_request,
)
from auditportal.auth import client_admin, grants, users
from auditportal.auth.policy import Permission


def _optional_id(value: str | None, type_name: str) -> Any:
    return from_global_id(value, type_name) if value is not None else None


@strawberry.type
class AdminQueries:
    @strawberry.field(
        description="User accounts, by username.", extensions=requires(Permission.USERS_READ)
    )
    async def users(
        self,
        info: Info[Context, Any],
        filter: inputs.UserFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[UserNode]:
        chosen = filter or inputs.UserFilter()
        found = await users.list_users(
            info.context.principal,
            users.UserFilter(
                role=chosen.role,
                customer_id=_optional_id(chosen.customer_id, "Customer"),
                active=chosen.active,
                search=chosen.search,
            ),
            page_request(info, first, after),
        )
        return connection_from_page(found, lambda user: UserNode(model=user))

    @strawberry.field(extensions=requires(Permission.USERS_READ))
    async def user(self, info: Info[Context, Any], id: strawberry.ID) -> UserNode | None:
        found = await users.visible_user(info.context.principal, from_global_id(id, "User"))
        return UserNode(model=found) if found else None

    @strawberry.field(
        description="Registered OAuth clients.", extensions=requires(Permission.CLIENTS_MANAGE)
    )
    async def oauth_clients(
        self,
        info: Info[Context, Any],
        active: bool | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[OAuthClientNode]:
        found = await client_admin.list_clients(
            info.context.principal, active, page_request(info, first, after)
        )
        return connection_from_page(found, lambda client: OAuthClientNode(model=client))

    @strawberry.field(
        description="Consultants' grants, newest first.",
        extensions=requires(Permission.GRANTS_MANAGE),
    )
    async def consultant_grants(
        self,
        info: Info[Context, Any],
        filter: inputs.ConsultantGrantFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ConsultantGrantNode]:
        chosen = filter or inputs.ConsultantGrantFilter()
        found = await grants.list_grants(
            info.context.principal,
            grants.GrantFilter(
                consultant_id=_optional_id(chosen.consultant_id, "User"),
                active_only=chosen.active_only,
            ),
            page_request(info, first, after),
        )
        return connection_from_page(found, lambda grant: ConsultantGrantNode(model=grant))
