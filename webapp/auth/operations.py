"""The functions that change accounts: each one transaction."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select
from werkzeug.security import check_password_hash, generate_password_hash

from models import City, CityStatus, Invitation, Role, User, utcnow
from models.slugs import unique_slug
from webapp.auth import throttle as throttling

MIN_PASSWORD_LENGTH = 10
# Werkzeug's default (scrypt). The test suite swaps in a cheap method for speed.
HASH_METHOD = "scrypt"


class AccountError(ValueError):
    """An account operation that cannot be done; ``code`` names why."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# How failed logins are slowed down (the same rule for accounts and for clients).
LoginThrottle = throttling.Throttle
ACCOUNT, CLIENT = "login-account", "login-client"


def hash_password(password: str) -> str:
    """A salted hash of the password (scrypt unless the tests say otherwise)."""
    return generate_password_hash(password, method=HASH_METHOD)


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    display_name: str,
    role: Role,
    city: City | None = None,
    locale: str | None = None,
    person_id: int | None = None,
) -> User:
    """Create an account; city-bound roles need their city."""
    email = email.strip().lower()
    if role.city_bound and city is None:
        raise AccountError("city_required")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short", length=MIN_PASSWORD_LENGTH)
    if session.exec(select(User).where(User.email == email)).first():
        raise AccountError("email_taken")
    user = User(
        email=email,
        password_hash=hash_password(password),
        display_name=display_name,
        role=role,
        city_id=city.id if city else None,
        locale=locale,
        person_id=person_id,
    )
    session.add(user)
    session.commit()
    return user


def login_wait(session: Session, *, email: str, client: str, throttle: LoginThrottle) -> int:
    """How long this client must wait before trying this account (0: not at all).

    A client that failed too often waits, whatever account it tries. An account
    that was guessed at too often makes only the clients that failed lately wait:
    its owner, from a client that has not failed, still logs in with the right
    password, so a stranger's guesses never lock the owner out.
    """
    wait = throttling.seconds_to_wait(session, scope=CLIENT, key=client, throttle=throttle)
    if wait or not throttling.failures(session, scope=CLIENT, key=client, throttle=throttle):
        return wait
    return throttling.seconds_to_wait(session, scope=ACCOUNT, key=email, throttle=throttle)


def _unknown_account_hash() -> str:
    """A hash to check a password against when there is no account, made once per method.

    Checking costs as long as for a real account, so the time a wrong password
    takes does not tell whether the e-mail has an account.
    """
    if HASH_METHOD not in _UNKNOWN_HASHES:
        _UNKNOWN_HASHES[HASH_METHOD] = hash_password(secrets.token_urlsafe(16))
    return _UNKNOWN_HASHES[HASH_METHOD]


_UNKNOWN_HASHES: dict[str, str] = {}


def authenticate(
    session: Session, *, email: str, password: str, throttle: LoginThrottle,
    client: str = "unknown",
) -> User:
    """The user with these credentials; any failure says only that it failed.

    ``client`` is the client's key (``throttle.client_key`` of its address).
    """
    key = email.strip().lower()
    wait = login_wait(session, email=key, client=client, throttle=throttle)
    if wait:
        raise AccountError("throttled", seconds=wait)
    user = session.exec(select(User).where(User.email == key)).first()
    stored = user.password_hash if user is not None else _unknown_account_hash()
    matches = check_password_hash(stored, password)
    if user is None or not user.active or not matches:
        throttling.record_failure(session, scope=ACCOUNT, key=key, throttle=throttle)
        throttling.record_failure(session, scope=CLIENT, key=client, throttle=throttle)
        raise AccountError("bad_credentials")
    # The client's failures stay until they are old: someone logging in to an account of
    # their own between guesses at another would otherwise start afresh each time.
    throttling.forget(session, scope=ACCOUNT, key=key)
    return user


def save_locale(session: Session, user: User, locale: str) -> None:
    """Remember the language a user chose."""
    user.locale = locale
    session.add(user)
    session.commit()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_feed_token(session: Session, user: User) -> str:
    """A new secret for the user's calendar subscription link; the old link stops working.

    Calendar programs cannot log in, so the link itself is the credential. Only its
    SHA-256 is kept, as for invitations: the link is shown once, when it is made.
    """
    token = secrets.token_urlsafe(32)
    user.feed_token_hash = _token_hash(token)
    session.add(user)
    session.commit()
    return token


def revoke_feed_token(session: Session, user: User) -> None:
    """The user's calendar subscription link stops working."""
    user.feed_token_hash = None
    session.add(user)
    session.commit()


def user_by_feed_token(session: Session, token: str) -> User | None:
    """The active user whose subscription link carries ``token``, if any."""
    if not token or len(token) > 100:
        return None
    user = session.exec(select(User).where(User.feed_token_hash == _token_hash(token))).first()
    return user if user is not None and user.active else None


def issue_invitation(
    session: Session, *, city: City, email: str, issued_by: User, days: int
) -> tuple[Invitation, str]:
    """An invitation for a city's representative; returns it and its secret token."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        token_hash=_token_hash(token),
        email=email.strip().lower(),
        role=Role.applicant,
        city_id=city.id,  # type: ignore[arg-type]
        created_by_id=issued_by.id,
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(invitation)
    session.commit()
    return invitation, token


def find_invitation(session: Session, token: str, *, now: datetime | None = None) -> Invitation:
    """The open invitation behind a token, or an AccountError saying why not."""
    invitation = session.exec(
        select(Invitation).where(Invitation.token_hash == _token_hash(token))
    ).first()
    if invitation is None:
        raise AccountError("invitation_unknown")
    if invitation.used_at is not None:
        raise AccountError("invitation_used")
    if invitation.expires_at <= (now or utcnow()):
        raise AccountError("invitation_expired")
    return invitation


def accept_invitation(
    session: Session, *, token: str, display_name: str, password: str, locale: str | None
) -> User:
    """Create the invited account and spend the invitation, together."""
    invitation = find_invitation(session, token)
    city = session.get(City, invitation.city_id) if invitation.city_id is not None else None
    spent = session.execute(
        update(Invitation)
        .where(col(Invitation.id) == invitation.id, col(Invitation.used_at).is_(None))
        .values(used_at=utcnow())
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise AccountError("invitation_used")
    try:
        return create_user(
            session,
            email=invitation.email,
            password=password,
            display_name=display_name,
            role=invitation.role,
            city=city,
            locale=locale,
            person_id=invitation.person_id,
        )
    except AccountError:
        session.rollback()
        raise


def invite_city(
    session: Session, *, name_ru: str, name_en: str, email: str, issued_by: User, days: int
) -> tuple[Invitation, str]:
    """Invite a city's representative, recording the city as an applicant.

    A city already listed under either name is invited as it is (a seeded
    applicant, a city named in a document), not listed a second time; a member
    or an excluded city is refused, as is an e-mail that already has an account.
    """
    if session.exec(select(User.id).where(
            func.lower(User.email) == email.strip().lower())).first():
        raise AccountError("email_taken")
    city = listed_city(session, name_ru, name_en)
    if city is not None and city.status in (CityStatus.member, CityStatus.excluded):
        raise AccountError("city_listed", city=city.name_ru or city.name_en)
    if city is None:
        city = City(slug=unique_slug(session, name_en), name_ru=name_ru.strip(),
                    name_en=name_en.strip(), status=CityStatus.applicant,
                    sources=["secretariat"])
    city.status = CityStatus.applicant
    session.add(city)
    session.flush()
    return issue_invitation(session, city=city, email=email, issued_by=issued_by, days=days)


def listed_city(session: Session, name_ru: str, name_en: str) -> City | None:
    """The city listed under this Russian or English name, in any case."""
    return session.exec(select(City).where(or_(
        func.lower(City.name_ru) == name_ru.strip().lower(),
        func.lower(City.name_en) == name_en.strip().lower(),
    )).order_by(col(City.id))).first()


def recent_invitations(session: Session, limit: int = 50) -> list[tuple[Invitation, City]]:
    """The latest invitations with their cities, newest first."""
    rows = session.exec(
        select(Invitation, City)
        .join(City, City.id == Invitation.city_id)  # type: ignore[arg-type]
        .order_by(Invitation.created_at.desc())  # type: ignore[attr-defined]
        .limit(limit)
    ).all()
    return [(invitation, city) for invitation, city in rows]
