"""OAuth clients and consultant grants as GraphQL types (administrators only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.forms.types import FormNode
from auditportal.api.people import UserNode
from auditportal.api.relay import Node, to_global_id
from auditportal.auth import grants
from auditportal.auth.models import ConsultantGrant as GrantModel
from auditportal.auth.models import OAuthClient as ClientModel


@strawberry.type(name="OAuthClient", description="A registered OAuth 2.0 client.")
class OAuthClientNode(Node):
    model: strawberry.Private[ClientModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("OAuthClient", self.model.id)

    @strawberry.field(description="The client_id it authenticates with.")
    def client_id(self) -> str:
        return self.model.client_id

    @strawberry.field
    def name(self) -> str:
        return self.model.name

    @strawberry.field
    def grant_types(self) -> list[str]:
        return list(self.model.grant_types)

    @strawberry.field
    def redirect_uris(self) -> list[str]:
        return list(self.model.redirect_uris)

    @strawberry.field(description="The most a token for this client may carry.")
    def allowed_scopes(self) -> list[str]:
        return list(self.model.allowed_scopes)

    @strawberry.field(description="Whether it authenticates with a secret.")
    def confidential(self) -> bool:
        return self.model.secret_hash is not None

    @strawberry.field
    def first_party(self) -> bool:
        return self.model.first_party

    @strawberry.field
    def active(self) -> bool:
        return self.model.is_active

    @strawberry.field(description="The service account client-credentials tokens act as.")
    async def service_user(self, info: Info[Context, Any]) -> UserNode | None:
        if self.model.service_user_id is None:
            return None
        user = await info.context.loaders.user.load(self.model.service_user_id)
        return UserNode(model=user) if user else None

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at


@strawberry.type(name="ConsultantGrant", description="Read access of a consultant, until a date.")
class ConsultantGrantNode(Node):
    model: strawberry.Private[GrantModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("ConsultantGrant", self.model.id)

    @strawberry.field
    async def consultant(self, info: Info[Context, Any]) -> UserNode | None:
        user = await info.context.loaders.user.load(self.model.consultant_id)
        return UserNode(model=user) if user else None

    @strawberry.field(description="The customers whose data it opens.")
    async def customers(self, info: Info[Context, Any]) -> list[CustomerNode]:
        found = await info.context.loaders.customer.load_many(
            [UUID(str(value)) for value in self.model.customer_ids]
        )
        return [CustomerNode(model=c) for c in found if c is not None]

    @strawberry.field(description="The forms it is limited to; empty: every form.")
    async def forms(self, info: Info[Context, Any]) -> list[FormNode]:
        found = await info.context.loaders.form.load_many(
            [UUID(str(value)) for value in self.model.form_ids]
        )
        return [FormNode(model=f) for f in found if f is not None]

    @strawberry.field
    def reason(self) -> str:
        return self.model.reason

    @strawberry.field
    def expires_at(self) -> datetime:
        return self.model.expires_at

    @strawberry.field
    def revoked_at(self) -> datetime | None:
        return self.model.revoked_at

    @strawberry.field(description="Neither expired nor revoked.")
    def active(self) -> bool:
        return grants.is_active(self.model)

    @strawberry.field
    async def granted_by(self, info: Info[Context, Any]) -> UserNode | None:
        user = await info.context.loaders.user.load(self.model.granted_by_id)
        return UserNode(model=user) if user else None

    @strawberry.field
    async def revoked_by(self, info: Info[Context, Any]) -> UserNode | None:
        if self.model.revoked_by_id is None:
            return None
        user = await info.context.loaders.user.load(self.model.revoked_by_id)
        return UserNode(model=user) if user else None

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at
