"""The Strawberry ASGI view, with our context and a request reader that refuses bad bodies.

A body Strawberry cannot take is answered with a translated JSON error and a 4xx, never a
500 or a bare English line: see ``auditportal.api.request_body`` for what is checked.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData

from auditportal.api.context import Context
from auditportal.api.request_body import BadRequest, decode_json, place_uploads, request_object
from auditportal.auth.principal import ANONYMOUS
from auditportal.i18n import negotiate_language, translate
from auditportal.settings import Language, Settings

logger = logging.getLogger("auditportal.graphql")

# Strawberry's own refusals, by their reason, in our words.
_STRAWBERRY_REASONS = {
    "Unsupported content type": "error.request_content_type",
    "No GraphQL query found in the request": "error.request_no_query",
    "GraphQL only supports GET and POST requests.": "error.request_method",
    "Unable to parse request body as JSON": "error.request_not_json",
    "Unable to parse the multipart body": "error.upload_body_invalid",
    "File(s) missing in form data": "error.upload_map_invalid",
    "The GraphQL operation's `query` must be a string or null, if provided.": (
        "error.request_query_type"
    ),
    "The GraphQL operation's `variables` must be an object or null, if provided.": (
        "error.request_variables_type"
    ),
    "The GraphQL operation's `extensions` must be an object or null, if provided.": (
        "error.request_extensions_type"
    ),
}


def _error_response(
    status: int, message: str, code: str, headers: dict[str, str] | None = None
) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


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
            language=self._language(request),
            request_id=state.get("request_id", "-"),
            settings=self.settings,
        )

    def _language(self, request: Request | WebSocket) -> Language:
        return negotiate_language(
            request.headers.get("accept-language"), self.settings.default_language
        )

    # --- reading the request ----------------------------------------------------------------

    def decode_json(self, data: str | bytes) -> object:
        return decode_json(data)

    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, Any]:
        form_data = await request.get_form_data()
        return place_uploads(form_data.form, form_data.files)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        parsed = await super().parse_http_body(request)
        if isinstance(parsed, list):  # batching is off: Strawberry refuses it already
            raise BadRequest("error.request_not_object")
        if not isinstance(parsed.operation_name, str | None):
            raise BadRequest("error.request_operation_name")
        return parsed

    def parse_json(self, data: str | bytes) -> Any:
        return request_object(decode_json(data))

    # --- answering refusals -----------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        language = self._language(request)
        try:
            response = await self.run(request)
        except BadRequest as refusal:
            message = translate(refusal.key, language, **refusal.params)
            response = _error_response(refusal.status, message, "BAD_REQUEST")
        except (HTTPException, StarletteHTTPException) as error:
            status = getattr(error, "status_code", 400)
            reason = str(getattr(error, "reason", None) or getattr(error, "detail", ""))
            key = _STRAWBERRY_REASONS.get(reason, "error.request_invalid")
            code = "METHOD_NOT_ALLOWED" if status == 405 else "BAD_REQUEST"
            if status == 404:
                code = "NOT_FOUND"
            response = _error_response(status, translate(key, language), code)
        await response(scope, receive, send)
