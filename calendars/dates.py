"""The days an event occupies, from its date precision, and what a precision allows."""

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from models.events import DatePrecision

ONE_DAY = timedelta(days=1)
MIN_YEAR, MAX_YEAR = 1900, 2200


@dataclass(frozen=True)
class When:
    """A date of one precision, as a form or the seed gives it."""

    precision: DatePrecision
    year: int | None = None
    month: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None


def last_day_of_month(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, stdlib_calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), last_day_of_month(year, month)


# What each precision needs, and what it must not have ("a month-only date has no day").
REQUIRED = {
    DatePrecision.day: ("starts_on",),
    DatePrecision.day_range: ("starts_on", "ends_on"),
    DatePrecision.month: ("year", "month"),
}
FORBIDDEN = {
    DatePrecision.day: ("month", "ends_on"),
    DatePrecision.day_range: ("month",),
    DatePrecision.month: ("starts_on", "ends_on"),
}
UNDATED_REQUIRED = ("year",)
UNDATED_FORBIDDEN = ("month", "starts_on", "ends_on")


def problems(when: When) -> list[tuple[str, str]]:
    """What is wrong with a date for its precision, as (field, problem) pairs."""
    required = REQUIRED.get(when.precision, UNDATED_REQUIRED)
    forbidden = FORBIDDEN.get(when.precision, UNDATED_FORBIDDEN)
    errors = [(name, "missing") for name in required if getattr(when, name) is None]
    errors += [(name, "not_allowed") for name in forbidden if getattr(when, name) is not None]
    if when.month is not None and not 1 <= when.month <= 12:
        errors.append(("month", "out_of_range"))
    if when.year is not None and not MIN_YEAR <= when.year <= MAX_YEAR:
        errors.append(("year", "out_of_range"))
    if (when.precision == DatePrecision.day_range and when.starts_on and when.ends_on
            and when.ends_on < when.starts_on):
        errors.append(("ends_on", "before_start"))
    return errors


def resolve(when: When) -> tuple[int, date | None, date | None]:
    """The plan year and the first and last day an event of this date occupies."""
    if when.precision == DatePrecision.day and when.starts_on:
        return when.starts_on.year, when.starts_on, when.starts_on
    if when.precision == DatePrecision.day_range and when.starts_on and when.ends_on:
        return when.starts_on.year, when.starts_on, when.ends_on
    if when.precision == DatePrecision.month and when.year and when.month:
        first, last = month_span(when.year, when.month)
        return when.year, first, last
    if when.year is None:
        raise ValueError(f"not a valid date: {problems(when)}")
    return when.year, None, None


def exclusive_end(last_day: date) -> date:
    """The DTEND of an all-day event whose last day is ``last_day`` (RFC 5545: exclusive)."""
    return last_day + ONE_DAY


def yearly_day(year: int, month: int, day: int) -> date:
    """A yearly date in a given year; 29 February falls on the 28th in other years."""
    if month == 2 and day == 29 and not stdlib_calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)
