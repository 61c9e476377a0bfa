"""``GET /files/{id}`` and ``GET /files/{id}/thumbnail``: evidence, to whoever may see it.

The bearer token is checked by the middleware (the principal is in the request state);
anonymous callers get 401. An attachment outside the caller's scope answers 404, the same
as one that does not exist. The stored type is the sniffed one; ``nosniff`` keeps browsers
from guessing another, and the download name is given both as ASCII and RFC 5987 UTF-8,
so a Chinese file name arrives intact and no name can break the header.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from urllib.parse import quote
from uuid import UUID

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from auditportal.auth.policy import Permission, allows
from auditportal.auth.principal import ANONYMOUS, Principal
from auditportal.evidence import reads
from auditportal.evidence.images import THUMBNAIL_TYPE
from auditportal.i18n import negotiate_language, translate
from auditportal.settings import Settings
from auditportal.storage import NotStored, storage_for

# Shown in the browser; anything else is downloaded.
_INLINE = ("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf")


def _error(request: Request, settings: Settings, status: int, code: str, key: str) -> JSONResponse:
    language = negotiate_language(request.headers.get("accept-language"), settings.default_language)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    return JSONResponse(
        {"errors": [{"message": translate(key, language), "extensions": {"code": code}}]},
        status_code=status,
        headers=headers,
    )


def content_disposition(file_name: str, content_type: str) -> str:
    kind = "inline" if content_type in _INLINE else "attachment"
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", file_name)[:150] or "file"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name, safe='')}"


async def _download(request: Request, settings: Settings, *, thumbnail: bool) -> Response:
    principal: Principal = request.scope.get("state", {}).get("principal", ANONYMOUS)
    if principal.role is None and not principal.is_system:
        return _error(request, settings, 401, "UNAUTHENTICATED", "error.unauthenticated")
    try:
        attachment_id = UUID(request.path_params["attachment_id"])
    except ValueError:
        return _error(request, settings, 404, "NOT_FOUND", "file.not_found")
    found = (
        await reads.attachment(principal, attachment_id)
        if allows(principal, Permission.SUBMISSIONS_READ)
        else None
    )
    if found is None:
        return _error(request, settings, 404, "NOT_FOUND", "file.not_found")
    if thumbnail:
        if found.thumbnail_key is None:
            status = 404 if not found.content_type.startswith("image/") else 409
            key = "file.not_found" if status == 404 else "file.thumbnail_pending"
            return _error(
                request, settings, status, "NOT_FOUND" if status == 404 else "PENDING", key
            )
        key, content_type, size = found.thumbnail_key, THUMBNAIL_TYPE, None
    else:
        key, content_type, size = found.storage_key, found.content_type, found.byte_size
    storage = storage_for(settings)
    chunks = storage.stream(key)
    try:
        first = await anext(chunks)
    except NotStored:
        return _error(request, settings, 404, "NOT_FOUND", "file.not_found")
    except StopAsyncIteration:
        first = b""

    async def body() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk

    headers = {
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Content-Disposition": content_disposition(
            found.file_name if not thumbnail else f"thumbnail-{found.file_name}.jpg", content_type
        ),
        "ETag": f'"{found.sha256}"' if not thumbnail else f'"t-{found.sha256}"',
    }
    if size is not None:
        headers["Content-Length"] = str(size)
    return StreamingResponse(body(), media_type=content_type, headers=headers)


def file_routes(settings: Settings) -> list[Route]:
    async def original(request: Request) -> Response:
        return await _download(request, settings, thumbnail=False)

    async def small(request: Request) -> Response:
        return await _download(request, settings, thumbnail=True)

    return [
        Route("/files/{attachment_id}", original, methods=["GET"]),
        Route("/files/{attachment_id}/thumbnail", small, methods=["GET"]),
    ]
