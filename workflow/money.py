"""Checking the amounts, currencies and dates that come into the ledger.

Each check returns the clean value or raises ``Refusal`` with a translatable
message and the form field it concerns, so nothing is posted on bad input.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l

from models.dues import CENT, CURRENCIES
from workflow.engine import Refusal

MAX_AMOUNT = Decimal("9999999999999999.99")


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


def checked_rate(value: Any) -> Decimal:
    """A positive exchange rate with at most six decimals."""
    try:
        rate = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise Refusal("bad_rate", _l("Enter the rate as a number."), field="rate") from error
    if not rate.is_finite() or rate <= 0 or rate != rate.quantize(Decimal("0.000001")):
        raise Refusal("bad_rate", _l("The rate must be positive, with at most six decimals."),
                      field="rate")
    return rate
