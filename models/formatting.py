"""Dates, numbers and money in the reader's language, through Babel.

English is written the British way the association's documents use:
"25 May 2023", "€4,000". Whole amounts drop their zero decimals.
"""

from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_datetime, get_timezone_location
from babel.numbers import format_currency, format_decimal

# The Babel locale behind each language of the site.
BABEL_LOCALES = {"ru": "ru_RU", "en": "en_GB"}


def whole_number(text: str | None, *, digits: int = 18) -> int | None:
    """The non-negative whole number written in ASCII digits, or None if ``text`` is not one.

    ``str.isdigit`` accepts "²", which ``int`` refuses, and ``int`` refuses numbers of
    over 4300 digits; both came from users as a 500 before this check.
    """
    if text and len(text) <= digits and text.isascii() and text.isdigit():
        return int(text)
    return None


def babel_locale(language: str) -> str:
    """The Babel locale used to format for a site language."""
    return BABEL_LOCALES.get(language, "ru_RU")


def format_money(amount: Decimal, currency: str, language: str) -> str:
    """An amount with its currency: "4 000 €" in Russian, "€4,000" in English."""
    locale = babel_locale(language)
    if amount == amount.to_integral_value():
        pattern = Locale.parse(locale).currency_formats["standard"].pattern
        whole = pattern.replace(".00", "")
        return format_currency(amount, currency, format=whole, locale=locale, currency_digits=False)
    return format_currency(amount, currency, locale=locale)


def format_number(value: int | Decimal, language: str) -> str:
    """A number with the reader's grouping: "250 000" / "250,000"."""
    return format_decimal(value, locale=babel_locale(language))


def format_day(day: date, language: str) -> str:
    """A day in full: "25 мая 2023 г." / "25 May 2023"."""
    return format_date(day, "long", locale=babel_locale(language))


def in_zone(at: datetime, zone: tzinfo) -> datetime:
    """``at`` (UTC, as stored; naive means UTC) as the clock in ``zone`` shows it."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(zone)


def utc_offset(at: datetime) -> str:
    """The offset of an aware time: "UTC+3", "UTC+10", "UTC+5:30", "UTC"."""
    offset = at.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if not minutes:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "−"), abs(minutes)
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_moment(at: datetime, zone: tzinfo, language: str) -> str:
    """A time on the clock of ``zone``, zone named: "25 мая 2023, 14:05 (Москва, UTC+3)"."""
    local = in_zone(at, zone)
    locale = babel_locale(language)
    text = format_datetime(local, "d MMMM y, HH:mm", tzinfo=zone, locale=locale)
    offset = utc_offset(local)
    if str(zone) in ("UTC", "Etc/UTC"):
        return f"{text} ({offset})"
    place = get_timezone_location(zone, locale=locale, return_city=True)
    return f"{text} ({place}, {offset})"


def format_month(year: int, month: int, language: str) -> str:
    """A month of a year: "май 2023 г." / "May 2023"."""
    return format_date(date(year, month, 1), "LLLL y", locale=babel_locale(language))


def format_day_of_year(month: int, day: int, end_day: int | None, language: str) -> str:
    """A yearly date or range without the year: "12 июня", "5–6 июля", "8–9 September"."""
    locale = babel_locale(language)
    last = format_date(date(2000, month, end_day or day), "d MMMM", locale=locale)
    if end_day is None or end_day == day:
        return last
    return f"{day}–{last}"


def format_rate(rate: Decimal, language: str) -> str:
    """An exchange rate as entered, without the column's trailing zeros: "0.0105" / "0,0105"."""
    return format_decimal(rate, format="#,##0.######", locale=babel_locale(language))


def format_plain_amount(amount: Decimal, language: str) -> str:
    """An amount to type into a field again: "1 000,50" / "1,000.50", "4 000" (no currency sign)."""
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    return format_decimal(amount, format=pattern, locale=babel_locale(language))
