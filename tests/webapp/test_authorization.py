"""Who may open each route: every route of the app appears in this table.

``test_every_route_is_in_the_table`` fails when a blueprint adds a route
without adding its row here.
"""

import pytest
from sqlalchemy import literal, union_all
from sqlmodel import SQLModel, func, select

from models import Role
from seeding.loader import demo_password
from tests.workflow import example  # noqa: F401 - registers the example workflow

EVERYONE = ["anonymous", *[r.value for r in Role]]
OFFICE = ["secretariat", "board", "audit", "president", "admin"]

DEMO_EMAIL = {
    "applicant": "brest@demo.magflow",
    "member": "moscow@demo.magflow",
    "secretariat": "secretariat@demo.magflow",
    "board": "board1@demo.magflow",
    "audit": "audit@demo.magflow",
    "president": "president@demo.magflow",
    "admin": "admin@demo.magflow",
}

# (method, url, rule, who may, what the others get)
ROUTES = [
    ("GET", "/", "/", EVERYONE, None),
    ("GET", "/cities", "/cities", EVERYONE, None),
    ("GET", "/cities/moscow", "/cities/<slug>", EVERYONE, None),
    ("GET", "/login", "/login", EVERYONE, None),
    ("GET", "/invitation/unknown", "/invitation/<token>", [], 404),
    ("POST", "/logout", "/logout", [r.value for r in Role], 302),
    ("GET", "/office/invitations", "/office/invitations", ["secretariat", "admin"], 403),
    ("GET", "/dues/", "/dues/", ["secretariat", "audit", "admin"], 403),
    ("GET", "/dues/fees", "/dues/fees", ["secretariat", "admin"], 403),
    ("GET", "/dues/mine", "/dues/mine", [r.value for r in Role], 302),
    ("GET", "/dues/accounts/1", "/dues/accounts/<int:account_id>", OFFICE, 403),
    ("GET", "/dues/accounts/1/payment", "/dues/accounts/<int:account_id>/payment",
     ["secretariat", "admin"], 403),
    ("GET", "/dues/accounts/1/plan", "/dues/accounts/<int:account_id>/plan",
     ["secretariat", "admin"], 403),
    ("POST", "/dues/charges/1/amount", "/dues/charges/<int:charge_id>/amount",
     ["secretariat", "admin"], 403),
    ("GET", "/dues/letters/1/en", "/dues/letters/<int:letter_id>/<lang>", OFFICE, 403),
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
    ("GET", "/sessions/29/changes", "/sessions/<int:number>/changes", OFFICE, 403),
    ("GET", "/sessions/execution", "/sessions/execution", OFFICE, 403),
    ("GET", "/sessions/execution.ics", "/sessions/execution.ics", OFFICE, 403),
    ("POST", "/sessions/execution/subscription", "/sessions/execution/subscription", OFFICE,
     403),
    ("GET", "/sessions/execution/unknown.ics", "/sessions/execution/<token>.ics", [], 404),
    ("GET", "/admission", "/admission", ["applicant"], 403),
    ("GET", "/admission/2", "/admission/<int:application_id>", ["applicant", *OFFICE], 404),
    ("POST", "/admission/2/edit", "/admission/<int:application_id>/edit", ["applicant"], 403),
    ("GET", "/admission/2/documents/1",
     "/admission/<int:application_id>/documents/<int:document_id>", [], 404),
    ("GET", "/office/admission", "/office/admission", OFFICE, 403),
    ("GET", "/workflows", "/workflows", EVERYONE, None),
    ("GET", "/workflows/example", "/workflows/<name>", EVERYONE, None),
    ("GET", "/workflows/nosuch", "/workflows/<name>", [], 404),
    ("GET", "/inbox", "/inbox", [r.value for r in Role], 302),
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
    ("GET", "/officers/people/new", "/officers/people/new", ["secretariat", "admin"], 403),
    ("GET", "/officers/positions/new", "/officers/positions/new", ["secretariat", "admin"], 403),
    ("GET", "/calendar", "/calendar", EVERYONE, None),
    ("GET", "/calendar/events/1", "/calendar/events/<int:event_id>", EVERYONE, None),
    ("GET", "/calendar/events/1.ics", "/calendar/events/<int:event_id>.ics", EVERYONE, None),
    ("GET", "/calendar.ics", "/calendar.ics", EVERYONE, None),
    ("GET", "/calendar/events.json", "/calendar/events.json", EVERYONE, None),
    ("GET", "/calendar/city-days.ics", "/calendar/city-days.ics", EVERYONE, None),
    ("GET", "/calendar/plan", "/calendar/plan", OFFICE, 403),
    ("GET", "/calendar/events/new", "/calendar/events/new", ["secretariat", "admin"], 403),
    ("GET", "/calendar/events/1/edit", "/calendar/events/<int:event_id>/edit",
     ["secretariat", "admin"], 403),
    ("POST", "/calendar/events/1/steps/mark_held", "/calendar/events/<int:event_id>/steps/<name>",
     ["secretariat", "admin"], 403),
]


def test_every_route_is_in_the_table(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert rules == {row[2] for row in ROUTES}


def _fingerprint(db) -> list[tuple[str, int, int]]:
    """Rows per table, and the sum of the state versions where a table has them (one query)."""
    parts = []
    for table in SQLModel.metadata.sorted_tables:
        version = func.coalesce(func.sum(table.c.version), 0) if "version" in table.c else 0
        parts.append(select(literal(table.name), func.count(), version).select_from(table))
    return sorted(tuple(row) for row in db.execute(union_all(*parts)).all())


def _expect(response, who, method, allowed, refusal) -> None:
    status = response.status_code
    if who in allowed:
        assert status == 200 if method == "GET" else status in (200, 302), (who, status)
    elif who == "anonymous" and refusal in (302, 403):
        # Anonymous visitors are sent to the login page instead.
        assert status == 302 and "/login" in response.headers["Location"], (who, status)
    else:
        assert status == refusal, (who, status)


@pytest.mark.parametrize(("method", "url", "rule", "allowed", "refusal"), ROUTES,
                         ids=[f"{row[0]} {row[1]}" for row in ROUTES])
def test_route_access(app, seeded, reseed, method, url, rule, allowed, refusal):
    """Each role in turn: who may gets the page, the others are refused and change nothing."""
    # Refused roles first, each checked against the untouched seed.
    untouched = _fingerprint(seeded)
    seeded.rollback()
    for who in sorted(EVERYONE, key=lambda role: role in allowed):
        if who in allowed and method != "GET":
            reseed()  # an allowed action may change what the next role sees
        client = app.test_client()
        if who != "anonymous":
            client.post("/login", data={"email": DEMO_EMAIL[who], "password": demo_password()})
        response = client.open(url, method=method)
        response.close()
        _expect(response, who, method, allowed, refusal)
        if who not in allowed or method == "GET":
            assert _fingerprint(seeded) == untouched, (who, "changed the database")
            seeded.rollback()
