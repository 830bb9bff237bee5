"""Cities: members, applicants and the other cities the documents name."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from models.base import enum_field, json_field, timestamp_field


class CityStatus(StrEnum):
    """Where a city stands towards the association."""

    applicant = "applicant"
    member = "member"
    excluded = "excluded"
    # Named in a document (a host, an officer's city) with no membership stated.
    other = "other"


# A city, named in both languages, with the Russian case forms documents need.
class City(SQLModel, table=True):
    __tablename__ = "cities"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    name_ru: str = Field(max_length=120)
    name_en: str = Field(max_length=120)
    # Case forms keyed by pymorphy tags (gent, datv, accs, ablt, loct).
    ru_forms: dict[str, str] = json_field()
    country_ru: str | None = Field(default=None, max_length=120)
    country_en: str | None = Field(default=None, max_length=120)
    status: CityStatus = enum_field(CityStatus, default=CityStatus.other, index=True)
    # Negative for BC: Yerevan is -782, so its age in 2024 is 2806.
    founding_year: int | None = None
    city_day_month: int | None = None
    city_day_day: int | None = None
    city_day_end_day: int | None = None
    city_day_approximate: bool = False
    # Where the facts about this city come from ("decision XXIX, item 1.3").
    sources: list[str] = json_field(list)
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime = timestamp_field()

    def name(self, locale: str) -> str:
        """The city's name in the given language."""
        return self.name_en if locale == "en" else self.name_ru

    def form(self, case: str) -> str:
        """A Russian case form, falling back to the nominative."""
        return self.ru_forms.get(case, self.name_ru)

    def age_in(self, year: int) -> int | None:
        """Years since founding, counted as the association counts them."""
        if self.founding_year is None:
            return None
        return year - self.founding_year

    def __repr__(self) -> str:
        return f"<City {self.slug} {self.status}>"
