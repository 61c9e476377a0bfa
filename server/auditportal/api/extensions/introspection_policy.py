"""Schema introspection (``__schema``, ``__type``) only for admins, unless in debug mode.

The check runs at validation time, after the (cached) standard validation, and depends on
the caller, so it is never cached with the document. ``__typename`` stays available.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.language import FragmentSpreadNode, InlineFragmentNode
from strawberry.extensions import SchemaExtension

from auditportal.auth.policy import may_introspect
from auditportal.auth.principal import ANONYMOUS
from auditportal.i18n import translate
from auditportal.settings import Language

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


def _selects_introspection(selection_set: SelectionSetNode | None) -> bool:
    if selection_set is None:
        return False
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value in INTROSPECTION_FIELDS:
                return True
            if _selects_introspection(selection.selection_set):
                return True
        elif isinstance(selection, InlineFragmentNode):
            if _selects_introspection(selection.selection_set):
                return True
        elif isinstance(selection, FragmentSpreadNode):
            continue  # fragment definitions are walked on their own
    return False


def uses_introspection(document: DocumentNode) -> bool:
    return any(
        isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode)
        and _selects_introspection(definition.selection_set)
        for definition in document.definitions
    )


class IntrospectionPolicy(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        request = context.context
        if document is not None and uses_introspection(document):
            # Without our request context (a direct schema.execute), nobody is signed in.
            principal = getattr(request, "principal", ANONYMOUS)
            settings = getattr(request, "settings", None)
            debug = bool(settings is not None and settings.debug)
            if not may_introspect(principal, debug=debug):
                code = "FORBIDDEN" if principal.is_authenticated else "UNAUTHENTICATED"
                language: Language = getattr(request, "language", "en")
                message = translate("error.introspection_disabled", language)
                error = GraphQLError(message, extensions={"code": code})
                # A new list: the earlier errors may be a cached object shared by requests.
                context.pre_execution_errors = [*(context.pre_execution_errors or []), error]
        yield
