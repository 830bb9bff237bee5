"""An event's date in words, as precise as the plan gives it."""

from babel.dates import format_date, get_day_names

from calendars import wording
from models.events import DatePrecision, Event
from models.formatting import babel_locale, format_day, format_month

APPROXIMATE_DATE = wording._("%(date)s (approximate)")


def date_label(event: Event, language: str) -> str:
    """"12 June 2024", "31 October – 1 November 2024", "May 2024", or "Continuous"."""
    text = _precise(event, language)
    if event.approximate:
        return wording.translate(APPROXIMATE_DATE, language, date=text)
    return text


def _precise(event: Event, language: str) -> str:
    if event.precision == DatePrecision.day and event.starts_on:
        return format_day(event.starts_on, language)
    if event.precision == DatePrecision.day_range and event.starts_on and event.ends_on:
        start, end = event.starts_on, event.ends_on
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{format_day(end, language)}"
        first = format_date(start, "d MMMM", locale=babel_locale(language))
        if start.year != end.year:
            first = format_day(start, language)
        return f"{first} – {format_day(end, language)}"
    if event.precision == DatePrecision.month and event.starts_on:
        return format_month(event.starts_on.year, event.starts_on.month, language)
    name = wording.translate(wording.PRECISION_NAMES[event.precision], language)
    return f"{name}, {event.year}"


def weekday_names(language: str) -> list[str]:
    """Short weekday names, Monday first."""
    names = get_day_names("abbreviated", locale=babel_locale(language))
    return [names[day] for day in range(7)]
