"""Admission of a city: its application, the documents attached, its membership."""

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.base import json_field, timestamp_field
from models.workflow import StatefulMixin, waiting_index

# How long each text of the application form may be (the form and the table agree).
LIMITS = {
    "name_ru": 120, "name_en": 120, "country": 120, "region": 120,
    "head_name": 200, "head_title": 200,
    "contact_name": 200, "contact_position": 200, "contact_email": 254, "contact_phone": 40,
    "website": 300, "motivation": 4000, "cooperation": 4000,
}

# The fields an application needs before it can be submitted.
REQUIRED = (
    "name_ru", "name_en", "country", "region", "population", "founding_year",
    "head_name", "head_title", "contact_name", "contact_position", "contact_email",
    "contact_phone", "motivation", "cooperation",
)


def _text(name: str) -> str | None:
    return Field(default=None, max_length=LIMITS[name])  # type: ignore[no-any-return]


def _long_text() -> str | None:
    return Field(default=None, sa_column=Column(Text, nullable=True))  # type: ignore[no-any-return]


# A city may apply again once its application was withdrawn or rejected.
ENDED_STATES = ("withdrawn", "rejected")
OPEN_WHERE = "state NOT IN ('withdrawn', 'rejected')"


# A city's application to join the association, from draft to membership.
class Application(StatefulMixin, table=True):
    __tablename__ = "applications"
    __table_args__ = (
        waiting_index("applications"),
        # One application in progress per city (ENDED_STATES may be followed by a new one).
        Index("uq_applications_open_per_city", "city_id", unique=True,
              sqlite_where=text(OPEN_WHERE), postgresql_where=text(OPEN_WHERE)),
    )

    id: int | None = Field(default=None, primary_key=True)
    city_id: int = Field(foreign_key="cities.id", index=True)
    name_ru: str | None = _text("name_ru")
    name_en: str | None = _text("name_en")
    country: str | None = _text("country")
    region: str | None = _text("region")
    population: int | None = None
    # Negative for BC, as City.founding_year.
    founding_year: int | None = None
    head_name: str | None = _text("head_name")
    head_title: str | None = _text("head_title")
    contact_name: str | None = _text("contact_name")
    contact_position: str | None = _text("contact_position")
    contact_email: str | None = _text("contact_email")
    contact_phone: str | None = _text("contact_phone")
    website: str | None = _text("website")
    motivation: str | None = _long_text()
    cooperation: str | None = _long_text()
    charter_accepted: bool = False
    fees_accepted: bool = False
    # The fee schedule year the applicant accepted (its amounts are read from it).
    fees_year: int | None = None
    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    # Where the record comes from, and what it leaves out ("the seeds give no contact").
    sources: list[str] = json_field(list)
    note: str | None = Field(default=None, max_length=500)

    def missing(self) -> list[str]:
        """The required fields still empty."""
        return [name for name in REQUIRED if getattr(self, name) in (None, "")]

    def __repr__(self) -> str:
        return f"<Application #{self.id} city={self.city_id} {self.state}>"


# A file attached to an application; stored under a random name outside the web root.
class ApplicationDocument(SQLModel, table=True):
    __tablename__ = "application_documents"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="applications.id", index=True)
    kind: str = Field(default="letter_of_intent", max_length=40)
    stored_name: str = Field(max_length=80, unique=True)
    original_name: str = Field(max_length=255)
    size: int
    sha256: str = Field(max_length=64)
    content_type: str = Field(default="application/pdf", max_length=80)
    uploaded_by_id: int | None = Field(default=None, foreign_key="users.id")
    uploaded_at: datetime = timestamp_field()
    # When a newer document of the same kind replaced this one (kept as an earlier version).
    replaced_at: datetime | None = timestamp_field(nullable=True)

    def __repr__(self) -> str:
        return f"<ApplicationDocument #{self.id} {self.kind} {self.original_name!r}>"


# A city's membership, from the session decision that admitted it.
class Membership(SQLModel, table=True):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("city_id", "started_on"),)

    id: int | None = Field(default=None, primary_key=True)
    city_id: int = Field(foreign_key="cities.id", index=True)
    application_id: int | None = Field(default=None, foreign_key="applications.id")
    started_on: date
    ended_on: date | None = None
    # The session decision that admitted the city ("XXX:1.1").
    decision_ref: str = Field(max_length=120)
    created_at: datetime = timestamp_field()

    def __repr__(self) -> str:
        return f"<Membership city={self.city_id} from {self.started_on}>"
