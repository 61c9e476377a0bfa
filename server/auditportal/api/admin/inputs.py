"""Filters and mutation inputs of administration."""

from __future__ import annotations

from datetime import datetime

import strawberry

from auditportal.auth.principal import Role


@strawberry.input
class UserFilter:
    role: Role | None = None
    customer_id: strawberry.ID | None = None
    active: bool | None = None
    search: str | None = strawberry.field(
        default=None, description="Part of the username, display name or email."
    )


@strawberry.input
class ConsultantGrantFilter:
    consultant_id: strawberry.ID | None = None
    active_only: bool = False


@strawberry.input
class CreateUserInput:
    username: str
    role: Role
    display_name: str = ""
    email: str | None = None
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Required for customer users, refused for other roles."
    )
    password: str | None = strawberry.field(
        default=None, description="Initial password; without one, reset it later."
    )


@strawberry.input
class UpdateUserInput:
    user_id: strawberry.ID
    display_name: str | None = None
    email: str | None = strawberry.field(default=None, description="An empty string clears it.")
    role: Role | None = None
    customer_id: strawberry.ID | None = None
    active: bool | None = None


@strawberry.input
class ResetUserPasswordInput:
    user_id: strawberry.ID


@strawberry.input
class ChangeMyPasswordInput:
    current_password: str
    new_password: str


@strawberry.input
class RegisterOAuthClientInput:
    client_id: str
    name: str
    grant_types: list[str] = strawberry.field(
        description="authorization_code, refresh_token, client_credentials."
    )
    redirect_uris: list[str] = strawberry.field(default_factory=list)
    allowed_scopes: list[str] = strawberry.field(default_factory=list)
    confidential: bool = True


@strawberry.input
class DeactivateOAuthClientInput:
    client_id: strawberry.ID = strawberry.field(description="The client's global id.")


@strawberry.input
class GrantConsultantAccessInput:
    consultant_id: strawberry.ID
    customer_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    form_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Empty: every form of the customers."
    )
    expires_at: datetime
    reason: str = ""


@strawberry.input
class RevokeConsultantGrantInput:
    grant_id: strawberry.ID
