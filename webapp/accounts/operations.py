"""A user's own account: sessions, profile, password and forgotten passwords; each one transaction.

Every session keeps the account's id and its ``session_stamp`` (``User.get_id``);
a new stamp ends every session made before it. Logging out, changing or
resetting the password, a change of role and a deactivation draw a new one.
Every change is written to the append-only account log (``AccountChange``).
"""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlmodel import Session, col, select
from werkzeug.security import check_password_hash

from models import AccountChange, OutboxMessage, PasswordReset, User, utcnow
from models.users import new_session_stamp
from webapp.auth import throttle as throttling
from webapp.auth.operations import MIN_PASSWORD_LENGTH, AccountError, LoginThrottle, hash_password
from workflow.outbox import register_message

RESET_TEMPLATE = "accounts.password_reset"
TOKEN_LENGTH = 43  # secrets.token_urlsafe(32)

register_message(
    RESET_TEMPLATE,
    subject=_l("Setting a new password"),
    body=_l("Hello, %(name)s.\n\nSomeone, probably you, asked to set a new password for "
            "your account %(email)s. Open this link to choose one; it works once, until "
            "%(expires)s (UTC):\n\n%(url)s\n\nIf you did not ask, ignore this message: "
            "your password stays as it is."),
)


def log_change(
    session: Session, *, user: User, actor: User | None, what: str,
    before: dict[str, Any], after: dict[str, Any],
) -> None:
    """Add one entry to the account log (no commit)."""
    session.add(AccountChange(user_id=user.id, actor_id=actor.id if actor else None,  # type: ignore[arg-type]
                              what=what, before=before, after=after))


def end_sessions(session: Session, user: User) -> None:
    """Every session of the user ends at its next request (no commit)."""
    user.session_stamp = new_session_stamp()
    session.add(user)


def log_out_everywhere(session: Session, user: User) -> None:
    """Logging out ends the session on the server: a copied cookie no longer works."""
    end_sessions(session, user)
    session.commit()


def record_login(session: Session, user: User) -> None:
    user.last_login_at = utcnow()
    session.add(user)
    session.commit()


def check_strength(password: str) -> None:
    """The invitations' rule: at least MIN_PASSWORD_LENGTH characters."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short", length=MIN_PASSWORD_LENGTH)


def _set_password(session: Session, user: User, password: str, actor: User | None,
                  how: str) -> None:
    check_strength(password)
    user.password_hash = hash_password(password)
    end_sessions(session, user)
    log_change(session, user=user, actor=actor, what="password", before={}, after={"by": how})


def change_password(session: Session, user: User, *, current: str, new: str) -> None:
    """A new password, the current one given; every other session ends."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError("wrong_password")
    _set_password(session, user, new, user, "profile")
    session.commit()


def update_profile(session: Session, user: User, *, display_name: str, locale: str) -> bool:
    """Save the name and preferred language; True if anything changed."""
    changed = False
    for what, value in (("display_name", display_name.strip()), ("locale", locale)):
        before = getattr(user, what)
        if before != value:
            log_change(session, user=user, actor=user, what=what,
                       before={what: before}, after={what: value})
            setattr(user, what, value)
            changed = True
    session.add(user)
    session.commit()
    return changed


# ------------------------------------------------------- forgotten passwords ----


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


RESET_ACCOUNT, RESET_CLIENT = "reset-account", "reset-client"


def _keys(email: str, client: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Throttle scopes of their own, so resets never count against logins."""
    return (RESET_ACCOUNT, email), (RESET_CLIENT, throttling.client_key(client))


def reset_wait(session: Session, *, email: str, client: str, throttle: LoginThrottle) -> int:
    """Seconds before this address or this client may ask again (0: now)."""
    return max(throttling.seconds_to_wait(session, scope=scope, key=key, throttle=throttle)
               for scope, key in _keys(email.strip().lower(), client))


def request_reset(
    session: Session, *, email: str, client: str, throttle: LoginThrottle, hours: float,
    link: Any,
) -> None:
    """Send a reset link if the address has an active account; the answer is the same if not.

    Each request counts towards the throttle, per address and per client. A new
    link ends the earlier ones. ``link(token)`` makes the absolute URL.
    """
    key = email.strip().lower()
    wait = reset_wait(session, email=key, client=client, throttle=throttle)
    if wait:
        raise AccountError("throttled", seconds=wait)
    for scope, throttle_key in _keys(key, client):
        throttling.record_failure(session, scope=scope, key=throttle_key, throttle=throttle)
    user = session.exec(select(User).where(User.email == key)).first()
    if user is None or not user.active:
        return
    now = utcnow()
    session.execute(update(PasswordReset)
                    .where(col(PasswordReset.user_id) == user.id,
                           col(PasswordReset.used_at).is_(None))
                    .values(used_at=now))
    token = secrets.token_urlsafe(32)
    reset = PasswordReset(user_id=user.id, token_hash=_hash(token),  # type: ignore[arg-type]
                          created_at=now, expires_at=now + timedelta(hours=hours))
    session.add(reset)
    session.add(OutboxMessage(
        recipient_id=user.id, email=user.email, locale=user.locale or "ru",
        template=RESET_TEMPLATE,
        params={"name": user.display_name, "email": user.email,
                "expires": reset.expires_at.strftime("%Y-%m-%d %H:%M"), "url": link(token)},
    ))
    session.commit()


def find_reset(session: Session, token: str, *, now: datetime | None = None) -> PasswordReset:
    """The open reset behind a token, or an AccountError saying why not."""
    found = None
    if token and len(token) <= 100:
        found = session.exec(select(PasswordReset)
                             .where(PasswordReset.token_hash == _hash(token))).first()
    if found is None:
        raise AccountError("reset_unknown")
    if found.used_at is not None:
        raise AccountError("reset_used")
    if found.expires_at <= (now or utcnow()):
        raise AccountError("reset_expired")
    user = session.get(User, found.user_id)
    if user is None or not user.active:
        raise AccountError("reset_unknown")
    return found


def complete_reset(session: Session, *, token: str, password: str) -> User:
    """Set the new password and spend the link, together; every session of the user ends."""
    reset = find_reset(session, token)
    check_strength(password)
    spent = session.execute(
        update(PasswordReset)
        .where(col(PasswordReset.id) == reset.id, col(PasswordReset.used_at).is_(None))
        .values(used_at=utcnow())
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise AccountError("reset_used")
    user = session.get(User, reset.user_id)
    assert user is not None  # find_reset checked it
    _set_password(session, user, password, None, "reset")
    session.commit()
    return user
