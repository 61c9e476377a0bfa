"""The caller's open work, from every domain that gives people work, in one ordered list.

Sources, each read only when the caller's permissions open that domain and always through
its row scope:

- workflow cases assigned to the caller, or offered to their role and not taken yet
  (``workflows.read``, the submissions' scope): a manager's step (a state that hands the
  case to a manager, or any case a manager holds) is a REVIEW, the
  fieldwork of an inspection an INSPECTION, any other step a TASK;
- inspections planned for the caller and not opened yet, due within ``PLANNED_AHEAD_DAYS``
  (``plans.read``, the internal register's scope); once opened they are their case;
- follow-ups of logged contacts and planned contacts the caller owns
  (``customers.casework``, the internal register's scope);
- sampled submissions given to the caller to verify and not recorded yet
  (``verification.perform``; the verifier's own rows, as in My verifications), due when
  their draw says (the draw's moment plus the plan's days to verify).

One person's open work is small (tens to hundreds of rows), so the sources are read whole
(each capped at ``MAX_PER_SOURCE``), merged and ordered here: overdue first, then by due
date. Counts for the menu badges come from the same rows, so they always agree with the
list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from auditportal.audit import reads as read_audit
from auditportal.auth.policy import (
    Permission,
    allows,
    internal_customer_scope,
    require,
    submission_scope,
)
from auditportal.auth.principal import Principal
from auditportal.i18n import MESSAGES
from auditportal.pagination import Page, PageRequest
from auditportal.settings import Settings
from auditportal.verification import queries as verification_queries
from auditportal.verification.models import DEFAULT_DUE_DAYS
from auditportal.work import queries
from auditportal.work.items import SourceType, Text, WorkCounts, WorkItem, WorkKind, order_key

MAX_PER_SOURCE = 1000
PLANNED_AHEAD_DAYS = 30
REVIEWER_ROLES = frozenset({"manager"})


@dataclass(frozen=True)
class WorkFilter:
    kind: WorkKind | None = None
    overdue_only: bool = False


async def open_work(
    principal: Principal, settings: Settings, now: datetime | None = None
) -> list[WorkItem]:
    """All of the caller's open work, ordered: what ``my_work`` pages and counts summarise.

    Callers that need both a page and the counts (one GraphQL request) read it once.
    """
    require(principal, Permission.SIGNED_IN)
    return await _all_items(principal, settings, now or datetime.now(UTC))


async def my_work(
    principal: Principal,
    settings: Settings,
    filters: WorkFilter,
    page: PageRequest,
    now: datetime | None = None,
    *,
    known: list[WorkItem] | None = None,
) -> Page[WorkItem]:
    """One page of the caller's open work, overdue first, then by due date.

    ``known``: the caller's ``open_work`` already read in this request.
    """
    require(principal, Permission.SIGNED_IN)
    everything = known if known is not None else await open_work(principal, settings, now)
    items = [
        item
        for item in everything
        if (filters.kind is None or item.kind is filters.kind)
        and (not filters.overdue_only or item.overdue)
    ]
    found = Page.of_list(items, page)
    chosen = found.items
    await read_audit.note(
        principal,
        "WorkflowInstance",
        [i.source_id for i in chosen if i.source_type is SourceType.WORKFLOW_INSTANCE],
    )
    await read_audit.note(
        principal,
        "ScheduledInspection",
        [i.source_id for i in chosen if i.source_type is SourceType.SCHEDULED_INSPECTION],
    )
    return found


async def my_work_counts(
    principal: Principal,
    settings: Settings,
    now: datetime | None = None,
    *,
    known: list[WorkItem] | None = None,
) -> WorkCounts:
    """How much open work the caller has, by kind and overdue (the menu's badges)."""
    require(principal, Permission.SIGNED_IN)
    everything = known if known is not None else await open_work(principal, settings, now)
    return WorkCounts.of(everything)


async def _all_items(principal: Principal, settings: Settings, now: datetime) -> list[WorkItem]:
    if principal.user_id is None or principal.role is None:
        return []  # system actors and service accounts are given no work
    items: list[WorkItem] = []
    if allows(principal, Permission.WORKFLOWS_READ):
        items += await _case_items(principal, now)
    if allows(principal, Permission.PLANS_READ):
        items += await _planned_inspection_items(principal, settings, now)
    if allows(principal, Permission.CUSTOMERS_CASEWORK):
        items += await _register_items(principal, settings, now)
    if allows(principal, Permission.VERIFICATION_PERFORM):
        items += await _verification_items(principal, now)
    return sorted(items, key=order_key)


def _text(key: str) -> Text:
    return dict(MESSAGES[key])


def _end_of_day(day: Any, settings: Settings) -> datetime:
    """The last moment of ``day`` where the auditors work (the deployment's time zone)."""
    zone = ZoneInfo(settings.timezone)
    start = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start - timedelta(microseconds=1)


def _is_review_state(state: dict[str, Any]) -> bool:
    """A state whose entry hands the case to a manager: the manager's review."""
    for action in state.get("onEnter") or []:
        if action.get("type") != "assign":
            continue
        target = action.get("to") or {}
        if target.get("role") in REVIEWER_ROLES or target.get("roundRobin") in REVIEWER_ROLES:
            return True
    return False


def _inspection_of(data: Any) -> dict[str, Any] | None:
    found = data.get("inspection") if isinstance(data, dict) else None
    return found if isinstance(found, dict) else None


def _plan_id(inspection: dict[str, Any] | None) -> UUID | None:
    try:
        return UUID(str(inspection["planId"])) if inspection else None
    except (KeyError, ValueError):
        return None


async def _case_items(principal: Principal, now: datetime) -> list[WorkItem]:
    assert principal.user_id is not None
    assert principal.role is not None
    cases = await queries.open_instances(
        submission_scope(principal), principal.user_id, principal.role.value, MAX_PER_SOURCE
    )
    if not cases:
        return []
    versions = await queries.versions_by_ids(case["version_id"] for case in cases)
    plan_of = {case["id"]: _plan_id(_inspection_of(case["data"])) for case in cases}
    plans = await queries.plans_by_ids(p for p in plan_of.values() if p is not None)
    forms_by_key = await queries.latest_versions_by_form_keys(p.form_key for p in plans.values())
    answered = await queries.form_versions_of_submissions(
        case["submission_id"] for case in cases if case["submission_id"] is not None
    )
    items = []
    for case in cases:
        content = versions[case["version_id"]].content
        state = content["states"].get(case["state"]) or {}
        plan_id = plan_of[case["id"]]
        plan = plans.get(plan_id) if plan_id is not None else None
        # A manager's part in a case is reviewing and approving it (DESIGN: roles).
        if (
            _is_review_state(state)
            or case["assigned_role"] in REVIEWER_ROLES
            or principal.role.value in REVIEWER_ROLES
        ):
            kind = WorkKind.REVIEW
        elif plan is not None:
            kind = WorkKind.INSPECTION
        else:
            kind = WorkKind.TASK
        submission_id = case["submission_id"]
        form_version = (
            answered.get(submission_id)
            if submission_id is not None
            else forms_by_key.get(plan.form_key)
            if plan is not None
            else None
        )
        title = dict(plan.name) if plan is not None else dict(content.get("title") or {})
        due_at = case["due_at"]
        items.append(
            WorkItem(
                kind=kind,
                source_type=SourceType.WORKFLOW_INSTANCE,
                source_id=case["id"],
                title=title or _text("work.untitled"),
                due_at=due_at,
                overdue=due_at is not None and due_at <= now,
                customer_id=case["customer_id"],
                state_label=dict(state.get("title") or {}) or None,
                instance_id=case["id"],
                form_version_id=form_version,
                submission_id=submission_id,
            )
        )
    return items


async def _planned_inspection_items(
    principal: Principal, settings: Settings, now: datetime
) -> list[WorkItem]:
    assert principal.user_id is not None
    today = now.astimezone(ZoneInfo(settings.timezone)).date()
    rows = await queries.planned_inspections(
        internal_customer_scope(principal),
        principal.user_id,
        today + timedelta(days=PLANNED_AHEAD_DAYS),
        MAX_PER_SOURCE,
    )
    if not rows:
        return []
    plans = await queries.plans_by_ids(row.plan_id for row in rows)
    forms_by_key = await queries.latest_versions_by_form_keys(p.form_key for p in plans.values())
    items = []
    for row in rows:
        plan = plans[row.plan_id]
        due = _end_of_day(row.due_on, settings)
        items.append(
            WorkItem(
                kind=WorkKind.INSPECTION,
                source_type=SourceType.SCHEDULED_INSPECTION,
                source_id=row.id,
                title=dict(plan.name),
                due_at=due,
                overdue=due <= now,
                customer_id=row.customer_id,
                state_label=_text("work.inspection_planned"),
                form_version_id=forms_by_key.get(plan.form_key),
            )
        )
    return items


async def _register_items(
    principal: Principal, settings: Settings, now: datetime
) -> list[WorkItem]:
    assert principal.user_id is not None
    scope = internal_customer_scope(principal)
    items = []
    for follow_up in await queries.open_follow_ups(scope, principal.user_id, MAX_PER_SOURCE):
        due = _end_of_day(follow_up.due_on, settings) if follow_up.due_on else None
        items.append(
            WorkItem(
                kind=WorkKind.FOLLOW_UP,
                source_type=SourceType.FOLLOW_UP,
                source_id=follow_up.id,
                # Written by a person in one language: shown as written in both.
                title={"zh-CN": follow_up.description, "en": follow_up.description},
                due_at=due,
                overdue=due is not None and due <= now,
                customer_id=follow_up.customer_id,
                state_label=_text("work.follow_up"),
            )
        )
    for task in await queries.open_contact_tasks(scope, principal.user_id, MAX_PER_SOURCE):
        due = _end_of_day(task.due_on, settings)
        items.append(
            WorkItem(
                kind=WorkKind.FOLLOW_UP,
                source_type=SourceType.COMMUNICATION_TASK,
                source_id=task.id,
                title={"zh-CN": task.plan.title, "en": task.plan.title},
                due_at=due,
                overdue=due <= now,
                customer_id=task.customer_id,
                state_label=_text("work.planned_contact"),
            )
        )
    return items


async def _verification_items(principal: Principal, now: datetime) -> list[WorkItem]:
    assert principal.user_id is not None
    items = []
    for row in await verification_queries.open_for(principal.user_id, MAX_PER_SOURCE):
        due = row["draw__due_at"] or row["draw__drawn_at"] + timedelta(days=DEFAULT_DUE_DAYS)
        form_title = dict(row["submission__form__title"] or {})
        items.append(
            WorkItem(
                kind=WorkKind.VERIFICATION,
                source_type=SourceType.VERIFICATION,
                source_id=row["id"],
                title={
                    language: MESSAGES["work.verification_title"][language].format(
                        form=form_title.get(language) or form_title.get("en") or ""
                    )
                    for language in ("zh-CN", "en")
                },
                due_at=due,
                overdue=due <= now,
                customer_id=row["customer_id"],
                state_label=_text("work.verification"),
                form_version_id=row["submission__form_version_id"],
                submission_id=row["submission_id"],
            )
        )
    return items
