"""Sending the ladder's letters to the city's own users through the outbox.

A reminder or warning is kept as a document (``workflow/letters.py``); the
city's representatives also receive it by e-mail, as plain text in their own
language with the letter's PDF attached, through the outbox that delivers
every other notice (retries and all). The rows are written in the transaction
that wrote the letters, set-wise as the sweep writes them.
"""

from html.parser import HTMLParser
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert
from sqlmodel import Session, col, select

from models import Role, User, utcnow
from models.dues import Account
from models.workflow import OutboxMessage
from workflow.outbox import register_message

TEMPLATE = "dues.letter"
register_message(TEMPLATE, subject=_l("%(title)s: %(city)s"), body=_l("%(letter)s"))

# Roles that speak for their city and so receive its letters.
RECIPIENT_ROLES = (Role.member, Role.applicant)
BLOCKS = {"p", "h1", "h2", "tr", "table", "thead", "tbody", "div", "br"}


class _Text(HTMLParser):
    """The letter's text: a line per paragraph or table row, cells joined by " — "."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[list[str]] = [[]]
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "h1"
        if tag in BLOCKS and self.lines[-1]:
            self.lines.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_title = False
        if tag in BLOCKS and self.lines[-1]:
            self.lines.append([])

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if not text:
            return
        if self._in_title:
            self.title += text
        self.lines[-1].append(text)

    def text(self) -> str:
        return "\n\n".join(" — ".join(cells) for cells in self.lines if cells)


def plain_text(html: str) -> tuple[str, str]:
    """The title and the plain text of a letter rendered as HTML."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.title, parser.text()


def recipients(session: Session, city_ids: set[int]) -> dict[int, list[User]]:
    """The active users who speak for each city."""
    found: dict[int, list[User]] = {}
    for user in session.exec(
        select(User).where(col(User.city_id).in_(city_ids), col(User.active).is_(True),
                           col(User.role).in_(RECIPIENT_ROLES)).order_by(col(User.id))
    ):
        found.setdefault(user.city_id, []).append(user)  # type: ignore[arg-type]
    return found


def mail_letters(session: Session, letters: list[dict[str, Any]]) -> int:
    """Queue each letter (a dict with id, account_id, body_ru, body_en, facts) for its
    city's users, without committing; returns the number of messages queued. The
    message names the letter, and is sent with its PDF in the recipient's language."""
    if not letters:
        return 0
    cities = dict(session.exec(
        select(Account.id, Account.city_id)
        .where(col(Account.id).in_({row["account_id"] for row in letters}))
    ).all())
    people = recipients(session, set(cities.values()))
    now, rows = utcnow(), []
    for letter in letters:
        (title_ru, text_ru), (title_en, text_en) = (plain_text(letter["body_ru"]),
                                                    plain_text(letter["body_en"]))
        params = {"title_ru": title_ru, "title_en": title_en,
                  "city_ru": letter["facts"]["city_ru"], "city_en": letter["facts"]["city_en"],
                  "letter_ru": text_ru, "letter_en": text_en}
        if letter.get("id") is not None:
            params["letter_id"] = letter["id"]  # the sender attaches its PDF
        for user in people.get(cities[letter["account_id"]], []):
            rows.append({"recipient_id": user.id, "email": user.email,
                         "locale": user.locale or "ru", "template": TEMPLATE, "params": params,
                         "workflow": "arrears", "subject_id": letter["account_id"],
                         "created_at": now, "attempts": 0})
    if rows:
        session.execute(insert(OutboxMessage), rows)
    return len(rows)
