"""The city days of the capitals and the member cities' jubilees as a feed.

All dates are approximate, as the plan's footnote says: every VEVENT is an
all-day TENTATIVE event whose title says so.
"""

from collections.abc import Iterable
from datetime import datetime

from icalendar import Event as VEvent

from calendars import wording
from calendars.anniversaries import CityDay, capital_days, jubilees
from calendars.dates import exclusive_end
from calendars.ics import calendar_shell, utc
from models.cities import City


def anniversary_title(day: CityDay, language: str) -> str:
    """"Jubilee: Kirov, 650 years", or "City day: Moscow, 877 years", both approximate."""
    city = day.city.name(language)
    if day.is_jubilee:
        return wording.translate_count(wording.JUBILEE_TITLE, day.age or 0, language, city=city)
    if day.age is not None and day.age > 0:
        return wording.translate_count(wording.CITY_DAY_AGE_TITLE, day.age, language, city=city)
    return wording.translate(wording.CITY_DAY_TITLE, language, city=city)


def anniversary_days(cities: list[City], years: Iterable[int]) -> list[CityDay]:
    """The capitals' city days and the jubilees' city days, one per city and year."""
    found: dict[tuple[str, int], CityDay] = {}
    for year in years:
        for day in capital_days(cities, year):
            found[(day.city.slug, year)] = day
        for jubilee in jubilees(cities, year):
            if jubilee.day is not None:
                found[(jubilee.city.slug, year)] = jubilee.day
    return sorted(found.values(), key=lambda day: (day.starts_on, day.city.slug))


def anniversary_vevent(day: CityDay, language: str, stamp: datetime) -> VEvent:
    """One city day as a tentative all-day VEVENT."""
    component = VEvent()
    component.add("uid", day.uid)
    component.add("dtstamp", utc(stamp))
    component.add("dtstart", day.starts_on)
    component.add("dtend", exclusive_end(day.ends_on))
    component.add("summary", anniversary_title(day, language))
    component.add("description", wording.translate(wording.APPROXIMATE_NOTE, language))
    component.add("location", day.city.name(language))
    component.add("status", "TENTATIVE")
    component.add("transp", "TRANSPARENT")
    return component


def anniversary_feed(cities: list[City], years: Iterable[int], language: str,
                     stamp: datetime) -> bytes:
    """The city-days calendar for ``years``; ``stamp`` is when the cities last changed."""
    shell = calendar_shell(
        wording.translate(wording.CITY_DAYS_NAME, language),
        wording.translate(wording.CITY_DAYS_DESCRIPTION, language),
        language,
    )
    for day in anniversary_days(cities, years):
        shell.add_component(anniversary_vevent(day, language, stamp))
    return shell.to_ical()
