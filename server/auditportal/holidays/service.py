"""Admin edits of the working calendar, loading it from a file, and what a year has.

Every write checks ``plans.manage``, runs in one transaction with its audit event, and
takes effect at once in every process: deadlines read the entries from the database when
they are computed (``working_calendar``), never from process memory set at start-up.

A file for ``auditportal load --calendar FILE`` is JSON::

    {"days": [{"day": "2027-01-01", "working": false, "note": "元旦"}, ...]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import FieldIssue, ValidationFailed
from auditportal.holidays.models import CalendarDay
from auditportal.settings import Settings
from auditportal.workflows.calendar import WorkingCalendar, parse_dates

MAX_DAYS = 400


@dataclass(frozen=True)
class DayEntry:
    day: date
    working: bool
    note: str = ""


def _check(entries: list[DayEntry], at: tuple[str | int, ...]) -> None:
    issues: list[FieldIssue] = []
    if len(entries) > MAX_DAYS:
        issues.append(FieldIssue(at, "calendar.too_many", {"limit": MAX_DAYS}))
    seen: set[date] = set()
    for index, entry in enumerate(entries):
        if entry.day in seen:
            issues.append(
                FieldIssue((*at, index, "day"), "calendar.duplicate_day", {"day": entry.day})
            )
        seen.add(entry.day)
        if len(entry.note) > 200:
            issues.append(FieldIssue((*at, index, "note"), "customer.too_long", {"limit": 200}))
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))


async def set_days(principal: Principal, entries: list[DayEntry]) -> list[CalendarDay]:
    """Enter (or change) holidays and make-up workdays; other days stay as they are."""
    require(principal, Permission.PLANS_MANAGE)
    _check(entries, ("days",))
    async with in_transaction():
        existing = {
            row.day: row
            for row in await CalendarDay.filter(
                day__in=[e.day for e in entries]
            ).select_for_update()
        }
        for entry in entries:
            row = existing.get(entry.day)
            if row is None:
                await CalendarDay.create(
                    day=entry.day,
                    working=entry.working,
                    note=entry.note.strip(),
                    updated_by_id=principal.user_id,
                )
            elif (row.working, row.note) != (entry.working, entry.note.strip()):
                await CalendarDay.filter(id=row.id).update(
                    working=entry.working, note=entry.note.strip(), updated_by_id=principal.user_id
                )
        await audit.record(
            principal,
            "calendar.set_days",
            "WorkingCalendar",
            "days",
            {"days": [{"day": e.day.isoformat(), "working": e.working} for e in entries]},
        )
    return list(await CalendarDay.filter(day__in=[e.day for e in entries]))


async def remove_days(principal: Principal, days: list[date]) -> int:
    """Forget entries: those days follow the official calendar (or Monday-Friday) again."""
    require(principal, Permission.PLANS_MANAGE)
    async with in_transaction():
        removed = await CalendarDay.filter(day__in=days).delete()
        await audit.record(
            principal,
            "calendar.remove_days",
            "WorkingCalendar",
            "days",
            {"days": sorted(d.isoformat() for d in days), "removed": removed},
        )
    return removed


def read_file(path: Path) -> list[DayEntry]:
    """Entries of a calendar file; ValidationFailed with the entry's path when wrong."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        issue = FieldIssue((), "calendar.bad_file", {"reason": str(error)})
        raise ValidationFailed("error.invalid_input", [issue], count=1) from None
    entries: list[DayEntry] = []
    issues: list[FieldIssue] = []
    rows = document.get("days") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        issue = FieldIssue(("days",), "calendar.bad_file", {"reason": "days: a list"})
        raise ValidationFailed("error.invalid_input", [issue], count=1)
    for index, row in enumerate(rows):
        try:
            entries.append(
                DayEntry(
                    date.fromisoformat(str(row["day"])),
                    bool(row["working"]) if isinstance(row["working"], bool) else _bad(),
                    str(row.get("note") or ""),
                )
            )
        except (KeyError, TypeError, ValueError):
            issues.append(FieldIssue(("days", index), "calendar.bad_entry"))
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))
    return entries


def _bad() -> bool:
    raise ValueError("working must be true or false")


async def list_days(principal: Principal, first: date, last: date) -> list[CalendarDay]:
    require(principal, Permission.PLANS_READ)
    return list(await CalendarDay.filter(day__gte=first, day__lte=last))


def official_data(year: int) -> bool:
    """Whether the calendar package knows the State Council's schedule for this year."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@dataclass(frozen=True)
class YearStatus:
    year: int
    official_data: bool
    holidays: int
    workdays: int

    @property
    def missing(self) -> bool:
        """No official data and nothing entered: deadlines count Monday-Friday only."""
        return not self.official_data and self.holidays == 0 and self.workdays == 0


async def year_status(years: list[int], settings: Settings) -> list[YearStatus]:
    """What each year's working days come from (one query for all the years)."""
    rows = await CalendarDay.filter(
        day__gte=date(min(years), 1, 1), day__lte=date(max(years), 12, 31)
    ).values_list("day", "working")
    counts: dict[int, list[int]] = {year: [0, 0] for year in years}
    for day, working in rows:
        if day.year in counts:
            counts[day.year][1 if working else 0] += 1
    official = settings.working_calendar == "china"
    return [
        YearStatus(year, official and official_data(year), counts[year][0], counts[year][1])
        for year in years
    ]


async def working_calendar(settings: Settings) -> WorkingCalendar:
    """The deployment's calendar: the official one (or Monday-Friday), the settings' extra
    days, and the admin's entries, which win. Read when a deadline is computed (a small
    table: some thirty rows a year), so an edit counts at once in every process."""
    rows: list[tuple[Any, Any]] = await CalendarDay.all().values_list("day", "working")
    holidays = parse_dates(settings.extra_holidays.split(","))
    workdays = parse_dates(settings.extra_workdays.split(","))
    entered_off = frozenset(day for day, working in rows if not working)
    entered_on = frozenset(day for day, working in rows if working)
    return WorkingCalendar(
        timezone=ZoneInfo(settings.timezone),
        official=settings.working_calendar == "china",
        extra_holidays=(holidays - entered_on) | entered_off,
        extra_workdays=(workdays - entered_off) | entered_on,
    )
