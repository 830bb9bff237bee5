"""Checking the amounts, currencies and dates that come into the ledger.

Each check returns the clean value or raises ``Refusal`` with a translatable
message and the form field it concerns, so nothing is posted on bad input.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l

from models.dues import CENT, CURRENCIES
from workflow.engine import Refusal
from workflow.officer_names import Day

# SQLite keeps Numeric(18, 2) as a REAL (a double, 15 significant digits): up to
# this amount, every cent comes back exactly on SQLite as on PostgreSQL.
MAX_AMOUNT = Decimal("999999999999.99")
# Exchange rates stop below this, with six decimals: Numeric(18, 6) holds them.
MAX_RATE = Decimal("1000000")
RATE_STEP = Decimal("0.000001")


def checked_amount(value: Any, *, field: str = "amount") -> Decimal:
    """A positive amount with at most two decimals."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise Refusal("bad_amount", _l("Enter the amount as a number, e.g. 4000.00."),
                      field=field) from error
    if not amount.is_finite():
        raise Refusal("bad_amount", _l("Enter the amount as a number, e.g. 4000.00."), field=field)
    if amount <= 0:
        raise Refusal("amount_not_positive", _l("The amount must be greater than zero."),
                      field=field)
    if amount > MAX_AMOUNT:
        raise Refusal("amount_too_large", _l("The amount is too large."), field=field)
    if amount != amount.quantize(CENT):
        raise Refusal("amount_too_precise", _l("Amounts have at most two decimal places."),
                      field=field)
    return amount.quantize(CENT)


def checked_currency(code: Any, *, field: str = "currency") -> str:
    """One of the association's currencies, as an upper-case ISO 4217 code."""
    clean = str(code or "").strip().upper()
    if clean not in CURRENCIES:
        raise Refusal(
            "unknown_currency",
            _l("Unknown currency %(code)s; use one of %(known)s.",
               code=clean or "—", known=", ".join(CURRENCIES)),
            field=field,
        )
    return clean


def checked_past_date(day: Any, *, today: date, field: str) -> date:
    """A date that is not in the future."""
    if not isinstance(day, date):
        raise Refusal("bad_date", _l("Enter a date as YYYY-MM-DD."), field=field)
    if day > today:
        raise Refusal("date_in_future", _l("The date cannot be in the future."), field=field)
    return day


def checked_payment_day(day: Any, *, opened_on: date, today: date) -> date:
    """A payment's date: from the account's opening to today (0001-01-01 was recorded once)."""
    checked = checked_past_date(day, today=today, field="paid_on")
    if checked < opened_on:
        raise Refusal("paid_before_opening",
                      _l("The account was opened on %(day)s: a payment cannot be dated earlier.",
                         day=Day(opened_on)), field="paid_on")
    return checked


def checked_rate(value: Any) -> Decimal:
    """A positive exchange rate below ``MAX_RATE`` with at most six decimals.

    The bound keeps a mistyped rate (1e22) from overflowing the decimal
    context or the ``Numeric(18, 6)`` column: the user gets a message, not an error page.
    """
    try:
        rate = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise Refusal("bad_rate", _l("Enter the rate as a number."), field="rate") from error
    if not rate.is_finite() or rate <= 0:
        raise Refusal("bad_rate", _l("The rate must be positive, with at most six decimals."),
                      field="rate")
    if rate >= MAX_RATE:
        raise _rate_too_large()
    if rate != rate.quantize(RATE_STEP):
        raise Refusal("bad_rate", _l("The rate must be positive, with at most six decimals."),
                      field="rate")
    return rate


def _rate_too_large() -> Refusal:
    return Refusal("rate_too_large",
                   _l("The rate is too large: it must be below %(limit)s.", limit=str(MAX_RATE)),
                   field="rate")


def converted_amount(amount: Decimal, rate: Decimal) -> Decimal:
    """``amount`` at ``rate``, to the cent, checked like any amount the ledger takes."""
    try:
        value = (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as error:
        raise _rate_too_large() from error
    return checked_amount(value, field="rate")
