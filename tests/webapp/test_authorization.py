"""Who may open each route: every route of the app appears in this table.

``test_every_route_is_in_the_table`` fails when a blueprint adds a route
without adding its row here, and ``test_every_rule_and_method_is_in_the_table``
when a route gains a method (a form that now also takes POST) without its row.

Besides the demo accounts, ``applicant_elsewhere`` is the applicant of another
city (Vitebsk): for it, Brest's application does not exist.
"""

from typing import Any, NamedTuple

import pytest
from sqlalchemy import literal, union_all
from sqlmodel import SQLModel, func, select

from models import City, Role, User
from seeding.loader import demo_password
from tests.workflow import example  # noqa: F401 - registers the example workflow

ELSEWHERE = "applicant_elsewhere"
ELSEWHERE_EMAIL = "vitebsk@test.magflow"
ELSEWHERE_CITY = "vitebsk"
USERS = [*[r.value for r in Role], ELSEWHERE]
EVERYONE = ["anonymous", *USERS]
OFFICE = ["secretariat", "board", "audit", "president", "admin"]
APPLICANTS = ["applicant", ELSEWHERE]

DEMO_EMAIL = {
    "applicant": "brest@demo.magflow",
    "member": "moscow@demo.magflow",
    "secretariat": "secretariat@demo.magflow",
    "board": "board1@demo.magflow",
    "audit": "audit@demo.magflow",
    "president": "president@demo.magflow",
    "admin": "admin@demo.magflow",
    ELSEWHERE: ELSEWHERE_EMAIL,
}

BREST_APPLICATION = 2  # seeded, in review
NOT_BREST = {ELSEWHERE: 404}  # another city's applicant: Brest's application does not exist
# City-bound users find nothing of another city's: its ledger and letters do not exist.
OTHER_CITY = {"applicant": 404, "member": 404, ELSEWHERE: 404}


class Route(NamedTuple):
    method: str
    url: str
    rule: str
    allowed: list[str]  # who may
    refusal: int | None  # what the others get (anonymous: the login page instead of 302/403)
    data: dict[str, Any] | None = None  # a form that passes validation (what the guard must stop)
    answers: dict[str, int] | None = None  # exact status for some roles, allowed or not


EVENT = {"title_ru": "Форум городов", "title_en": "Forum of cities", "kind": "forum",
         "city": "minsk", "precision": "day", "starts_on": "2031-09-08", "month": ""}

ROUTES = [Route(*row) for row in [
    ("GET", "/", "/", EVERYONE, None),
    ("GET", "/cities", "/cities", EVERYONE, None),
    ("GET", "/cities/moscow", "/cities/<slug>", EVERYONE, None),
    ("GET", "/login", "/login", EVERYONE, None),
    ("POST", "/login", "/login", EVERYONE, None),
    ("GET", "/invitation/unknown", "/invitation/<token>", [], 404),
    ("POST", "/invitation/unknown", "/invitation/<token>", [], 404,
     {"display_name": "Tver", "password": "a-long-password-1", "confirm": "a-long-password-1"}),
    ("POST", "/logout", "/logout", USERS, 302),
    ("GET", "/office/invitations", "/office/invitations", ["secretariat", "admin"], 403),
    ("POST", "/office/invitations", "/office/invitations", ["secretariat", "admin"], 403,
     {"name_ru": "Тверь", "name_en": "Tver", "email": "tver@city.example"}),
    ("GET", "/healthz", "/healthz", EVERYONE, None),
    ("GET", "/account", "/account", USERS, 302),
    ("POST", "/account", "/account", USERS, 302, {"display_name": "Someone", "locale": "ru"}),
    ("POST", "/account/password", "/account/password", USERS, 302,
     {"current": "magflow-demo-2024", "password": "a-new-long-password",
      "confirm": "a-new-long-password"}),
    ("GET", "/password/forgot", "/password/forgot", EVERYONE, None),
    ("POST", "/password/forgot", "/password/forgot", EVERYONE, None,
     {"email": "nobody@nowhere.example"}),
    ("GET", "/password/reset/unknown", "/password/reset/<token>", [], 404),
    ("POST", "/password/reset/unknown", "/password/reset/<token>", [], 404,
     {"password": "a-new-long-password", "confirm": "a-new-long-password"}),
    ("GET", "/office/users", "/office/users", ["secretariat", "admin"], 403),
    ("POST", "/office/users/invite", "/office/users/invite", ["admin"], 403,
     {"email": "new.office@mag.example", "role": "audit", "person": ""}),
    ("GET", "/office/users/3", "/office/users/<int:user_id>", ["secretariat", "admin"], 403),
    ("POST", "/office/users/4/role", "/office/users/<int:user_id>/role", ["admin"], 403,
     {"role": "audit"}),
    ("POST", "/office/users/4/active", "/office/users/<int:user_id>/active", ["admin"], 403,
     {"active": "0"}),
    ("POST", "/office/users/3/person", "/office/users/<int:user_id>/person", ["admin"], 403,
     {"person": "2"}),
    ("GET", "/dues/", "/dues/", ["secretariat", "audit", "admin"], 403),
    ("GET", "/dues/fees", "/dues/fees", ["secretariat", "admin"], 403),
    ("POST", "/dues/fees", "/dues/fees", ["secretariat", "admin"], 403,
     {"year": "2031", "entrance": "1000", "annual": "4000", "currency": "EUR"}),
    ("GET", "/dues/mine", "/dues/mine", USERS, 302),
    ("GET", "/dues/accounts/1", "/dues/accounts/<int:account_id>", OFFICE, 403, None, OTHER_CITY),
    ("GET", "/dues/accounts/1/payment", "/dues/accounts/<int:account_id>/payment",
     ["secretariat", "admin"], 403),
    ("POST", "/dues/accounts/1/payment", "/dues/accounts/<int:account_id>/payment",
     ["secretariat", "admin"], 403, {"amount": "100", "currency": "EUR", "paid_on": "2024-04-15",
                                     "bank_reference": "PP-2024-1", "converted_currency": "",
                                     "contribution": ""}),
    ("GET", "/dues/accounts/1/plan", "/dues/accounts/<int:account_id>/plan",
     ["secretariat", "admin"], 403),
    ("POST", "/dues/accounts/1/plan", "/dues/accounts/<int:account_id>/plan",
     ["secretariat", "admin"], 403, {"currency": "EUR", "instalments": "2031-06-30 100"}),
    ("POST", "/dues/charges/1/amount", "/dues/charges/<int:charge_id>/amount",
     ["secretariat", "admin"], 403),
    ("GET", "/dues/letters/1/en", "/dues/letters/<int:letter_id>/<lang>", OFFICE, 403, None,
     OTHER_CITY),
    ("GET", "/dues/letters/1/en.pdf", "/dues/letters/<int:letter_id>/<lang>.pdf", OFFICE, 403,
     None, OTHER_CITY),
    ("GET", "/dues/debtors", "/dues/debtors", OFFICE, 403),
    ("GET", "/dues/debtors.csv", "/dues/debtors.csv", OFFICE, 403),
    ("GET", "/dues/contributions", "/dues/contributions", OFFICE, 403),
    ("GET", "/static/magflow.css", "/static/<path:filename>", EVERYONE, None),
    ("GET", "/sessions", "/sessions", OFFICE, 403),
    ("POST", "/sessions", "/sessions", ["secretariat", "admin"], 403),
    ("GET", "/sessions/29", "/sessions/<int:number>", OFFICE, 403),
    ("POST", "/sessions/29/draft", "/sessions/<int:number>/draft", ["secretariat", "admin"], 403),
    ("GET", "/sessions/29/draft", "/sessions/<int:number>/draft", OFFICE, 403),
    ("POST", "/sessions/29/items", "/sessions/<int:number>/items", ["secretariat", "admin"], 403),
    ("GET", "/sessions/29/items/1", "/sessions/<int:number>/items/<int:item_id>",
     ["secretariat", "admin"], 403),
    ("POST", "/sessions/29/items/1", "/sessions/<int:number>/items/<int:item_id>",
     ["secretariat", "admin"], 403, {"text_ru": "Текст", "text_en": "Text",
                                     "executor_role": "secretariat", "deadline_precision": "day"}),
    ("POST", "/sessions/29/items/1/move", "/sessions/<int:number>/items/<int:item_id>/move",
     ["secretariat", "admin"], 403),
    ("POST", "/sessions/29/items/1/remove", "/sessions/<int:number>/items/<int:item_id>/remove",
     ["secretariat", "admin"], 403),
    ("POST", "/sessions/29/items/1/subjects/1/leave-out",
     "/sessions/<int:number>/items/<int:item_id>/subjects/<int:subject_id>/leave-out",
     ["secretariat", "admin"], 403),
    ("POST", "/sessions/29/items/1/subjects/1/include",
     "/sessions/<int:number>/items/<int:item_id>/subjects/<int:subject_id>/include",
     ["secretariat", "admin"], 403),
    ("POST", "/sessions/29/items/1/subjects/1/move",
     "/sessions/<int:number>/items/<int:item_id>/subjects/<int:subject_id>/move",
     ["secretariat", "admin"], 403),
    ("POST", "/sessions/29/adopt", "/sessions/<int:number>/adopt", ["secretariat", "admin"], 403),
    ("POST", "/sessions/29/sign", "/sessions/<int:number>/sign", ["president", "admin"], 403),
    ("GET", "/sessions/29/decision", "/sessions/<int:number>/decision", EVERYONE, None),
    ("GET", "/sessions/29/decision.pdf", "/sessions/<int:number>/decision.pdf", EVERYONE, None),
    ("GET", "/sessions/29/changes", "/sessions/<int:number>/changes", OFFICE, 403),
    ("GET", "/sessions/board-minutes", "/sessions/board-minutes", OFFICE, 403),
    ("GET", "/sessions/execution", "/sessions/execution", OFFICE, 403),
    ("GET", "/sessions/execution.ics", "/sessions/execution.ics", OFFICE, 403),
    ("POST", "/sessions/execution/subscription", "/sessions/execution/subscription", OFFICE,
     403),
    ("GET", "/sessions/execution/unknown.ics", "/sessions/execution/<token>.ics", [], 404),
    ("GET", "/admission", "/admission", APPLICANTS, 403),
    ("POST", "/admission", "/admission", APPLICANTS, 403, {}),
    ("GET", "/admission/2", "/admission/<int:application_id>", ["applicant", *OFFICE], 404, None,
     NOT_BREST),
    # Brest's application is in review: its applicant is sent back to the application page.
    # Another city's member finds no such application (as on its page), office roles 403.
    ("GET", "/admission/2/edit", "/admission/<int:application_id>/edit", ["applicant"], 403, None,
     {"applicant": 302, "member": 404, **NOT_BREST}),
    ("POST", "/admission/2/edit", "/admission/<int:application_id>/edit", ["applicant"], 403,
     {"action": "save", "name_en": "Brest"}, {"member": 404, **NOT_BREST}),
    ("GET", "/admission/2/documents/1",
     "/admission/<int:application_id>/documents/<int:document_id>", [], 404),
    ("GET", "/office/admission", "/office/admission", OFFICE, 403),
    ("GET", "/workflows", "/workflows", EVERYONE, None),
    ("GET", "/workflows/example", "/workflows/<name>", EVERYONE, None),
    ("GET", "/workflows/nosuch", "/workflows/<name>", [], 404),
    ("GET", "/inbox", "/inbox", USERS, 302),
    ("POST", "/w/nosuch/1/fire/go", "/w/<workflow>/<int:subject_id>/fire/<transition>", [], 404),
    ("POST", "/w/nosuch/1/vote/go", "/w/<workflow>/<int:subject_id>/vote/<transition>", [], 404),
    ("POST", "/w/nosuch/1/withdraw/go", "/w/<workflow>/<int:subject_id>/withdraw/<transition>",
     [], 404),
    ("POST", "/w/nosuch/1/comment", "/w/<workflow>/<int:subject_id>/comment", [], 404),
    # Who may act on existing subjects: tests/webapp/test_workflow_views.py.
    ("GET", "/officers", "/officers", EVERYONE, None),
    ("GET", "/officers/bodies/board", "/officers/bodies/<slug>", EVERYONE, None),
    ("GET", "/officers/people/yalalov", "/officers/people/<slug>", EVERYONE, None),
    ("GET", "/officers/documents", "/officers/documents", EVERYONE, None),
    ("GET", "/officers/pending", "/officers/pending", OFFICE, 403),
    ("GET", "/officers/appointments/1", "/officers/appointments/<int:appointment_id>", OFFICE,
     403),
    ("POST", "/officers/appointments/1/release",
     "/officers/appointments/<int:appointment_id>/<any(request_release, release):action>",
     ["secretariat", "admin"], 403),
    ("GET", "/officers/nominate", "/officers/nominate", ["secretariat", "admin"], 403),
    ("POST", "/officers/nominate", "/officers/nominate", ["secretariat", "admin"], 403,
     {"person": "3", "position": "5", "nominated_on": "2024-05-01"}),
    ("GET", "/officers/people/new", "/officers/people/new", ["secretariat", "admin"], 403),
    ("POST", "/officers/people/new", "/officers/people/new", ["secretariat", "admin"], 403,
     {"surname_ru": "Иванов", "surname_en": "Ivanov"}),
    ("GET", "/officers/positions/new", "/officers/positions/new", ["secretariat", "admin"], 403),
    ("POST", "/officers/positions/new", "/officers/positions/new", ["secretariat", "admin"], 403,
     {"body": "2", "title_ru": "Советник", "title_en": "Adviser", "rank": "100"}),
    ("GET", "/calendar", "/calendar", EVERYONE, None),
    ("GET", "/calendar/events/1", "/calendar/events/<int:event_id>", EVERYONE, None),
    ("GET", "/calendar/events/1.ics", "/calendar/events/<int:event_id>.ics", EVERYONE, None),
    ("GET", "/calendar.ics", "/calendar.ics", EVERYONE, None),
    ("GET", "/calendar/events.json", "/calendar/events.json", EVERYONE, None),
    ("GET", "/calendar/city-days.ics", "/calendar/city-days.ics", EVERYONE, None),
    ("GET", "/calendar/plan", "/calendar/plan", OFFICE, 403),
    ("GET", "/calendar/events/new", "/calendar/events/new", ["secretariat", "admin"], 403),
    ("POST", "/calendar/events/new", "/calendar/events/new", ["secretariat", "admin"], 403, EVENT),
    ("GET", "/calendar/events/1/edit", "/calendar/events/<int:event_id>/edit",
     ["secretariat", "admin"], 403),
    ("POST", "/calendar/events/1/edit", "/calendar/events/<int:event_id>/edit",
     ["secretariat", "admin"], 403, {**EVENT, "version": "1"}),
    ("POST", "/calendar/events/1/steps/mark_held", "/calendar/events/<int:event_id>/steps/<name>",
     ["secretariat", "admin"], 403),
]]

_IGNORED_METHODS = {"HEAD", "OPTIONS"}


def test_every_route_is_in_the_table(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert rules == {row.rule for row in ROUTES}


def test_every_rule_and_method_is_in_the_table(app):
    """A route that gains a method (a page that now also takes a form) needs its own row."""
    pairs = {(rule.rule, method) for rule in app.url_map.iter_rules()
             for method in rule.methods - _IGNORED_METHODS}
    rows = {(row.rule, row.method) for row in ROUTES}
    assert sorted(pairs - rows) == [], "rule and method without a row"
    assert sorted(rows - pairs) == [], "row of no rule and method"


def test_each_row_opens_its_own_rule(app):
    adapter = app.url_map.bind("localhost")
    for row in ROUTES:
        rule, _arguments = adapter.match(row.url, method=row.method, return_rule=True)
        assert rule.rule == row.rule, row


# --------------------------------------------------------------- helpers ----


def _fingerprint(db) -> list[tuple[str, int, int]]:
    """Rows per table, and the sum of the state versions where a table has them (one query)."""
    parts = []
    for table in SQLModel.metadata.sorted_tables:
        version = func.coalesce(func.sum(table.c.version), 0) if "version" in table.c else 0
        parts.append(select(literal(table.name), func.count(), version).select_from(table))
    return sorted(tuple(row) for row in db.execute(union_all(*parts)).all())


# Written by logging in itself, which every role of the table does first.
LOGIN_COLUMNS = {"users": {"last_login_at"}}


def contents(db) -> dict[str, list[tuple]]:
    """Every row of every table (the seed is a few hundred rows): catches edits in place."""
    def columns(table):
        return [c for c in table.c if c.name not in LOGIN_COLUMNS.get(table.name, ())]

    found = {table.name: sorted((tuple(row) for row in db.execute(select(*columns(table)))),
                                key=repr)
             for table in SQLModel.metadata.sorted_tables}
    db.rollback()
    return found


def changed_tables(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))


def add_applicant_elsewhere(db) -> User:
    """The applicant of Vitebsk, another seeded applicant city (none in the demo accounts)."""
    from webapp.auth.operations import create_user

    found = db.exec(select(User).where(User.email == ELSEWHERE_EMAIL)).first()
    if found is None:
        vitebsk = db.exec(select(City).where(City.slug == ELSEWHERE_CITY)).one()
        found = create_user(db, email=ELSEWHERE_EMAIL, password=demo_password(),
                            display_name="Vitebsk applicant", role=Role.applicant, city=vitebsk)
    db.rollback()
    return found


def log_in(app, who: str):
    """A test client, logged in as ``who`` (or anonymous)."""
    client = app.test_client()
    if who != "anonymous":
        response = client.post("/login", data={"email": DEMO_EMAIL[who],
                                               "password": demo_password()})
        assert response.status_code == 302, (who, "could not log in")
    return client


def _expect(response, who, row: Route) -> None:
    status = response.status_code
    answers = row.answers or {}
    if who in answers:
        assert status == answers[who], (who, status)
    elif who in row.allowed:
        # A form the allowed role filled in wrongly comes back with what was typed: 400.
        assert status == 200 if row.method == "GET" else status in (200, 302, 400), (who, status)
    elif who == "anonymous" and row.refusal in (302, 403):
        # Anonymous visitors are sent to the login page instead.
        assert status == 302 and "/login" in response.headers["Location"], (who, status)
    else:
        assert status == row.refusal, (who, status)


@pytest.fixture(autouse=True)
def _cheap_pdfs(monkeypatch):
    """Who may download a PDF, not how it renders (tests/webapp/test_pdf_views.py reads them)."""
    from workflow import pdf

    monkeypatch.setattr(pdf, "render", lambda *args, **kwargs: pdf.Pdf(b"%PDF-1.7\n%%EOF", 1))


@pytest.mark.parametrize("row", ROUTES, ids=[f"{row.method} {row.url}" for row in ROUTES])
def test_route_access(app, seeded, reseed, row):
    """Each role in turn: who may gets the page, the others are refused and change nothing."""
    add_applicant_elsewhere(seeded)
    # Refused roles first, each checked against the untouched seed.
    untouched = _fingerprint(seeded)
    seeded.rollback()
    # A refused form is also compared row for row: a guard that let it through might only edit.
    clean = contents(seeded) if row.method != "GET" else None
    refused_checked = False
    for who in sorted(EVERYONE, key=lambda role: role in row.allowed):
        changes = who in row.allowed and row.method != "GET"
        if changes:
            now = contents(seeded)
            if not refused_checked:
                assert changed_tables(clean, now) == [], "a refused form changed the database"
                refused_checked = True
            if now != clean:  # an allowed action changed what the next role would see
                reseed()
                add_applicant_elsewhere(seeded)
                clean = contents(seeded)
        client = log_in(app, who)
        response = client.open(row.url, method=row.method, data=row.data)
        response.close()
        _expect(response, who, row)
        if not changes:
            assert _fingerprint(seeded) == untouched, (who, "changed the database")
            seeded.rollback()
    if clean is not None and not refused_checked:
        assert changed_tables(clean, contents(seeded)) == [], "a refused form changed the database"
