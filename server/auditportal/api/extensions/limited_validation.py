"""Refuse documents over the depth, alias and cost limits, then validate the rest (cached).

The limits run first, for every caller, signed in or not, in time linear in the document
(``auditportal.api.document_limits``): a refused document is never validated or executed,
so no request can hold the event loop for long. The standard validation that follows is
cached per document, like Strawberry's ValidationCache.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import ValidationCache

from auditportal.api.document_limits import Limits, measure
from auditportal.i18n import translate
from auditportal.settings import Language, Settings


def limits_of(settings: Settings) -> Limits:
    return Limits(
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_cost=settings.max_query_cost,
        default_page_size=settings.default_page_size,
        max_page_size=settings.max_page_size,
        list_size=settings.query_cost_list_size,
    )


class LimitedValidation(ValidationCache):
    def __init__(self, limits: Limits) -> None:
        super().__init__(maxsize=256)
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            report = measure(context.schema._schema, document, self.limits, context.variables)
            if report.refusal is not None:
                request = context.context
                # Without our request context (a direct schema.execute): English.
                language: Language = getattr(request, "language", "en")
                refusal = report.refusal
                message = translate(refusal.key, language, **refusal.params)
                context.pre_execution_errors = [
                    GraphQLError(message, extensions={"code": refusal.code})
                ]
                yield
                return
        yield from super().on_validate()
