"""Users and customers as they appear next to forms and submissions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.relay import Node, to_global_id
from auditportal.auth.models import User as UserModel
from auditportal.auth.policy import Permission, allows
from auditportal.auth.principal import Role

if TYPE_CHECKING:
    from auditportal.api.customers.types import CustomerNode

strawberry.enum(Role, name="Role")


def __getattr__(name: str) -> Any:
    # CustomerNode moved to api/customers/types.py; importing it from here still works.
    if name == "CustomerNode":
        from auditportal.api.customers.types import CustomerNode

        return CustomerNode
    raise AttributeError(name)


@strawberry.type(name="User", description="A person or tool with an account.")
class UserNode(Node):
    model: strawberry.Private[UserModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("User", self.model.id)

    @strawberry.field
    def username(self) -> str:
        return self.model.username

    @strawberry.field
    def display_name(self) -> str:
        return self.model.display_name

    @strawberry.field
    def role(self) -> Role:
        return self.model.role

    def _private(self, info: Info[Context, Any]) -> bool:
        principal = info.context.principal
        return not (allows(principal, Permission.USERS_READ) or principal.user_id == self.model.id)

    @strawberry.field(description="Only for user administrators and the user themself.")
    def email(self, info: Info[Context, Any]) -> str | None:
        return None if self._private(info) else self.model.email

    @strawberry.field(description="Whether the account may sign in.")
    def active(self) -> bool:
        return self.model.is_active

    @strawberry.field(description="The customer a customer user belongs to.")
    async def customer(
        self, info: Info[Context, Any]
    ) -> Annotated[CustomerNode, strawberry.lazy("auditportal.api.customers.types")] | None:
        from auditportal.api.customers.types import CustomerNode

        if self.model.customer_id is None or self._private(info):
            return None
        customer = await info.context.loaders.customer.load(self.model.customer_id)
        return CustomerNode(model=customer) if customer else None

    @strawberry.field(description="When the password was last set (administrators, the user).")
    def password_changed_at(self, info: Info[Context, Any]) -> datetime | None:
        return None if self._private(info) else self.model.password_changed_at

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at
