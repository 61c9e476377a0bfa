"""The caller's in-app notifications: what workflow steps told them, read and marked read.

A notification belongs to one user: every function here reads and writes the caller's own
rows only (there is no permission to read someone else's). Marking as read is a write and
is audited like every other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import FieldIssue, ValidationFailed
from auditportal.pagination import Page, PageRequest, paginate
from auditportal.work.items import Text
from auditportal.work.queries import versions_by_ids
from auditportal.workflows.models import Notification, WorkflowInstance


@dataclass(frozen=True)
class NotificationEntry:
    model: Notification
    # The title of the workflow the notification is about; None for other messages.
    title: Text | None


async def list_notifications(
    principal: Principal, *, unread_only: bool, page: PageRequest
) -> Page[NotificationEntry]:
    """The caller's notifications, newest first."""
    require(principal, Permission.SIGNED_IN)
    if principal.user_id is None:
        return Page.empty(page)
    query = Notification.filter(user_id=principal.user_id)
    if unread_only:
        query = query.filter(read_at__isnull=True)
    found = await paginate(query, ["-created_at", "-id"], page)
    titles = await _workflow_titles(found.items)
    return found.with_items(
        [NotificationEntry(row, titles.get(row.instance_id)) for row in found.items]
    )


async def unread_count(principal: Principal) -> int:
    require(principal, Permission.SIGNED_IN)
    if principal.user_id is None:
        return 0
    return await Notification.filter(user_id=principal.user_id, read_at__isnull=True).count()


async def mark_read(principal: Principal, *, ids: Sequence[int] | None, every: bool) -> int:
    """Mark some (``ids``) or all (``every``) of the caller's unread notifications read.

    An id that is not one of the caller's notifications is refused at its place in
    ``input.ids`` and nothing changes. Returns how many became read (already read ones
    stay as they were: marking twice is harmless).
    """
    require(principal, Permission.SIGNED_IN)
    if not every and not ids:
        raise ValidationFailed(
            "error.invalid_input", [FieldIssue(("ids",), "notification.ids_or_all")], count=1
        )
    if principal.user_id is None:
        return 0
    own = Notification.filter(user_id=principal.user_id)
    if not every:
        wanted = list(dict.fromkeys(ids or []))
        found: set[int] = set(
            await own.filter(id__in=wanted).values_list("id", flat=True)  # type: ignore[arg-type]
        )
        issues = [
            FieldIssue(("ids", index), "notification.not_found")
            for index, value in enumerate(ids or [])
            if value not in found
        ]
        if issues:
            raise ValidationFailed("error.invalid_input", issues, count=len(issues))
        own = own.filter(id__in=wanted)
    async with in_transaction():
        marked = await own.filter(read_at__isnull=True).update(read_at=datetime.now(UTC))
        if marked:
            await audit.record(
                principal,
                "notification.read",
                "User",
                principal.user_id,
                {"count": marked, "all": every, "ids": [] if every else sorted(set(ids or []))},
            )
    return marked


async def _workflow_titles(rows: list[Notification]) -> dict[object, Text]:
    instance_ids = {row.instance_id for row in rows if row.instance_id is not None}
    if not instance_ids:
        return {}
    cases = await WorkflowInstance.filter(id__in=list(instance_ids)).values_list("id", "version_id")
    versions = await versions_by_ids(version_id for _, version_id in cases)
    return {
        case_id: dict(versions[version_id].content.get("title") or {})
        for case_id, version_id in cases
        if version_id in versions
    }
