"""Events of the association's plan, and the revision of the published calendar."""

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Text, event, inspect
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel

from models.base import enum_field, json_field, timestamp_field
from models.cities import City
from models.workflow import waiting_index


class EventKind(StrEnum):
    """What sort of event it is, as the plan groups them."""

    session = "session"
    conference = "conference"
    forum = "forum"
    contest = "contest"
    round_table = "round_table"
    partner_event = "partner_event"
    participation = "participation"
    publication = "publication"
    information_work = "information_work"


class DatePrecision(StrEnum):
    """How precisely the plan dates an event."""

    day = "day"
    day_range = "day_range"
    month = "month"
    separate_schedule = "separate_schedule"
    continuous = "continuous"
    quarterly = "quarterly"


# Precisions that give the event a place on the calendar grid and in the feeds.
DATED = (DatePrecision.day, DatePrecision.day_range, DatePrecision.month)


class EventState(StrEnum):
    """Where an event stands in the plan's approval (workflow/plan.py moves it)."""

    proposed = "proposed"
    consolidated = "consolidated"
    submitted = "submitted"
    approved = "approved"
    published = "published"
    held = "held"
    cancelled = "cancelled"


# An event of the plan: titles in both languages, a place, a date of one precision.
class Event(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (waiting_index("events"),)

    id: int | None = Field(default=None, primary_key=True)
    # The iCalendar UID: fixed at creation, never derived from a host name.
    uid: str = Field(max_length=200, unique=True)
    # The seed's key ("plan-2024-01"); None for events entered in the app.
    key: str | None = Field(default=None, max_length=80, unique=True)
    kind: EventKind = enum_field(EventKind, index=True)
    title_ru: str = Field(default="", max_length=500)
    title_en: str = Field(default="", max_length=500)
    city_id: int | None = Field(default=None, foreign_key="cities.id", index=True)
    place_ru: str | None = Field(default=None, max_length=200)
    place_en: str | None = Field(default=None, max_length=200)
    organisers_ru: list[str] = json_field(list)
    organisers_en: list[str] = json_field(list)
    link: str | None = Field(default=None, max_length=500)
    description_ru: str | None = Field(default=None, sa_type=Text)
    description_en: str | None = Field(default=None, sa_type=Text)
    precision: DatePrecision = enum_field(DatePrecision)
    # The plan year; for dated events the year of ``starts_on``.
    year: int
    # First and last day: the day, the range, or the whole month; None when undated.
    starts_on: date | None = Field(default=None, index=True)
    ends_on: date | None = None
    approximate: bool = False
    # The plan workflow's state (workflow/plan.py); the engine guards it with ``version``.
    state: EventState = enum_field(EventState, default=EventState.proposed, index=True)
    # 1 at creation, bumped by every edit and transition; the feeds give version - 1 as SEQUENCE.
    version: int = 1
    state_changed_at: datetime = timestamp_field()
    # Set when first published: from then on the event stays in the feeds.
    published_at: datetime | None = timestamp_field(nullable=True, index=True)
    sources: list[str] = json_field(list)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()

    def title(self, locale: str) -> str:
        """The title in the given language, or in the other one if it has none."""
        first, second = (self.title_en, self.title_ru) if locale == "en" else (
            self.title_ru, self.title_en)
        return first or second

    def organisers(self, locale: str) -> list[str]:
        """The organisers in the given language, or in the other one."""
        first, second = (self.organisers_en, self.organisers_ru) if locale == "en" else (
            self.organisers_ru, self.organisers_en)
        return list(first or second)

    def description(self, locale: str) -> str:
        """The description in the given language, or in the other one."""
        first, second = (self.description_en, self.description_ru) if locale == "en" else (
            self.description_ru, self.description_en)
        return first or second or ""

    @property
    def is_dated(self) -> bool:
        """Whether the event has days of its own (and so a place in the feeds)."""
        return self.precision in DATED and self.starts_on is not None

    @property
    def is_public(self) -> bool:
        """Published once: visible to everyone, and kept in the feeds even when cancelled."""
        return self.published_at is not None and self.state in (
            EventState.published, EventState.held, EventState.cancelled)

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.key or self.uid} {self.state}>"


# One row: the number the published calendar is at, bumped with every change to it.
class CalendarRevision(SQLModel, table=True):
    __tablename__ = "calendar_revisions"

    id: int = Field(default=1, primary_key=True)
    number: int = 0
    changed_at: datetime = timestamp_field()


def bump_revision(session: Session, now: datetime) -> None:
    """Record that the published calendar changed (in the caller's transaction)."""
    revision = session.get(CalendarRevision, 1)
    if revision is None:
        session.add(CalendarRevision(id=1, number=1, changed_at=now))
        return
    # Incremented in SQL: two transactions bumping at once never give one number.
    revision.number = CalendarRevision.number + 1  # type: ignore[assignment]
    revision.changed_at = now
    session.add(revision)


# What of a city the calendar shows: its city day and jubilees, for members only.
CITY_CALENDAR_FACTS = (
    "status", "name_ru", "name_en", "founding_year",
    "city_day_month", "city_day_day", "city_day_end_day", "city_day_approximate",
)


def _changes_calendar(obj: object) -> bool:
    if not isinstance(obj, City):
        return False
    state: Any = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in CITY_CALENDAR_FACTS)


@event.listens_for(Session, "before_flush")
def _calendar_follows_cities(session: Session, _context: Any, _instances: Any) -> None:
    """A city admitted, excluded or re-dated changes the city-days feed and page.

    Every ORM change to a city passes here, whichever workflow or page made it;
    bulk ``UPDATE``s of cities call ``bump_revision`` themselves.
    """
    if any(isinstance(obj, City) for obj in session.new | session.deleted) or any(
        _changes_calendar(obj) for obj in session.dirty
    ):
        bump_revision(session, datetime.now(UTC))
