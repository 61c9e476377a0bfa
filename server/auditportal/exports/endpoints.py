"""``GET /exports/{kind}.{csv|xlsx}?filters=<json>&language=``: a small export streamed
straight out; ``GET /exports/files/{id}``: the finished file of one of the caller's exports.

The bearer token is checked by the middleware; both go through the export service, so the
same policy and row scope apply as in the job. Anonymous callers get 401; what the caller
may not see is 404 (no existence leak); an export too large to stream is 413.
"""

from __future__ import annotations

import json
from uuid import UUID

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from auditportal.auth.principal import ANONYMOUS, Principal
from auditportal.errors import DomainError, NotAllowed, NotFound, ValidationFailed
from auditportal.exports import service
from auditportal.exports.models import ExportFormat
from auditportal.exports.writer import MEDIA_TYPES
from auditportal.i18n import negotiate_language, translate
from auditportal.settings import Language, Settings

_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _error(
    request: Request, settings: Settings, status: int, code: str, key: str, **params: object
) -> JSONResponse:
    language = negotiate_language(request.headers.get("accept-language"), settings.default_language)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    return JSONResponse(
        {"errors": [{"message": translate(key, language, **params), "extensions": {"code": code}}]},
        status_code=status,
        headers=headers,
    )


def _domain_error(request: Request, settings: Settings, exc: DomainError) -> JSONResponse:
    if isinstance(exc, NotAllowed) and exc.message_key == "export.too_large_to_stream":
        return _error(request, settings, 413, "TOO_LARGE", exc.message_key, **exc.params)
    if isinstance(exc, ValidationFailed):
        return _error(request, settings, 400, "VALIDATION_FAILED", exc.message_key, **exc.params)
    if isinstance(exc, NotAllowed):
        return _error(request, settings, 403, "NOT_ALLOWED", exc.message_key, **exc.params)
    if isinstance(exc, NotFound):
        return _error(request, settings, 404, "NOT_FOUND", exc.message_key, **exc.params)
    return _error(request, settings, 400, exc.code.upper(), exc.message_key, **exc.params)


def _principal(request: Request) -> Principal:
    found: Principal = request.scope.get("state", {}).get("principal", ANONYMOUS)
    return found


def _attachment(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"export\"; filename*=UTF-8''{quote(name)}"


async def stream(request: Request, settings: Settings) -> Response:
    principal = _principal(request)
    if not principal.is_authenticated:
        return _error(request, settings, 401, "UNAUTHENTICATED", "error.unauthenticated")
    kind_name, file_format = request.path_params["kind"], request.path_params["format"]
    try:
        fmt = ExportFormat(file_format)
        filters = json.loads(request.query_params.get("filters") or "{}")
        if not isinstance(filters, dict):
            raise ValueError
    except ValueError:
        return _error(request, settings, 400, "VALIDATION_FAILED", "export.bad_filter")
    asked = request.query_params.get("language")
    language: Language = (
        asked
        if asked in ("zh-CN", "en")  # type: ignore[assignment]
        else negotiate_language(request.headers.get("accept-language"), settings.default_language)
    )
    try:
        found = await service.stream_export(principal, kind_name, filters, fmt, language, settings)
    except DomainError as exc:
        return _domain_error(request, settings, exc)
    return StreamingResponse(
        found.chunks,
        media_type=MEDIA_TYPES[fmt],
        headers={**_HEADERS, "Content-Disposition": _attachment(found.file_name)},
    )


async def download(request: Request, settings: Settings) -> Response:
    principal = _principal(request)
    if not principal.is_authenticated:
        return _error(request, settings, 401, "UNAUTHENTICATED", "error.unauthenticated")
    try:
        export_id = UUID(request.path_params["export_id"])
    except ValueError:
        return _error(request, settings, 404, "NOT_FOUND", "export.not_found")
    try:
        export, chunks = await service.download(principal, export_id, settings)
    except DomainError as exc:
        return _domain_error(request, settings, exc)
    headers = {**_HEADERS, "Content-Disposition": _attachment(export.file_name)}
    if export.byte_size is not None:
        headers["Content-Length"] = str(export.byte_size)
    if export.sha256:
        headers["X-Content-SHA256"] = export.sha256
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[export.file_format], headers=headers)


def export_routes(settings: Settings) -> list[Route]:
    async def streamed(request: Request) -> Response:
        return await stream(request, settings)

    async def downloaded(request: Request) -> Response:
        return await download(request, settings)

    return [
        Route("/exports/files/{export_id}", downloaded, methods=["GET"]),
        Route("/exports/{kind}.{format}", streamed, methods=["GET"]),
    ]
