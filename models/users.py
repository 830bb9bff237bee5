"""Accounts, roles, invitations and the counters of failed attempts."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from models.base import enum_field, timestamp_field


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
        return str(self.id)

    @property
    def is_office(self) -> bool:
        """Secretariat, Board, Audit Commission, President or admin."""
        return self.role in OFFICE_ROLES

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


# A one-time link that lets a city's representative create an account.
class Invitation(SQLModel, table=True):
    __tablename__ = "invitations"

    id: int | None = Field(default=None, primary_key=True)
    # Only the SHA-256 of the token is stored; the link carries the token.
    token_hash: str = Field(max_length=64, unique=True, index=True)
    email: str = Field(max_length=254)
    role: Role = enum_field(Role, default=Role.applicant)
    city_id: int = Field(foreign_key="cities.id")
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
