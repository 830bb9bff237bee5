"""Officers' accounts follow the decisions: an election invites, a release ends office rights.

An account linked to a person of the officers' directory has the rights of
its office role (Board, Audit Commission, President, Secretariat) only while
that person holds a position of the role's body: released by a session on
25 May, the account opens no office page from 25 May on, as its Board votes
stop counting that day. An account linked to nobody keeps the rights of its
role, as the administrator set it up.

When a session's decision elects a person who has no account, the election
queues an invitation to one, with the office's role, in the election's own
transaction; a person without an e-mail address is listed on the user
administration page as "elected, no account" instead.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_
from sqlmodel import Session, col, select

from models import Appointment, Body, Invitation, OutboxMessage, Person, Position, Role, User
from models.base import utcnow
from models.officers import SEATED_STATES
from models.users import OFFICE_ROLES
from workflow.outbox import register_message

# The body whose positions carry each office role (None: any body's).
ROLE_BODIES: dict[Role, str | None] = {
    Role.board: "board",
    Role.president: "board",
    Role.audit: "audit",
    Role.secretariat: "secretariat",
    Role.admin: None,
}
# The role an elected person's account gets, by position then by body.
POSITION_ROLES = {"president": Role.president}
BODY_ROLES = {"board": Role.board, "audit": Role.audit, "secretariat": Role.secretariat}
DEFAULT_INVITATION_DAYS = 14
INVITATION_TEMPLATE = "accounts.officer_invitation"

register_message(
    INVITATION_TEMPLATE,
    subject=_l("Your account in the MAG office"),
    body=_l("Hello, %(name)s.\n\nThe session's decision %(decision)s elected you: "
            "%(position)s. Create your account in the MAG office with this link "
            "(valid until %(expires)s):\n\n%(url)s\n\n"
            "If you did not expect this message, ignore it."),
)


@dataclass(frozen=True)
class Lapse:
    """Why an account's office rights do not hold: the day its last term ended (None: none)."""

    ended_on: date | None


def _terms(person_id: int, body_slug: str | None) -> Any:
    query = (
        select(Appointment)
        .join(Position, col(Position.id) == Appointment.position_id)
        .join(Body, col(Body.id) == Position.body_id)
        .where(Appointment.person_id == person_id,
               col(Appointment.state).in_([*SEATED_STATES, "released"]))
    )
    return query if body_slug is None else query.where(Body.slug == body_slug)


def office_lapse(session: Session, user: User, day: date) -> Lapse | None:
    """None while the account's office rights hold on ``day``; else the Lapse saying since when."""
    if user.role not in OFFICE_ROLES or user.person_id is None:
        return None
    terms = session.exec(_terms(user.person_id, ROLE_BODIES.get(user.role))).all()
    if any(term.in_office_on(day) for term in terms):
        return None
    ended = [t.ended_on for t in terms if t.ended_on is not None and t.ended_on <= day]
    return Lapse(max(ended) if ended else None)


def role_for(session: Session, position: Position) -> Role | None:
    """The office role an account of this position's holder gets (None: the body has none)."""
    if position.slug in POSITION_ROLES:
        return POSITION_ROLES[position.slug]
    body = session.get(Body, position.body_id)
    return BODY_ROLES.get(body.slug) if body is not None else None


def has_account(session: Session, person_id: int) -> bool:
    return session.exec(select(User.id).where(User.person_id == person_id)).first() is not None


def open_invitation(session: Session, person_id: int) -> Invitation | None:
    """An unused, unexpired invitation already made for this person."""
    return session.exec(
        select(Invitation).where(Invitation.person_id == person_id,
                                 col(Invitation.used_at).is_(None),
                                 Invitation.expires_at > utcnow())
    ).first()


def _absolute(path: str) -> str:
    """The link with the site's address when a request is served (the outbox sends it later)."""
    from flask import has_request_context, request

    return request.url_root.rstrip("/") + path if has_request_context() else path


def _invitation_days() -> int:
    from flask import current_app, has_app_context

    if has_app_context():
        return int(current_app.config.get("INVITATION_DAYS", DEFAULT_INVITATION_DAYS))
    return DEFAULT_INVITATION_DAYS


def invite_elected(ctx: Any) -> None:
    """Effect of an election: invite the elected person to an account, in the same transaction.

    Nothing happens when the person already has an account or an open invitation,
    has no e-mail address (the administration page lists them), or the position's
    body carries no office role.
    """
    session, appointment = ctx.session, ctx.subject
    person = session.get(Person, appointment.person_id)
    position = session.get(Position, appointment.position_id)
    if person is None or position is None or not person.email:
        return
    role = role_for(session, position)
    if role is None or has_account(session, person.id) or open_invitation(session, person.id):
        return
    invitation, token = _new_invitation(session, person=person, role=role,
                                        issued_by=ctx.actor, days=_invitation_days())
    session.add(OutboxMessage(
        email=person.email, locale="ru", template=INVITATION_TEMPLATE,
        params={"name_ru": _short_ru(person),
                "name_en": _short_en(person), "decision": ctx.decision or "",
                "position_ru": position.title_ru, "position_en": position.title_en,
                "expires": invitation.expires_at.date().isoformat(),
                "url": _absolute(f"/invitation/{token}")},
        workflow=None, subject_id=appointment.id,
    ))


def _short_ru(person: Person) -> str:
    initials = person.initials_ru or "".join(
        f"{part[0]}." for part in (person.given_ru, person.patronymic_ru) if part)
    return f"{person.surname_ru} {initials}".strip()


def _short_en(person: Person) -> str:
    initials = person.initials_en or "".join(
        f"{part[0]}." for part in (person.given_en, person.patronymic_en) if part)
    return f"{initials} {person.surname_en}".strip()


def _new_invitation(
    session: Session, *, person: Person, role: Role, issued_by: User | None, days: int
) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        email=(person.email or "").strip().lower(), role=role, person_id=person.id,
        created_by_id=issued_by.id if issued_by is not None else None,
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(invitation)
    session.flush()
    return invitation, token


@dataclass(frozen=True)
class Elected:
    """A person in office (or elected) with no account and no address to invite."""

    person: Person
    position: Position
    appointment: Appointment


def elected_without_account(session: Session, day: date) -> list[Elected]:
    """Holders of office-role positions on ``day`` who have no account and no open invitation."""
    rows = session.exec(
        select(Appointment, Person, Position)
        .join(Person, col(Person.id) == Appointment.person_id)
        .join(Position, col(Position.id) == Appointment.position_id)
        .where(col(Appointment.state).in_(SEATED_STATES),
               or_(col(Appointment.ended_on).is_(None), col(Appointment.ended_on) > day))
        .where(~col(Person.id).in_(
            select(User.person_id).where(col(User.person_id).is_not(None))))
        .order_by(col(Position.rank), col(Person.surname_ru))
    ).all()
    return [Elected(person=p, position=pos, appointment=a) for a, p, pos in rows
            if role_for(session, pos) is not None and p.id is not None
            and open_invitation(session, p.id) is None]
