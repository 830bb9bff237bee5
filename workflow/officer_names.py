"""Names of officers and positions inside messages, in the reader's language.

Condition messages are built once and read later, by readers of either
language: ``Named`` holds both spellings and says the right one when the
message is finally written out.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import get_locale
from sqlalchemy.orm import object_session
from sqlmodel import Session

from models import Person, Position
from models.formatting import format_day
from models.officers import Appointment


@dataclass(frozen=True)
class Named:
    """A name in Russian and English; ``str()`` gives the reader's (Russian by default)."""

    ru: str
    en: str

    def __str__(self) -> str:
        return self.en if _language() == "en" else self.ru


def _language() -> str:
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "ru"


@dataclass(frozen=True)
class Day:
    """A date that ``str()`` writes in the reader's language: "25 мая 2023 г."."""

    value: date

    def __str__(self) -> str:
        return format_day(self.value, _language())


def person_name(session: Session, person_id: int) -> Named:
    person = session.get(Person, person_id)
    if person is None:
        return Named(f"#{person_id}", f"#{person_id}")
    return Named(person.full_name("ru"), person.full_name("en"))


def position_title(session: Session, position_id: int) -> Named:
    position = session.get(Position, position_id)
    if position is None:
        return Named(f"#{position_id}", f"#{position_id}")
    return Named(position.title_ru, position.title_en)


def appointment_title(appointment: Appointment, language: str) -> str:
    """"Yalalov Irek Ishmukhametovich — First Vice-President of MAG"."""
    session = object_session(appointment)
    if session is None:
        return f"#{appointment.id}"
    person = person_name(session, appointment.person_id)  # type: ignore[arg-type]
    position = position_title(session, appointment.position_id)  # type: ignore[arg-type]
    pick = (lambda n: n.en) if language == "en" else (lambda n: n.ru)
    return f"{pick(person)} — {pick(position)}"
