"""The Strawberry ASGI view, with our context."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from auditportal.api.context import Context
from auditportal.auth.principal import ANONYMOUS
from auditportal.i18n import negotiate_language
from auditportal.settings import Settings


class GraphQLView(GraphQL[Context, None]):
    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.debug else None,
            allow_queries_via_get=False,
            # File uploads (customer imports). Safe here: callers authenticate with bearer
            # tokens, never cookies, so a cross-site form post carries no credentials.
            multipart_uploads_enabled=True,
        )
        self.settings = settings

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.scope.get("state", {})
        return Context(
            request=request if isinstance(request, Request) else None,
            response=response if isinstance(response, Response) else None,
            principal=state.get("principal", ANONYMOUS),
            language=negotiate_language(
                request.headers.get("accept-language"), self.settings.default_language
            ),
            request_id=state.get("request_id", "-"),
            settings=self.settings,
        )
