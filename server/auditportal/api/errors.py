"""Expected errors as GraphQL types (mutation results) and as GraphQL errors (queries)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.types import Info
from tortoise.exceptions import ValidationError as StorageRefused

from auditportal.api.context import Context
from auditportal.errors import (
    Conflict as DomainConflict,
)
from auditportal.errors import (
    DomainError,
    FieldIssue,
    PathPart,
)
from auditportal.errors import (
    NotAllowed as DomainNotAllowed,
)
from auditportal.errors import (
    NotFound as DomainNotFound,
)
from auditportal.errors import (
    ValidationFailed as DomainValidationFailed,
)


@strawberry.enum(description="The kind of an expected problem a mutation reports.")
class ErrorCode(Enum):
    VALIDATION_FAILED = "validation_failed"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    TRANSITION_REFUSED = "transition_refused"


@strawberry.interface(description="An expected problem the caller can act on.")
class UserError:
    code: ErrorCode = strawberry.field(description="Stable machine-readable code.")
    message: str = strawberry.field(description="Explanation in the caller's language.")


@strawberry.type(description="One problem with one place of the input.")
class FieldError:
    path: list[str] = strawberry.field(description="Where: property names and list indexes.")
    pointer: str = strawberry.field(description="The same place as an RFC 6901 JSON Pointer.")
    code: str = strawberry.field(description="What, e.g. schema.required, schema.format.")
    message: str = strawberry.field(description="Explanation in the caller's language.")


@strawberry.type(description="The input is not valid; nothing was written.")
class ValidationFailed(UserError):
    errors: list[FieldError]


@strawberry.type(description="The caller may not do this.")
class NotAllowed(UserError):
    pass


@strawberry.type(description="The object does not exist or is not visible to the caller.")
class NotFound(UserError):
    pass


@strawberry.type(description="The object changed meanwhile or the request repeats another.")
class Conflict(UserError):
    pass


def field_error(issue: FieldIssue, context: Context) -> FieldError:
    return FieldError(
        path=[str(part) for part in issue.path],
        pointer=issue.pointer,
        code=issue.code,
        message=context.t(issue.code, **issue.params),
    )


def as_result(
    error: DomainError, context: Context
) -> ValidationFailed | NotAllowed | NotFound | Conflict:
    """The mutation-result member for an expected error."""
    message = context.t(error.message_key, **error.params)
    if isinstance(error, DomainValidationFailed):
        return ValidationFailed(
            code=ErrorCode.VALIDATION_FAILED,
            message=message,
            errors=[field_error(issue, context) for issue in error.issues],
        )
    if isinstance(error, DomainNotAllowed):
        return NotAllowed(code=ErrorCode.NOT_ALLOWED, message=message)
    if isinstance(error, DomainNotFound):
        return NotFound(code=ErrorCode.NOT_FOUND, message=message)
    if isinstance(error, DomainConflict):
        return Conflict(code=ErrorCode.CONFLICT, message=message)
    raise error


class ExpectedGraphQLError(GraphQLError):
    """A GraphQL error the client should see as is (never masked)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, extensions={"code": code})


def as_graphql_error(error: DomainError, context: Context) -> ExpectedGraphQLError:
    return ExpectedGraphQLError(context.t(error.message_key, **error.params), error.code.upper())


USER_ERROR_TYPES = (ValidationFailed, NotAllowed, NotFound, Conflict)


R = TypeVar("R")


async def run_mutation(
    info: Info[Context, Any], action: Callable[[], Awaitable[R]], *root: PathPart
) -> R | Any:
    """Run a mutation's service call; expected errors become the result's error members
    (typed ``Any``: each mutation's union lists the members its service can raise).

    ``root``: the argument the field paths are relative to, ``"input"`` for every mutation
    (each takes one ``input``), so that clients get paths from the top of their variables:
    ``["input", "answers", "contractAmount"]``. Inside the action, paths are relative to
    the input; a service that reports paths relative to one field of it (a definition,
    the answers) is called through ``under``.
    """
    try:
        return await action()
    except DomainValidationFailed as error:
        return as_result(error.under(*root), info.context)
    except DomainError as error:
        return as_result(error, info.context)
    except StorageRefused as error:
        return as_result(storage_refusal(error).under(*root), info.context)


_TOO_LONG = re.compile(r"^(?P<field>\w+): Length of .* (?P<length>\d+) > (?P<max>\d+)$", re.DOTALL)


def storage_refusal(error: StorageRefused) -> DomainValidationFailed:
    """A value a column cannot hold (the model's validators refused it at save or in a
    filter), as a typed validation error at the input field of the same name: the value
    itself is never echoed (it may be long, or sensitive)."""
    text = str(error)
    field, _, _ = text.partition(":")
    parts = field.strip().split("_")
    name = parts[0] + "".join(part.title() for part in parts[1:])
    match = _TOO_LONG.match(text)
    issue = (
        FieldIssue((name,), "input.too_long", {"max": int(match.group("max"))})
        if match
        else FieldIssue((name,), "input.not_storable")
    )
    return DomainValidationFailed("error.invalid_input", [issue], count=1)


async def under(field: PathPart, call: Awaitable[R]) -> R:
    """Await a service call whose field paths are relative to one field of the input (the
    form definition, the answers): its ValidationFailed comes out with paths below it."""
    try:
        return await call
    except DomainValidationFailed as error:
        raise error.under(field) from None
