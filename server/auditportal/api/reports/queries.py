"""Read fields of reports: one by id, the caller's own list."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.policy import requires
from auditportal.api.reports.types import ReportInfo, ReportKind
from auditportal.auth.policy import Permission
from auditportal.reports import reads


def wrap(info: Info[Context, Any], row: Any) -> ReportInfo:
    context = info.context
    return ReportInfo(
        model=row,
        base_url=context.settings.issuer,
        settings=context.settings,
        viewer=context.principal.subject,
    )


@strawberry.type
class ReportQueries:
    @strawberry.field(
        description="A report by id; null when missing or not visible to you.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def report(self, info: Info[Context, Any], id: strawberry.ID) -> ReportInfo | None:
        try:
            report_id = UUID(str(id))
        except ValueError:
            return None
        found = await reads.report(info.context.principal, report_id)
        return wrap(info, found) if found else None

    @strawberry.field(
        description="The reports you asked for, newest first (at most 200).",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def reports(
        self, info: Info[Context, Any], kind: ReportKind | None = None, first: int = 50
    ) -> list[ReportInfo]:
        rows = await reads.my_reports(
            info.context.principal, kind=kind.value if kind else None, limit=first
        )
        return [wrap(info, row) for row in rows]
