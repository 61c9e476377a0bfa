"""Permissions declared on fields: ``extensions=[requires(Permission.X)]``.

The permission is published in the field's description ("Requires: customers.read (roles:
...; OAuth scope customers:read).") so that third-party developers see it in the SDL.

The check itself lives in ``auditportal.auth.policy``. A denied mutation whose result
union has ``NotAllowed`` gets that member; anything else gets a FORBIDDEN (or
UNAUTHENTICATED) GraphQL error. Every root field must carry one of these; a test holds
the schema to it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.types import Info
from strawberry.types.field import StrawberryField
from strawberry.types.union import StrawberryUnion

from auditportal.api.context import Context
from auditportal.api.errors import ErrorCode, ExpectedGraphQLError, NotAllowed
from auditportal.auth.policy import PERMISSION_SCOPES, ROLE_PERMISSIONS, Permission, allows
from auditportal.auth.principal import Role


def permission_note(permission: Permission) -> str:
    """What a field needs, as the published schema tells third-party developers."""
    if permission is Permission.SIGNED_IN:
        return "Requires: any signed-in caller."
    roles = ", ".join(role.value for role in Role if permission in ROLE_PERMISSIONS[role])
    scope = PERMISSION_SCOPES[permission]
    scope_part = f"; OAuth scope {scope}" if scope else ""
    return f"Requires: {permission.value} (roles: {roles}{scope_part})."


class PolicyExtension(FieldExtension):
    def __init__(self, permission: Permission) -> None:
        self.permission = permission
        self._returns_not_allowed = False
        self._own_description: str | None = None
        self._described = False

    def apply(self, field: StrawberryField) -> None:
        # The permission goes into the field's published description. apply runs once per
        # schema built from the same field, so the field's own text is kept aside.
        if not self._described:
            self._own_description, self._described = field.description, True
        note = permission_note(self.permission)
        field.description = f"{self._own_description} {note}" if self._own_description else note
        field_type = field.type
        if isinstance(field_type, StrawberryUnion):
            self._returns_not_allowed = any(
                getattr(member, "__strawberry_definition__", None)
                is getattr(NotAllowed, "__strawberry_definition__", False)
                for member in field_type.types
            )

    def _denied(self, info: Info[Context, Any]) -> Any:
        context = info.context
        if not context.principal.is_authenticated:
            message, code = context.t("error.unauthenticated"), "UNAUTHENTICATED"
        else:
            message, code = context.t("error.not_allowed"), "FORBIDDEN"
        if self._returns_not_allowed:
            return NotAllowed(code=ErrorCode.NOT_ALLOWED, message=message)
        raise ExpectedGraphQLError(message, code)

    def resolve(
        self, next_: Callable[..., Any], source: Any, info: Info[Context, Any], **kwargs: Any
    ) -> Any:
        if not allows(info.context.principal, self.permission):
            return self._denied(info)
        return next_(source, info, **kwargs)

    async def resolve_async(
        self,
        next_: Callable[..., Awaitable[Any]],
        source: Any,
        info: Info[Context, Any],
        **kwargs: Any,
    ) -> Any:
        if not allows(info.context.principal, self.permission):
            return self._denied(info)
        return await next_(source, info, **kwargs)


def requires(permission: Permission) -> list[FieldExtension]:
    return [PolicyExtension(permission)]
