"""Shared column types: UTC timestamps that stay aware, and JSON."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Enum
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no offset, so values are normalised to UTC on the way in and
    marked as UTC on the way out; PostgreSQL uses ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


def timestamp_field(*, nullable: bool = False, index: bool = False) -> Any:
    """A UTC timestamp column; required ones default to now."""
    if nullable:
        return Field(default=None, sa_type=UTCDateTime, nullable=True, index=index)
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=index)


def json_field(default_factory: Any = dict) -> Any:
    """A JSON column (TEXT on SQLite, JSON on PostgreSQL)."""
    return Field(default_factory=default_factory, sa_type=JSON, nullable=False)


def enum_field(enum: type[StrEnum], *, default: Any = None, index: bool = False) -> Any:
    """A StrEnum stored as plain text (no native enum type to migrate)."""
    column_type = Enum(
        enum, native_enum=False, length=32, values_callable=lambda kind: [m.value for m in kind]
    )
    if default is None:
        return Field(sa_type=column_type, nullable=False, index=index)
    return Field(default=default, sa_type=column_type, nullable=False, index=index)
