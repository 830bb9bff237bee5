"""Jinja filters and globals: formatting in the reader's language, labels."""

from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from flask_babel import lazy_gettext as _l

from models import City, formatting
from webapp import labels
from webapp.i18n import current_language
from webapp.timezones import local_day, moment
from workflow import charge_notes


def money(amount: Decimal, currency: str) -> str:
    return formatting.format_money(amount, currency, current_language())


def day(value: date | datetime) -> str:
    """A day in full; a stored time gives its day on the reader's clock."""
    return formatting.format_day(local_day(value), current_language())


def number(value: int | Decimal) -> str:
    return formatting.format_number(value, current_language())


def rate(value: Decimal) -> str:
    """An exchange rate with only its significant digits: "0.0105", "0,0105"."""
    return formatting.format_rate(value, current_language())


def founding(year: int | None) -> str:
    """A founding year, with "BC" for years before the common era."""
    if year is None:
        return str(_l("not stated in the sources"))
    if year < 0:
        return str(_l("%(year)s BC", year=-year))
    return str(year)


def city_day_label(city: City) -> str:
    """A city's yearly day in the reader's language."""
    if city.city_day_month is None or city.city_day_day is None:
        return ""
    return formatting.format_day_of_year(
        city.city_day_month, city.city_day_day, city.city_day_end_day, current_language()
    )


def source_label(source: str) -> str:
    """A source reference ("decision-29th-session-2023.txt#1.3") as the reader's words."""
    document, _sep, item = source.partition("#")
    name = labels.DOCUMENTS.get(document)
    if name is None:
        return source
    if not item:
        return str(name)
    return str(_l("%(document)s, item %(item)s", document=name, item=item))


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        money=money, day=day, moment=moment, number=number, rate=rate, founding=founding,
        source=source_label, charge_notes=charge_notes.texts,
    )
    app.jinja_env.globals.update(
        CITY_STATUS=labels.CITY_STATUS,
        ROLES=labels.ROLES,
        LANGUAGES=app.config["LANGUAGES"],
        city_day_label=city_day_label,
    )
