"""The administrator's changes to accounts; each one transaction with its entry in the log.

A change of role and a deactivation end the account's sessions. The last
active administrator can neither lose the role nor be deactivated: someone
must be able to administer the accounts.
"""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import AccountChange, City, Invitation, Person, Role, User, utcnow
from models.users import OFFICE_ROLES
from webapp.accounts.operations import end_sessions, log_change
from webapp.auth.operations import AccountError, _token_hash
from workflow.officer_accounts import Lapse, office_lapse


@dataclass(frozen=True)
class Row:
    """One account as the list shows it."""

    user: User
    city: City | None
    person: Person | None
    lapse: Lapse | None


def accounts(session: Session, day: date) -> list[Row]:
    """Every account, office roles first, then by name; with city, person and office lapse."""
    rows = session.exec(
        select(User, City, Person)
        .outerjoin(City, col(City.id) == User.city_id)
        .outerjoin(Person, col(Person.id) == User.person_id)
        .order_by(col(User.role), col(User.display_name), col(User.id))
    ).all()
    found = [Row(u, c, p, office_lapse(session, u, day)) for u, c, p in rows]
    return sorted(found, key=lambda r: r.user.role not in OFFICE_ROLES)


def history(session: Session, user: User) -> list[tuple[AccountChange, User | None]]:
    """The account's log, newest first, with who made each change."""
    rows = session.exec(
        select(AccountChange, User)
        .outerjoin(User, col(User.id) == AccountChange.actor_id)
        .where(AccountChange.user_id == user.id)
        .order_by(col(AccountChange.at).desc(), col(AccountChange.id).desc())
    ).all()
    return [(change, actor) for change, actor in rows]


def _other_active_admins(session: Session, user: User) -> int:
    return session.exec(select(func.count()).select_from(User).where(
        User.role == Role.admin, col(User.active).is_(True), User.id != user.id)).one()


def _keep_an_admin(session: Session, user: User) -> None:
    if user.role == Role.admin and user.active and _other_active_admins(session, user) == 0:
        raise AccountError("last_admin")


def change_role(session: Session, user: User, *, role: Role, actor: User) -> None:
    """A new role for an office account; its sessions end."""
    if role not in OFFICE_ROLES or user.role not in OFFICE_ROLES:
        raise AccountError("role_not_office")
    if role == user.role:
        return
    if role != Role.admin:
        _keep_an_admin(session, user)
    log_change(session, user=user, actor=actor, what="role",
               before={"role": user.role.value}, after={"role": role.value})
    user.role = role
    end_sessions(session, user)
    session.commit()


def set_active(session: Session, user: User, *, active: bool, actor: User) -> None:
    """Deactivate (its sessions end, it cannot log in; its history stays) or reactivate."""
    if active == user.active:
        return
    if not active:
        _keep_an_admin(session, user)
    log_change(session, user=user, actor=actor, what="active",
               before={"active": user.active}, after={"active": active})
    user.active = active
    end_sessions(session, user)
    session.commit()


def link_person(session: Session, user: User, *, person: Person | None, actor: User) -> None:
    """Link the account to a person of the officers' directory (None: to nobody)."""
    person_id = person.id if person is not None else None
    if person_id == user.person_id:
        return
    if person_id is not None and session.exec(select(User.id).where(
            User.person_id == person_id, User.id != user.id)).first():
        raise AccountError("person_taken")
    log_change(session, user=user, actor=actor, what="person",
               before={"person": user.person_id}, after={"person": person_id})
    user.person_id = person_id
    session.add(user)
    session.commit()


def invite_office_user(
    session: Session, *, email: str, role: Role, person: Person | None, issued_by: User, days: int
) -> tuple[Invitation, str]:
    """An invitation link to an office account; returns it and its secret token."""
    email = email.strip().lower()
    if role not in OFFICE_ROLES:
        raise AccountError("role_not_office")
    if session.exec(select(User.id).where(func.lower(User.email) == email)).first():
        raise AccountError("email_taken")
    if person is not None and session.exec(select(User.id).where(
            User.person_id == person.id)).first():
        raise AccountError("person_taken")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(token_hash=_token_hash(token), email=email, role=role,
                            person_id=person.id if person else None,
                            created_by_id=issued_by.id, expires_at=utcnow() + timedelta(days=days))
    session.add(invitation)
    session.commit()
    return invitation, token


def open_office_invitations(session: Session) -> list[tuple[Invitation, Person | None]]:
    """Office invitations not used yet, newest first."""
    rows = session.exec(
        select(Invitation, Person)
        .outerjoin(Person, col(Person.id) == Invitation.person_id)
        .where(col(Invitation.city_id).is_(None), col(Invitation.used_at).is_(None))
        .order_by(col(Invitation.created_at).desc())
        .limit(50)
    ).all()
    return [(invitation, person) for invitation, person in rows]


def describe(change: AccountChange, people: dict[int, Any]) -> dict[str, Any]:
    """A log entry's before and after, with people named (for the template)."""
    def value(side: dict[str, Any]) -> Any:
        if change.what == "person":
            person_id = side.get("person")
            return people.get(person_id) if person_id is not None else None
        return next(iter(side.values()), None) if side else None

    return {"before": value(change.before), "after": value(change.after)}
