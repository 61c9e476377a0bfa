"""Permissions declared on fields: ``extensions=[requires(Permission.X)]``.

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
from auditportal.auth.policy import Permission, allows


class PolicyExtension(FieldExtension):
    def __init__(self, permission: Permission) -> None:
        self.permission = permission
        self._returns_not_allowed = False

    def apply(self, field: StrawberryField) -> None:
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
