"""The inbox and the workflows' public pages, on the example workflow."""

import re
from datetime import timedelta

import pytest

from models import City, Role, utcnow
from tests.workflow.example import TICKETS, Ticket
from workflow import engine


@pytest.fixture
def cities(db):
    brest = City(slug="brest", name_ru="Брест", name_en="Brest")
    vitebsk = City(slug="vitebsk", name_ru="Витебск", name_en="Vitebsk")
    db.add_all([brest, vitebsk])
    db.commit()
    return brest, vitebsk


@pytest.fixture
def login(client, make_user):
    def as_(role, city=None):
        user = make_user(role, city=city, locale="en", password="a-long-test-password")
        client.post("/login", data={"email": user.email, "password": "a-long-test-password"})
        return user

    return as_


def _aged(db, ticket, days):
    ticket.state_changed_at = utcnow() - timedelta(days=days)
    db.add(ticket)
    db.commit()
    return ticket


def _inbox_titles(page):
    section = re.search(r'<section class="inbox-group" data-workflow="example">(.*?)</section>', page, re.S)
    return re.findall(r'<a href="/example/tickets/\d+">([^<]+)</a>', section.group(1)) if section else []


def test_inbox_lists_what_waits_for_the_users_role_oldest_first(client, db, tickets, cities, login):
    brest = cities[0]
    _aged(db, tickets(city_id=brest.id, state="submitted", title="middle"), 5)
    _aged(db, tickets(city_id=brest.id, state="submitted", title="oldest"), 9)
    _aged(db, tickets(city_id=brest.id, state="submitted", title="newest"), 1)
    tickets(city_id=brest.id, state="draft", title="not mine")
    login(Role.secretariat)
    page = client.get("/inbox?lang=en").get_data(as_text=True)
    assert _inbox_titles(page) == ["oldest", "middle", "newest"]
    assert 'Example tickets <span class="count">(3)</span>' in page


def test_city_bound_users_see_only_their_citys_subjects(client, db, tickets, cities, login):
    brest, vitebsk = cities
    tickets(city_id=brest.id, state="draft", title="ours")
    tickets(city_id=vitebsk.id, state="draft", title="theirs")
    login(Role.applicant, city=brest)
    page = client.get("/inbox?lang=en").get_data(as_text=True)
    assert _inbox_titles(page) == ["ours"]


def test_inbox_pages_through_a_long_group(client, db, tickets, cities, login):
    for n in range(30):
        _aged(db, tickets(city_id=cities[0].id, state="submitted", title=f"t{n:02d}"), 60 - n)
    login(Role.secretariat)
    first = client.get("/inbox?lang=en").get_data(as_text=True)
    assert len(_inbox_titles(first)) == 25 and "Page 1 of 2" in first
    second = client.get("/inbox?workflow=example&page=2").get_data(as_text=True)
    assert _inbox_titles(second) == [f"t{n:02d}" for n in range(25, 30)]
    assert client.get("/inbox?workflow=example&page=99").status_code == 200
    assert client.get("/inbox?page=abc").status_code == 200


def test_inbox_lists_what_the_user_acted_on(client, db, tickets, cities, login):
    ticket = tickets(city_id=cities[0].id, state="submitted", title="reviewed")
    clerk = login(Role.secretariat)
    engine.fire(db, TICKETS, db.get(Ticket, ticket.id), "take", actor=clerk, comment="ok")
    page = client.get("/inbox?lang=en").get_data(as_text=True)
    acted = re.search(r'<table class="acted">(.*?)</table>', page, re.S).group(1)
    assert "reviewed" in acted and "In review" in acted and "Example tickets" in acted


def test_empty_inbox_says_so_in_russian(client, db, cities, login, tickets):
    login(Role.audit)
    page = client.get("/inbox?lang=ru").get_data(as_text=True)
    assert "Ничто не ждёт ваших действий." in page


def test_public_workflow_page_has_the_diagram_and_transitions_table(client, db):
    page = client.get("/workflows/example?lang=en").get_data(as_text=True)
    assert "<svg" in page and 'data-state="review"' in page
    take = re.search(r'<tr data-transition="take">(.*?)</tr>', page, re.S).group(1)
    assert "Submitted" in take and "In review" in take and "Secretariat" in take and "Comment" in take
    approve = re.search(r'<tr data-transition="approve">(.*?)</tr>', page, re.S).group(1)
    assert "Board member" in approve and "a majority of the current holders" in approve
    expire = re.search(r'<tr data-transition="expire">(.*?)</tr>', page, re.S).group(1)
    assert "nobody: automatic" in expire and "daily sweep" in expire


def test_workflows_index_links_every_registered_workflow(client, db):
    page = client.get("/workflows?lang=en").get_data(as_text=True)
    assert '<a href="/workflows/example">Example tickets</a>' in page


def test_unknown_workflow_page_is_404(client, db):
    response = client.get("/workflows/teleport")
    assert response.status_code == 404


def test_the_seeded_secretariat_inbox_costs_fewer_queries_than_it_has_rows(
        client, seeded, auth, engine):
    from sqlalchemy import event, update

    from models.admission import Application
    from models.dues import Account

    # Rows enough in several groups to tell a query per page from a query per row:
    # a full page of applications in review, and the 22 debtors back at "warned".
    for n in range(30):
        city = City(slug=f"extra-{n}", name_ru=f"Город {n}", name_en=f"City {n}")
        seeded.add(city)
        seeded.flush()
        seeded.add(Application(city_id=city.id, state="in_review", name_ru=city.name_ru,
                               name_en=city.name_en))
    seeded.execute(update(Account).where(Account.state == "audit_control").values(state="warned"))
    seeded.commit()
    auth.login("secretariat@demo.magflow")
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get("/inbox").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    rows = page.count("<tr><td>")
    assert rows > 40
    assert len(statements) < rows / 2, len(statements)


def test_board_member_who_voted_waits_no_more_but_colleagues_do(client, db, tickets, cities,
                                                                make_user, login):
    ticket = tickets(city_id=cities[0].id, state="review", title="to approve")
    first, _second = make_user(Role.board), make_user(Role.board)
    engine.vote(db, TICKETS, db.get(Ticket, ticket.id), "approve", actor=first, approve=True)
    login(Role.board)  # a third member, who has not voted: 1 of 2 needed approvals so far
    assert _inbox_titles(client.get("/inbox?lang=en").get_data(as_text=True)) == ["to approve"]
    client.post("/logout")
    client.post("/login", data={"email": first.email, "password": "a-long-test-password"})
    assert _inbox_titles(client.get("/inbox?lang=en").get_data(as_text=True)) == []
    engine.withdraw_vote(db, TICKETS, db.get(Ticket, ticket.id), "approve", actor=first)
    assert _inbox_titles(client.get("/inbox?lang=en").get_data(as_text=True)) == ["to approve"]


def test_actions_nobody_waits_for_leave_the_inbox_empty(client, seeded, auth):
    auth.login("secretariat@demo.magflow")
    page = client.get("/inbox?lang=en").get_data(as_text=True)
    # Published events may be cancelled or marked held, but wait for neither.
    assert 'data-workflow="plan"' not in page
    assert 'data-workflow="admission"' in page and "Brest" in page
    auth.logout()
    auth.login("brest@demo.magflow")  # in review: the applicant may withdraw, nothing waits
    assert 'data-workflow="admission"' not in client.get("/inbox?lang=en").get_data(as_text=True)


def test_awaited_state_must_be_a_source():
    from workflow.engine import State, Transition, Workflow

    with pytest.raises(ValueError, match="awaited in a state"):
        Workflow(name="bad", label="Bad", model=Ticket, initial="a",
                 states=[State("a", "A"), State("b", "B")],
                 transitions=[Transition("go", ["a"], "b", "Go", roles=[Role.admin],
                                         awaited_in=["b"])])
