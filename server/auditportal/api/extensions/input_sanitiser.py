"""One check of everything a request sends, before validation and execution.

Refused, with a translated error naming the variable or the literal's place:
- a NUL character in any string, key or literal (variables, String and JSON alike):
  PostgreSQL text and jsonb cannot hold it, so the write would fail as an internal error;
- a float literal that is not finite (``1e400`` parses as infinity: graphql-core accepts
  it as a Float). Variables cannot carry one: the request body refuses them.

Both walks are iterative and linear in the request; the body's depth is already bounded.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, FloatValueNode, GraphQLError, StringValueNode, visit
from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from auditportal.i18n import translate
from auditportal.settings import Language


def _variable_with_nul(variables: dict[str, Any]) -> str | None:
    """The name of the first variable holding a NUL anywhere (in a string or a key)."""
    for name, value in variables.items():
        pending: list[object] = [value]
        while pending:
            item = pending.pop()
            if isinstance(item, str):
                if "\x00" in item:
                    return name
            elif isinstance(item, dict):
                if any(isinstance(key, str) and "\x00" in key for key in item):
                    return name
                pending.extend(item.values())
            elif isinstance(item, list):
                pending.extend(item)
    return None


class _LiteralCheck(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.problem: tuple[str, int] | None = None

    def _found(self, key: str, node: Any) -> None:
        if self.problem is None:
            line = node.loc.source.get_location(node.loc.start).line if node.loc else 0
            self.problem = (key, line)

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if "\x00" in node.value:
            self._found("input.nul_in_literal", node)

    def enter_float_value(self, node: FloatValueNode, *_: Any) -> None:
        if not math.isfinite(float(node.value)):
            self._found("input.float_not_finite", node)


def literal_problem(document: DocumentNode) -> tuple[str, int] | None:
    check = _LiteralCheck()
    visit(document, check)
    return check.problem


class InputSanitiser(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        language: Language = getattr(context.context, "language", "en")
        message = None
        name = _variable_with_nul(context.variables or {})
        if name is not None:
            message = translate("input.nul_in_variable", language, name=name[:100])
        elif context.graphql_document is not None:
            problem = literal_problem(context.graphql_document)
            if problem is not None:
                message = translate(problem[0], language, line=problem[1])
        if message is not None:
            error = GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})
            context.pre_execution_errors = [*(context.pre_execution_errors or []), error]
        yield
