"""``GET /reports/{id}``: a rendered report as a PDF, to whoever may see its case.

The bearer token is checked by the middleware (the principal is in the request state).
Anonymous callers get 401; a report outside the caller's row scope (the submissions'
scope, by the case's customer) is 404, the same answer as a report that does not exist.
"""

from __future__ import annotations

from uuid import UUID

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from auditportal.auth.policy import Permission, allows
from auditportal.auth.principal import ANONYMOUS, Principal
from auditportal.i18n import negotiate_language, translate
from auditportal.reports import reads
from auditportal.reports.service import report_path
from auditportal.settings import Settings


def _error(request: Request, settings: Settings, status: int, code: str, key: str) -> JSONResponse:
    language = negotiate_language(request.headers.get("accept-language"), settings.default_language)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    return JSONResponse(
        {"errors": [{"message": translate(key, language), "extensions": {"code": code}}]},
        status_code=status,
        headers=headers,
    )


async def download_report(request: Request, settings: Settings) -> Response:
    principal: Principal = request.scope.get("state", {}).get("principal", ANONYMOUS)
    if principal.role is None and not principal.is_system:
        return _error(request, settings, 401, "UNAUTHENTICATED", "error.unauthenticated")
    try:
        report_id = UUID(request.path_params["report_id"])
    except ValueError:
        return _error(request, settings, 404, "NOT_FOUND", "report.not_found")
    report = (
        await reads.report(principal, report_id)
        if allows(principal, Permission.SUBMISSIONS_READ)
        else None
    )
    path = report_path(report.id, settings) if report else None
    if report is None or path is None or not path.is_file():
        return _error(request, settings, 404, "NOT_FOUND", "report.not_found")
    return FileResponse(
        path,
        media_type="application/pdf",
        filename=report.file_name,
        content_disposition_type="attachment",
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )


def report_routes(settings: Settings) -> list[Route]:
    async def download(request: Request) -> Response:
        return await download_report(request, settings)

    return [Route("/reports/{report_id}", download, methods=["GET"])]
