"""Query.me: who is calling, with what the web portal's shell needs to draw itself."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.forms.types import FormNode
from auditportal.api.people import UserNode
from auditportal.auth import grants as grant_reads
from auditportal.auth.models import User
from auditportal.auth.policy import Permission, allows
from auditportal.auth.principal import Principal, Role


@strawberry.type(description="What a consultant's active grants open, together.")
class ConsultantGrantSummary:
    summary: strawberry.Private[grant_reads.GrantSummary]

    @strawberry.field(description="Active grants.")
    def grants(self) -> int:
        return self.summary.grants

    @strawberry.field(description="Customers the grants open.")
    def customers_count(self) -> int:
        return len(self.summary.customer_ids)

    @strawberry.field(description="The forms the grants are limited to; empty: every form.")
    async def forms(self, info: Info[Context, Any]) -> list[FormNode]:
        found = await info.context.loaders.form.load_many(sorted(self.summary.form_ids, key=str))
        return [FormNode(model=form) for form in found if form is not None]

    @strawberry.field(description="When the first active grant ends: access narrows then.")
    def expires_at(self) -> datetime:
        return self.summary.expires_at

    @strawberry.field(description="When the last active grant ends: all access ends then.")
    def last_expires_at(self) -> datetime:
        return self.summary.last_expires_at


@strawberry.type(description="Who is calling.")
class Viewer:
    principal: strawberry.Private[Principal]
    account: strawberry.Private[User | None]
    language: str = strawberry.field(description="The language of this request's answers.")

    @strawberry.field
    def user(self) -> UserNode | None:
        return UserNode(model=self.account) if self.account else None

    @strawberry.field
    def role(self) -> Role | None:
        return self.principal.role

    @strawberry.field(description="The caller's roles (one today; a list so that it may grow).")
    def roles(self) -> list[Role]:
        return [self.principal.role] if self.principal.role else []

    @strawberry.field
    def scopes(self) -> list[str]:
        return sorted(self.principal.scopes)

    @strawberry.field(
        description="The permission codes the caller holds with this token (role and scopes): "
        "what the portal may offer them."
    )
    def permissions(self) -> list[str]:
        return sorted(p.value for p in Permission if allows(self.principal, p))

    @strawberry.field
    def display_name(self) -> str:
        if self.account is None:
            return self.principal.username or self.principal.subject
        return self.account.display_name or self.account.username

    @strawberry.field(description="The account's preferred language (zh-CN or en).")
    def locale(self) -> str:
        return self.account.preferred_language if self.account else self.language

    @strawberry.field(
        description="Signed in with a one-time password: changePassword before anything else."
    )
    def must_change_password(self) -> bool:
        return bool(self.account and self.account.must_change_password)

    @strawberry.field(description="For a consultant: what their active grants open, until when.")
    async def consultant_grant(self) -> ConsultantGrantSummary | None:
        summary = await grant_reads.own_grant_summary(self.principal)
        return ConsultantGrantSummary(summary=summary) if summary else None

    @strawberry.field(description="For a customer's user: their customer.")
    async def customer(self, info: Info[Context, Any]) -> CustomerNode | None:
        if self.principal.role is not Role.CUSTOMER or self.principal.customer_id is None:
            return None
        found = await info.context.loaders.customer.load(self.principal.customer_id)
        return CustomerNode(model=found) if found else None
