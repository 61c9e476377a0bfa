"""One admin-entered day of the working calendar."""

from __future__ import annotations

from tortoise import fields

from auditportal.db import TimestampedModel


class CalendarDay(TimestampedModel):
    # A holiday (working=False) or a make-up workday (working=True, 调休) an admin entered.
    # It wins over the official calendar package and over the deployment's settings, so a
    # year the package does not cover yet is computed from these entries.
    id = fields.UUIDField(primary_key=True)
    day = fields.DateField(unique=True)
    working = fields.BooleanField()
    note = fields.CharField(max_length=200, default="")
    updated_by_id = fields.UUIDField(null=True)

    class Meta:
        table = "working_calendar_days"
        ordering = ("day",)
