"""Recurrence rules (RFC 5545 RRULE): inspection plans and communication plans.

Rules are stored as the RRULE text an admin wrote (``FREQ=MONTHLY;BYMONTHDAY=1``),
anchored at the plan's start date, and expanded to dates in a window. Rules finer than a
day make no sense for audit work and are refused, as is anything dateutil cannot parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

_ALLOWED_FREQUENCIES = {YEARLY, MONTHLY, WEEKLY, DAILY}
# Expanding a window never yields more dates than this (a daily rule over ten years).
MAX_OCCURRENCES = 4000


class RecurrenceError(ValueError):
    """An RRULE that cannot be used. ``message_key`` is translated by the caller."""

    def __init__(self, message_key: str, detail: str = "") -> None:
        super().__init__(detail or message_key)
        self.message_key = message_key
        self.detail = detail


@dataclass(frozen=True)
class Recurrence:
    text: str
    starts_on: date

    def _rule(self) -> rrule:
        return _build(self.text, self.starts_on)

    def between(self, first: date, last: date) -> list[date]:
        """Occurrences from ``first`` to ``last``, both included."""
        if last < first:
            return []
        found = self._rule().between(
            datetime.combine(first, time.min), datetime.combine(last, time.max), inc=True
        )
        return [moment.date() for moment in found[:MAX_OCCURRENCES]]

    def next_on_or_after(self, day: date) -> date | None:
        moment = self._rule().after(datetime.combine(day, time.min), inc=True)
        return moment.date() if moment is not None else None


def normalise(text: str) -> str:
    """The rule without an ``RRULE:`` prefix or spaces, upper-cased."""
    cleaned = "".join(text.split()).upper()
    return cleaned.removeprefix("RRULE:")


def _build(text: str, starts_on: date) -> rrule:
    body = normalise(text)
    if not body:
        raise RecurrenceError("recurrence.empty")
    if "DTSTART" in body or "\n" in text.strip():
        # The anchor is the plan's start date; one rule, no EXDATE/RDATE lines.
        raise RecurrenceError("recurrence.single_rule")
    try:
        rule = rrulestr(body, dtstart=datetime.combine(starts_on, time.min))
    except (ValueError, TypeError, KeyError) as exc:
        raise RecurrenceError("recurrence.invalid", str(exc)) from exc
    if not isinstance(rule, rrule):
        raise RecurrenceError("recurrence.single_rule")
    if getattr(rule, "_freq", None) not in _ALLOWED_FREQUENCIES:  # dateutil has no getter
        raise RecurrenceError("recurrence.too_frequent")
    return rule


def parse(text: str, starts_on: date) -> Recurrence:
    """A checked rule; raises ``RecurrenceError`` with a message key."""
    _build(text, starts_on)
    return Recurrence(normalise(text), starts_on)
