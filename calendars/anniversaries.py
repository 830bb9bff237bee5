"""City days and jubilees, computed for any year from the cities table.

Nothing here is stored as an event: a city's yearly day and founding year
give its day and age in any year, and a jubilee is an age that is a multiple
of 5. The plan lists the city days of the capitals; the cities table has no
"capital" column, so a capital is a city the plan's list of capital city days
names as a source (``CAPITAL_SOURCE``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from calendars.dates import yearly_day
from models.cities import City, CityStatus

CAPITAL_SOURCE = "plan-2024-proposals.txt#capital-days"
JUBILEE_STEP = 5


@dataclass(frozen=True)
class CityDay:
    """A city's day in one year, with the age the city reaches that year."""

    city: City
    year: int
    starts_on: date
    ends_on: date
    age: int | None
    approximate: bool

    @property
    def is_jubilee(self) -> bool:
        """Whether the age is a round anniversary (a multiple of 5)."""
        return is_jubilee_age(self.age)

    @property
    def uid(self) -> str:
        """A UID that stays the same for this city and year, on any host."""
        return f"city-day-{self.city.slug}-{self.year}@magflow.mag-calendar"


def is_jubilee_age(age: int | None) -> bool:
    """Whether an age is a jubilee: positive and a multiple of 5."""
    return age is not None and age > 0 and age % JUBILEE_STEP == 0


def is_capital(city: City) -> bool:
    """Whether the city is a capital whose day the plan lists."""
    return CAPITAL_SOURCE in city.sources


def city_day(city: City, year: int) -> CityDay | None:
    """The city's day in ``year``, if its yearly date is known."""
    if city.city_day_month is None or city.city_day_day is None:
        return None
    starts = yearly_day(year, city.city_day_month, city.city_day_day)
    ends = yearly_day(year, city.city_day_month, city.city_day_end_day or city.city_day_day)
    return CityDay(city, year, starts, ends, city.age_in(year), city.city_day_approximate)


def _by_date(days: Iterable[CityDay]) -> list[CityDay]:
    return sorted(days, key=lambda day: (day.starts_on, day.city.slug))


def capital_days(cities: Iterable[City], year: int) -> list[CityDay]:
    """The city days of the member capitals in ``year``, by date."""
    found = (city_day(c, year) for c in cities if c.status == CityStatus.member and is_capital(c))
    return _by_date(day for day in found if day is not None)


@dataclass(frozen=True)
class Jubilee:
    """A member city's round anniversary in one year, on its city day when known."""

    city: City
    year: int
    age: int
    day: CityDay | None

    @property
    def uid(self) -> str:
        return f"jubilee-{self.city.slug}-{self.year}@magflow.mag-calendar"


def jubilees(cities: Iterable[City], year: int) -> list[Jubilee]:
    """The member cities whose age in ``year`` is a multiple of 5, by date."""
    found = [
        Jubilee(city, year, city.age_in(year) or 0, city_day(city, year))
        for city in cities
        if city.status == CityStatus.member and is_jubilee_age(city.age_in(year))
    ]
    return sorted(found, key=lambda j: (j.day.starts_on if j.day else date(year, 12, 31),
                                        j.city.slug))
