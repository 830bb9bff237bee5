"""The feeds, parsed strictly, event by event against the seed plan."""

from datetime import UTC, date, datetime, timedelta

import pytest

from calendars import ics, store
from calendars.anniversary_feed import anniversary_feed
from calendars.dates import When
from calendars.editing import EventData, edit_event
from models import Role
from models.events import DatePrecision, EventKind, EventState
from seeding.loader import read_seed
from tests.calendars.conftest import parse_both
from workflow.engine import fire
from workflow.plan import PLAN

DATED = {"day", "day_range", "month"}


def seed_feed(session, language="ru"):
    events = store.public_events(session)
    return ics.feed(events, language, store.cities_of(session, events))


def seed_dates(record):
    when = record["when"]
    if when["precision"] == "month":
        first = date(when["year"], when["month"], 1)
        after = date(when["year"] + (when["month"] == 12), when["month"] % 12 + 1, 1)
        return first, after
    return when["start"], when.get("end", when["start"]) + timedelta(days=1)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_2024_feed_matches_the_seed_plan_event_by_event(seeded, language):
    strict, loose = parse_both(seed_feed(seeded, language))
    by_uid = {event.uid: event for event in strict.events}
    seed = read_seed()["events"]
    dated = [record for record in seed if record["when"]["precision"] in DATED]
    assert sorted(by_uid) == sorted(f"{r['key']}@magflow.mag-calendar" for r in dated)
    assert len(loose.events) == len(dated) == 11
    for record in dated:
        event = by_uid[f"{record['key']}@magflow.mag-calendar"]
        assert (event.dtstart, event.dtend) == seed_dates(record)
        assert event.summary.startswith(record[f"title_{language}"])
        month_only = record["when"]["precision"] == "month"
        assert (event.status == "TENTATIVE") is month_only
        if month_only:
            assert ("exact date to be announced" in event.summary) or (
                "точная дата уточняется" in event.summary)


def test_undated_and_continuous_items_stay_off_the_feed(seeded):
    strict, _loose = parse_both(seed_feed(seeded))
    uids = {event.uid for event in strict.events}
    for record in read_seed()["events"]:
        if record["when"]["precision"] not in DATED:
            assert f"{record['key']}@magflow.mag-calendar" not in uids


def test_calendar_names_itself_and_its_refresh_interval(seeded):
    body = seed_feed(seeded, "en")
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in body
    assert b"X-PUBLISHED-TTL:PT12H\r\n" in body
    assert b"X-WR-CALNAME:MAG calendar of events\r\n" in body
    assert b"NAME:MAG calendar of events\r\n" in body


def test_empty_feed_is_still_a_valid_calendar():
    strict, loose = parse_both(ics.feed([], "ru", {}))
    assert strict.events == [] and loose.events == []
    assert str(loose["X-WR-CALNAME"]) == "Календарь мероприятий МАГ"


def test_feed_is_the_same_bytes_when_nothing_changed(seeded):
    assert seed_feed(seeded) == seed_feed(seeded)


def test_dtstamp_is_when_the_event_last_changed_not_now(seeded):
    events = store.public_events(seeded)
    strict, _ = parse_both(ics.feed(events, "ru", {}))
    stamps = {event.uid: event.dtstamp for event in strict.events}
    for event in events:
        if event.is_dated:
            assert stamps[event.uid] == event.updated_at.replace(microsecond=0)


def test_approximate_day_is_tentative_and_says_so(db, make_event, publish):
    event = publish(make_event(approximate=True))
    strict, _ = parse_both(ics.feed([event], "ru", {}))
    (found,) = strict.events
    assert found.status == "TENTATIVE"
    assert "дата ориентировочная" in found.summary
    assert "Дата ориентировочная." in found.description


def test_edit_increments_sequence_and_moves_last_modified(db, make_event, publish, make_user):
    event = publish(make_event())
    before = parse_both(ics.single(event, "en", {}))[0].events[0]
    data = EventData(kind=EventKind.forum, when=When(DatePrecision.day,
                     starts_on=date(2025, 6, 13)), title_ru="Форум", title_en="Forum 2")
    edit_event(event, session=db, actor=make_user(Role.secretariat), data=data,
               expected_version=event.version)
    after = parse_both(ics.single(event, "en", {}))[0].events[0]
    assert after.uid == before.uid
    assert after.sequence == before.sequence + 1
    assert after.last_modified >= before.last_modified
    assert after.dtstamp == after.last_modified


def test_cancelled_event_stays_in_the_feed_as_cancelled(db, make_event, publish, make_user):
    event = publish(make_event(precision=DatePrecision.month, year=2025, month=7,
                               starts_on=None))
    fire(db, PLAN, event, "cancel", actor=make_user(Role.secretariat), reason="Postponed")
    assert event.state == EventState.cancelled
    (found,) = parse_both(seed_feed(db))[0].events
    assert found.status == "CANCELLED"
    assert found.sequence == event.version - 1


def test_cancelled_before_publication_never_reaches_the_feed(db, make_event, make_user):
    event = make_event()
    fire(db, PLAN, event, "cancel", actor=make_user(Role.secretariat), reason="Dropped")
    assert parse_both(seed_feed(db))[0].events == []


def test_day_range_ends_the_day_after_its_last_day(seeded):
    strict, _ = parse_both(seed_feed(seeded))
    (dialogue,) = [e for e in strict.events if e.uid.startswith("plan-2024-10@")]
    assert (dialogue.dtstart, dialogue.dtend) == (date(2024, 10, 31), date(2024, 11, 2))
    assert dialogue.status == "CONFIRMED"


def test_city_days_feed_is_tentative_throughout(seeded):
    cities = store.dated_cities(seeded)
    body = anniversary_feed(cities, [2024], "en", datetime(2024, 1, 1, tzinfo=UTC))
    strict, loose = parse_both(body)
    assert len(strict.events) == 17  # 9 capitals + 8 jubilees
    assert {event.status for event in strict.events} == {"TENTATIVE"}
    titles = {event.summary for event in strict.events}
    assert "Jubilee: Kirov, 650 years (approximate date)" in titles
    assert "City day: Yerevan, 2806 years (approximate date)" in titles


def test_city_days_feed_says_the_age_with_the_russian_plural(seeded):
    """1762 года, 650 лет, 2806 лет: the word follows the number, as Russian wants."""
    cities = store.dated_cities(seeded)
    body = anniversary_feed(cities, [2024], "ru", datetime(2024, 1, 1, tzinfo=UTC))
    titles = {event.summary for event in parse_both(body)[0].events}
    assert "Юбилей: Киров, 650 лет (дата ориентировочная)" in titles
    ages = [t.split(", ")[-1].split(" (")[0] for t in titles if ", " in t]
    for age in ages:
        number, word = age.split(" ")
        n = int(number)
        expected = ("год" if n % 10 == 1 and n % 100 != 11 else
                    "года" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "лет")
        assert word == expected, age
    assert any(word.endswith("года") for word in ages), ages  # e.g. Tskhinval, 1762 года
