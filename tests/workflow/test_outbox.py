"""Delivering the outbox through a real local SMTP server (aiosmtpd), and to files."""

import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from models import City, Role, utcnow
from models.workflow import OutboxMessage
from tests.workflow.example import TICKETS
from webapp.cli import main
from webapp.workflows.letters import render, send_outbox
from workflow import engine, outbox


class Recorder:
    """An SMTP handler that keeps what it receives, or refuses every message."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refuse:
            return "554 Transaction failed: mailbox unavailable"
        self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """Start a local SMTP server: ``smtp_server(refuse=False)`` returns (url, handler)."""
    started = []

    def start(refuse=False):
        handler = Recorder(refuse)
        port = _free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return f"smtp://127.0.0.1:{port}", handler

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def queued(db, tickets, make_user):
    """Submit a ticket as an applicant writing in ``locale``: one outbox row."""

    def make(locale):
        city = City(slug=f"c-{locale}", name_ru="Брест", name_en="Brest")
        db.add(city)
        db.commit()
        actor = make_user(Role.applicant, city=city, locale=locale)
        engine.fire(db, TICKETS, tickets(city_id=city.id), "submit", actor=actor)
        return actor

    return make


def _parsed(raw: bytes):
    return message_from_bytes(raw, policy=policy.default)


@pytest.mark.parametrize(("locale", "subject", "body"), [
    ("ru", "Example tickets: изменение", "Теперь состояние: Submitted."),
    ("en", "Example tickets: a change", "The item is now in the state: Submitted."),
])
def test_message_reaches_the_smtp_server_in_the_recipients_language(
    app, db, queued, smtp_server, locale, subject, body
):
    url, handler = smtp_server()
    actor = queued(locale)
    app.config["SMTP_URL"] = url
    report = send_outbox(app, db, limit=10)
    assert (report.sent, report.failed) == (1, 0)
    [(recipients, raw)] = handler.received
    letter = _parsed(raw)
    assert recipients == [actor.email] and letter["To"] == actor.email
    assert letter["Subject"] == subject
    assert body in letter.get_content()
    assert letter["Content-Language"] == locale
    row = db.exec(select(OutboxMessage)).one()
    db.refresh(row)
    assert row.sent_at is not None and row.attempts == 0


def test_a_refusing_server_counts_an_attempt_and_loses_nothing(app, db, queued, smtp_server):
    url, handler = smtp_server(refuse=True)
    queued("en")
    app.config["SMTP_URL"] = url
    report = send_outbox(app, db)
    assert (report.sent, report.failed) == (0, 1)
    row = db.exec(select(OutboxMessage)).one()
    db.refresh(row)
    assert row.sent_at is None and row.attempts == 1
    assert "554" in row.last_error
    assert row.next_attempt_at > utcnow() + timedelta(seconds=30)
    # Not due yet: a second run right away does not hammer the server.
    assert send_outbox(app, db).failed == 0
    # Due again, and the server is back: delivered once.
    good_url, good = smtp_server()
    app.config["SMTP_URL"] = good_url
    row.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.add(row)
    db.commit()
    assert send_outbox(app, db).sent == 1
    assert len(good.received) == 1


def test_an_unreachable_server_is_an_attempt_too(app, db, queued):
    queued("ru")
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{_free_port()}"
    assert send_outbox(app, db).failed == 1
    row = db.exec(select(OutboxMessage)).one()
    db.refresh(row)
    assert row.attempts == 1 and "Connection" in row.last_error


def test_without_smtp_messages_are_written_as_eml_files(app, db, queued, tmp_path):
    queued("en")
    app.config["SMTP_URL"] = None
    app.config["OUTBOX_DIR"] = str(tmp_path / "outbox")
    assert send_outbox(app, db).sent == 1
    [path] = (tmp_path / "outbox").glob("*.eml")
    assert _parsed(path.read_bytes())["Subject"] == "Example tickets: a change"


def test_unknown_template_fails_with_a_clear_error(app, db, make_user, tmp_path):
    user = make_user(Role.secretariat)
    db.add(OutboxMessage(recipient_id=user.id, email=user.email, locale="en",
                         template="no.such.letter", params={}))
    db.commit()
    app.config["OUTBOX_DIR"] = str(tmp_path)
    assert send_outbox(app, db).failed == 1
    row = db.exec(select(OutboxMessage)).one()
    db.refresh(row)
    assert "no.such.letter" in row.last_error


def test_a_message_gives_up_after_max_attempts(app, db, make_user, tmp_path):
    user = make_user(Role.secretariat)
    db.add(OutboxMessage(recipient_id=user.id, email=user.email, locale="en",
                         template="no.such.letter", params={},
                         attempts=outbox.MAX_ATTEMPTS - 1))
    db.commit()
    app.config["OUTBOX_DIR"] = str(tmp_path)
    send_outbox(app, db)
    assert outbox.due_ids(db, now=utcnow() + timedelta(days=30), limit=10) == []


@pytest.mark.parametrize(("attempts", "minutes"), [(1, 1), (2, 2), (4, 8), (20, 360)])
def test_backoff_grows_and_is_capped(attempts, minutes):
    assert outbox.backoff(attempts) == timedelta(minutes=minutes)


def test_smtp_url_is_parsed():
    transport = outbox.SMTPTransport("smtp://user%40x:p%3Ass@mail.example:587", sender="a@b")
    assert (transport.host, transport.port, transport.user, transport.password) == (
        "mail.example", 587, "user@x", "p:ss")
    with pytest.raises(ValueError):
        outbox.SMTPTransport("http://mail.example", sender="a@b")


def test_cli_sends_the_outbox(app, db, queued, tmp_path):
    queued("en")
    app.config["OUTBOX_DIR"] = str(tmp_path / "out")
    result = app.test_cli_runner().invoke(main, ["outbox", "send", "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "Sent 1" in result.output


def test_cli_refuses_a_bad_limit(app):
    result = app.test_cli_runner().invoke(main, ["outbox", "send", "--limit", "zero"])
    assert result.exit_code == 2


@pytest.mark.parametrize(("locale", "expected"), [("ru", "Брест"), ("en", "Brest")])
def test_params_in_two_languages_give_the_recipients(app, db, make_user, locale, expected):
    outbox.register_message("test.city", subject="%(city)s", body="%(city)s")
    user = make_user(Role.secretariat, locale=locale)
    message = OutboxMessage(recipient_id=user.id, email=user.email, locale=locale,
                            template="test.city", params={"city_ru": "Брест", "city_en": "Brest"})
    with app.app_context():
        assert render(message).subject == expected


def _eml(folder) -> list:
    return [_parsed(path.read_bytes()) for path in sorted(folder.glob("*.eml"))]


def test_a_message_links_to_the_page_of_its_subject_on_the_configured_site(
    app, db, queued, tmp_path
):
    queued("en")
    app.config.update(BASE_URL="https://mag.example", OUTBOX_DIR=str(tmp_path / "out"))
    assert send_outbox(app, db).sent == 1
    [letter] = _eml(tmp_path / "out")
    row = db.exec(select(OutboxMessage)).one()
    assert f"Open it in magflow: https://mag.example/example/tickets/{row.subject_id}" in (
        letter.get_content())


def test_without_a_configured_site_a_message_carries_no_link(app, db, queued, tmp_path):
    queued("ru")
    app.config.update(BASE_URL=None, OUTBOX_DIR=str(tmp_path / "out"))
    assert send_outbox(app, db).sent == 1
    [letter] = _eml(tmp_path / "out")
    assert "http" not in letter.get_content() and "magflow:" not in letter.get_content()


def test_a_name_saved_with_a_line_break_still_sends_on_one_subject_line(
    app, db, make_user, tmp_path
):
    outbox.register_message("test.city", subject="Application of %(city)s", body="%(city)s")
    user = make_user(Role.secretariat, locale="ru")
    db.add(OutboxMessage(recipient_id=user.id, email=user.email, locale="ru",
                         template="test.city", params={"city_ru": "Пинск\r\nBcc: x@evil.example",
                                                       "city_en": "Pinsk"}))
    db.commit()
    app.config["OUTBOX_DIR"] = str(tmp_path / "out")
    assert send_outbox(app, db).sent == 1
    [letter] = _eml(tmp_path / "out")
    assert letter["Subject"] == "Application of Пинск Bcc: x@evil.example"
    assert letter["Bcc"] is None
