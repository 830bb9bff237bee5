"""Accounts, roles, invitations, password resets, the account log and the counters of
failed attempts."""

import secrets
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import Field, SQLModel

from models.base import enum_field, json_field, timestamp_field


class Role(StrEnum):
    """What a user may do; applicants and members are bound to one city."""

    applicant = "applicant"
    member = "member"
    secretariat = "secretariat"
    board = "board"
    audit = "audit"
    president = "president"
    admin = "admin"

    @property
    def city_bound(self) -> bool:
        return self in (Role.applicant, Role.member)


OFFICE_ROLES = frozenset({Role.secretariat, Role.board, Role.audit, Role.president, Role.admin})
# The Board (Правление) is the President, the First Vice-President and the
# Vice-Presidents: the President sits on it, votes and counts towards its quorum.
BOARD_ROLES = (Role.board, Role.president)


def new_session_stamp() -> str:
    """A fresh random stamp for ``User.session_stamp``."""
    return secrets.token_hex(16)


# A person who logs in. Implements the interface flask-login expects.
class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    display_name: str = Field(max_length=200)
    role: Role = enum_field(Role, index=True)
    city_id: int | None = Field(default=None, foreign_key="cities.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="people.id")
    locale: str | None = Field(default=None, max_length=5)
    active: bool = True
    created_at: datetime = timestamp_field()
    # SHA-256 of the secret in the user's calendar subscription link (None: no link).
    feed_token_hash: str | None = Field(default=None, max_length=64, unique=True, index=True)
    # Part of every session's user id: a new stamp ends every session made before it.
    session_stamp: str = Field(default_factory=new_session_stamp, max_length=32,
                               sa_column_kwargs={"default": new_session_stamp})
    last_login_at: datetime | None = timestamp_field(nullable=True)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """The id a session keeps: the account and its current stamp ("12.9f3a...")."""
        return f"{self.id}.{self.session_stamp}"

    @property
    def is_office(self) -> bool:
        """Secretariat, Board, Audit Commission, President or admin."""
        return self.role in OFFICE_ROLES

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


# A one-time link that lets a city's representative, or an officer, create an account.
class Invitation(SQLModel, table=True):
    __tablename__ = "invitations"

    id: int | None = Field(default=None, primary_key=True)
    # Only the SHA-256 of the token is stored; the link carries the token.
    token_hash: str = Field(max_length=64, unique=True, index=True)
    email: str = Field(max_length=254)
    role: Role = enum_field(Role, default=Role.applicant)
    # The applicant's city; None for an office account.
    city_id: int | None = Field(default=None, foreign_key="cities.id")
    # The officer the account will be linked to (an invitation that follows an election).
    person_id: int | None = Field(default=None, foreign_key="people.id")
    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp_field()
    expires_at: datetime = timestamp_field()
    used_at: datetime | None = timestamp_field(nullable=True)

    def __repr__(self) -> str:
        return f"<Invitation {self.email} city={self.city_id}>"


# Recent failures of one kind ("login-account", "login-client") for one key (an
# e-mail address, a client's network), to slow down guessing (webapp/auth/throttle.py).
class FailedAttempt(SQLModel, table=True):
    __tablename__ = "failed_attempts"

    scope: str = Field(primary_key=True, max_length=40)
    key: str = Field(primary_key=True, max_length=254)
    count: int = 0
    last_at: datetime = timestamp_field()


# A one-time link to set a new password; only the token's SHA-256 is stored.
class PasswordReset(SQLModel, table=True):
    __tablename__ = "password_resets"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = timestamp_field()
    expires_at: datetime = timestamp_field()
    # Set when the link is used, or when a newer request replaces it.
    used_at: datetime | None = timestamp_field(nullable=True)

    def __repr__(self) -> str:
        return f"<PasswordReset user={self.user_id}>"


# One change to an account, as the administration page shows it; never edited.
class AccountChange(SQLModel, table=True):
    __tablename__ = "account_changes"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    # Who made the change (None: the user themselves through a reset link, or the system).
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    at: datetime = timestamp_field()
    # What changed: "role", "active", "person", "password", "display_name", "locale", ...
    what: str = Field(max_length=40)
    before: dict[str, Any] = json_field()
    after: dict[str, Any] = json_field()

    def __repr__(self) -> str:
        return f"<AccountChange user={self.user_id} {self.what}>"
