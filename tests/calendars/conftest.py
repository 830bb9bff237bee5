"""Fixtures for the calendar: feeds parsed both ways, events made to order."""

from collections.abc import Callable
from datetime import date
from typing import Any

import icalendar
import pytest
from ical.calendar import Calendar as StrictCalendar
from ical.calendar_stream import IcsCalendarStream

from calendars.dates import When
from calendars.editing import EventData, propose_event
from models.events import DatePrecision, Event, EventKind
from workflow.engine import fire
from workflow.plan import PLAN


def parse_both(body: bytes) -> tuple[StrictCalendar, icalendar.Calendar]:
    """A feed parsed by the strict ``ical`` package and by ``icalendar``."""
    text = body.decode("utf-8")
    return IcsCalendarStream.calendar_from_ics(text), icalendar.Calendar.from_ical(text)


@pytest.fixture
def make_event(db) -> Callable[..., Event]:
    """A factory of proposed events: ``make_event(precision=..., starts_on=...)``."""

    def make(title_ru: str = "Форум", title_en: str = "Forum", **fields: Any) -> Event:
        when = When(fields.pop("precision", DatePrecision.day),
                    year=fields.pop("year", None), month=fields.pop("month", None),
                    starts_on=fields.pop("starts_on", date(2025, 6, 12)),
                    ends_on=fields.pop("ends_on", None))
        data = EventData(kind=fields.pop("kind", EventKind.forum), when=when,
                         title_ru=title_ru, title_en=title_en, **fields)
        return propose_event(session=db, actor=None, data=data)

    return make


@pytest.fixture
def publish(db, make_user) -> Callable[[Event], Event]:
    """Take an event through the whole approval to published, as the right roles."""
    from models import Role

    def run(event: Event) -> Event:
        secretariat, president = make_user(Role.secretariat), make_user(Role.president)
        for step, actor in (("consolidate", secretariat), ("submit", secretariat),
                            ("approve", president), ("publish", secretariat)):
            fire(db, PLAN, event, step, actor=actor)
        return event

    return run
