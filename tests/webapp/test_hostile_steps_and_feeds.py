"""Hostile input at the office's forms and steps and at every query: never a 500.

The calendar's and the sessions' forms, the release form and the generic routes
``/w/<workflow>/<id>/fire|vote|withdraw|comment`` get real and invented
subjects, transitions and (prefixed) fields; a refused one saves nothing. Every
page and feed that reads its query string or its path gets repeated, overlong,
unicode and NUL values, and no GET changes a table. Strategies and the oracle
are those of ``test_hostile_input.py``.
"""

from typing import Any
from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlmodel import select

from models.admission import Application
from models.decisions import Decision
from tests.webapp.test_hostile_input import (
    DAYS,
    HOSTILE,
    NAMES,
    NASTY,
    SECRETARIAT,
    Tables,
    each_form,
    fingerprint,
    forms,
    hostile,
    logged_in,
    segment,
    spoiled,
    submit,
)
from tests.workflow.xxix import before_xxix
from workflow.admission import ADMISSION
from workflow.drafting import generate_draft, items_of
from workflow.engine import REGISTRY, fire, vote

VERSIONS = hostile("1", "2", "3", "0", "-1")


@pytest.fixture
def tables(engine) -> Tables:
    return Tables(engine)


# ------------------------------------------------------------------ calendar ----

EVENT = {"title_ru": "Форум", "title_en": "Forum", "kind": "forum", "city": "moscow",
         "precision": "day", "starts_on": "2031-05-20", "month": "", "version": "1"}
EVENT_FIELDS = {
    "title_ru": hostile("Форум"), "title_en": hostile("Forum"),
    "kind": hostile("forum", "session", "conference"), "city": hostile("moscow", "", "nosuch"),
    "place_ru": hostile("Дом"), "organisers_ru": hostile("МАГ\nМосква"),
    "link": hostile("https://mag.example", "javascript:alert(1)", "http://"),
    "description_en": hostile("About"),
    "precision": hostile("day", "day_range", "month", "year", "continuous", "quarterly"),
    "starts_on": DAYS, "ends_on": DAYS, "year": hostile("2031", "1899", "2201", "2031.5"),
    "month": hostile("5", "0", "13", ""), "approximate": hostile("y"), "version": VERSIONS,
}
CALENDAR_FORMS = [
    ("/calendar/events/new", EVENT, EVENT_FIELDS),
    ("/calendar/events/{event}/edit", EVENT, EVENT_FIELDS),
    ("/calendar/events/{event}/steps/{step}", {"version": "1", "comment": "", "reason": ""},
     {"version": VERSIONS, "comment": hostile("Done"), "reason": hostile("Postponed")}),
]


@each_form(CALENDAR_FORMS)
@settings(HOSTILE, max_examples=20)
@given(data=st.data(), event=st.sampled_from(["1", "10", "19", "999"]),
       step=segment("mark_held", "cancel", "publish", "approve"))
def test_calendar_forms_survive_hostile_input(app, seeded, tables, form, data, event, step):
    path, valid, fields = form
    submit(logged_in(app, SECRETARIAT), tables, path.format(event=event, step=step),
           data.draw(spoiled(valid, fields)))


# ------------------------------------------------------------------ sessions ----


@pytest.fixture
def drafting(db, app) -> tuple[FlaskClient, list[Any]]:
    """Session XXIX with its generated draft; the Secretariat logged in; the draft's items."""
    state = before_xxix(db)
    generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    decision = db.exec(select(Decision)).one()
    return logged_in(app, SECRETARIAT), items_of(db, decision)


ITEM = {"text_ru": "Текст", "text_en": "Text", "executor_ru": "Секретариат",
        "executor_en": "Secretariat", "executor_role": "secretariat", "deadline": "2031-12-31",
        "deadline_precision": "day", "section": "2"}
ITEM_FIELDS = {
    "text_ru": hostile("Текст"), "text_en": hostile("Text"), "executor_ru": NAMES,
    "executor_role": hostile("secretariat", "audit", "board"), "deadline": DAYS,
    "deadline_precision": hostile("day", "month", "year"), "section": hostile("1", "3", "4", "0"),
}
DIRECTION = {"direction": hostile("up", "down", "sideways")}
NOTHING = {"extra": hostile()}
SESSION_FORMS = [
    ("", {"city": "moscow", "held_on": "2031-05-20"},
     {"city": hostile("moscow", "khabarovsk", "nosuch"), "held_on": DAYS}),
    ("/29/draft", {}, NOTHING),
    ("/29/items", ITEM, ITEM_FIELDS),
    ("/29/items/{item}", ITEM, ITEM_FIELDS),
    ("/29/items/{item}/move", {"direction": "up"}, DIRECTION),
    ("/29/items/{item}/remove", {}, NOTHING),
    ("/29/items/{item}/subjects/{subject}/leave-out", {"reason": "Переехал"},
     {"reason": hostile("Переехал")}),
    ("/29/items/{item}/subjects/{subject}/include", {}, DIRECTION),
    ("/29/items/{item}/subjects/{subject}/move", {"direction": "down"}, DIRECTION),
    ("/29/adopt", {"version": "1"}, {"version": VERSIONS}),
    ("/29/sign", {}, NOTHING),
    ("/execution/subscription", {"action": "issue"}, {"action": hostile("issue", "revoke")}),
]


@settings(HOSTILE, max_examples=50)
@given(form=forms(SESSION_FORMS), item=st.integers(0, 7), subject=st.integers(0, 8))
def test_session_drafting_forms_survive_hostile_input(tables, drafting, form, item, subject):
    client, items = drafting
    path, data = form
    chosen = items[item] if item < len(items) else None
    subjects = [s["subject_id"] for s in chosen.subjects] if chosen else []
    url = "/sessions" + path.format(
        item=chosen.id if chosen else 10**6 + item,
        subject=subjects[subject] if subject < len(subjects) else subject)
    if path == "/execution/subscription":  # any action but "revoke" shows a new link
        submit(client, tables, url, data, accepted=lambda response: response.status_code < 400)
    else:
        submit(client, tables, url, data)


# ----------------------------------------------------------------- workflows ----

ACTORS = ["secretariat", "board1", "board2", "audit", "president", "brest"]
# (who, workflow, route, transition): steps their actor may take on some subject, so the
# hostile fields reach the engine; invented ones follow in ``workflow_posts``.
STEPS = [
    ("secretariat", "admission", "fire", "request_info"),
    ("secretariat", "admission", "fire", "forward"),
    ("secretariat", "admission", "fire", "admit"),
    ("board1", "admission", "vote", "recommend"), ("board2", "admission", "vote", "recommend"),
    ("board1", "admission", "withdraw", "recommend"), ("board2", "admission", "fire", "decline"),
    ("brest", "admission", "fire", "withdraw"), ("brest", "admission", "comment", ""),
    ("secretariat", "appointments", "fire", "elect"),
    ("secretariat", "appointments", "fire", "cancel_release"),
    ("secretariat", "appointments", "fire", "request_release"),
    ("secretariat", "appointments", "release", "release"),
    ("secretariat", "appointments", "release", "request_release"),
    ("board1", "appointments", "vote", "endorse"), ("board1", "appointments", "withdraw", "endorse"),
    ("secretariat", "arrears", "fire", "warn"), ("audit", "arrears", "fire", "propose_to_board"),
    ("president", "arrears", "comment", ""),
]


@pytest.fixture
def xxix(db, app) -> dict[str, Any]:
    """The eve of session XXIX, an application before the Board with one vote, and clients."""
    state = before_xxix(db)
    application = db.exec(select(Application).order_by(Application.id)).first()
    fire(db, ADMISSION, application, "forward", actor=state["secretariat"])
    vote(db, ADMISSION, application, "recommend", actor=state["board"], approve=True)
    subjects = {name: [row.id for row in db.exec(select(flow.model)).all()]
                for name, flow in REGISTRY.items()}
    clients = {who: logged_in(app, f"{who}@demo.magflow") for who in ACTORS}
    return {"subjects": subjects, "clients": clients}


@st.composite
def invented_steps(draw: Any) -> tuple[str, str, str, str]:
    flow = draw(st.sampled_from([*sorted(REGISTRY), "nosuch"]))
    known = [t.name for t in REGISTRY[flow].transitions] if flow in REGISTRY else ["x"]
    return (draw(st.sampled_from(ACTORS)), flow,
            draw(st.sampled_from(["fire", "vote", "withdraw", "comment", "release"])),
            draw(st.one_of(st.sampled_from(known), segment("x"))))


@st.composite
def workflow_posts(draw: Any) -> tuple[str, str, str, dict[str, Any]]:
    """(who, workflow, path after the subject id, form), fields prefixed as the route expects."""
    who, flow, kind, name = draw(st.one_of(st.sampled_from(STEPS), st.sampled_from(STEPS),
                                           invented_steps()))
    if kind == "comment":
        return who, flow, "comment", draw(spoiled({"comment-text": "Note"},
                                                  {"comment-text": hostile("Note")}))
    prefix = "" if kind == "release" else f"{kind}-{name}-"
    base = {f"{prefix}version": "1", f"{prefix}comment": "Why", f"{prefix}decision": "XXIX:3.1",
            f"{prefix}reason": "resigned", f"{prefix}choice": "approve"}
    fields = {f"{prefix}version": VERSIONS, f"{prefix}comment": hostile("Why"),
              f"{prefix}decision": hostile("XXIX:3.1"),
              f"{prefix}reason": hostile("other", "moved_to_other_work"),
              f"{prefix}reason_text": hostile("Ушёл"), f"{prefix}choice": hostile("object")}
    return who, flow, f"{kind}/{name}", draw(spoiled(base, fields))


@settings(HOSTILE, max_examples=50)
@given(post=workflow_posts(), pick=st.integers(0, 16))
def test_workflow_routes_survive_hostile_input(tables, xxix, post, pick):
    who, flow, path, data = post
    ids = xxix["subjects"].get(flow) or [1]
    subject = ids[pick] if pick < len(ids) else 10**6 + pick
    url = f"/w/{flow}/{subject}/{path}"
    if path.startswith("release/"):  # the officers' own form for the same transitions
        url = f"/officers/appointments/{subject}/{path.removeprefix('release/')}"
    submit(xxix["clients"][who], tables, url, data)


# ------------------------------------------------------------------ queries ----

PARAMETERS = ["year", "month", "kind", "lang", "q", "city", "organiser", "on", "state",
              "currency", "sort", "dir", "page", "min_age", "workflow", "next"]
PLAUSIBLE = hostile("2024", "5", "forum", "session", "ru", "en", "moscow", "2023-05-24",
                    "overdue", "EUR", "RUB", "name", "desc", "2", "admission")
QUERIES = st.one_of(
    st.lists(st.tuples(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=8)), PLAUSIBLE),
             max_size=5).map(urlencode),
    st.sampled_from(["%", "%zz", "a=%ff%fe", "&&=&", "year=2024&year=2025", "=x", "lang",
                     "city=%00", "year=2024&" * 300, "q=" + "я" * 1000]),
)
# (path, who asks): every page and feed that reads its query string.
PAGES = [
    *[(path, None) for path in (
        "/", "/cities", "/calendar", "/calendar.ics", "/calendar/events.json",
        "/calendar/city-days.ics", "/calendar/events/10.ics", "/calendar/events/10",
        "/officers", "/officers/bodies/board", "/officers/documents", "/workflows", "/login",
        "/workflows/admission", "/sessions/29/decision", "/sessions/execution/nosuch.ics")],
    *[(path, SECRETARIAT) for path in (
        "/dues/", "/dues/debtors", "/dues/debtors.csv", "/office/admission", "/inbox",
        "/sessions", "/sessions/execution", "/sessions/execution.ics", "/calendar/plan",
        "/officers/pending", "/office/invitations", "/dues/mine")],
]
# Paths with parameters: slugs, names and numbers far beyond any column.
SEGMENTS = [
    "/cities/{}", "/officers/bodies/{}", "/officers/people/{}", "/workflows/{}",
    "/invitation/{}", "/dues/letters/1/{}", "/calendar/events/{}.ics", "/calendar/events/{}",
    "/sessions/{}", "/sessions/{}/changes", "/dues/accounts/{}", "/dues/letters/{}/en",
    "/admission/{}", "/admission/1/documents/{}", "/officers/appointments/{}",
    "/sessions/execution/{}.ics",
]
NUMBERS = st.sampled_from(["0", "1", "2147483648", "99999999999", "9" * 20, "9" * 400])


@pytest.fixture
def readers(app, seeded, engine) -> dict[Any, Any]:
    """An anonymous and an office client, and the tables as they were (GETs change none)."""
    clients = {None: app.test_client(), SECRETARIAT: logged_in(app, SECRETARIAT)}
    return {"clients": clients, "tables": fingerprint(engine, skip=("users",))}


def _get(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    response.get_data()  # a streamed body (the CSV export) runs here
    response.close()
    assert response.status_code < 500, (url, response.status_code)


@settings(HOSTILE, max_examples=40)
@given(page=st.sampled_from(PAGES), query=QUERIES)
def test_every_query_survives_hostile_input(engine, readers, page, query):
    path, who = page
    _get(readers["clients"][who], f"{path}?{query}")
    # A reader's ?lang= may be saved as their language; nothing else changes.
    assert fingerprint(engine, skip=("users",)) == readers["tables"]


@settings(HOSTILE, max_examples=10)
@given(value=st.one_of(NUMBERS, segment(*NASTY[5:12])), office=st.booleans())
@example(value="9" * 20, office=True).via("an id too large for SQLite was a 500")
@example(value="a%00b", office=False).via("a NUL was a 500 on PostgreSQL")
def test_every_path_parameter_survives_hostile_input(engine, readers, value, office):
    for template in SEGMENTS:
        _get(readers["clients"][SECRETARIAT if office else None], template.format(value))
    assert fingerprint(engine, skip=("users",)) == readers["tables"]


def test_fingerprint_sees_a_change_of_one_value(engine, seeded):
    """The oracle itself: an edit that keeps every count and version still shows."""
    before = fingerprint(engine)
    seeded.exec(text("UPDATE cities SET name_en = 'Moskva' WHERE slug = 'moscow'"))
    seeded.commit()
    assert fingerprint(engine) != before


# ------------------------------------- the cases these tests found, as examples ----

NUL_POSTS = [
    (None, "/login", {"email": "a\x00b@demo.magflow", "password": "x"}),
    (SECRETARIAT, "/w/admission/1/comment", {"comment-text": "a\x00b"}),
    (SECRETARIAT, "/dues/accounts/1/payment",
     {"amount": "100", "currency": "EUR", "paid_on": "2024-04-15", "bank_reference": "PP-1",
      "note": "a\x00b"}),
    (SECRETARIAT, "/officers/people/new", {"surname_ru": "\x00", "surname_en": "X", "city": "0"}),
    (SECRETARIAT, "/office/invitations",
     {"name_ru": "Тверь\x00", "name_en": "Tver", "email": "tver@test.magflow"}),
]
NUL_QUERIES = ["/calendar.ics?city=a%00b", "/calendar?organiser=%00", "/dues/debtors?q=%00",
               "/dues/debtors.csv?q=%00", "/inbox?workflow=%00"]
NUL_PATHS = ["/cities/a%00b", "/officers/people/%00", "/officers/bodies/%00", "/invitation/%00",
             "/sessions/execution/%00.ics"]


def test_a_nul_anywhere_is_refused_and_saves_nothing(app, seeded, engine):
    """PostgreSQL refuses NUL in text: forms, queries and addresses with one were a 500."""
    office = logged_in(app, SECRETARIAT)
    before = fingerprint(engine, skip=("users",))
    for who, url, data in NUL_POSTS:
        response = (office if who else app.test_client()).post(url, data=data)
        assert response.status_code == 400, url
        assert "NUL" in response.get_data(as_text=True), url
    for url in NUL_QUERIES:
        response = office.get(url)
        assert (response.status_code, "NUL" in response.get_data(as_text=True)) == (400, True)
    for url in NUL_PATHS:  # no page has such an address
        assert office.get(url).status_code == 404, url
    assert fingerprint(engine, skip=("users",)) == before


def test_an_id_beyond_any_column_is_a_404(app, seeded):
    """Such ids reached the database, which refused them with a 500 (SQLite and PostgreSQL)."""
    office = logged_in(app, SECRETARIAT)
    for path in ("/calendar/events/{}", "/calendar/events/{}.ics", "/sessions/{}",
                 "/admission/{}", "/dues/accounts/{}", "/officers/appointments/{}"):
        for number in ("2147483648", "9" * 20, "9" * 400):
            assert office.get(path.format(number)).status_code == 404, (path, number)


def test_a_number_too_large_for_a_float_is_refused_and_saves_nothing(app, seeded, engine):
    """WTForms' NumberRange raised OverflowError on a 400-digit number."""
    office = logged_in(app, SECRETARIAT)
    before = fingerprint(engine)
    for url, data in [
        ("/officers/positions/new", {"body": "1", "title_ru": "С", "title_en": "A",
                                     "rank": "9" * 400}),
        ("/dues/fees", {"year": "9" * 400, "entrance": "1", "annual": "1", "currency": "EUR"}),
        ("/calendar/events/new", {**EVENT, "precision": "year", "starts_on": "",
                                  "year": "9" * 400}),
        ("/w/admission/1/fire/forward", {"fire-forward-version": "9" * 400}),
    ]:
        assert office.post(url, data=data).status_code < 500, url
    assert fingerprint(engine) == before


@pytest.mark.parametrize(("text", "number"), [
    ("12", 12), (" 7 ", 7), ("-5", -5), ("٣", None), ("²", None), ("1_000", None),
    ("9" * 19, None), ("", None), ("-", None), ("+1", None),
])
def test_whole_number_field_reads_only_ascii_digits(text, number):
    from werkzeug.datastructures import MultiDict
    from wtforms import Form

    from webapp.fields import WholeNumberField

    class Probe(Form):
        value = WholeNumberField()

    form = Probe(MultiDict({"value": text}))
    assert form.value.data == number
    assert bool(form.value.process_errors) == (number is None)
