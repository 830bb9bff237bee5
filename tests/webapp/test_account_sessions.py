"""Sessions end on the server: logout, password changes, role changes and deactivation."""

from sqlmodel import select

from models import User
from seeding.loader import demo_password


def _logged_in(app, email):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": demo_password()})
    assert response.status_code == 302
    return client


def _copy(app, client):
    """A second browser holding the same session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_cookie_copied_before_logout_is_refused_after_it(app, seeded):
    client = _logged_in(app, "secretariat@demo.magflow")
    copy = _copy(app, client)
    assert copy.get("/sessions").status_code == 200
    client.post("/logout")
    response = copy.get("/sessions")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_session_keeps_the_accounts_stamp(app, seeded):
    client = _logged_in(app, "secretariat@demo.magflow")
    user = seeded.exec(select(User).where(User.email == "secretariat@demo.magflow")).one()
    with client.session_transaction() as session:
        assert session["_user_id"] == f"{user.id}.{user.session_stamp}"
        session["_user_id"] = str(user.id)  # a session id of the old form, without a stamp
    assert client.get("/sessions").status_code == 302


def test_login_notes_the_time(app, seeded):
    _logged_in(app, "board1@demo.magflow")
    user = seeded.exec(select(User).where(User.email == "board1@demo.magflow")).one()
    assert user.last_login_at is not None
