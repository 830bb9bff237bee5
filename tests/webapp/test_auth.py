"""Logging in and out, throttling, CSRF and invitations."""

import re
import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from models import City, FailedAttempt, Invitation, Role, User, utcnow
from tests.threads import run_together
from webapp.auth import operations, throttle

GENERIC = "Неверный адрес электронной почты или пароль."


def test_demo_account_logs_in_and_sees_its_role_home(client, seeded, auth):
    response = auth.login("secretariat@demo.magflow")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Ваша роль: Секретариат" in page


def test_wrong_password_and_unknown_email_get_the_same_message(client, seeded, auth):
    wrong = auth.login("secretariat@demo.magflow", "not-the-password").get_data(as_text=True)
    unknown = auth.login("nobody@demo.magflow", "not-the-password").get_data(as_text=True)
    assert GENERIC in wrong and GENERIC in unknown


def test_repeated_failures_are_slowed_down(client, seeded, auth, app):
    app.config["LOGIN_DELAY_SECONDS"] = 60
    for _ in range(app.config["LOGIN_FAILURES_BEFORE_DELAY"]):
        assert auth.login("board1@demo.magflow", "wrong-password").status_code == 200
    response = auth.login("board1@demo.magflow", "magflow-demo-2024")
    assert response.status_code == 429
    assert "Слишком много неудачных попыток" in response.get_data(as_text=True)
    assert "_user_id" not in (client.get_cookie("session") or "")


def _login_from(client, address: str, email: str, password: str):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_a_strangers_guesses_never_lock_the_owner_out(app, seeded):
    app.config["LOGIN_DELAY_SECONDS"] = 60
    stranger = app.test_client()
    for n in range(12):  # from four addresses, until each is refused
        _login_from(stranger, f"198.51.100.{n % 4}", "president@demo.magflow", "guess")
    assert _login_from(stranger, "198.51.100.1", "president@demo.magflow",
                       "magflow-demo-2024").status_code == 429
    owner = app.test_client()
    response = _login_from(owner, "203.0.113.9", "president@demo.magflow", "magflow-demo-2024")
    assert response.status_code == 302
    assert "Ваша роль: Президент" in owner.get("/").get_data(as_text=True)


def test_a_guessed_account_slows_down_clients_that_failed(app, seeded):
    app.config["LOGIN_DELAY_SECONDS"] = 60
    client = app.test_client()
    for n in range(4):
        _login_from(client, f"198.51.100.{n}", "president@demo.magflow", "guess")
    assert _login_from(client, "203.0.113.9", "audit@demo.magflow", "typo").status_code == 200
    # This client failed once: it waits for the guessed account, even with its password.
    assert _login_from(client, "203.0.113.9", "president@demo.magflow",
                       "magflow-demo-2024").status_code == 429


def test_one_client_guessing_many_accounts_is_slowed_down(app, seeded):
    app.config["LOGIN_DELAY_SECONDS"] = 60
    client = app.test_client()
    for email in ("board1@demo.magflow", "board2@demo.magflow", "nobody@demo.magflow"):
        assert _login_from(client, "198.51.100.5", email, "guess").status_code == 200
    response = _login_from(client, "198.51.100.5", "audit@demo.magflow", "magflow-demo-2024")
    assert response.status_code == 429
    assert "Слишком много неудачных попыток" in response.get_data(as_text=True)
    other = _login_from(app.test_client(), "198.51.100.6", "audit@demo.magflow",
                        "magflow-demo-2024")
    assert other.status_code == 302


@pytest.mark.parametrize(("address", "key"), [
    ("198.51.100.7", "198.51.100.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
    ("::ffff:198.51.100.7", "198.51.100.7"),
    ("not an address", "unknown"),
    (None, "unknown"),
])
def test_a_client_is_counted_by_its_address_or_its_ipv6_network(address, key):
    assert throttle.client_key(address) == key


def test_a_forgotten_failure_count_starts_again(seeded, db):
    rule = throttle.Throttle(free_failures=2, delay_seconds=60, lock_seconds=60,
                             forget_seconds=600)
    for _ in range(3):
        throttle.record_failure(db, scope="test", key="k", throttle=rule)
    assert throttle.seconds_to_wait(db, scope="test", key="k", throttle=rule) > 0
    record = db.get(FailedAttempt, ("test", "k"))
    record.last_at = utcnow() - timedelta(seconds=601)
    db.add(record)
    db.commit()
    assert throttle.seconds_to_wait(db, scope="test", key="k", throttle=rule) == 0
    throttle.record_failure(db, scope="test", key="k", throttle=rule)
    assert throttle.failures(db, scope="test", key="k", throttle=rule) == 1


def test_an_unknown_account_costs_a_password_check_as_a_real_one(seeded, db, monkeypatch):
    checked: list[str] = []
    real = operations.check_password_hash

    def counting(stored: str, password: str) -> bool:
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(operations, "check_password_hash", counting)
    rule = operations.LoginThrottle(free_failures=100)
    for email in ("audit@demo.magflow", "nobody@demo.magflow"):
        with pytest.raises(operations.AccountError, match="bad_credentials"):
            operations.authenticate(db, email=email, password="wrong", throttle=rule)
    assert len(checked) == 2
    # Both hashes of the same method and cost: the same time, whoever is asked about.
    assert checked[0].rsplit("$", 2)[0] == checked[1].rsplit("$", 2)[0]


def test_success_clears_the_failure_count(seeded, db):
    rule = operations.LoginThrottle(free_failures=3, delay_seconds=0, lock_seconds=0)
    for _ in range(2):
        try:
            operations.authenticate(db, email="audit@demo.magflow", password="x", throttle=rule)
        except operations.AccountError:
            pass
    operations.authenticate(
        db, email="audit@demo.magflow", password="magflow-demo-2024", throttle=rule
    )
    assert throttle.failures(db, scope=operations.ACCOUNT, key="audit@demo.magflow",
                             throttle=rule) == 0


def test_logout_needs_post_and_ends_the_session(client, seeded, auth):
    auth.login("admin@demo.magflow")
    assert client.get("/logout").status_code == 405
    assert auth.logout().status_code == 302
    assert "Ваша роль" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
     "/\tevil", "evil.example", "////evil.example/phish", "///evil.example", "/\\/evil.example",
     "https:evil.example", "https:/evil.example", "/%2F/evil.example", "/%5Cevil.example",
     "%2F%2Fevil.example", "/%252F%252Fevil.example", "/%09/evil.example", "/\n/evil.example"],
)
def test_login_redirect_ignores_foreign_next(client, seeded, target):
    response = client.post(
        "/login", query_string={"next": target},
        data={"email": "admin@demo.magflow", "password": "magflow-demo-2024"},
    )
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("query", ["next=////evil.example/phish", "next=%2F%2Fevil.example",
                                   "next=%2F%5Cevil.example", "next=/%2F%2Fevil.example"])
def test_login_never_redirects_off_site_from_the_raw_address(client, seeded, query):
    response = client.post(
        f"/login?{query}", data={"email": "admin@demo.magflow", "password": "magflow-demo-2024"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_login_redirect_keeps_a_local_next(client, seeded):
    response = client.post(
        "/login", query_string={"next": "/dues/debtors?year=2024"},
        data={"email": "admin@demo.magflow", "password": "magflow-demo-2024"},
    )
    assert response.headers["Location"] == "/dues/debtors?year=2024"


def test_parallel_first_failures_are_each_counted(seeded, engine):
    rule = operations.LoginThrottle(free_failures=100, delay_seconds=0, lock_seconds=0)
    start = threading.Barrier(4)

    def fail_once() -> None:
        with Session(engine) as session:
            start.wait(timeout=10)
            with pytest.raises(operations.AccountError, match="bad_credentials"):
                operations.authenticate(
                    session, email="audit@demo.magflow", password="wrong", throttle=rule
                )

    assert run_together(*[fail_once] * 4) == []
    with Session(engine) as session:
        assert session.get(FailedAttempt, (operations.ACCOUNT, "audit@demo.magflow")).count == 4


def test_missing_csrf_token_gets_a_translated_400_page(csrf_app, seeded):
    client = csrf_app.test_client()
    response = client.post(
        "/login", data={"email": "admin@demo.magflow", "password": "magflow-demo-2024"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Форма устарела" in page
    assert '<header class="site">' in page


def _invite(db, email="rep@brest.example"):
    secretariat = db.exec(select(User).where(User.role == Role.secretariat)).first()
    return operations.invite_city(
        db, name_ru="Гомель-2", name_en="Gomel Two", email=email, issued_by=secretariat, days=14
    )


def test_secretariat_issues_an_invitation_link(client, seeded, auth):
    auth.login("secretariat@demo.magflow")
    response = client.post(
        "/office/invitations",
        data={"name_ru": "Пинск", "name_en": "Pinsk", "email": "mayor@pinsk.example"},
    )
    page = response.get_data(as_text=True)
    assert "/invitation/" in page
    city = seeded.exec(select(City).where(City.slug == "pinsk")).one()
    assert city.status == "applicant"


def test_inviting_a_listed_applicant_invites_that_city_instead_of_listing_it_again(
    client, seeded, auth
):
    auth.login("secretariat@demo.magflow")
    before = len(seeded.exec(select(City)).all())
    response = client.post("/office/invitations", data={
        "name_ru": "аркадаг", "name_en": "ARKADAG", "email": "mayor@arkadag.example"})
    assert 'id="invitation-link"' in response.get_data(as_text=True)
    assert len(seeded.exec(select(City)).all()) == before
    invitation = seeded.exec(select(Invitation).where(
        Invitation.email == "mayor@arkadag.example")).one()
    assert seeded.get(City, invitation.city_id).slug == "arkadag"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"name_ru": "Москва", "name_en": "Moscow", "email": "mayor@moscow.example"}, "name_ru",
     "Москва is a member of the association or was excluded from it"),
    ({"name_ru": "Пинск", "name_en": "Pinsk", "email": "Moscow@demo.magflow"}, "email",
     "An account with this e-mail already exists."),
])
def test_an_invitation_that_could_never_be_used_is_refused_and_saves_nothing(
    client, seeded, auth, data, field, message
):
    auth.login("secretariat@demo.magflow")
    cities, invitations = (len(seeded.exec(select(model)).all()) for model in (City, Invitation))
    response = client.post("/office/invitations?lang=en", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="invitation-link"' not in page
    assert re.search(rf'id="{field}-errors" role="alert">\s*<p>{re.escape(message)}', page)
    seeded.expire_all()
    assert len(seeded.exec(select(City)).all()) == cities
    assert len(seeded.exec(select(Invitation)).all()) == invitations


def test_invitation_form_rejects_bad_email_and_saves_nothing(client, seeded, auth):
    auth.login("secretariat@demo.magflow")
    before = len(seeded.exec(select(Invitation)).all())
    response = client.post(
        "/office/invitations", data={"name_ru": "Пинск", "name_en": "Pinsk", "email": "not-mail"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert len(seeded.exec(select(Invitation)).all()) == before


def test_invited_representative_sets_a_password_and_is_bound_to_the_city(client, seeded):
    invitation, token = _invite(seeded)
    response = client.post(
        f"/invitation/{token}",
        data={"display_name": "Rep", "password": "long-enough-pw", "confirm": "long-enough-pw"},
    )
    assert response.status_code == 302
    user = seeded.exec(select(User).where(User.email == "rep@brest.example")).one()
    assert user.role == Role.applicant and user.city_id == invitation.city_id


def test_invitation_cannot_be_used_twice(client, seeded):
    _invitation, token = _invite(seeded)
    data = {"display_name": "Rep", "password": "long-enough-pw", "confirm": "long-enough-pw"}
    client.post(f"/invitation/{token}", data=data)
    second = client.application.test_client().get(f"/invitation/{token}")
    assert second.status_code == 410
    assert "уже использована" in second.get_data(as_text=True)


def test_expired_invitation_is_refused(client, seeded):
    invitation, token = _invite(seeded)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    seeded.add(invitation)
    seeded.commit()
    response = client.get(f"/invitation/{token}")
    assert response.status_code == 410
    assert "истёк" in response.get_data(as_text=True)


def test_unknown_invitation_token_is_404_in_the_layout(client, seeded):
    response = client.get("/invitation/not-a-token")
    assert response.status_code == 404
    assert "недействительна" in response.get_data(as_text=True)


def test_short_password_is_refused_and_invitation_stays_open(client, seeded):
    invitation, token = _invite(seeded)
    response = client.post(
        f"/invitation/{token}",
        data={"display_name": "Rep", "password": "short", "confirm": "short"},
    )
    assert response.status_code == 200
    seeded.refresh(invitation)
    assert invitation.used_at is None
