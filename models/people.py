"""Governing bodies, their positions, and the people who hold them."""

from enum import StrEnum

from sqlalchemy import Enum
from sqlmodel import Field, SQLModel

from models.base import json_field


class Gender(StrEnum):
    """The grammatical gender a person's name and title are declined in."""

    female = "female"
    male = "male"


# A governing body: the Board, the Audit Commission, the Expert Council, ...
class Body(SQLModel, table=True):
    __tablename__ = "bodies"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True)
    name_ru: str = Field(max_length=200)
    name_en: str = Field(max_length=200)

    def __repr__(self) -> str:
        return f"<Body {self.slug}>"


# A position within a body; single-seat positions never have two holders.
class Position(SQLModel, table=True):
    __tablename__ = "positions"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    body_id: int = Field(foreign_key="bodies.id", index=True)
    title_ru: str = Field(max_length=200)
    title_en: str = Field(max_length=200)
    single_seat: bool = True
    rank: int = 100

    def __repr__(self) -> str:
        return f"<Position {self.slug}>"


# A person, named the Russian way (surname, given name, patronymic).
class Person(SQLModel, table=True):
    __tablename__ = "people"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True)
    surname_ru: str = Field(max_length=80)
    given_ru: str | None = Field(default=None, max_length=80)
    patronymic_ru: str | None = Field(default=None, max_length=80)
    # Only initials where the source gives only initials ("С.А. Кравчук").
    initials_ru: str | None = Field(default=None, max_length=20)
    surname_en: str = Field(max_length=80)
    given_en: str | None = Field(default=None, max_length=80)
    patronymic_en: str | None = Field(default=None, max_length=80)
    initials_en: str | None = Field(default=None, max_length=20)
    # The person's own title, in both languages ("аким города Астаны").
    title_ru: str | None = Field(default=None, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)
    city_id: int | None = Field(default=None, foreign_key="cities.id")
    # Where an invitation to an account goes when a session elects the person.
    email: str | None = Field(default=None, max_length=254)
    # None: read from the patronymic when the name is declined (wording.gender_of).
    gender: Gender | None = Field(default=None, sa_type=Enum(
        Gender, native_enum=False, length=32, values_callable=lambda kind: [m.value for m in kind]))
    # Case forms of the full name, as written in decisions (gent, accs, ...).
    ru_forms: dict[str, str] = json_field()
    sources: list[str] = json_field(list)
    note: str | None = Field(default=None, max_length=500)

    def full_name(self, locale: str) -> str:
        """Surname, given name and patronymic, or surname and initials."""
        if locale == "en":
            parts = [self.surname_en, self.given_en, self.patronymic_en]
            initials = self.initials_en
        else:
            parts = [self.surname_ru, self.given_ru, self.patronymic_ru]
            initials = self.initials_ru
        if parts[1] is None and initials:
            return f"{parts[0]} {initials}"
        return " ".join(p for p in parts if p)

    def title(self, locale: str) -> str | None:
        """The person's own title in the given language."""
        return self.title_en if locale == "en" else self.title_ru

    def __repr__(self) -> str:
        return f"<Person {self.slug}>"
