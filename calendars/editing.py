"""Entering and editing events of the plan (state changes are in workflow/plan.py)."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col

from calendars.dates import When, problems, resolve
from models.base import utcnow
from models.events import Event, EventKind, bump_revision
from models.users import User
from models.workflow import HistoryEntry

UID_DOMAIN = "magflow.mag-calendar"
PLAN_WORKFLOW = "plan"


class InvalidEvent(ValueError):
    """The data would make an invalid event; ``problems`` are (field, problem) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


class StaleEvent(ValueError):
    """Someone changed the event since the form was loaded."""


@dataclass
class EventData:
    """What a form (or the seed) says about an event."""

    kind: EventKind
    when: When
    title_ru: str = ""
    title_en: str = ""
    city_id: int | None = None
    place_ru: str | None = None
    place_en: str | None = None
    organisers_ru: list[str] = field(default_factory=list)
    organisers_en: list[str] = field(default_factory=list)
    link: str | None = None
    description_ru: str | None = None
    description_en: str | None = None
    approximate: bool = False
    # Where the event is documented (seed files). The form does not edit them:
    # None keeps an edited event's own.
    sources: list[str] | None = None


def check(data: EventData) -> list[tuple[str, str]]:
    """Everything wrong with the data, as (field, problem) pairs."""
    found = list(problems(data.when))
    if not (data.title_ru.strip() or data.title_en.strip()):
        found.append(("title_ru", "no_title"))
    if data.link and not data.link.startswith(("https://", "http://")):
        found.append(("link", "not_a_link"))
    return found


def new_uid() -> str:
    """A UID for a new event: random, and the same on every host."""
    return f"{uuid.uuid4()}@{UID_DOMAIN}"


def _fill(event: Event, data: EventData) -> None:
    year, starts_on, ends_on = resolve(data.when)
    event.kind = data.kind
    event.title_ru, event.title_en = data.title_ru.strip(), data.title_en.strip()
    event.city_id = data.city_id
    event.place_ru, event.place_en = data.place_ru or None, data.place_en or None
    event.organisers_ru = [name.strip() for name in data.organisers_ru if name.strip()]
    event.organisers_en = [name.strip() for name in data.organisers_en if name.strip()]
    event.link = data.link or None
    event.description_ru = data.description_ru or None
    event.description_en = data.description_en or None
    event.precision = data.when.precision
    event.year, event.starts_on, event.ends_on = year, starts_on, ends_on
    event.approximate = data.approximate
    if data.sources is not None:
        event.sources = list(data.sources)


def _history(session: Session, event: Event, actor: User | None, action: str,
             now: datetime) -> None:
    session.add(HistoryEntry(
        workflow=PLAN_WORKFLOW, subject_id=event.id or 0, transition=action,
        from_state=event.state, to_state=event.state,
        actor_id=actor.id if actor else None, at=now,
    ))


def propose_event(*, session: Session, actor: User | None, data: EventData,
                  key: str | None = None, now: datetime | None = None) -> Event:
    """Enter a new event as a proposal for the plan (``now``: when the seed dates it)."""
    errors = check(data)
    if errors:
        raise InvalidEvent(errors)
    now = now or utcnow()
    event = Event(uid=f"{key}@{UID_DOMAIN}" if key else new_uid(), key=key, kind=data.kind,
                  precision=data.when.precision, year=0, created_at=now, updated_at=now,
                  state_changed_at=now)
    _fill(event, data)
    session.add(event)
    session.flush()
    _history(session, event, actor, "create", now)
    session.commit()
    return event


def edit_event(event: Event, *, session: Session, actor: User, data: EventData,
               expected_version: int) -> Event:
    """Change an event's details: SEQUENCE goes up, and the feeds follow if it is public."""
    if expected_version != event.version:
        raise StaleEvent(event.id)
    errors = check(data)
    if errors:
        raise InvalidEvent(errors)
    now = utcnow()
    claimed = session.execute(  # guarded, so two editors cannot both win
        update(Event).where(col(Event.id) == event.id, col(Event.version) == expected_version)
        .values(version=expected_version + 1).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise StaleEvent(event.id)
    _fill(event, data)
    event.version = expected_version + 1
    event.updated_at = now
    session.add(event)
    if event.is_public:
        bump_revision(session, now)
    _history(session, event, actor, "edit", now)
    session.commit()
    return event
