"""A document with several operations runs only the one ``operationName`` names.

The GraphQL spec makes a missing name an error when a document holds more than one
operation; Strawberry picks the first instead (and checks the first one's type against the
HTTP method). Refused right after parsing, before the operation type is read, so nothing
of a document whose operation is ambiguous is validated or executed.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from auditportal.i18n import translate
from auditportal.settings import Language


class OperationSelection(SchemaExtension):
    def on_parse(self) -> Iterator[None]:
        yield
        context = self.execution_context
        document = context.graphql_document
        if document is None:
            return
        names = [
            definition.name.value if definition.name else None
            for definition in document.definitions
            if isinstance(definition, OperationDefinitionNode)
        ]
        # What the request said: ``operation_name`` falls back to the first operation's
        # name, which is exactly how a nameless request ends up running the first one.
        wanted: str | None = getattr(context, "_provided_operation_name", context.operation_name)
        language: Language = getattr(context.context, "language", "en")
        if wanted is None and len(names) > 1:
            message = translate("error.operation_name_required", language, count=len(names))
        elif wanted is not None and wanted not in names:
            message = translate("error.operation_unknown", language, name=wanted[:100])
        else:
            return
        # Raised from the parsing step, it becomes the request's only error.
        raise GraphQLError(message, extensions={"code": "BAD_REQUEST"})
