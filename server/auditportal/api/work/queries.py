"""Query fields of My work and notifications."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.policy import requires
from auditportal.api.relay import Connection, connection_from_page, page_request
from auditportal.api.work.types import NotificationNode, WorkCounts, WorkItemNode, WorkKind, kind_of
from auditportal.auth.policy import Permission
from auditportal.work import notifications
from auditportal.work import reads as work
from auditportal.work.items import WorkItem

# One read of the caller's open work per request, shared by myWork and myWorkCounts (the
# web asks for both at once, and they resolve concurrently): kept on the request's context.
_OPEN_WORK = "_auditportal_open_work"


async def _open_work(info: Info[Context, Any]) -> list[WorkItem]:
    context = info.context
    task: asyncio.Task[list[WorkItem]] | None = getattr(context, _OPEN_WORK, None)
    if task is None:
        task = asyncio.ensure_future(work.open_work(context.principal, context.settings))
        setattr(context, _OPEN_WORK, task)
    return await asyncio.shield(task)


@strawberry.type
class WorkQueries:
    @strawberry.field(
        description="The caller's open work across workflows, inspections and follow-ups: "
        "overdue first, then by due date.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def my_work(
        self,
        info: Info[Context, Any],
        first: int | None = 50,
        after: str | None = None,
        kind: WorkKind | None = None,
        overdue_only: bool | None = None,
    ) -> Connection[WorkItemNode]:
        found = await work.my_work(
            info.context.principal,
            info.context.settings,
            work.WorkFilter(
                kind=kind_of(kind) if kind is not None else None,
                overdue_only=bool(overdue_only),
            ),
            page_request(info, first, after),
            known=await _open_work(info),
        )

        def wrap(item: WorkItem) -> WorkItemNode:
            return WorkItemNode(item=item)

        return connection_from_page(found, wrap)

    @strawberry.field(
        description="Counts of the caller's open work, for badges.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def my_work_counts(self, info: Info[Context, Any]) -> WorkCounts:
        return WorkCounts.of(
            await work.my_work_counts(
                info.context.principal, info.context.settings, known=await _open_work(info)
            )
        )

    @strawberry.field(
        description="The caller's notifications, newest first.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def notifications(
        self,
        info: Info[Context, Any],
        first: int | None = None,
        after: str | None = None,
        unread_only: bool | None = None,
    ) -> Connection[NotificationNode]:
        found = await notifications.list_notifications(
            info.context.principal,
            unread_only=bool(unread_only),
            page=page_request(info, first, after),
        )
        return connection_from_page(found, lambda entry: NotificationNode(entry=entry))

    @strawberry.field(
        description="How many of the caller's notifications are unread.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def unread_notification_count(self, info: Info[Context, Any]) -> int:
        return await notifications.unread_count(info.context.principal)
