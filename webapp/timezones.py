"""The clock times are shown on: the reader's own zone, else the association's.

Times are stored in UTC. MAG's cities span UTC+2 to UTC+10, so a page shows a
time on one named clock: the zone a user's profile gives (a ``timezone``
attribute holding an IANA name, where the profile has one), else the
``TIMEZONE`` setting (``MAGFLOW_TIMEZONE``, Europe/Moscow by default).
"""

from datetime import date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, has_request_context
from flask_login import current_user

from models import formatting
from webapp.i18n import current_language

DEFAULT_TIMEZONE = "Europe/Moscow"


@cache
def zone_named(name: str | None) -> ZoneInfo | None:
    """The IANA zone of that name, or None for an empty or unknown name."""
    if not name or not isinstance(name, str):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def association_zone() -> tzinfo:
    """The association's zone, from the ``TIMEZONE`` setting."""
    return zone_named(current_app.config.get("TIMEZONE")) or ZoneInfo(DEFAULT_TIMEZONE)


def reader_zone() -> tzinfo:
    """The zone of the user's profile where it gives a valid one, else the association's."""
    if has_request_context() and current_user and current_user.is_authenticated:
        own = zone_named(getattr(current_user, "timezone", None))
        if own is not None:
            return own
    return association_zone()


def moment(at: datetime | None) -> str:
    """A stored time on the reader's clock, zone named: "25 мая 2023, 14:05 (Москва, UTC+3)"."""
    if at is None:
        return ""
    return formatting.format_moment(at, reader_zone(), current_language())


def local_day(value: date | datetime) -> date:
    """The reader's day of a stored time (23:30 UTC is already tomorrow in Moscow)."""
    if isinstance(value, datetime):
        return formatting.in_zone(value, reader_zone()).date()
    return value
