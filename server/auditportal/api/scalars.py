"""Scalars that refuse, at coercion, values no column or computation of ours can take.

Strawberry's own Decimal accepts ``NaN``, ``Infinity`` and ``1E+999999``; its DateTime
accepts offsets of up to a day and years that overflow when converted to UTC (PostgreSQL
then fails on the write); its Date accepts year 1 and 9999, where adding a plan's lead
days or a three-year preview overflows. Refused here once, for every argument, input field
and variable, with a translated message at the variable or argument: the refusal is a
GraphQL error (``InputRefused``) carrying an i18n key, translated where errors are
processed (``MaskUnexpectedErrors``).
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import dateutil.parser
from graphql import GraphQLError
from strawberry.schema.types.base_scalars import DateDefinition, DateTimeDefinition
from strawberry.types.scalar import ScalarDefinition

from auditportal.i18n import translate
from auditportal.settings import Language

# The widest amount column of ours is DecimalField(max_digits=18, decimal_places=2): less
# than 10^16 in magnitude (PostgreSQL refuses more as a numeric overflow; finer fractions
# are rounded to the column's places). 38 significant digits is Decimal's own precision.
DECIMAL_MAGNITUDE_LIMIT = decimal.Decimal(10) ** 16
MAX_DECIMAL_DIGITS = 38
# Business dates, with centuries of headroom on both sides for the date arithmetic of
# schedules and previews (Python's dates end at 9999, PostgreSQL's later).
MIN_YEAR = 1000
MAX_YEAR = 9000
# Real UTC offsets are within -12:00 and +14:00; PostgreSQL refuses some beyond that.
MAX_OFFSET = dt.timedelta(hours=18)


class InputRefused(GraphQLError):
    """A scalar value refused at coercion: an i18n key, rendered in the caller's language."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(translate(key, "en", **params), extensions={"code": "BAD_USER_INPUT"})
        self.key = key
        self.params = params

    def translated(self, language: Language) -> str:
        return translate(self.key, language, **self.params)


def _decimal(value: object) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputRefused("input.decimal_invalid", value=str(value)[:50])
    try:
        number = decimal.Decimal(str(value))
    except decimal.DecimalException:
        raise InputRefused("input.decimal_invalid", value=str(value)[:50]) from None
    if not number.is_finite():
        raise InputRefused("input.decimal_not_finite")
    if len(number.as_tuple().digits) > MAX_DECIMAL_DIGITS or abs(number) >= (
        DECIMAL_MAGNITUDE_LIMIT
    ):
        raise InputRefused("input.decimal_too_large", digits=16)
    return number


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputRefused("input.year_out_of_range", min=MIN_YEAR, max=MAX_YEAR)


def _date(value: object) -> dt.date:
    if not isinstance(value, str):
        raise InputRefused("input.date_invalid", value=str(value)[:50])
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputRefused("input.date_invalid", value=value[:50]) from None
    _check_year(day.year)
    return day


def _datetime(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise InputRefused("input.datetime_invalid", value=str(value)[:50])
    try:
        moment = dateutil.parser.isoparse(value)
    except (ValueError, OverflowError):
        raise InputRefused("input.datetime_invalid", value=value[:50]) from None
    offset = moment.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise InputRefused("input.datetime_offset", value=value[:50])
    _check_year(moment.year)
    return moment


DECIMAL = ScalarDefinition(
    name="Decimal",
    description="Decimal (fixed-point), finite, less than 10^16 in magnitude.",
    specified_by_url=None,
    serialize=str,
    parse_value=_decimal,
    parse_literal=None,
    origin=decimal.Decimal,
)
DATE = ScalarDefinition(
    name="Date",
    description=f"Date (isoformat), years {MIN_YEAR} to {MAX_YEAR}.",
    specified_by_url=None,
    serialize=DateDefinition.serialize,
    parse_value=_date,
    parse_literal=None,
    origin=dt.date,
)
DATETIME = ScalarDefinition(
    name="DateTime",
    description=f"Date with time (isoformat), years {MIN_YEAR} to {MAX_YEAR}, offsets "
    "within 18 hours.",
    specified_by_url=None,
    serialize=DateTimeDefinition.serialize,
    parse_value=_datetime,
    parse_literal=None,
    origin=dt.datetime,
)

SCALAR_OVERRIDES: dict[object, Any] = {
    decimal.Decimal: DECIMAL,
    dt.date: DATE,
    dt.datetime: DATETIME,
}
