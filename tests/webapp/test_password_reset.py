"""Forgotten passwords: the same answer for every address, a single-use link by the outbox."""

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from models import AccountChange, OutboxMessage, PasswordReset, User, utcnow
from seeding.loader import demo_password
from webapp.accounts.operations import RESET_TEMPLATE

BOARD = "board2@demo.magflow"
NEW = "a-brand-new-password"


def _user(db, email):
    db.expire_all()
    return db.exec(select(User).where(User.email == email)).one()


def _messages(db):
    db.expire_all()
    return db.exec(select(OutboxMessage).where(OutboxMessage.template == RESET_TEMPLATE)
                   .order_by(OutboxMessage.id)).all()


def _ask(client, email=BOARD, lang="en"):
    response = client.post(f"/password/forgot?lang={lang}", data={"email": email})
    return response.status_code, response.get_data(as_text=True)


def _token(message):
    return re.search(r"/password/reset/([\w-]+)", message.params["url"]).group(1)


def test_login_page_links_to_the_forgotten_password_form(client, seeded):
    page = client.get("/login?lang=en").get_data(as_text=True)
    assert 'href="/password/forgot"' in page and "Forgot your password?" in page


def test_the_answer_is_the_same_for_an_unknown_address(client, seeded):
    known = _ask(client, BOARD)
    unknown = _ask(client, "nobody@nowhere.example")
    assert known[0] == unknown[0] == 200
    assert "If an account has this address" in known[1]
    strip = lambda page: page.replace(BOARD, "").replace("nobody@nowhere.example", "")  # noqa: E731
    assert strip(known[1]) == strip(unknown[1])
    assert len(_messages(seeded)) == 1  # only the account's


def test_the_message_speaks_the_users_language_and_only_a_hash_is_stored(client, seeded):
    user = _user(seeded, BOARD)
    user.locale = "en"
    seeded.add(user)
    seeded.commit()
    _ask(client, BOARD, lang="ru")
    [message] = _messages(seeded)
    assert message.locale == "en" and message.email == BOARD
    token = _token(message)
    [reset] = seeded.exec(select(PasswordReset)).all()
    assert token not in reset.token_hash and len(reset.token_hash) == 64
    from webapp.workflows.letters import render

    with client.application.app_context():
        letter = render(message)
    assert "Setting a new password" == letter.subject and message.params["url"] in letter.body


def test_the_link_sets_a_password_logs_in_and_ends_other_sessions(app, client, seeded):
    other = app.test_client()
    other.post("/login", data={"email": BOARD, "password": demo_password()})
    assert other.get("/sessions").status_code == 200
    _ask(client)
    token = _token(_messages(seeded)[0])
    assert client.get(f"/password/reset/{token}").status_code == 200
    done = client.post(f"/password/reset/{token}?lang=en", data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302
    assert client.get("/sessions").status_code == 200  # logged in
    assert other.get("/sessions").status_code == 302  # the other session has ended
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": BOARD, "password": NEW}).status_code == 302
    changes = seeded.exec(select(AccountChange).where(AccountChange.what == "password")).all()
    assert [c.after for c in changes] == [{"by": "reset"}]
    used = client.get(f"/password/reset/{token}?lang=en")
    assert used.status_code == 410 and "already been used" in used.get_data(as_text=True)


def test_asking_again_ends_the_earlier_link(client, seeded):
    _ask(client)
    _ask(client)
    first, second = (_token(m) for m in _messages(seeded))
    assert client.get(f"/password/reset/{first}").status_code == 410
    assert client.get(f"/password/reset/{second}").status_code == 200


@pytest.mark.parametrize("mangle", [
    lambda token: token[:-5],  # truncated
    lambda token: "A" * len(token),  # forged
    lambda token: "x" * 500,  # absurd
])
def test_a_forged_or_truncated_link_is_refused(client, seeded, mangle):
    _ask(client)
    token = _token(_messages(seeded)[0])
    response = client.get(f"/password/reset/{mangle(token)}?lang=en")
    assert response.status_code == 404
    assert "not valid" in response.get_data(as_text=True)
    before = _user(seeded, BOARD).password_hash
    assert client.post(f"/password/reset/{mangle(token)}",
                       data={"password": NEW, "confirm": NEW}).status_code == 404
    assert _user(seeded, BOARD).password_hash == before


def test_an_expired_link_is_refused(client, seeded):
    _ask(client)
    token = _token(_messages(seeded)[0])
    reset = seeded.exec(select(PasswordReset)).one()
    reset.expires_at = utcnow() - timedelta(minutes=1)
    seeded.add(reset)
    seeded.commit()
    response = client.post(f"/password/reset/{token}?lang=en",
                           data={"password": NEW, "confirm": NEW})
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)


@pytest.mark.parametrize(("password", "confirm", "said"), [
    ("short", "short", "at least 10 characters"),
    (NEW, NEW + "x", "The passwords differ."),
])
def test_a_weak_or_mismatched_password_is_refused_and_the_link_stays(client, seeded, password,
                                                                     confirm, said):
    _ask(client)
    token = _token(_messages(seeded)[0])
    before = _user(seeded, BOARD).password_hash
    response = client.post(f"/password/reset/{token}?lang=en",
                           data={"password": password, "confirm": confirm})
    assert response.status_code == 400 and said in response.get_data(as_text=True)
    assert _user(seeded, BOARD).password_hash == before
    assert client.get(f"/password/reset/{token}").status_code == 200


def test_requests_are_throttled_per_address(client, seeded):
    answers = [_ask(client)[0] for _ in range(5)]
    assert answers[:3] == [200, 200, 200] and answers[-1] == 429
    assert len(_messages(seeded)) == 3


def test_requests_are_throttled_per_client(client, seeded):
    answers = [_ask(client, f"someone{n}@nowhere.example")[0] for n in range(5)]
    assert answers[-1] == 429


def test_a_deactivated_account_gets_no_link(client, seeded):
    user = _user(seeded, BOARD)
    user.active = False
    seeded.add(user)
    seeded.commit()
    assert _ask(client)[0] == 200
    assert _messages(seeded) == []


def test_the_reset_form_needs_its_csrf_token(csrf_app, seeded):
    client = csrf_app.test_client()
    response = client.post("/password/forgot", data={"email": BOARD},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "The form has expired" in response.get_data(
        as_text=True)
    assert _messages(seeded) == []
