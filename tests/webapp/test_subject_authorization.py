"""Who may act on an existing subject: another city's applicant, the panel's generic routes.

``test_authorization.py`` checks who may open each route; here the subjects are
real seeded ones (Brest's application, a member's dues account, an officer's
appointment, a published event, an execution task), and every refused request
must leave the database as it was, row for row.
"""

import io
from datetime import date

import pytest
from flask import Flask
from sqlmodel import select

from models import City, User
from models.admission import Application
from models.decisions import ExecutionTask
from models.dues import Account
from models.events import Event
from models.officers import Appointment
from tests.webapp.test_authorization import (
    BREST_APPLICATION,
    ELSEWHERE,
    _fingerprint,
    add_applicant_elsewhere,
    changed_tables,
    contents,
    log_in,
)
from tests.workflow.admission_factories import COMPLETE, PDF
from workflow import ledger
from workflow.engine import REGISTRY

# ------------------------------------------------ Brest's application, seen from Vitebsk ----


@pytest.fixture
def brest(app: Flask, seeded):
    """Brest's application open for editing, with its letter, and Brest's dues account."""
    from workflow.documents import store_document

    add_applicant_elsewhere(seeded)
    application = seeded.get(Application, BREST_APPLICATION)
    city = seeded.get(City, application.city_id)
    assert city.slug == "brest"
    application.state = "draft"  # editable: the edit form would save if the guard let it
    seeded.add(application)
    seeded.commit()
    applicant = seeded.exec(select(User).where(User.city_id == city.id)).one()
    letter = store_document(seeded, application=application, actor=applicant, data=PDF,
                            filename="letter.pdf", upload_dir=app.config["UPLOAD_DIR"])
    account = ledger.open_account(seeded, city=city, on=date(2024, 1, 1))
    seeded.commit()
    found = {"application": application.id, "letter": letter.id, "account": account.id}
    seeded.rollback()
    return found


def _pages(brest):
    application = f"/admission/{brest['application']}"
    return {
        "application": application,
        "edit form": f"{application}/edit",
        "letter": f"{application}/documents/{brest['letter']}",
        "ledger": f"/dues/accounts/{brest['account']}",
    }


def _edit(client, brest):
    """A complete application, submitted with its letter: what Brest's applicant may post."""
    data = {k: ("y" if v is True else v) for k, v in COMPLETE.items() if k != "fees_year"}
    data.update(action="submit", version="1", name_en="Not Brest",
                letter=(io.BytesIO(PDF), "letter.pdf", "application/pdf"))
    return client.post(f"/admission/{brest['application']}/edit",
                       content_type="multipart/form-data", data=data)


def test_brests_own_applicant_opens_its_application_letter_and_ledger(app, seeded, brest):
    """The control for the next test: these URLs are real pages for Brest."""
    client = log_in(app, "applicant")
    for name, url in _pages(brest).items():
        response = client.get(url)
        response.close()
        assert response.status_code == 200, name
    assert "Брест" in client.get("/dues/mine").get_data(as_text=True)
    assert _edit(client, brest).status_code == 302
    seeded.expire_all()
    assert seeded.get(Application, brest["application"]).state == "submitted"


def test_an_applicant_of_another_city_finds_no_such_application(app, seeded, brest):
    before = contents(seeded)
    client = log_in(app, ELSEWHERE)
    pages = _pages(brest)
    for name in ("application", "edit form", "letter"):
        response = client.get(pages[name])
        response.close()
        assert response.status_code == 404, name
    assert _edit(client, brest).status_code == 404
    # The ledger does not exist for it either, and shows nothing of Brest's.
    ledger_page = client.get(pages["ledger"])
    assert ledger_page.status_code == 404
    assert "Брест" not in ledger_page.get_data(as_text=True)
    mine = client.get("/dues/mine").get_data(as_text=True)
    assert "Брест" not in mine and "Витебск" in mine
    assert changed_tables(before, contents(seeded)) == []
    application = seeded.get(Application, brest["application"])
    assert (application.state, application.version, application.name_en) == ("draft", 1, "Brest")


def test_an_applicant_of_another_city_gets_404_on_brests_ledger(app, seeded, brest):
    client = log_in(app, ELSEWHERE)
    assert client.get(_pages(brest)["ledger"]).status_code == 404


# ----------------------------------------------- the panel's routes on real subjects ----

# Seeded subjects of each real workflow: Brest's application (in review), the first
# dues account (Audit Commission's control), an officer in office, a published event,
# an assigned execution task.
SUBJECTS = {
    "admission": (Application, BREST_APPLICATION),
    "arrears": (Account, 1),
    "appointments": (Appointment, 1),
    "plan": (Event, 1),
    "execution": (ExecutionTask, 1),
}

# An office role that may not take the step (its city is not the question): 403.
WRONG_OFFICE_ROLE = {
    "admission": [("secretariat", "fire", "withdraw"), ("secretariat", "vote", "recommend"),
                  ("audit", "withdraw", "recommend"), ("president", "fire", "submit"),
                  # Brest's own applicant, on its own application, may not take office steps.
                  ("applicant", "fire", "forward"), ("applicant", "vote", "recommend")],
    "arrears": [("secretariat", "fire", "propose_to_board"), ("board", "fire", "settle"),
                ("president", "vote", "propose_to_board"),
                ("board", "withdraw", "propose_to_board")],
    "appointments": [("board", "fire", "request_release"), ("president", "fire", "release"),
                     ("secretariat", "vote", "endorse"), ("audit", "withdraw", "endorse")],
    "plan": [("board", "fire", "mark_held"), ("president", "fire", "cancel"),
             ("audit", "vote", "approve"), ("secretariat", "withdraw", "approve")],
    "execution": [("board", "fire", "report"), ("secretariat", "fire", "accept"),
                  ("audit", "vote", "accept"), ("secretariat", "withdraw", "return_report")],
}


# The same forms are accepted from whoever may take the step (so they are valid forms).
CONTROL = {"admission": ("secretariat", "forward"), "arrears": ("audit", "propose_to_board"),
           "appointments": ("secretariat", "request_release"),
           "plan": ("secretariat", "mark_held"), "execution": ("audit", "report")}


def test_every_real_workflow_is_checked():
    assert set(SUBJECTS) == set(REGISTRY) - {"example"}


def _form(kind: str, transition: str | None, version: int, asks=()) -> dict[str, str]:
    """What the panel's form would post: valid, so only the guard stands in the way."""
    if kind == "comment":
        return {"comment-text": "A comment that must not be recorded."}
    prefix = f"{kind}-{transition}"
    data = {f"{prefix}-version": str(version)}
    if kind == "fire":
        data.update({f"{prefix}-{name}": "XXX:1.1" for name in asks})
    if kind == "vote":
        data[f"{prefix}-choice"] = "approve"
    return data


def _requests(flow):
    """Every manual transition fired, each quorum transition voted and withdrawn, a comment."""
    steps = [t for t in flow.transitions if not t.automatic]
    voted = [t for t in steps if t.quorum is not None] or steps[:1]
    return ([("fire", t.name, tuple(t.asks)) for t in steps]
            + [(kind, t.name, ()) for t in voted for kind in ("vote", "withdraw")]
            + [("comment", None, ())])


def _url(name: str, subject_id: int, kind: str, transition: str | None) -> str:
    tail = "comment" if kind == "comment" else f"{kind}/{transition}"
    return f"/w/{name}/{subject_id}/{tail}"


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_the_panels_routes_refuse_whoever_may_not_act(app, seeded, name):
    """Anonymous: the login page; a city's users, on what is not their city's: 404;
    an office role the step is not for: 403. Nothing changes, row for row."""
    add_applicant_elsewhere(seeded)
    flow = REGISTRY[name]
    model, subject_id = SUBJECTS[name]
    subject = seeded.get(model, subject_id)
    assert subject is not None, "the seed has no such subject"
    state, version = subject.state, subject.version
    seeded.rollback()
    untouched, before = _fingerprint(seeded), contents(seeded)
    outsiders = ["anonymous", "member", ELSEWHERE] + (["applicant"] if name != "admission" else [])
    asks = {t.name: tuple(t.asks) for t in flow.transitions}
    cases = [(who, *request) for who in outsiders for request in _requests(flow)]
    cases += [(who, kind, transition, asks[transition])
              for who, kind, transition in WRONG_OFFICE_ROLE[name]]
    clients = {}
    for who, kind, transition, asked in cases:
        client = clients.get(who) or clients.setdefault(who, log_in(app, who))
        url = _url(name, subject_id, kind, transition)
        response = client.post(url, data=_form(kind, transition, version, asked))
        if who == "anonymous":
            assert response.status_code == 302, (url, who)
            assert "/login" in response.headers["Location"], (url, who)
        elif who in outsiders:
            assert response.status_code == 404, (url, who, response.status_code)
        else:
            assert response.status_code == 403, (url, who, response.status_code)
        assert _fingerprint(seeded) == untouched, (url, who, "changed the database")
        seeded.rollback()
    assert changed_tables(before, contents(seeded)) == []
    subject = seeded.get(model, subject_id)
    assert (subject.state, subject.version) == (state, version)
    seeded.rollback()

    who, transition = CONTROL[name]
    response = log_in(app, who).post(_url(name, subject_id, "fire", transition),
                                     data=_form("fire", transition, version, asks[transition]))
    assert response.status_code == 302
    seeded.expire_all()
    assert seeded.get(model, subject_id).state == flow.transition(transition).dest
