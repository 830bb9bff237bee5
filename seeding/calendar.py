"""Loading the 2024 plan of events from ``mag.toml`` ([plan] and [[events]])."""

from datetime import UTC, date, datetime

from sqlmodel import Session, select

from calendars.dates import When
from calendars.editing import EventData, propose_event
from models.events import DatePrecision, Event, EventKind, EventState, bump_revision
from seeding.loader import Seed, Tick
from seeding.sections import city_id

# The seeds give no approval or publication date: the plan is dated from the XXIX
# session, which agreed with its proposals (item 2.3), not from the day of loading.
PLAN_AGREED = datetime(2023, 5, 25, tzinfo=UTC)


def when_of(record: dict, plan_year: int) -> When:
    """The seed's ``when = {precision = ..., ...}`` as a ``When``."""
    when = record["when"]
    precision = DatePrecision(when["precision"])
    start: date | None = when.get("start")
    end: date | None = when.get("end")
    if precision == DatePrecision.day:
        end = None
    year = None if precision in (DatePrecision.day, DatePrecision.day_range) else when.get(
        "year", plan_year)
    return When(precision, year=year, month=when.get("month"), starts_on=start, ends_on=end)


def event_data(session: Session, record: dict, plan_year: int) -> EventData:
    """One ``[[events]]`` record as the data of an event."""
    return EventData(
        kind=EventKind(record["kind"]),
        when=when_of(record, plan_year),
        title_ru=record["title_ru"],
        title_en=record["title_en"],
        city_id=city_id(session, record.get("place")),
        organisers_ru=record.get("organisers_ru", []),
        organisers_en=record.get("organisers_en", []),
        description_ru=record.get("note_ru"),
        description_en=record.get("note_en"),
        approximate=record.get("when", {}).get("approximate", False),
        sources=record.get("sources", []),
    )


def load_events(session: Session, seed: Seed, tick: Tick) -> int:
    """The plan's events, in the state the seed gives the plan (published)."""
    plan = seed.get("plan", {})
    state = EventState(plan.get("state", "proposed"))
    created = 0
    for record in seed.get("events", []):
        tick()
        if session.exec(select(Event).where(Event.key == record["key"])).first():
            continue
        event = propose_event(session=session, actor=None, key=record["key"],
                              data=event_data(session, record, plan["year"]), now=PLAN_AGREED)
        _put_in_state(session, event, state)
        created += 1
    return created


def _put_in_state(session: Session, event: Event, state: EventState) -> None:
    # The seeds record no approval steps, so the seed's state is set as given.
    if state == EventState.proposed:
        return
    now = PLAN_AGREED
    event.state, event.state_changed_at, event.updated_at = state, now, now
    if state in (EventState.published, EventState.held, EventState.cancelled):
        event.published_at = now
        bump_revision(session, now)
    session.add(event)
    session.commit()
