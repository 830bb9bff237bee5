"""Delivering the outbox: each message in its recipient's language, retried on failure.

Workflow modules register their letters once, by message id::

    register_message("admission.submitted",
                     subject=_l("Application of %(city)s"),
                     body=_l("The application of %(city)s has been submitted."))

The engine writes ``OutboxMessage`` rows (template id + parameters) in the
transition's transaction. ``deliver(session, transport=..., render=...)``
sends the due ones: ``render`` turns a row into a ``Letter`` in the row's
locale (the web layer supplies it, see ``webapp/workflows/letters.py``),
``transport`` is SMTP (``MAGFLOW_SMTP_URL``) or ``.eml`` files; a letter's
``attachments`` (a PDF) travel as parts of a multipart/mixed message. A failure
adds an attempt, keeps the error and waits longer each time; after
``MAX_ATTEMPTS`` the row stays unsent for a person to look at. Nothing is
ever deleted.
"""

import re
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, col, or_, select

from models import utcnow
from models.workflow import OutboxMessage

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)


@dataclass(frozen=True)
class Template:
    subject: Any
    body: Any


# Message id -> its subject and body, lazily translated, with %(param)s placeholders.
MESSAGES: dict[str, Template] = {}


def register_message(template_id: str, *, subject: Any, body: Any) -> None:
    """Make a message id known to the sender."""
    MESSAGES[template_id] = Template(subject, body)


# A letter any workflow may send about a change of state: params workflow, title, state.
CHANGED = {
    "subject": _l("%(workflow)s: %(title)s"),
    "body": _l("%(title)s is now in the state: %(state)s.\n\n%(url)s"),
}
register_message("workflow.changed", **CHANGED)

# The shortest such letter: params workflow and to (the new state).
MOVED = {
    "subject": _l("%(workflow)s: a change"),
    "body": _l("The item is now in the state: %(to)s."),
}
register_message("workflow.moved", **MOVED)


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message: a letter's PDF."""

    filename: str
    data: bytes
    content_type: str = "application/pdf"


@dataclass(frozen=True)
class Letter:
    """A rendered message, ready to send, with the files it carries."""

    to: str
    subject: str
    body: str
    language: str
    attachments: tuple[Attachment, ...] = ()


class Transport(Protocol):
    def send(self, letter: Letter, message_id: int) -> None: ...


def one_line(text: str) -> str:
    """The text as one header line: line breaks and control characters become spaces.

    A name saved with a line break before names were checked would otherwise make
    every message naming it fail (a header may not hold a line break).
    """
    return _CONTROL.sub(" ", text).strip()


_CONTROL = re.compile(r" *[\x00-\x1f\x7f-\x9f\u2028\u2029]+ *")


def email_message(letter: Letter, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = letter.to
    message["Subject"] = one_line(letter.subject)
    message["Date"] = formatdate(localtime=False)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(letter.body)
    for attachment in letter.attachments:  # the message becomes multipart/mixed
        maintype, _slash, subtype = attachment.content_type.partition("/")
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                               filename=attachment.filename)
    message["Content-Language"] = letter.language  # after set_content, which drops Content-*
    return message


class SMTPTransport:
    """Sends by SMTP: ``smtp://user:password@host:port`` (STARTTLS on port 587)."""

    def __init__(self, url: str, *, sender: str, timeout: float = 10) -> None:
        parts = urlsplit(url)
        if parts.scheme != "smtp" or not parts.hostname:
            raise ValueError(f"not an smtp:// URL: {url!r}")
        self.host, self.port = parts.hostname, parts.port or 25
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.sender, self.timeout = sender, timeout

    def send(self, letter: Letter, message_id: int) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.port == 587:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(email_message(letter, self.sender))


class FileTransport:
    """Writes each message as ``<id>.eml`` in a folder (development)."""

    def __init__(self, folder: str | Path, *, sender: str) -> None:
        self.folder, self.sender = Path(folder), sender

    def send(self, letter: Letter, message_id: int) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{message_id:08d}.eml"
        path.write_bytes(bytes(email_message(letter, self.sender)))


def transport_for(smtp_url: str | None, outbox_dir: str, *, sender: str) -> Transport:
    """SMTP when a URL is configured, otherwise files."""
    if smtp_url:
        return SMTPTransport(smtp_url, sender=sender)
    return FileTransport(outbox_dir, sender=sender)


def backoff(attempts: int) -> timedelta:
    """How long to wait after the n-th failed attempt: 1, 2, 4 ... minutes, at most 6 hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def due_ids(session: Session, *, now: datetime, limit: int) -> list[int]:
    """Unsent messages whose next attempt is due, oldest first."""
    return [
        message_id for message_id in session.exec(
            select(col(OutboxMessage.id))
            .where(col(OutboxMessage.sent_at).is_(None))
            .where(OutboxMessage.attempts < MAX_ATTEMPTS)
            .where(or_(col(OutboxMessage.next_attempt_at).is_(None),
                       col(OutboxMessage.next_attempt_at) <= now))
            .order_by(col(OutboxMessage.id))
            .limit(limit)
        ).all()
        if message_id is not None
    ]


@dataclass
class Report:
    sent: int = 0
    failed: int = 0
    skipped: int = 0


def _claim(session: Session, message_id: int, now: datetime) -> OutboxMessage | None:
    """Lock one due message (other senders skip it), or None if it is taken or done."""
    return session.exec(
        select(OutboxMessage)
        .where(OutboxMessage.id == message_id, col(OutboxMessage.sent_at).is_(None))
        .where(or_(col(OutboxMessage.next_attempt_at).is_(None),
                   col(OutboxMessage.next_attempt_at) <= now))
        .with_for_update(skip_locked=True)
    ).first()


def deliver(
    session: Session,
    *,
    transport: Transport,
    render: Callable[[OutboxMessage], Letter],
    limit: int = 100,
    now: Callable[[], datetime] = utcnow,
) -> Report:
    """Send the due messages; each is committed alone, so a crash loses nothing."""
    report = Report()
    for message_id in due_ids(session, now=now(), limit=limit):
        message = _claim(session, message_id, now())
        if message is None:
            session.rollback()
            report.skipped += 1
            continue
        try:
            transport.send(render(message), message_id)
        except Exception as error:  # noqa: BLE001 - any failure is retried later
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:500]
            message.next_attempt_at = now() + backoff(message.attempts)
            report.failed += 1
        else:
            message.sent_at = now()
            message.last_error = None
            report.sent += 1
        session.add(message)
        session.commit()
    return report
