"""Holidays and make-up workdays are data admins own: entered through GraphQL or loaded
from a file, used by deadlines at once (no restart), and a year without data is reported
in the admin API and as a warning for the SLA screen."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from auditportal.auth.principal import system_principal
from auditportal.cli import _load_calendar
from auditportal.holidays.models import CalendarDay
from auditportal.holidays.service import working_calendar
from auditportal.inspections.scheduler import due_date, local_today
from tests.conftest import SETTINGS, Api

ZONE = ZoneInfo(SETTINGS.timezone)
SET = """
mutation($input: SetCalendarDaysInput!) {
  setCalendarDays(input: $input) {
    __typename
    ... on CalendarDaysSaved { days { day working note } }
    ... on ValidationFailed { errors { path message } }
  }
}
"""
YEARS = """
query($years: [Int!]) {
  calendarYears(years: $years) { year officialData holidays workdays missing warning }
}
"""
NEW_YEAR_2099 = [
    {"day": "2099-01-01", "working": False, "note": "元旦"},
    {"day": "2099-01-02", "working": False, "note": "元旦"},
    {"day": "2099-01-03", "working": False, "note": "元旦"},
    {"day": "2099-01-04", "working": True, "note": "调休上班"},
]


async def test_a_deadline_across_new_year_of_a_year_without_data_uses_the_entries(
    api: Api,
) -> None:
    admin = await api.user("admin")
    years = (await admin.data(YEARS, {"years": [2026, 2099]}))["calendarYears"]
    assert years[0]["officialData"] is True
    assert years[1] == {
        "year": 2099,
        "officialData": False,
        "holidays": 0,
        "workdays": 0,
        "missing": True,
        "warning": "2099 has no official holiday data and no entered holidays: deadlines "
        "count Monday to Friday only. Enter that year's holidays and make-up workdays.",
    }
    zh = (await admin.data(YEARS, {"years": [2099]}, language="zh-CN"))["calendarYears"]
    assert zh[0]["warning"].startswith("2099 年没有官方节假日数据，也没有录入节假日")

    # Wednesday 31 December 2098, two working days: Monday to Friday alone says Friday.
    start = datetime(2098, 12, 31, 10, 0, tzinfo=ZONE)
    before = (await working_calendar(SETTINGS)).due_at(start, working_days=2)
    assert before.astimezone(ZONE).date() == date(2099, 1, 2)

    saved = await admin.data(SET, {"input": {"days": NEW_YEAR_2099}})
    assert saved["setCalendarDays"]["__typename"] == "CalendarDaysSaved", saved
    assert [d["day"] for d in saved["setCalendarDays"]["days"]] == [
        "2099-01-01",
        "2099-01-02",
        "2099-01-03",
        "2099-01-04",
    ]
    # At once, without a restart: the make-up Sunday and then Monday.
    working = await working_calendar(SETTINGS)
    after = working.due_at(start, working_days=2)
    assert after.astimezone(ZONE) == datetime(2099, 1, 5, 10, 0, tzinfo=ZONE)
    # A planned due date on the holiday moves to the make-up workday.
    assert due_date(date(2099, 1, 1), True, working) == date(2099, 1, 4)
    years = (await admin.data(YEARS, {"years": [2099]}))["calendarYears"]
    assert years[0]["missing"] is False
    assert (years[0]["holidays"], years[0]["workdays"]) == (3, 1)
    assert years[0]["warning"] == (
        "2099 has no official holiday data; the holidays and make-up workdays entered by "
        "admins are used."
    )
    # An entry wins over the official calendar too: 1 October 2026 becomes a workday.
    assert not (await working_calendar(SETTINGS)).is_workday(date(2026, 10, 1))
    await admin.data(SET, {"input": {"days": [{"day": "2026-10-01", "working": True}]}})
    assert (await working_calendar(SETTINGS)).is_workday(date(2026, 10, 1))
    removed = await admin.data(
        """mutation { removeCalendarDays(input: {days: ["2026-10-01"]}) {
            ... on CalendarDaysSaved { removed } } }"""
    )
    assert removed["removeCalendarDays"] == {"removed": 1}
    assert not (await working_calendar(SETTINGS)).is_workday(date(2026, 10, 1))


async def test_entries_are_checked(api: Api) -> None:
    admin = await api.user("admin")
    twice = [{"day": "2099-01-01", "working": False}, {"day": "2099-01-01", "working": True}]
    refused = await admin.data(SET, {"input": {"days": twice}}, language="zh-CN")
    assert refused["setCalendarDays"]["errors"] == [
        {"path": ["input", "days", "1", "day"], "message": "2099-01-01 重复录入。"}
    ]
    assert await CalendarDay.all().count() == 0


async def test_the_sla_screen_warns_while_this_or_next_year_has_no_data(api: Api) -> None:
    manager = await api.user("manager")
    admin = await api.user("admin")
    this = local_today(SETTINGS).year
    years = (await manager.data(YEARS, {"years": None}))["calendarYears"]
    assert [y["year"] for y in years] == [this, this + 1]
    missing = [y["year"] for y in years if y["missing"]]
    warning = (await manager.data("{ workingCalendarWarning }"))["workingCalendarWarning"]
    if missing:
        assert warning is not None
        assert all(str(year) in warning for year in missing)
    else:
        assert warning is None
    # Once an admin enters the missing years' holidays, the warning goes.
    for year in missing:
        await admin.data(
            SET, {"input": {"days": [{"day": f"{year}-01-01", "working": False, "note": "元旦"}]}}
        )
    assert (await manager.data("{ workingCalendarWarning }"))["workingCalendarWarning"] is None


async def test_auditportal_load_reads_a_calendar_file(api: Api, tmp_path: Path) -> None:
    path = tmp_path / "calendar-2099.json"
    path.write_text(json.dumps({"days": NEW_YEAR_2099}, ensure_ascii=False), encoding="utf-8")
    loader = system_principal("loader")
    assert await _load_calendar(loader, path) == 0
    assert await CalendarDay.filter(working=False).count() == 3
    # Loading the same file again changes nothing; a bad file loads nothing.
    assert await _load_calendar(loader, path) == 0
    assert await CalendarDay.all().count() == 4
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"days": [{"day": "2099-02-30", "working": False}]}))
    assert await _load_calendar(loader, bad) == 1
    assert await CalendarDay.all().count() == 4
