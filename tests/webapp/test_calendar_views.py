"""The calendar on the web: feeds, conditional requests, bad input, the plan's steps."""

import json
from datetime import date

import pytest
from sqlmodel import select

from calendars.store import public_events
from models import Event, EventState
from tests.calendars.conftest import parse_both

SECRETARIAT = "secretariat@demo.magflow"
PRESIDENT = "president@demo.magflow"
FEEDS = ["/calendar.ics", "/calendar.ics?lang=en", "/calendar.ics?kind=forum",
         "/calendar.ics?city=moscow&lang=en", "/calendar.ics?organiser=MAG",
         "/calendar.ics?kind=round_table", "/calendar/events/10.ics", "/calendar/city-days.ics",
         "/calendar/city-days.ics?year=2024&lang=en"]


def event_form(**fields):
    form = {"title_ru": "Форум городов", "title_en": "Forum of cities", "kind": "forum",
            "city": "moscow", "precision": "day", "starts_on": "2025-06-12", "year": "",
            "month": "", "organisers_ru": "МАГ", "organisers_en": "MAG"}
    form.update(fields)
    return form


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_passes_the_strict_parser(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    strict, loose = parse_both(response.data)
    assert len(strict.events) == len(loose.events)


def test_feed_needs_no_accept_header(client, seeded):
    response = client.get("/calendar.ics", headers={"Accept": ""})
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.data


def test_feed_filters_pick_their_events(client, seeded):
    forum = parse_both(client.get("/calendar.ics?kind=forum").data)[0].events
    assert {event.uid.split("@")[0] for event in forum} == {"plan-2024-03", "plan-2024-05"}
    volgograd = parse_both(client.get("/calendar.ics?city=volgograd").data)[0].events
    assert [event.uid.split("@")[0] for event in volgograd] == ["plan-2024-10"]


def test_feed_is_the_same_under_any_host_name(client, seeded):
    first = client.get("/calendar.ics", base_url="http://mag.example").data
    second = client.get("/calendar.ics", base_url="https://calendar.other.example").data
    assert first == second


def test_unchanged_feed_answers_304_to_its_etag(client, seeded):
    first = client.get("/calendar.ics")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    since = client.get("/calendar.ics", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    other = client.get("/calendar.ics", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_unchanged_feed_is_never_rebuilt(app, client, seeded):
    from webapp.calendar.serving import CACHE

    client.get("/calendar.ics")
    builds = app.extensions[CACHE].builds
    for _ in range(5):
        assert client.get("/calendar.ics").status_code == 200
    assert app.extensions[CACHE].builds == builds


def test_publishing_in_the_browser_flow_reaches_the_feed(client, seeded, auth):
    before = client.get("/calendar.ics")
    auth.login(SECRETARIAT)
    response = client.post("/calendar/events/new", data=event_form())
    assert response.status_code == 302
    event = seeded.exec(Event.__table__.select().where(Event.title_en == "Forum of cities")).one()
    for who, step in ((SECRETARIAT, "consolidate"), (SECRETARIAT, "submit"),
                      (PRESIDENT, "approve"), (SECRETARIAT, "publish")):
        auth.login(who)
        version = seeded.get(Event, event.id, populate_existing=True).version
        response = client.post(f"/calendar/events/{event.id}/steps/{step}",
                               data={"version": version})
        assert response.status_code == 302, step
    auth.logout()
    after = client.get("/calendar.ics", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    (found,) = [e for e in parse_both(after.data)[0].events if e.summary == "Форум городов"]
    assert found.dtstart == date(2025, 6, 12) and found.sequence == 4


def test_president_cannot_publish_and_board_cannot_consolidate(client, seeded, auth, make_user):
    auth.login(SECRETARIAT)
    client.post("/calendar/events/new", data=event_form())
    event = seeded.exec(Event.__table__.select().where(Event.title_en == "Forum of cities")).one()
    auth.login("board1@demo.magflow")
    response = client.post(f"/calendar/events/{event.id}/steps/consolidate", data={"version": 1})
    assert response.status_code == 403
    auth.login(PRESIDENT)
    response = client.post(f"/calendar/events/{event.id}/steps/publish", data={"version": 1})
    assert response.status_code == 403
    assert seeded.get(Event, event.id, populate_existing=True).state == EventState.proposed


def test_step_from_the_wrong_state_changes_nothing(client, seeded, auth):
    auth.login(SECRETARIAT)
    response = client.post("/calendar/events/1/steps/consolidate", data={"version": 2})
    assert response.status_code == 302
    assert seeded.get(Event, 1, populate_existing=True).state == EventState.published


def test_cancel_needs_a_reason_and_then_shows_cancelled(client, seeded, auth):
    auth.login(SECRETARIAT)
    version = seeded.get(Event, 10).version
    client.post("/calendar/events/10/steps/cancel", data={"version": version})
    assert seeded.get(Event, 10, populate_existing=True).state == EventState.published
    client.post("/calendar/events/10/steps/cancel", data={"version": version, "reason": "Moved"})
    assert seeded.get(Event, 10, populate_existing=True).state == EventState.cancelled
    (found,) = parse_both(client.get("/calendar.ics?city=volgograd").data)[0].events
    assert found.status == "CANCELLED"


def test_stale_step_is_refused(client, seeded, auth):
    auth.login(SECRETARIAT)
    client.post("/calendar/events/10/steps/mark_held", data={"version": 0})
    assert seeded.get(Event, 10, populate_existing=True).state == EventState.published


@pytest.mark.parametrize(("query", "message"), [
    ("kind=party", "There is no such kind of event."),
    ("city=atlantis", "There is no such city."),
    ("organiser=Nobody", "No published event has this organiser."),
    ("lang=de", "The calendar is available in Russian (ru) and English (en) only."),
    ("kind=forum&kind=session", "A filter is given more than once."),
    ("kind=" + "x" * 300, "A filter value is too long."),
    ("q=" + "x" * 3000, "The address is too long."),
])
@pytest.mark.parametrize("path", ["/calendar.ics", "/calendar/events.json"])
def test_bad_feed_query_is_a_400_with_a_clear_message(client, seeded, path, query, message):
    response = client.get(f"{path}?{query}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["year=abc", "month=13", "year=99999", "kind=party", "year=²",
                                   "month=" + "1" * 5000])
def test_bad_calendar_page_query_is_a_400(client, seeded, query):
    assert client.get(f"/calendar?{query}").status_code == 400


@pytest.mark.parametrize(("fields", "message"), [
    ({"starts_on": "2025-02-30"}, "There is no such day."),
    ({"title_ru": "", "title_en": ""}, "Give the event a title in Russian or in English."),
    ({"precision": "month", "year": "2025", "month": "5"},
     "Leave this empty: the chosen date precision has no such part."),
    ({"precision": "day_range", "ends_on": "2025-06-01"},
     "A range ends on or after the day it starts."),
    ({"precision": "month", "starts_on": "", "year": "2025"}, "This date precision needs this field."),
    ({"kind": "party"}, "Not a valid choice."),
    ({"link": "javascript:alert(1)"}, "Invalid URL."),
])
def test_invalid_event_form_saves_nothing(client, seeded, auth, fields, message):
    auth.login(SECRETARIAT)
    count = len(seeded.exec(Event.__table__.select()).all())
    response = client.post("/calendar/events/new", data=event_form(**fields),
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert len(seeded.exec(Event.__table__.select()).all()) == count


def test_edit_bumps_sequence_in_the_published_feed(client, seeded, auth):
    auth.login(SECRETARIAT)
    page = client.get("/calendar/events/10/edit")
    assert page.status_code == 200
    form = event_form(title_ru="Диалог на Волге", city="volgograd", precision="day_range",
                      starts_on="2024-10-30", ends_on="2024-11-01", version="1")
    assert client.post("/calendar/events/10/edit", data=form).status_code == 302
    (found,) = parse_both(client.get("/calendar.ics?city=volgograd").data)[0].events
    assert (found.sequence, found.dtstart, found.summary) == (1, date(2024, 10, 30),
                                                             "Диалог на Волге")
    stale = client.post("/calendar/events/10/edit", data=form)
    assert stale.status_code == 302 and stale.headers["Location"].endswith("/edit")


def test_an_edit_keeps_where_the_event_is_documented(client, seeded, auth):
    before = seeded.get(Event, 10).sources
    assert before  # the seed says where the plan lists it
    auth.login(SECRETARIAT)
    form = event_form(title_ru="Диалог на Волге", city="volgograd", precision="day_range",
                      starts_on="2024-10-30", ends_on="2024-11-01", version="1")
    assert client.post("/calendar/events/10/edit", data=form).status_code == 302
    seeded.expire_all()
    edited = seeded.get(Event, 10)
    assert (edited.title_ru, edited.sources) == ("Диалог на Волге", before)
    assert '<ul class="sources">' in client.get("/calendar/events/10").get_data(as_text=True)


def test_json_lists_published_events_for_city_websites(client, seeded):
    response = client.get("/calendar/events.json?city=volgograd")
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    (event,) = json.loads(response.data)["events"]
    assert event["uid"] == "plan-2024-10@magflow.mag-calendar"
    assert event["date"] == {"precision": "day_range", "year": 2024, "start": "2024-10-31",
                             "end": "2024-11-01", "approximate": False}
    assert len(json.loads(client.get("/calendar/events.json").data)["events"]) == 19


def test_calendar_page_shows_grid_year_undated_and_anniversaries(client, seeded):
    page = client.get("/calendar?year=2024&month=10&lang=en").get_data(as_text=True)
    assert "Dialogue on the Volga" in page
    assert "Without dates" in page and "MAG Bulletin" in page
    assert "Kirov" in page and "650" in page and "2806" in page
    assert "webcal://localhost/calendar.ics?lang=ru" in page
    assert "http://localhost/calendar.ics?lang=en" in page


def test_filtered_page_offers_filtered_subscriptions(client, seeded):
    page = client.get("/calendar?kind=forum&year=2024").get_data(as_text=True)
    assert "webcal://localhost/calendar.ics?kind=forum&amp;lang=ru" in page


def test_unpublished_event_is_hidden_from_the_public(client, seeded, auth):
    auth.login(SECRETARIAT)
    client.post("/calendar/events/new", data=event_form())
    event = seeded.exec(Event.__table__.select().where(Event.title_en == "Forum of cities")).one()
    assert client.get(f"/calendar/events/{event.id}").status_code == 200
    auth.logout()
    assert client.get(f"/calendar/events/{event.id}").status_code == 404
    assert client.get(f"/calendar/events/{event.id}.ics").status_code == 404
    assert len(public_events(seeded)) == 19


def test_undated_event_has_no_ics(client, seeded):
    assert client.get("/calendar/events/15.ics").status_code == 404


def test_change_from_another_process_shows_after_the_check_interval(app, client, seeded,
                                                                    make_user):
    from models import Role
    from webapp.calendar.serving import CACHE
    from workflow.engine import fire
    from workflow.plan import PLAN

    first = client.get("/calendar.ics?city=volgograd")
    assert client.get("/calendar.ics?city=volgograd").data == first.data  # from memory
    # Another app server changes the database; this process has not seen it yet.
    fire(seeded, PLAN, seeded.get(Event, 10), "cancel", actor=make_user(Role.secretariat),
         reason="Moved")
    app.extensions[CACHE].check_every = 0
    after = client.get("/calendar.ics?city=volgograd",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200
    (found,) = parse_both(after.data)[0].events
    assert found.status == "CANCELLED"


def test_head_request_gets_the_validators_without_a_body(client, seeded):
    client.get("/calendar.ics")
    response = client.head("/calendar.ics")
    assert response.status_code == 200 and response.data == b""
    assert response.headers["ETag"].startswith('"')


def test_english_feed_sets_no_cookie_and_keeps_no_language_choice(client, seeded):
    response = client.get("/calendar.ics?lang=en")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert '<html lang="ru">' in client.get("/").get_data(as_text=True)


def test_city_leaving_the_members_leaves_the_city_days_feed(app, client, seeded):
    from models import City, CityStatus
    from webapp.calendar.serving import CACHE

    url = "/calendar/city-days.ics?year=2024"
    before = client.get(url)
    assert "Kirov" in str(parse_both(client.get(url + "&lang=en").data)[1].to_ical(), "utf-8")
    kirov = seeded.exec(select(City).where(City.slug == "kirov")).one()
    kirov.status = CityStatus.excluded  # any ORM change of a city, by any workflow
    seeded.add(kirov)
    seeded.commit()
    app.extensions[CACHE].check_every = 0
    after = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    strict, loose = parse_both(after.data)
    assert len(strict.events) == len(parse_both(before.data)[0].events) - 1
    assert "Киров" not in str(loose.to_ical(), "utf-8")
    stamps = {str(event["DTSTAMP"].dt) for event in loose.walk("VEVENT")}
    old = {str(event["DTSTAMP"].dt) for event in parse_both(before.data)[1].walk("VEVENT")}
    assert stamps.isdisjoint(old)  # DTSTAMP follows the change, not the cities' creation


def test_city_untouched_in_calendar_facts_keeps_the_revision(client, seeded):
    from calendars.store import read_revision
    from models import City

    before = read_revision(seeded.get_bind())
    city = seeded.exec(select(City).where(City.slug == "kirov")).one()
    city.note = "A note the calendar does not show"
    seeded.add(city)
    seeded.commit()
    assert read_revision(seeded.get_bind()) == before


PROXIED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "mag.example"}


def test_behind_a_trusted_proxy_the_https_subscribe_link_is_https(app, seeded):
    from webapp import _trust_proxies

    _trust_proxies(app, 1)  # as create_app does with MAGFLOW_TRUSTED_PROXIES=1
    page = app.test_client().get("/calendar?lang=en", headers=PROXIED).get_data(as_text=True)
    assert "https://mag.example/calendar.ics?lang=en" in page
    assert "webcal://mag.example/calendar.ics?lang=en" in page


def test_forwarded_headers_are_ignored_when_no_proxy_is_trusted(client, seeded):
    page = client.get("/calendar?lang=en", headers=PROXIED).get_data(as_text=True)
    assert "http://localhost/calendar.ics?lang=en" in page
    assert "mag.example" not in page


def _submitted_event(client, seeded, auth):
    """A new event taken through consolidation to the President."""
    auth.login(SECRETARIAT)
    client.post("/calendar/events/new", data=event_form())
    event = seeded.exec(select(Event).where(Event.title_en == "Forum of cities")).one()
    for step in ("consolidate", "submit"):
        version = seeded.get(Event, event.id, populate_existing=True).version
        client.post(f"/calendar/events/{event.id}/steps/{step}", data={"version": version})
    return seeded.get(Event, event.id, populate_existing=True)


def test_president_sends_a_submitted_event_back_and_the_secretariat_cannot_approve(
        client, seeded, auth):
    event = _submitted_event(client, seeded, auth)
    assert event.state == EventState.submitted
    response = client.post(f"/calendar/events/{event.id}/steps/approve",
                           data={"version": event.version})
    assert response.status_code == 403
    assert seeded.get(Event, event.id, populate_existing=True).state == EventState.submitted
    auth.login(PRESIDENT)
    client.post(f"/calendar/events/{event.id}/steps/send_back", data={"version": event.version})
    assert seeded.get(Event, event.id, populate_existing=True).state == EventState.submitted
    response = client.post(f"/calendar/events/{event.id}/steps/send_back",
                           data={"version": event.version, "comment": "Date clashes"})
    assert response.status_code == 302
    back = seeded.get(Event, event.id, populate_existing=True)
    assert (back.state, back.published_at) == (EventState.consolidated, None)


def test_an_event_marked_held_stays_in_the_feed_as_confirmed(client, seeded, auth):
    auth.login(SECRETARIAT)
    (published,) = parse_both(client.get("/calendar.ics?city=volgograd").data)[0].events
    event = seeded.get(Event, 10)
    response = client.post("/calendar/events/10/steps/mark_held", data={"version": event.version})
    assert response.status_code == 302
    assert seeded.get(Event, 10, populate_existing=True).state == EventState.held
    (found,) = parse_both(client.get("/calendar.ics?city=volgograd").data)[0].events
    # Held is no less certain than published: same status, a new sequence.
    assert (found.uid, found.status) == (published.uid, published.status)
    assert published.status in ("CONFIRMED", "TENTATIVE")
    assert found.sequence == published.sequence + 1


@pytest.mark.parametrize(("path", "query", "message"), [
    ("/calendar/city-days.ics", "lang=de", "The calendar is available in Russian (ru) and English (en) only."),
    ("/calendar/events/10.ics", "lang=de", "The calendar is available in Russian (ru) and English (en) only."),
    ("/calendar/city-days.ics", "lang=en&lang=ru", "A filter is given more than once."),
    ("/calendar/events/10.ics", "lang=en&lang=ru", "A filter is given more than once."),
    ("/calendar/city-days.ics", "year=abc", "Give a year between 1900 and 2200."),
    ("/calendar/city-days.ics", "year=99999", "Give a year between 1900 and 2200."),
    ("/calendar/events/10.ics", "q=" + "x" * 3000, "The address is too long."),
])
def test_bad_query_of_the_other_feeds_is_a_400(client, seeded, path, query, message):
    response = client.get(f"{path}?{query}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_the_office_sees_the_plans_diagram_on_an_event_page_and_the_public_does_not(
        client, seeded, auth):
    public = client.get("/calendar/events/10?lang=en").get_data(as_text=True)
    assert "<svg" not in public
    auth.login(SECRETARIAT)
    page = client.get("/calendar/events/10?lang=en").get_data(as_text=True)
    assert '<g class="state current" data-state="published"' in page
    assert 'href="/workflows/plan"' in page


@pytest.mark.parametrize(("url", "name", "accepted"), [
    ("/calendar.ics?kinds=forum", "kinds", "kind, city, organiser, lang"),
    ("/calendar.ics?utm_source=mail", "utm_source", "kind, city, organiser, lang"),
    ("/calendar/events.json?page=2", "page", "kind, city, organiser, lang"),
    ("/calendar/events/10.ics?kind=forum", "kind", "lang"),
    ("/calendar/city-days.ics?city=moscow", "city", "year, lang"),
    ("/calendar/city-days.ics?years=2024", "years", "year, lang"),
])
def test_a_parameter_a_feed_does_not_take_is_a_400_naming_it(client, seeded, url, name,
                                                               accepted):
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert (f"This address takes no parameter “{name}”; it takes {accepted}."
            in response.get_data(as_text=True))
    russian = client.get(url, headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert f"У этого адреса нет параметра «{name}»; он принимает: {accepted}." in russian


def test_a_long_foreign_parameter_is_named_clipped(client, seeded):
    response = client.get(f"/calendar.ics?{'x' * 500}=1", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert f"“{'x' * 40}…”" in text and "x" * 41 not in text


def test_the_calendar_page_lets_a_shared_links_parameters_pass(client, seeded):
    response = client.get("/calendar?kind=forum&utm_source=newsletter&fbclid=abc")
    assert response.status_code == 200
    assert 'value="forum" selected' in response.get_data(as_text=True)


@pytest.mark.parametrize(("url", "english"), [
    ("/calendar.ics?kind=bogus&lang=en", "There is no such kind of event."),
    ("/calendar/events.json?city=atlantis&lang=en", "There is no such city."),
    ("/calendar/city-days.ics?year=abc&lang=en", "Give a year between 1900 and 2200."),
    ("/calendar/events/4.ics?lang=en", "This event has no date to add to a calendar."),
    ("/sessions/execution/abc.ics?lang=en", "This subscription link does not work"),
])
def test_a_feeds_refusal_speaks_the_language_its_address_asks_for(client, seeded, url,
                                                                  english):
    response = client.get(url, headers={"Accept-Language": "ru"})
    assert response.status_code in (400, 404)
    assert english in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers


def test_an_event_that_has_not_begun_cannot_be_marked_held(client, seeded, auth):
    """Held is final: marking a future event held would forbid cancelling it."""
    event = seeded.get(Event, 10)
    event.starts_on, event.ends_on = date.today().replace(year=date.today().year + 1), None
    seeded.add(event)
    seeded.commit()
    auth.login(SECRETARIAT)
    response = client.post("/calendar/events/10/steps/mark_held?lang=en",
                           data={"version": event.version})
    assert response.status_code == 302
    page = client.get("/calendar/events/10?lang=en").get_data(as_text=True)
    assert "it cannot be marked as held before then" in page
    assert seeded.get(Event, 10, populate_existing=True).state == EventState.published


@pytest.mark.parametrize(("lang", "alphabet"), [("en", "[A-Za-z]"), ("ru", "[А-Яа-яЁё]")])
def test_the_organiser_filter_names_each_organiser_once_in_the_readers_language(
        client, seeded, lang, alphabet):
    import re

    page = client.get(f"/calendar?year=2024&lang={lang}").get_data(as_text=True)
    chosen = re.search(r'<select id="filter-organiser".*?</select>', page, re.S).group(0)
    names = re.findall(r'<option value="([^"]+)"', chosen)
    assert names and len(names) == len(set(names))
    assert names == sorted(names, key=lambda n: (n.casefold().replace("ё", "е"), n))
    assert all(re.search(alphabet, name) for name in names), names
    assert ("MAG" in names) == (lang == "en") and ("МАГ" in names) == (lang == "ru")


@pytest.mark.parametrize(("lang", "heading", "years"), [
    ("en", "The nearest published events before 2026", "Years with published events:"),
    ("ru", "Ближайшие опубликованные мероприятия до 2026", "Годы с опубликованными мероприятиями:"),
])
def test_a_year_without_events_points_to_the_nearest_ones_and_the_years_that_have_them(
        client, seeded, lang, heading, years):
    import re

    page = client.get(f"/calendar?year=2026&lang={lang}").get_data(as_text=True)
    assert heading in page and years in page
    earlier = re.search(r'<ul id="earlier">(.*?)</ul>', page, re.S).group(1)
    assert earlier.count("<li>") == 3 and "/calendar/events/" in earlier
    assert 'id="later"' not in page  # nothing is published after 2026
    assert 'href="/calendar?year=2024' in page


def test_a_year_with_events_lists_them_and_offers_no_nearest(client, seeded):
    page = client.get("/calendar?year=2024&lang=en").get_data(as_text=True)
    assert 'id="earlier"' not in page and 'id="later"' not in page
    assert "No published events with dates this year." not in page
