"""Show expected errors as they are; replace unexpected ones with a request id.

Callers who may not read the schema (introspection is off for them) get no "Did you mean
'customer'?" suggestions either: they would disclose field, type, argument and enum value
names one guess at a time.

Expected: GraphQL validation errors (syntax, depth, aliases, tokens, unknown fields), our
``ExpectedGraphQLError`` and ``DomainError`` raised from resolvers (rendered in the
caller's language). Everything else is logged with its traceback and the request id, and
the client sees only a translated message carrying that id.
"""

from __future__ import annotations

import logging
import re

from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from tortoise.exceptions import ValidationError as StorageRefused

from auditportal.api.context import Context
from auditportal.api.errors import ExpectedGraphQLError, as_graphql_error, storage_refusal
from auditportal.api.scalars import InputRefused
from auditportal.auth.policy import may_introspect
from auditportal.auth.principal import ANONYMOUS
from auditportal.errors import DomainError

logger = logging.getLogger("auditportal.graphql")

# graphql-core's suggestions (pyutils.did_you_mean) end the message: " Did you mean ...?"
_SUGGESTION = re.compile(r"\s*Did you mean .*\?\s*$", re.DOTALL)


def without_suggestions(message: str) -> str:
    return _SUGGESTION.sub("", message)


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=self._is_unexpected)

    @staticmethod
    def _is_unexpected(error: GraphQLError) -> bool:
        original = error.original_error
        if original is None or isinstance(
            original, ExpectedGraphQLError | DomainError | StorageRefused
        ):
            return False
        return not isinstance(original, GraphQLError)

    def _context(self) -> Context | None:
        context = self.execution_context.context
        return context if isinstance(context, Context) else None

    def _may_see_schema(self) -> bool:
        context = self.execution_context.context
        principal = getattr(context, "principal", ANONYMOUS)
        settings = getattr(context, "settings", None)
        return may_introspect(principal, debug=bool(settings is not None and settings.debug))

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        context = self._context()
        processed: list[GraphQLError] = []
        if not self._may_see_schema():
            errors = [self._without_suggestions(error) for error in errors]
        for error in errors:
            original = error.original_error
            if isinstance(original, StorageRefused) and context is not None:
                # A query argument no column can hold (a filter value longer than it).
                issue = storage_refusal(original).issues[0]
                processed.append(
                    GraphQLError(
                        context.t(issue.code, **issue.params),
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "BAD_USER_INPUT"},
                    )
                )
            elif isinstance(original, InputRefused) and context is not None:
                # graphql-core names the variable and the place in front of our message
                # ("Variable '$input' has invalid value at .amount: ..."): keep that.
                english = original.message
                prefix = error.message[: -len(english)] if error.message.endswith(english) else ""
                processed.append(
                    GraphQLError(
                        prefix + original.translated(context.language),
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "BAD_USER_INPUT"},
                    )
                )
            elif isinstance(original, DomainError) and context is not None:
                translated = as_graphql_error(original, context)
                processed.append(
                    GraphQLError(
                        translated.message,
                        nodes=error.nodes,
                        path=error.path,
                        extensions=translated.extensions,
                    )
                )
            elif self.should_mask_error(error):
                processed.append(self.anonymise_error(error))
            else:
                processed.append(error)
        return processed

    @staticmethod
    def _without_suggestions(error: GraphQLError) -> GraphQLError:
        message = without_suggestions(error.message)
        if message == error.message:
            return error
        # A new error: validation errors are cached objects shared by requests.
        return GraphQLError(
            message,
            nodes=error.nodes,
            path=error.path,
            original_error=error.original_error,
            extensions=error.extensions,
        )

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        context = self._context()
        request_id = context.request_id if context else "-"
        logger.error(
            "unexpected error in %s (request %s)",
            ".".join(str(p) for p in error.path or ()),
            request_id,
            exc_info=error.original_error,
        )
        message = (
            context.t("error.internal", request_id=request_id)
            if context
            else f"Internal error; request id {request_id}."
        )
        return GraphQLError(
            message,
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )
