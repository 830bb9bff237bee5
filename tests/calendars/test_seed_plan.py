"""The whole 2024 plan is seeded, with its sources, and seeding twice adds nothing."""

from collections import Counter

from sqlmodel import select

from models import Event, EventState
from seeding.loader import load_seed, read_seed


def test_the_2024_plan_is_seeded_published_with_sources(seeded):
    events = seeded.exec(select(Event)).all()
    assert len(events) == 19
    assert {event.state for event in events} == {EventState.published}
    assert all(event.sources and event.published_at for event in events)
    kinds = Counter(event.kind for event in events)
    assert kinds["information_work"] + kinds["publication"] == 5 + 0  # items 15-19
    assert {event.key for event in events} == {r["key"] for r in read_seed()["events"]}


def test_seed_keeps_titles_places_and_organisers(seeded):
    session_ = seeded.exec(select(Event).where(Event.key == "plan-2024-01")).one()
    assert session_.title_en == "XXX Session of MAG on the Smart City"
    assert (session_.precision, session_.starts_on.month, session_.year) == ("month", 5, 2024)
    assert session_.organisers_ru == ["МАГ"]
    assert session_.uid == "plan-2024-01@magflow.mag-calendar"


def test_seeding_twice_adds_nothing(seeded):
    assert load_seed(seeded)["events"] == 0
    assert len(seeded.exec(select(Event)).all()) == 19
