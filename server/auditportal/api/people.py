"""Users and customers as they appear next to forms and submissions."""

from __future__ import annotations

import strawberry

from auditportal.api.relay import Node, to_global_id
from auditportal.auth.models import User as UserModel
from auditportal.auth.principal import Role
from auditportal.customers.models import Customer as CustomerModel

strawberry.enum(Role, name="Role")


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


@strawberry.type(name="Customer", description="An audited customer.")
class CustomerNode(Node):
    model: strawberry.Private[CustomerModel]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return to_global_id("Customer", self.model.id)

    @strawberry.field(description="The customer's code, e.g. its CRM id.")
    def code(self) -> str:
        return self.model.code

    @strawberry.field
    def name(self) -> str:
        return self.model.name
