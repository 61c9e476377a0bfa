"""The working calendar's admin data: holidays and make-up workdays, what each year's
working days come from, and the warning the SLA screen shows for a year without data."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import NotAllowed, ValidationFailed, run_mutation
from auditportal.api.policy import requires
from auditportal.auth.policy import Permission
from auditportal.holidays import service
from auditportal.holidays.models import CalendarDay as DayModel
from auditportal.inspections.scheduler import local_today

MAX_YEARS = 10


@strawberry.type(description="A holiday or make-up workday (调休) an admin entered.")
class CalendarDay:
    model: strawberry.Private[DayModel]

    @strawberry.field
    def day(self) -> date:
        return self.model.day

    @strawberry.field(description="true: a make-up workday; false: a holiday.")
    def working(self) -> bool:
        return self.model.working

    @strawberry.field
    def note(self) -> str:
        return self.model.note


@strawberry.type(description="What one year's working days come from.")
class CalendarYear:
    year: int
    official_data: bool = strawberry.field(
        description="The official calendar package knows this year's holiday schedule."
    )
    holidays: int = strawberry.field(description="Holidays an admin entered.")
    workdays: int = strawberry.field(description="Make-up workdays an admin entered.")
    missing: bool = strawberry.field(
        description="No official data and no entry: deadlines count Monday to Friday only."
    )
    warning: str | None = strawberry.field(description="What to tell admins, or null.")


def _year(status: service.YearStatus, info: Info[Context, Any]) -> CalendarYear:
    warning = None
    if not status.official_data:
        key = "calendar.year_missing" if status.missing else "calendar.year_entered"
        warning = info.context.t(key, year=status.year)
    return CalendarYear(
        year=status.year,
        official_data=status.official_data,
        holidays=status.holidays,
        workdays=status.workdays,
        missing=status.missing,
        warning=warning,
    )


@strawberry.type
class CalendarQueries:
    @strawberry.field(
        description="The holidays and make-up workdays admins entered, between two days.",
        extensions=requires(Permission.PLANS_READ),
    )
    async def calendar_days(
        self, info: Info[Context, Any], first: date, last: date
    ) -> list[CalendarDay]:
        found = await service.list_days(info.context.principal, first, last)
        return [CalendarDay(model=row) for row in found]

    @strawberry.field(
        description="Per year (default: this year and the next), whether its working days "
        "are known, with a warning for years that have no data.",
        extensions=requires(Permission.PLANS_READ),
    )
    async def calendar_years(
        self, info: Info[Context, Any], years: list[int] | None = None
    ) -> list[CalendarYear]:
        wanted = _years(years, info)
        found = await service.year_status(wanted, info.context.settings)
        return [_year(status, info) for status in found]

    @strawberry.field(
        description="For the SLA screen: a warning when this year or the next has no holiday "
        "data (deadlines would count Monday to Friday only); null when all is known.",
        extensions=requires(Permission.PLANS_READ),
    )
    async def working_calendar_warning(self, info: Info[Context, Any]) -> str | None:
        found = await service.year_status(_years(None, info), info.context.settings)
        missing = [status.year for status in found if status.missing]
        if not missing:
            return None
        years = (
            "、".join(str(y) for y in missing)
            if info.context.language == "zh-CN"
            else (", ".join(str(y) for y in missing))
        )
        return info.context.t("calendar.sla_warning", years=years)


def _years(years: list[int] | None, info: Info[Context, Any]) -> list[int]:
    if not years:
        this = local_today(info.context.settings).year
        return [this, this + 1]
    return sorted(set(years))[:MAX_YEARS]


@strawberry.input
class CalendarDayInput:
    day: date
    working: bool = strawberry.field(description="true: a make-up workday; false: a holiday.")
    note: str = ""


@strawberry.input
class SetCalendarDaysInput:
    days: list[CalendarDayInput]


@strawberry.input
class RemoveCalendarDaysInput:
    days: list[date]


@strawberry.type(description="The entered days as they are now.")
class CalendarDaysSaved:
    days: list[CalendarDay]
    removed: int = 0


CalendarDaysResult = Annotated[
    CalendarDaysSaved | ValidationFailed | NotAllowed, strawberry.union("CalendarDaysResult")
]


@strawberry.type
class CalendarMutations:
    @strawberry.mutation(
        description="Enter or change holidays and make-up workdays; deadlines use them at "
        "once, and they win over the official calendar.",
        extensions=requires(Permission.PLANS_MANAGE),
    )
    async def set_calendar_days(
        self, info: Info[Context, Any], input: SetCalendarDaysInput
    ) -> CalendarDaysResult:
        async def action() -> CalendarDaysSaved:
            saved = await service.set_days(
                info.context.principal,
                [service.DayEntry(d.day, d.working, d.note) for d in input.days],
            )
            return CalendarDaysSaved(days=[CalendarDay(model=row) for row in saved])

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Forget entered days: they follow the official calendar again.",
        extensions=requires(Permission.PLANS_MANAGE),
    )
    async def remove_calendar_days(
        self, info: Info[Context, Any], input: RemoveCalendarDaysInput
    ) -> CalendarDaysResult:
        async def action() -> CalendarDaysSaved:
            removed = await service.remove_days(info.context.principal, list(input.days))
            return CalendarDaysSaved(days=[], removed=removed)

        return await run_mutation(info, action, "input")
