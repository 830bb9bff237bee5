"""The profile, the administration of accounts, /healthz, and office rights that follow the office."""

from datetime import date

import pytest
from sqlalchemy import text
from sqlmodel import select

from models import AccountChange, AssemblySession, Person, Position, Role, SessionStatus, User
from models.officers import Appointment
from seeding.loader import demo_password

ADMIN = "admin@demo.magflow"
SECRETARIAT = "secretariat@demo.magflow"
BOARD = "board2@demo.magflow"
NEW = "a-brand-new-password"


def _user(db, email):
    db.expire_all()
    return db.exec(select(User).where(User.email == email)).one()


def _client(app, email, password=None):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password or demo_password()})
    assert response.status_code == 302, email
    return client


def _text(response):
    return response.get_data(as_text=True)


# ---------------------------------------------------------------- healthz ----


def test_healthz_answers_ok_without_a_session(client, seeded):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


def test_healthz_is_503_when_the_schema_is_behind(client, seeded, engine):
    with engine.begin() as connection:
        heads = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('0011_one_open_application')"))
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.get_json() == {"status": "schema not at the latest migration"}
    finally:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM alembic_version"))
            for head in heads:
                connection.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": head})
    assert client.get("/healthz").status_code == 200


def test_healthz_is_503_when_the_database_does_not_answer(app, seeded):
    from sqlalchemy import create_engine

    from webapp import create_app

    broken = create_app({"TESTING": True, "ENGINE": create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none")})
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json() == {"status": "database unavailable"}
    assert "127.0.0.1" not in _text(response)


# ---------------------------------------------------------------- profile ----


def test_profile_changes_name_and_language_and_logs_them(app, seeded):
    client = _client(app, BOARD)
    assert client.get("/account").status_code == 200
    response = client.post("/account", data={"display_name": "Kasymbek Zh.M.", "locale": "en"})
    assert response.status_code == 302
    user = _user(seeded, BOARD)
    assert (user.display_name, user.locale) == ("Kasymbek Zh.M.", "en")
    whats = {c.what for c in seeded.exec(select(AccountChange)).all()}
    assert whats == {"display_name", "locale"}


def test_the_greeting_after_login_follows_the_preferred_language(app, seeded):
    user = _user(seeded, BOARD)
    user.locale = "en"
    seeded.add(user)
    seeded.commit()
    client = app.test_client()
    client.post("/login?lang=ru", data={"email": BOARD, "password": demo_password()})
    page = _text(client.get("/"))
    assert "Welcome, Касымбек Ж.М." in page and 'lang="en"' in page


def test_password_change_needs_the_current_one(app, seeded):
    client = _client(app, BOARD)
    before = _user(seeded, BOARD).password_hash
    response = client.post("/account/password?lang=en", data={
        "current": "not-the-password", "password": NEW, "confirm": NEW})
    assert response.status_code == 400 and "current password is not correct" in _text(response)
    assert _user(seeded, BOARD).password_hash == before


@pytest.mark.parametrize(("password", "confirm", "said"), [
    ("short", "short", "at least 10 characters"),
    (NEW, NEW + "x", "The passwords differ."),
])
def test_password_change_refuses_a_weak_or_mismatched_one(app, seeded, password, confirm, said):
    client = _client(app, BOARD)
    before = _user(seeded, BOARD).password_hash
    response = client.post("/account/password?lang=en", data={
        "current": demo_password(), "password": password, "confirm": confirm})
    assert response.status_code == 400 and said in _text(response)
    assert _user(seeded, BOARD).password_hash == before


def test_password_change_ends_the_other_sessions_and_keeps_this_one(app, seeded):
    client, other = _client(app, BOARD), _client(app, BOARD)
    response = client.post("/account/password", data={
        "current": demo_password(), "password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert client.get("/sessions").status_code == 200
    assert other.get("/sessions").status_code == 302


# ---------------------------------------------------------- administration ----


def test_admin_sees_every_account_with_role_city_person_and_last_login(app, seeded):
    page = _text(_client(app, ADMIN).get("/office/users?lang=en"))
    for expected in ("moscow@demo.magflow", "Moscow", "Member", "Kasymbek", "never"):
        assert expected in page
    assert "Invite an office user" in page


def test_secretariat_reads_but_may_not_change(app, seeded):
    client = _client(app, SECRETARIAT)
    page = _text(client.get("/office/users?lang=en"))
    assert "moscow@demo.magflow" in page and "Invite an office user" not in page
    board = _user(seeded, BOARD)
    for url, data in [(f"/office/users/{board.id}/active", {"active": "0"}),
                      (f"/office/users/{board.id}/role", {"role": "audit"}),
                      (f"/office/users/{board.id}/person", {"person": ""}),
                      ("/office/users/invite", {"email": "x@y.example", "role": "audit",
                                                "person": ""})]:
        response = client.post(f"{url}?lang=en", data=data)
        assert response.status_code == 403 and "Your role does not allow" in _text(response)
    assert _user(seeded, BOARD).active and seeded.exec(select(AccountChange)).all() == []


def test_role_change_ends_the_accounts_sessions_and_is_logged(app, seeded):
    board = _client(app, BOARD)
    admin = _client(app, ADMIN)
    user = _user(seeded, BOARD)
    assert admin.post(f"/office/users/{user.id}/role", data={"role": "audit"}).status_code == 302
    assert _user(seeded, BOARD).role == Role.audit
    assert board.get("/inbox").status_code == 302
    page = _text(admin.get(f"/office/users/{user.id}?lang=en"))
    assert "Board" in page and "Audit Commission" in page and "Administrator" in page
    [change] = seeded.exec(select(AccountChange)).all()
    assert (change.what, change.before, change.after) == (
        "role", {"role": "board"}, {"role": "audit"})


def test_deactivated_account_is_refused_at_its_next_request_and_cannot_log_in(app, seeded):
    board = _client(app, BOARD)
    admin = _client(app, ADMIN)
    user = _user(seeded, BOARD)
    assert admin.post(f"/office/users/{user.id}/active", data={"active": "0"}).status_code == 302
    assert board.get("/sessions").status_code == 302
    again = app.test_client().post("/login", data={"email": BOARD, "password": demo_password()})
    assert again.status_code == 200
    admin.post(f"/office/users/{user.id}/active", data={"active": "1"})
    _client(app, BOARD)
    assert [c.after for c in seeded.exec(select(AccountChange).order_by(AccountChange.id))] == [
        {"active": False}, {"active": True}]


@pytest.mark.parametrize(("url", "data"), [("active", {"active": "0"}),
                                           ("role", {"role": "secretariat"})])
def test_the_last_admin_cannot_demote_or_deactivate_themselves(app, seeded, url, data):
    admin = _client(app, ADMIN)
    user = _user(seeded, ADMIN)
    response = admin.post(f"/office/users/{user.id}/{url}?lang=en", data=data)
    assert response.status_code == 400 and "last active administrator" in _text(response)
    user = _user(seeded, ADMIN)
    assert (user.role, user.active) == (Role.admin, True)
    assert seeded.exec(select(AccountChange)).all() == []
    assert admin.get("/office/users").status_code == 200


def test_a_second_admin_may_then_step_down(app, seeded, make_user):
    make_user(role=Role.admin)
    admin = _client(app, ADMIN)
    user = _user(seeded, ADMIN)
    assert admin.post(f"/office/users/{user.id}/role",
                      data={"role": "secretariat"}).status_code == 302
    assert _user(seeded, ADMIN).role == Role.secretariat


def test_link_an_account_to_a_person_and_refuse_a_taken_one(app, seeded):
    admin = _client(app, ADMIN)
    audit = _user(seeded, "audit@demo.magflow")
    selivanov = seeded.exec(select(Person).where(Person.slug == "selivanov")).one()
    kasymbek = seeded.exec(select(Person).where(Person.slug == "kasymbek")).one()
    assert admin.post(f"/office/users/{audit.id}/person",
                      data={"person": str(selivanov.id)}).status_code == 302
    assert _user(seeded, "audit@demo.magflow").person_id == selivanov.id
    taken = admin.post(f"/office/users/{audit.id}/person?lang=en",
                       data={"person": str(kasymbek.id)})
    assert taken.status_code == 400 and "already linked" in _text(taken)
    unknown = admin.post(f"/office/users/{audit.id}/person", data={"person": "99999"})
    assert unknown.status_code == 400
    assert _user(seeded, "audit@demo.magflow").person_id == selivanov.id


def test_admin_invites_an_office_user_who_then_logs_in_with_the_role(app, seeded):
    admin = _client(app, ADMIN)
    page = _text(admin.post("/office/users/invite", data={
        "email": "new.audit@mag.example", "role": "audit", "person": ""}))
    link = page.split('id="invitation-link">')[1].split("<")[0]
    path = link.replace("http://localhost", "")
    invited = app.test_client()
    assert "Audit Commission" in _text(invited.get(f"{path}?lang=en"))
    invited.post(path, data={"display_name": "New auditor", "password": NEW, "confirm": NEW})
    user = _user(seeded, "new.audit@mag.example")
    assert (user.role, user.city_id) == (Role.audit, None)
    assert invited.get("/dues/").status_code == 200


def test_inviting_an_address_that_has_an_account_is_refused(app, seeded):
    admin = _client(app, ADMIN)
    response = admin.post("/office/users/invite?lang=en", data={
        "email": BOARD, "role": "audit", "person": ""})
    assert response.status_code == 400 and "already exists" in _text(response)


def test_an_unknown_account_is_404(app, seeded):
    assert _client(app, ADMIN).get("/office/users/99999").status_code == 404


# ------------------------------------------------- office follows the office ----


@pytest.fixture
def xxx(seeded):
    seeded.add(AssemblySession(number=30, held_on=date(2024, 5, 20), status=SessionStatus.planned))
    seeded.commit()
    return seeded


def _term(db, who, seat, state="in_office"):
    return db.exec(select(Appointment).join(Person, Person.id == Appointment.person_id)
                   .join(Position, Position.id == Appointment.position_id)
                   .where(Person.slug == who, Position.slug == seat,
                          Appointment.state == state)).one()


def _release_kasymbek(app, db):
    term = _term(db, "kasymbek", "vice-president")
    secretariat = _client(app, SECRETARIAT)
    response = secretariat.post(f"/officers/appointments/{term.id}/release", data={
        "version": term.version, "reason": "resigned", "decision": "XXX:3.1"})
    assert response.status_code == 302


def test_a_released_member_loses_the_office_pages_and_the_feed_link(app, xxx):
    board = _client(app, BOARD)
    assert board.get("/sessions/execution").status_code == 200
    _release_kasymbek(app, xxx)
    for url in ("/sessions/execution", "/dues/debtors", "/sessions", "/dues/accounts/1"):
        response = board.get(f"{url}?lang=en")
        assert response.status_code == 403, url
        assert "Your office ended on 20 May 2024" in _text(response)
    refused = board.post("/sessions/execution/subscription?lang=en", data={"action": "new"})
    assert refused.status_code == 403
    assert _user(xxx, BOARD).feed_token_hash is None
    assert board.get("/account").status_code == 200  # the profile stays
    page = _text(_client(app, ADMIN).get("/office/users?lang=en"))
    assert "office ended on 20 May 2024" in page


def test_a_link_made_before_the_release_stops_working(app, xxx):
    from webapp.auth.operations import issue_feed_token

    token = issue_feed_token(xxx, _user(xxx, BOARD))
    client = app.test_client()
    assert client.get(f"/sessions/execution/{token}.ics").status_code == 200
    _release_kasymbek(app, xxx)
    assert client.get(f"/sessions/execution/{token}.ics").status_code == 404


def test_an_account_linked_to_nobody_keeps_its_role(app, xxx):
    _release_kasymbek(app, xxx)
    assert _client(app, "audit@demo.magflow").get("/dues/debtors").status_code == 200
    assert _client(app, "board1@demo.magflow").get("/dues/debtors").status_code == 200


def test_an_invitation_for_a_person_links_the_new_account(app, seeded):
    selivanov = seeded.exec(select(Person).where(Person.slug == "selivanov")).one()
    admin = _client(app, ADMIN)
    page = _text(admin.post("/office/users/invite", data={
        "email": "selivanov@mag.example", "role": "secretariat", "person": str(selivanov.id)}))
    path = page.split('id="invitation-link">')[1].split("<")[0].replace("http://localhost", "")
    invited = app.test_client()
    invited.post(path, data={"display_name": "Селиванов В.И.", "password": NEW, "confirm": NEW})
    user = _user(seeded, "selivanov@mag.example")
    assert (user.role, user.person_id) == (Role.secretariat, selivanov.id)
    assert invited.get("/sessions").status_code == 200  # the Executive VP sits in the Secretariat


@pytest.mark.parametrize(("email", "saved"), [("Ivanov@Tver.example", "ivanov@tver.example"),
                                             ("not-an-address", None)])
def test_a_person_is_added_with_an_email_address(app, seeded, email, saved):
    response = _client(app, SECRETARIAT).post("/officers/people/new", data={
        "surname_ru": "Иванов", "surname_en": "Ivanov", "city": 0, "email": email})
    assert (response.status_code == 302) == (saved is not None)  # a refused form re-renders
    added = seeded.exec(select(Person).where(Person.surname_en == "Ivanov")).first()
    assert (added.email if added else None) == saved


@pytest.mark.parametrize(("locale", "first"), [("en", "in English"), (None, "in Russian")])
def test_a_ledgers_letters_offer_the_preferred_language_first(app, seeded, locale, first):
    user = _user(seeded, SECRETARIAT)
    user.locale = locale
    seeded.add(user)
    seeded.commit()
    # No ?lang=: choosing a language on the site also saves it as the preferred one.
    page = _text(_client(app, SECRETARIAT).get("/dues/accounts/1",
                                               headers={"Accept-Language": "en"}))
    letters = page.split('class="letters"')[1]
    other = "in Russian" if first == "in English" else "in English"
    assert letters.index(first) < letters.index(other)


@pytest.mark.parametrize("data", [{"display_name": " ", "locale": "en"},
                                  {"display_name": "Someone", "locale": "de"},
                                  {"display_name": "x" * 201, "locale": "en"}])
def test_a_bad_profile_form_is_refused_and_changes_nothing(app, seeded, data):
    client = _client(app, BOARD)
    response = client.post("/account", data=data)
    assert response.status_code == 400
    user = _user(seeded, BOARD)
    assert (user.display_name, user.locale) == ("Касымбек Ж.М.", None)
    assert seeded.exec(select(AccountChange)).all() == []


@pytest.mark.parametrize("hours", [0, -1, 1000, "2"])
def test_the_reset_links_lifetime_must_be_a_sensible_number_of_hours(tmp_path, hours):
    from webapp import create_app
    from webapp.config import ConfigurationError, from_environment

    with pytest.raises(ConfigurationError, match="MAGFLOW_PASSWORD_RESET_HOURS"):
        create_app({"PASSWORD_RESET_HOURS": hours, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert from_environment({"MAGFLOW_PASSWORD_RESET_HOURS": "0.5"}) == {
        "PASSWORD_RESET_HOURS": 0.5}
