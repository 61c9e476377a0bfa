"""Write fields of administration: each a few lines around a service call.

Problems the services report with field names come back with paths into the mutation's
``input`` (``["input", "customerIds", "0"]``), like the other mutations' input errors.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.admin import inputs
from auditportal.api.admin.types import ConsultantGrantNode, OAuthClientNode
from auditportal.api.context import Context
from auditportal.api.errors import (
    Conflict,
    NotAllowed,
    NotFound,
    ValidationFailed,
    run_mutation,
)
from auditportal.api.people import UserNode
from auditportal.api.policy import requires
from auditportal.api.relay import input_id, input_ids
from auditportal.auth import client_admin, grants, users
from auditportal.auth.policy import Permission


@strawberry.type(description="The account was created.")
class UserCreated:
    user: UserNode


@strawberry.type(description="The account was updated.")
class UserUpdated:
    user: UserNode


@strawberry.type(description="A new password was set; it is shown this once only.")
class UserPasswordReset:
    user: UserNode
    temporary_password: str


@strawberry.type(description="Your password was changed.")
class PasswordChanged:
    user: UserNode


@strawberry.type(description="The client was registered; a secret is shown this once only.")
class OAuthClientRegistered:
    client: OAuthClientNode
    client_secret: str | None


@strawberry.type(description="The client and its service account can no longer get access.")
class OAuthClientDeactivated:
    client: OAuthClientNode


@strawberry.type(description="The consultant may read what the grant names until it expires.")
class ConsultantAccessGranted:
    grant: ConsultantGrantNode


@strawberry.type(description="The grant opens nothing any more.")
class ConsultantGrantRevoked:
    grant: ConsultantGrantNode


CreateUserResult = Annotated[
    UserCreated | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("CreateUserResult"),
]
UpdateUserResult = Annotated[
    UserUpdated | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("UpdateUserResult"),
]
ResetUserPasswordResult = Annotated[
    UserPasswordReset | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("ResetUserPasswordResult"),
]
ChangeMyPasswordResult = Annotated[
    PasswordChanged | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("ChangeMyPasswordResult"),
]
RegisterOAuthClientResult = Annotated[
    OAuthClientRegistered | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("RegisterOAuthClientResult"),
]
DeactivateOAuthClientResult = Annotated[
    OAuthClientDeactivated | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("DeactivateOAuthClientResult"),
]
GrantConsultantAccessResult = Annotated[
    ConsultantAccessGranted | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("GrantConsultantAccessResult"),
]
RevokeConsultantGrantResult = Annotated[
    ConsultantGrantRevoked | ValidationFailed | NotAllowed | NotFound | Conflict,
    strawberry.union("RevokeConsultantGrantResult"),
]


# Paths of input errors are relative to the input; run_mutation roots them under "input".


@strawberry.type
class AdminMutations:
    @strawberry.mutation(extensions=requires(Permission.USERS_MANAGE))
    async def create_user(
        self, info: Info[Context, Any], input: inputs.CreateUserInput
    ) -> CreateUserResult:
        async def action() -> UserCreated:
            customer_id = (
                input_id(input.customer_id, "Customer", "customerId") if input.customer_id else None
            )
            user = await users.create_user(
                info.context.principal,
                username=input.username,
                role=input.role,
                display_name=input.display_name,
                email=input.email,
                password=input.password,
                customer_id=customer_id,
            )
            return UserCreated(user=UserNode(model=user))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.USERS_MANAGE))
    async def update_user(
        self, info: Info[Context, Any], input: inputs.UpdateUserInput
    ) -> UpdateUserResult:
        async def action() -> UserUpdated:
            user = await users.update_user(
                info.context.principal,
                input_id(input.user_id, "User", "userId"),
                users.UserChanges(
                    display_name=input.display_name,
                    email=input.email,
                    role=input.role,
                    customer_id=(
                        input_id(input.customer_id, "Customer", "customerId")
                        if input.customer_id
                        else None
                    ),
                    is_active=input.active,
                ),
            )
            return UserUpdated(user=UserNode(model=user))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Set a random password and show it once (administrators).",
        extensions=requires(Permission.USERS_MANAGE),
    )
    async def reset_user_password(
        self, info: Info[Context, Any], input: inputs.ResetUserPasswordInput
    ) -> ResetUserPasswordResult:
        async def action() -> UserPasswordReset:
            user, password = await users.reset_password(
                info.context.principal, input_id(input.user_id, "User", "userId")
            )
            return UserPasswordReset(user=UserNode(model=user), temporary_password=password)

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Change your own password (also ends a one-time password's "
        "mustChangePassword).",
        extensions=requires(Permission.OWN_PASSWORD),
    )
    async def change_password(
        self, info: Info[Context, Any], input: inputs.ChangeMyPasswordInput
    ) -> ChangeMyPasswordResult:
        async def action() -> PasswordChanged:
            user = await users.change_my_password(
                info.context.principal, input.current_password, input.new_password
            )
            return PasswordChanged(user=UserNode(model=user))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        extensions=requires(Permission.OWN_PASSWORD), deprecation_reason="Use changePassword."
    )
    async def change_my_password(
        self, info: Info[Context, Any], input: inputs.ChangeMyPasswordInput
    ) -> ChangeMyPasswordResult:
        async def action() -> PasswordChanged:
            user = await users.change_my_password(
                info.context.principal, input.current_password, input.new_password
            )
            return PasswordChanged(user=UserNode(model=user))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        name="registerOAuthClient",
        description="Register a client; a confidential client's secret is shown once.",
        extensions=requires(Permission.CLIENTS_MANAGE),
    )
    async def register_oauth_client(
        self, info: Info[Context, Any], input: inputs.RegisterOAuthClientInput
    ) -> RegisterOAuthClientResult:
        async def action() -> OAuthClientRegistered:
            registered = await client_admin.register(
                info.context.principal,
                client_admin.ClientRequest(
                    client_id=input.client_id,
                    name=input.name,
                    grant_types=input.grant_types,
                    redirect_uris=input.redirect_uris,
                    allowed_scopes=input.allowed_scopes,
                    confidential=input.confidential,
                ),
            )
            return OAuthClientRegistered(
                client=OAuthClientNode(model=registered.client), client_secret=registered.secret
            )

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        name="deactivateOAuthClient", extensions=requires(Permission.CLIENTS_MANAGE)
    )
    async def deactivate_oauth_client(
        self, info: Info[Context, Any], input: inputs.DeactivateOAuthClientInput
    ) -> DeactivateOAuthClientResult:
        async def action() -> OAuthClientDeactivated:
            client = await client_admin.deactivate(
                info.context.principal, input_id(input.client_id, "OAuthClient", "clientId")
            )
            return OAuthClientDeactivated(client=OAuthClientNode(model=client))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.GRANTS_MANAGE))
    async def grant_consultant_access(
        self, info: Info[Context, Any], input: inputs.GrantConsultantAccessInput
    ) -> GrantConsultantAccessResult:
        async def action() -> ConsultantAccessGranted:
            grant = await grants.grant_access(
                info.context.principal,
                consultant_id=input_id(input.consultant_id, "User", "consultantId"),
                customer_ids=input_ids(list(input.customer_ids), "Customer", "customerIds"),
                form_ids=input_ids(list(input.form_ids), "Form", "formIds"),
                expires_at=input.expires_at,
                reason=input.reason,
            )
            return ConsultantAccessGranted(grant=ConsultantGrantNode(model=grant))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.GRANTS_MANAGE))
    async def revoke_consultant_grant(
        self, info: Info[Context, Any], input: inputs.RevokeConsultantGrantInput
    ) -> RevokeConsultantGrantResult:
        async def action() -> ConsultantGrantRevoked:
            grant = await grants.revoke_grant(
                info.context.principal, input_id(input.grant_id, "ConsultantGrant", "grantId")
            )
            return ConsultantGrantRevoked(grant=ConsultantGrantNode(model=grant))

        return await run_mutation(info, action, "input")
