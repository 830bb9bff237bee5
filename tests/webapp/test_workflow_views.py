"""The workflow panel and its generic routes, on the example workflow's tickets."""

import re

import pytest
from flask import render_template_string
from sqlmodel import select

from models import City, Role
from models.workflow import HistoryEntry, Vote
from tests.workflow.example import TICKETS, Ticket
from workflow import engine

PAGE = """{% extends "base.html" %}{% block content %}
{% from "workflows/_panel.html" import workflow_panel %}{{ workflow_panel(workflow, ticket) }}
{% endblock %}"""


@pytest.fixture
def app(app):
    """The app with a subject page for tickets, as a workflow's blueprint would have."""

    def ticket_page(ticket_id):
        from webapp.extensions import db

        ticket = db.session.get(Ticket, ticket_id)
        return render_template_string(PAGE, workflow=TICKETS, ticket=ticket)

    app.add_url_rule("/example/tickets/<int:ticket_id>", "ticket_page", ticket_page)
    return app


@pytest.fixture
def brest(db):
    city = City(slug="brest", name_ru="Брест", name_en="Brest")
    other = City(slug="vitebsk", name_ru="Витебск", name_en="Vitebsk")
    db.add_all([city, other])
    db.commit()
    return city, other


@pytest.fixture
def login(client, make_user, brest):
    """Log in as a new user of a role: ``login(Role.board)``; returns the user."""

    def as_(role, city=None, locale="en", **fields):
        if role.city_bound and city is None:
            city = brest[0]
        user = make_user(role, city=city, locale=locale, password="a-long-test-password", **fields)
        client.post("/logout")
        client.post("/login", data={"email": user.email, "password": "a-long-test-password"})
        client.get(f"/?lang={locale}")
        return user

    return as_


def _ticket(tickets, brest, **fields):
    return tickets(city_id=brest[0].id, **fields)


def _text(response):
    return response.get_data(as_text=True)


# --- the panel --------------------------------------------------------------


def test_panel_shows_state_actions_history_and_diagram(client, login, tickets, brest):
    ticket = _ticket(tickets, brest, state="submitted")
    login(Role.secretariat)
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert 'class="state-label">Submitted<' in page
    form = re.search(r'<form method="post" action="([^"]+)" class="workflow-action" data-transition="take">(.*?)</form>', page, re.S)
    assert form.group(1) == f"/w/example/{ticket.id}/fire/take"
    assert 'name="fire-take-comment"' in form.group(2) and "required" in form.group(2)
    assert 'name="fire-take-version" type="hidden" value="1"' in form.group(2)
    assert '<g class="state current" data-state="submitted"' in page
    assert "Nothing has happened yet." in page


def test_panel_offers_only_what_the_engine_allows(client, login, tickets, brest):
    ticket = _ticket(tickets, brest, state="submitted")
    login(Role.board)
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert "workflow-action" not in page
    why = re.search(r'<li data-transition="take"><strong>Take into review</strong>: (.*?)</li>', page)
    assert "Secretariat" in why.group(1)


def test_explanation_names_a_failed_condition(client, login, tickets, brest):
    ticket = _ticket(tickets, brest, title="  ")
    login(Role.applicant)
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert "The ticket has no title." in page
    assert 'data-transition="submit"' in page and "workflow-action" not in page


def test_firing_through_the_panel_records_history_in_the_readers_language(
    client, login, tickets, brest, db
):
    ticket = _ticket(tickets, brest, state="submitted")
    clerk = login(Role.secretariat, display_name="Clerk Petrova")
    response = client.post(f"/w/example/{ticket.id}/fire/take",
                           data={"fire-take-comment": "Complete", "fire-take-version": "1"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/example/tickets/{ticket.id}"
    db.refresh(ticket)
    assert (ticket.state, ticket.version) == ("review", 2)
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert "Done: Take into review. The state is now: In review." in page
    step = re.search(r'<li class="step change">(.*?)</li>', page, re.S).group(1)
    assert "Take into review" in step and "Submitted → In review" in step
    assert clerk.display_name in step and "Complete" in step
    # On the association's clock, named (MAG spans UTC+2 to UTC+10).
    assert re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d, \d\d:\d\d \(Moscow, UTC\+3\)", step)
    assert '<g class="edge taken" data-from="submitted" data-to="review"' in page
    client.get("/?lang=ru")
    russian = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert "История" in russian and "Взять в работу" not in russian
    assert re.search(r"\d{1,2} [а-я]+ 20\d\d, \d\d:\d\d \(Москва, UTC\+3\)", russian)


def test_missing_comment_is_shown_next_to_the_field_and_nothing_changes(
    client, login, tickets, brest, db
):
    ticket = _ticket(tickets, brest, state="submitted")
    login(Role.secretariat)
    response = client.post(f"/w/example/{ticket.id}/fire/take",
                           data={"fire-take-comment": "  ", "fire-take-version": "1"})
    assert response.status_code == 302
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert re.search(rf'id="wf-example-{ticket.id}-fire-take-comment-errors" role="alert">\s*<\w+>A comment is required.', page)
    db.refresh(ticket)
    assert ticket.state == "submitted" and engine.history(db, TICKETS, ticket.id) == []


def test_stale_version_answers_409_naming_who_changed_it(client, login, tickets, brest, db, make_user):
    ticket = _ticket(tickets, brest, state="submitted")
    other = make_user(Role.secretariat, display_name="Ivanov I.I.")
    engine.fire(db, TICKETS, ticket, "take", actor=other, comment="mine")
    login(Role.secretariat)
    response = client.post(f"/w/example/{ticket.id}/fire/take",
                           data={"fire-take-comment": "late", "fire-take-version": "1"})
    assert response.status_code == 409
    assert "Ivanov I.I. changed this at" in _text(response)
    assert "(now: In review)" in _text(response)
    assert len(engine.history(db, TICKETS, ticket.id)) == 1


def test_wrong_state_answers_409_and_changes_nothing(client, login, tickets, brest, db):
    ticket = _ticket(tickets, brest, state="review")
    login(Role.applicant)
    response = client.post(f"/w/example/{ticket.id}/fire/submit", data={"fire-submit-version": "1"})
    assert response.status_code == 409
    assert "not possible in the state In review" in _text(response)
    db.refresh(ticket)
    assert ticket.state == "review"


@pytest.mark.parametrize(("role", "state", "transition"), [
    (Role.applicant, "submitted", "take"),
    (Role.board, "draft", "submit"),
    (Role.secretariat, "review", "approve"),
])
def test_forged_post_of_an_unavailable_action_is_403(client, login, tickets, brest, db, role, state, transition):
    ticket = _ticket(tickets, brest, state=state)
    login(role)
    kind = "vote" if transition == "approve" else "fire"
    response = client.post(f"/w/example/{ticket.id}/{kind}/{transition}",
                           data={f"{kind}-{transition}-version": "1",
                                 f"{kind}-{transition}-comment": "x",
                                 f"{kind}-{transition}-choice": "approve"})
    assert response.status_code == 403
    db.refresh(ticket)
    assert ticket.state == state and ticket.version == 1
    assert engine.history(db, TICKETS, ticket.id) == []


def test_another_citys_subject_is_404_for_a_city_bound_user(client, login, tickets, brest, db):
    ticket = _ticket(tickets, brest)
    login(Role.applicant, city=brest[1])
    response = client.post(f"/w/example/{ticket.id}/fire/submit", data={"fire-submit-version": "1"})
    assert response.status_code == 404
    response = client.post(f"/w/example/{ticket.id}/comment", data={"comment-text": "hello"})
    assert response.status_code == 404


@pytest.mark.parametrize("url", [
    "/w/nosuch/1/fire/go", "/w/example/999999/fire/submit", "/w/example/{id}/fire/teleport",
])
def test_unknown_workflow_subject_or_transition_is_404(client, login, tickets, brest, url):
    ticket = _ticket(tickets, brest)
    login(Role.applicant)
    assert client.post(url.format(id=ticket.id)).status_code == 404


def test_quorum_vote_counts_then_fires(client, login, tickets, brest, db, make_user):
    ticket = _ticket(tickets, brest, state="review")
    make_user(Role.board)
    first = login(Role.board, display_name="Board One")
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert "Approvals: 0 of 2 needed (2 can vote); objections: 0." in page
    client.post(f"/w/example/{ticket.id}/vote/approve",
                data={"vote-approve-choice": "approve", "vote-approve-version": "1"})
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert "Your approval was counted (1 of 2 needed)." in page
    assert "Board One: approved" in page and "Withdraw my vote" in page
    again = client.post(f"/w/example/{ticket.id}/vote/approve",
                        data={"vote-approve-choice": "approve", "vote-approve-version": "1"})
    assert again.status_code == 302
    assert "Your vote was already counted." in _text(client.get(f"/example/tickets/{ticket.id}"))
    login(Role.board)  # the third holder: two approvals of three still suffice
    client.post(f"/w/example/{ticket.id}/vote/approve",
                data={"vote-approve-choice": "approve", "vote-approve-version": "1"})
    db.refresh(ticket)
    assert ticket.state == "approved"
    assert first.id in {v.voter_id for v in db.exec(select(Vote)).all()}


def test_objection_without_comment_is_refused_at_the_field(client, login, tickets, brest, db):
    ticket = _ticket(tickets, brest, state="review")
    login(Role.board)
    client.post(f"/w/example/{ticket.id}/vote/approve",
                data={"vote-approve-choice": "object", "vote-approve-version": "1"})
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert re.search(rf'id="wf-example-{ticket.id}-vote-approve-comment-errors" role="alert">\s*<\w+>A comment is required.', page)
    assert db.exec(select(Vote)).all() == []


def test_withdrawing_a_vote_through_the_panel(client, login, tickets, brest, db, make_user):
    ticket = _ticket(tickets, brest, state="review")
    make_user(Role.board)
    make_user(Role.board)
    login(Role.board)
    client.post(f"/w/example/{ticket.id}/vote/approve",
                data={"vote-approve-choice": "approve", "vote-approve-version": "1"})
    client.post(f"/w/example/{ticket.id}/withdraw/approve", data={"withdraw-approve-version": "1"})
    assert engine.tally(db, TICKETS, ticket, "approve").approvals == 0
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert "Your vote was withdrawn." in page and "Vote withdrawn: Approve" in page


def test_comment_only_is_a_history_entry(client, login, tickets, brest, db):
    ticket = _ticket(tickets, brest, state="review")
    login(Role.applicant)
    client.post(f"/w/example/{ticket.id}/comment", data={"comment-text": "We sent the letter."})
    [entry] = db.exec(select(HistoryEntry)).all()
    assert (entry.transition, entry.from_state, entry.to_state) == ("comment", "review", "review")
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert "Your comment was added." in page and "We sent the letter." in page


def test_empty_comment_is_refused_at_the_field(client, login, tickets, brest, db):
    ticket = _ticket(tickets, brest, state="review")
    login(Role.applicant)
    client.post(f"/w/example/{ticket.id}/comment", data={"comment-text": ""})
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert f'id="wf-example-{ticket.id}-comment-text-errors"' in page
    assert db.exec(select(HistoryEntry)).all() == []


def test_anonymous_post_goes_to_login(client, tickets, brest):
    ticket = _ticket(tickets, brest)
    response = client.post(f"/w/example/{ticket.id}/comment", data={"comment-text": "x"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_panel_forms_carry_csrf_tokens(app, login, tickets, brest, client):
    ticket = _ticket(tickets, brest, state="submitted")
    login(Role.secretariat)
    app.config["WTF_CSRF_ENABLED"] = True
    page = _text(client.get(f"/example/tickets/{ticket.id}"))
    assert 'name="fire-take-csrf_token"' in page
    refused = client.post(f"/w/example/{ticket.id}/fire/take",
                          data={"fire-take-comment": "x", "fire-take-version": "1"})
    assert refused.status_code == 400


def test_withdrawing_after_the_subject_moved_on_is_409(client, login, tickets, brest, db, make_user):
    ticket = _ticket(tickets, brest, state="review")
    make_user(Role.board)
    make_user(Role.board)
    login(Role.board)
    client.post(f"/w/example/{ticket.id}/vote/approve",
                data={"vote-approve-choice": "approve", "vote-approve-version": "1"})
    response = client.post(f"/w/example/{ticket.id}/withdraw/approve",
                           data={"withdraw-approve-version": "0"})
    assert response.status_code == 409
    assert engine.tally(db, TICKETS, ticket, "approve").approvals == 1


def test_side_effect_that_refuses_tells_the_user_why_and_changes_nothing(
        client, db, tickets, brest, login):
    ticket = _ticket(tickets, brest, state="submitted", fail_effect=True)
    login(Role.secretariat)
    response = client.post(f"/w/example/{ticket.id}/fire/take",
                           data={"fire-take-comment": "Fine", "fire-take-version": "1"},
                           follow_redirects=True)
    assert "The side effect failed." in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Ticket, ticket.id).state == "submitted"
    assert db.exec(select(HistoryEntry).where(HistoryEntry.transition == "take")).all() == []


def test_side_effect_that_crashes_gets_the_error_page_and_changes_nothing(
        app, client, db, tickets, brest, login):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error page, no trace
    ticket = _ticket(tickets, brest, state="submitted", title="crash")
    login(Role.secretariat)
    response = client.post(f"/w/example/{ticket.id}/fire/take",
                           data={"fire-take-comment": "Fine", "fire-take-version": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Nothing was changed." in page and "the side effect crashed" not in page
    db.expire_all()
    assert (db.get(Ticket, ticket.id).state, db.get(Ticket, ticket.id).version) == (
        "submitted", ticket.version)
