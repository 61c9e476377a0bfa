"""``GET /reports/{id}``: a rendered report as a PDF, to whoever may see it.

The bearer token is checked by the middleware (the principal is in the request state).
Anonymous callers get 401 unless the query is a valid signed link (``reports.links``); a
report outside the caller's row scope (``reports.queries``) is 404, the same answer as a
report that does not exist or is not rendered yet. A consultant's download is a read in
the audit trail, like every record they see.
"""

from __future__ import annotations

from uuid import UUID

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from auditportal.auth.policy import Permission, allows
from auditportal.auth.principal import ANONYMOUS, Principal
from auditportal.i18n import negotiate_language, translate
from auditportal.reports import links, reads
from auditportal.reports.models import Report, ReportStatus
from auditportal.reports.service import legacy_report_path
from auditportal.settings import Settings
from auditportal.storage import storage_for


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
    try:
        report_id = UUID(request.path_params["report_id"])
    except ValueError:
        return _error(request, settings, 404, "NOT_FOUND", "report.not_found")
    query = request.query_params
    signed = "signature" in query and links.check(
        settings,
        report_id,
        query.get("by", ""),
        query.get("expires", ""),
        query.get("signature", ""),
    )
    if principal.role is None and not principal.is_system and not signed:
        return _error(request, settings, 401, "UNAUTHENTICATED", "error.unauthenticated")
    if signed:
        report = await Report.get_or_none(id=report_id)
    else:
        report = (
            await reads.report(principal, report_id)
            if allows(principal, Permission.SIGNED_IN)
            else None
        )
    if report is None or report.status != ReportStatus.DONE:
        return _error(request, settings, 404, "NOT_FOUND", "report.not_found")
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    if report.storage_key:
        storage = storage_for(settings)
        if await storage.stat(report.storage_key) is None:
            return _error(request, settings, 404, "NOT_FOUND", "report.not_found")
        disposition = f'attachment; filename="{report.file_name}"'
        return StreamingResponse(
            storage.stream(report.storage_key),
            media_type="application/pdf",
            headers={**headers, "Content-Disposition": disposition},
        )
    path = legacy_report_path(report.id, settings)
    if not path.is_file():
        return _error(request, settings, 404, "NOT_FOUND", "report.not_found")
    return FileResponse(
        path,
        media_type="application/pdf",
        filename=report.file_name,
        content_disposition_type="attachment",
        headers=headers,
    )


def report_routes(settings: Settings) -> list[Route]:
    async def download(request: Request) -> Response:
        return await download_report(request, settings)

    return [Route("/reports/{report_id}", download, methods=["GET"])]
