"""Working days on China's official calendar: holidays and make-up workdays (调休).

The data comes from the maintained ``chinese-calendar`` package (updated every year when
the State Council publishes the schedule). A deployment can add its own holidays and
workdays in settings; years the package does not cover yet fall back to Monday-Friday,
plus those settings, and are logged so that someone updates the package.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

logger = logging.getLogger("auditportal.workflows.calendar")


# Years without official data already reported in this process.
_WARNED_YEARS: set[int] = set()


@dataclass(frozen=True)
class WorkingCalendar:
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))
    official: bool = True
    extra_holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()

    def is_workday(self, day: date) -> bool:
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        if self.official:
            try:
                return bool(chinese_calendar.is_workday(day))
            except NotImplementedError:
                if day.year not in _WARNED_YEARS:  # once per year and process, not per date
                    _WARNED_YEARS.add(day.year)
                    logger.warning(
                        "no official calendar data for %s; counting Monday-Friday "
                        "(set AUDITPORTAL_EXTRA_HOLIDAYS / _WORKDAYS, or update chinese-calendar)",
                        day.year,
                    )
        return day.weekday() < 5

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """``days`` working days after ``start``.

        From a working day: the same local time of day, ``days`` working days later.
        From a non-working day (a Saturday, a holiday): the clock starts with the next
        working day, which counts as the first; the work is due at the end of the
        ``days``-th working day. A complaint received on Saturday with a one-working-day
        SLA is due on Monday evening, not Monday morning.
        """
        local = start.astimezone(self.timezone)
        day = local.date()
        if self.is_workday(day):
            for _ in range(days):
                day = self._next_workday(day)
            return datetime.combine(day, local.timetz()).astimezone(start.tzinfo)
        day = self._next_workday(day)
        for _ in range(days - 1):
            day = self._next_workday(day)
        end_of_day = datetime.combine(day, time(23, 59, 59), tzinfo=self.timezone)
        return end_of_day.astimezone(start.tzinfo)

    def _next_workday(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def due_at(
        self, start: datetime, *, hours: float | None = None, working_days: int | None = None
    ) -> datetime:
        if hours is not None:
            return start + timedelta(hours=hours)
        if working_days is not None:
            return self.add_working_days(start, working_days)
        raise ValueError("a duration needs hours or working days")


def parse_dates(values: Iterable[str]) -> frozenset[date]:
    return frozenset(date.fromisoformat(value.strip()) for value in values if value.strip())
