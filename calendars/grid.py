"""The calendar page's shapes: a month grid, a year list, the undated items."""

import calendar as stdlib_calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from calendars.anniversaries import CityDay
from models.events import DatePrecision, Event


@dataclass
class GridDay:
    """One square of the month grid."""

    day: date
    in_month: bool
    events: list[Event] = field(default_factory=list)
    city_days: list[CityDay] = field(default_factory=list)


def _covers(first: date, last: date, day: date) -> bool:
    return first <= day <= last


def month_grid(year: int, month: int, events: Iterable[Event],
               city_days: Iterable[CityDay]) -> list[list[GridDay]]:
    """Weeks (Monday first) of the month, with the events that have days in it.

    Month-only events have no day: ``month_only`` lists them above the grid.
    """
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    grid = [[GridDay(day, day.month == month) for day in week] for week in weeks]
    dated = [e for e in events if e.is_dated and e.precision != DatePrecision.month]
    days = list(city_days)
    for week in grid:
        for square in week:
            square.events = [e for e in dated
                             if _covers(e.starts_on, e.ends_on, square.day)]  # type: ignore[arg-type]
            square.city_days = [d for d in days if _covers(d.starts_on, d.ends_on, square.day)]
    return grid


def month_only(year: int, month: int, events: Iterable[Event]) -> list[Event]:
    """The events dated by this month alone."""
    return [e for e in events if e.precision == DatePrecision.month and e.starts_on
            and (e.starts_on.year, e.starts_on.month) == (year, month)]


def year_list(year: int, events: Iterable[Event]) -> list[tuple[int, list[Event]]]:
    """The dated events of a year, by the month they start in."""
    months: dict[int, list[Event]] = {}
    for event in events:
        if event.is_dated and event.starts_on and event.starts_on.year == year:
            months.setdefault(event.starts_on.month, []).append(event)
    return sorted((month, sorted(found, key=_start)) for month, found in months.items())


def undated(year: int, events: Iterable[Event]) -> list[Event]:
    """The year's items without days: by separate schedule, continuous, quarterly."""
    return [e for e in events if not e.is_dated and e.year == year]


def _start(event: Event) -> tuple[date, int]:
    return event.starts_on or date.max, event.id or 0


def neighbours(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The months before and after."""
    before = (year - 1, 12) if month == 1 else (year, month - 1)
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return before, after


def event_years(events: Iterable[Event]) -> list[int]:
    """The years that have published events (dated ones by their start, the others by plan)."""
    return sorted({e.starts_on.year if e.is_dated and e.starts_on else e.year for e in events})


def nearest(year: int, events: Iterable[Event], count: int = 3) -> tuple[list[Event], list[Event]]:
    """The ``count`` dated events closest before the year, and after it, in date order."""
    dated = sorted((e for e in events if e.is_dated and e.starts_on), key=_start)
    before = [e for e in dated if e.starts_on and e.starts_on.year < year]
    after = [e for e in dated if e.starts_on and e.starts_on.year > year]
    return before[-count:], after[:count]
