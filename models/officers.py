"""Who held which office, and the documents a session adopted.

An ``Appointment`` is one person's term in one position, from nomination to
release (``workflow/appointments.py`` moves it). A term runs from
``started_on`` up to, but not including, ``ended_on``: a holder released on
25 May and a successor elected on 25 May never overlap, and on 25 May the
successor is in office. Either date may be unknown (None) when the sources do
not say; an unknown start counts as "since before anything we know".
"""

from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum
from sqlmodel import Field, SQLModel

from models.base import json_field
from models.workflow import StatefulMixin, waiting_index


class ReleaseReason(StrEnum):
    """Why a session released someone from an office."""

    moved_to_other_work = "moved_to_other_work"
    resigned = "resigned"
    term_ended = "term_ended"
    elected_to_other_office = "elected_to_other_office"
    other = "other"


# States in which an appointment holds its seat (the single-seat rule counts them).
SEATED_STATES = ("elected", "in_office", "release_requested")


def _optional_reason() -> Any:
    column_type = Enum(
        ReleaseReason, native_enum=False, length=32,
        values_callable=lambda kind: [m.value for m in kind],
    )
    return Field(default=None, sa_type=column_type, nullable=True)


# One person's term in one position, with the decisions that began and ended it.
class Appointment(StatefulMixin, table=True):
    __tablename__ = "appointments"
    __table_args__ = (waiting_index("appointments"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="people.id", index=True)
    position_id: int = Field(foreign_key="positions.id", index=True)
    # The person's own title when nominated or elected, as the decision wrote it.
    title_ru: str | None = Field(default=None, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)
    nominated_on: date | None = None
    started_on: date | None = Field(default=None, index=True)
    ended_on: date | None = Field(default=None, index=True)
    election_decision: str | None = Field(default=None, max_length=120)
    release_decision: str | None = Field(default=None, max_length=120)
    # Requested with the release, confirmed by the session's decision.
    release_reason: ReleaseReason | None = _optional_reason()
    release_reason_text: str | None = Field(default=None, max_length=500)
    # The database's guard of the single-seat rule: the position's id while this
    # appointment holds a single-seat position, else None. Unique, so two holders
    # of one single-seat position cannot both be saved, whatever races.
    seat_position_id: int | None = Field(default=None, foreign_key="positions.id", unique=True)
    sources: list[str] = json_field(list)
    note: str | None = Field(default=None, max_length=500)

    def in_office_on(self, day: date) -> bool:
        """Whether the term covers ``day`` (an unknown start covers every earlier day)."""
        if self.state not in (*SEATED_STATES, "released"):
            return False
        if self.started_on is not None and day < self.started_on:
            return False
        return self.ended_on is None or day < self.ended_on

    def __repr__(self) -> str:
        return (f"<Appointment #{self.id} person={self.person_id} "
                f"position={self.position_id} {self.state}>")


# A document a session adopted: "Regulation on the prize of the First President of MAG".
class AdoptedDocument(SQLModel, table=True):
    __tablename__ = "adopted_documents"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="assembly_sessions.id", index=True)
    # The decision item that adopted it, as a reference: "XXIX:3.5".
    decision: str = Field(max_length=120, unique=True)
    kind: str = Field(max_length=40, default="regulation")
    title_ru: str = Field(max_length=500)
    title_en: str = Field(max_length=500)
    adopted_on: date | None = None
    sources: list[str] = json_field(list)

    def title(self, locale: str) -> str:
        return self.title_en if locale == "en" else self.title_ru

    def __repr__(self) -> str:
        return f"<AdoptedDocument {self.decision}>"
