"""Pure-ASGI middleware: request ids, body size limits, bearer authentication."""

from __future__ import annotations

import json
import re
import uuid

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from auditportal.audit.context import request_id_var
from auditportal.auth.resource import principal_from_request
from auditportal.auth.tokens import InvalidToken
from auditportal.i18n import negotiate_language, translate
from auditportal.settings import Settings

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


async def _send_json(send: Send, status: int, body: object, headers: dict[str, str]) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    raw_headers = [(b"content-type", b"application/json; charset=utf-8")]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw_headers.append((b"content-length", str(len(payload)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload})


class RequestIdMiddleware:
    """Take a sane X-Request-ID from the client or make one; echo it; expose it to logs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        offered = HTTPConnection(scope).headers.get("x-request-id", "")
        request_id = offered if _SAFE_REQUEST_ID.match(offered) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


class BodySizeLimitMiddleware:
    """Refuse bodies over the limit: by Content-Length up front, or while streaming."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        limit = self.settings.max_body_bytes
        # File uploads (multipart GraphQL requests) get their own, larger limit; every other
        # request, including a plain GraphQL POST, keeps the small one.
        content_type = connection.headers.get("content-type", "").lower()
        if scope.get("path") == "/graphql" and content_type.startswith("multipart/form-data"):
            limit = max(limit, self.settings.max_upload_bytes)
        language = negotiate_language(
            connection.headers.get("accept-language"), self.settings.default_language
        )
        body = {
            "errors": [
                {
                    "message": translate("error.body_too_large", language, limit=limit),
                    "extensions": {"code": "PAYLOAD_TOO_LARGE"},
                }
            ]
        }
        declared = connection.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_json(send, 413, body, {})
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not response_started:
                await _send_json(send, 413, body, {})


class _BodyTooLarge(Exception):
    pass


class BearerAuthMiddleware:
    """Resolve the caller once per request; a bad token is a 401, never anonymous access."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        try:
            principal = await principal_from_request(connection, self.settings)
        except InvalidToken:
            language = negotiate_language(
                connection.headers.get("accept-language"), self.settings.default_language
            )
            message = translate("error.token_invalid", language)
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 4401})
                return
            await _send_json(
                send,
                401,
                {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]},
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)
