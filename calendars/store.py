"""Reading events and the calendar's revision from the database (no Flask)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from models.cities import City
from models.events import Event, EventState

PUBLIC_STATES = (EventState.published, EventState.held, EventState.cancelled)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Revision:
    """Where the published calendar stands: a number and when it last changed."""

    number: int
    changed_at: datetime

    @property
    def tag(self) -> str:
        """A short text that differs for every revision (part of the ETag)."""
        return f"{self.number}.{int(self.changed_at.timestamp())}"


def read_revision(engine: Engine) -> Revision:
    """The revision of the published calendar, read with one cheap query."""
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT number, changed_at FROM calendar_revisions WHERE id = 1")
        ).first()
    if row is None:
        return Revision(0, EPOCH)
    changed = row[1]
    if isinstance(changed, str):  # SQLite returns text for a raw query
        changed = datetime.fromisoformat(changed)
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=UTC)
    return Revision(int(row[0]), changed)


def public_events(session: Session) -> list[Event]:
    """Every event published once (published, held or cancelled), by date."""
    rows = session.exec(
        select(Event)
        .where(col(Event.published_at).is_not(None), col(Event.state).in_(PUBLIC_STATES))
        .order_by(col(Event.starts_on), col(Event.id))
    ).all()
    return list(rows)


def plan_events(session: Session, *, year: int | None = None) -> list[Event]:
    """All events of the plan, in any state, by date (for the office)."""
    query = select(Event).order_by(col(Event.year), col(Event.starts_on), col(Event.id))
    if year is not None:
        query = query.where(Event.year == year)
    return list(session.exec(query).all())


def event_by_id(session: Session, event_id: int) -> Event | None:
    """One event, if it exists."""
    return session.get(Event, event_id)


def cities_of(session: Session, events: Iterable[Event]) -> dict[int, City]:
    """The cities these events take place in, by id."""
    ids = {event.city_id for event in events if event.city_id is not None}
    if not ids:
        return {}
    rows = session.exec(select(City).where(col(City.id).in_(ids))).all()
    return {city.id: city for city in rows if city.id is not None}


def dated_cities(session: Session) -> list[City]:
    """Cities with a founding year or a city day: the ground of city days and jubilees."""
    rows = session.exec(
        select(City).where(
            col(City.founding_year).is_not(None) | col(City.city_day_month).is_not(None)
        )
    ).all()
    return list(rows)


def city_exists(session: Session, slug: str) -> bool:
    """Whether a city with this slug exists."""
    return session.exec(select(City.id).where(City.slug == slug)).first() is not None
