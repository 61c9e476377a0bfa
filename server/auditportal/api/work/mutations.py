"""Mutations of notifications: marking the caller's own as read."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import NotAllowed, NotFound, ValidationFailed, run_mutation
from auditportal.api.policy import requires
from auditportal.api.work.types import NotificationsMarkedRead, parse_notification_id
from auditportal.auth.policy import Permission
from auditportal.errors import FieldIssue
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.pagination import BadInput
from auditportal.work import notifications


@strawberry.input
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = None
    all: bool | None = strawberry.field(default=None, description="Every unread notification.")


MarkNotificationsReadResult = Annotated[
    NotificationsMarkedRead | ValidationFailed | NotAllowed | NotFound,
    strawberry.union("MarkNotificationsReadResult"),
]


def _ids(values: list[strawberry.ID]) -> list[int]:
    issues: list[FieldIssue] = []
    parsed: list[int] = []
    for index, value in enumerate(values):
        try:
            parsed.append(parse_notification_id(value))
        except BadInput:
            issues.append(FieldIssue(("ids", index), "error.bad_id", {"id": value}))
    if issues:
        raise DomainValidationFailed("error.invalid_input", issues, count=len(issues))
    return parsed


@strawberry.type
class WorkMutations:
    @strawberry.mutation(
        description="Mark some (ids) or all of your own notifications as read.",
        extensions=requires(Permission.SIGNED_IN),
    )
    async def mark_notifications_read(
        self, info: Info[Context, Any], input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadResult:
        async def action() -> NotificationsMarkedRead:
            principal = info.context.principal
            marked = await notifications.mark_read(
                principal,
                ids=_ids(input.ids) if input.ids else None,
                every=bool(input.all),
            )
            return NotificationsMarkedRead(
                marked=marked, unread_count=await notifications.unread_count(principal)
            )

        return await run_mutation(info, action, "input")
