"""Sessions of the association and references to the decisions of its bodies."""

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel

from models.base import enum_field, json_field


class SessionStatus(StrEnum):
    planned = "planned"
    agenda_prepared = "agenda_prepared"
    held = "held"
    decision_signed = "decision_signed"


# A session (general assembly) of the association: "XXIX session, Khabarovsk, 25 May 2023".
class AssemblySession(SQLModel, table=True):
    __tablename__ = "assembly_sessions"

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True, index=True)
    city_id: int | None = Field(default=None, foreign_key="cities.id")
    held_on: date | None = None
    status: SessionStatus = enum_field(SessionStatus, default=SessionStatus.planned)
    sources: list[str] = json_field(list)

    @property
    def roman(self) -> str:
        """The number as the association writes it: XXIX."""
        return to_roman(self.number)

    def __repr__(self) -> str:
        return f"<AssemblySession {self.roman}>"


ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def to_roman(number: int) -> str:
    """29 -> "XXIX"."""
    if number <= 0:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


_ROMAN_NUMERAL = re.compile(r"M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def from_roman(text: str) -> int:
    """"XXIX" -> 29; raises ValueError for anything that is not a Roman numeral."""
    text = text.strip().upper()
    if not text or not _ROMAN_NUMERAL.fullmatch(text):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total, rest = 0, text
    for value, letters in ROMAN:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters):]
    return total


@dataclass(frozen=True)
class DecisionRef:
    """A reference to what a body decided.

    Session decisions: ``XXIX:1.3`` (session number, Roman or Arabic, and item).
    Board decisions: ``board:2024-03-01:5`` (minute date and number).
    Audit Commission: ``audit:2024-03-01:2``.
    """

    body: str  # "session", "board" or "audit"
    session_number: int | None = None
    item: str | None = None
    minute_date: date | None = None
    minute_number: str | None = None

    def __str__(self) -> str:
        if self.body == "session":
            return f"{to_roman(self.session_number or 0)}:{self.item}"
        return f"{self.body}:{self.minute_date}:{self.minute_number}"


_SESSION_REF = re.compile(r"^\s*([IVXLCDM]+|\d+)\s*:\s*(\d+(?:\.\d+)*)\s*$", re.IGNORECASE)
_MINUTE_REF = re.compile(r"^\s*(board|audit)\s*:\s*(\d{4}-\d{2}-\d{2})\s*:\s*([\w/-]{1,20})\s*$")


def parse_decision(text: str) -> DecisionRef:
    """Parse a decision reference; ValueError says what is wrong."""
    match = _SESSION_REF.match(text or "")
    if match:
        raw = match.group(1)
        number = int(raw) if raw.isdigit() else from_roman(raw)
        if number <= 0:
            raise ValueError("session numbers start at 1")
        return DecisionRef("session", session_number=number, item=match.group(2))
    match = _MINUTE_REF.match(text or "")
    if match:
        return DecisionRef(match.group(1), minute_date=date.fromisoformat(match.group(2)),
                           minute_number=match.group(3))
    raise ValueError(f"not a decision reference: {text!r}")
