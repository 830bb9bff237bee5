"""Form fields shared by the blueprints' forms.

Every amount, exchange rate and date any form takes is read by one of these
fields, so each is read the same way (``models.reading``), in the page's
language, and a typed value that cannot be read is said at its field, naming
the form expected, and shown back as it was typed.
"""

import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import ValidationError

from models.formatting import format_plain_amount, format_rate, whole_number
from models.reading import Unreadable, read_day, read_decimal
from webapp.i18n import current_language


class WholeNumberField(IntegerField):
    """An ``IntegerField`` that reads at most 18 ASCII digits, after an optional minus.

    WTForms reads the field with ``int()``, which takes "٣" and a thousand digits;
    its ``NumberRange`` then fails on a number too large for a float, and the
    database on one too large for its column: both were a 500.
    """

    data: Any  # as WTForms' own fields: None until read, then the number

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        text = str(valuelist[0]).strip()
        number = whole_number(text.removeprefix("-"))
        if number is None:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))
        self.data = -number if text.startswith("-") else number


# Each message names the form expected; its Russian translation gives the Russian form.
AMOUNT_MESSAGES = {
    "malformed": _l("Enter the amount in figures, e.g. 1,000 or 1,000.50."),
    "ambiguous": _l("This can be read two ways: write a thousand as 1,000 and a decimal "
                    "amount with a point, e.g. 1.50."),
    "too_precise": _l("Amounts have at most two decimal places, e.g. 1,000.50."),
}
RATE_MESSAGES = {
    "malformed": _l("Enter the rate in figures, e.g. 0.0105 or 1.25."),
    "ambiguous": _l("This can be read two ways: write the rate with a decimal point, "
                    "e.g. 1.25."),
    "too_precise": _l("A rate has at most six decimal places, e.g. 0.010525."),
}
DAY_MESSAGES = {
    "malformed": _l("Enter the date as YYYY-MM-DD, e.g. 2023-05-24."),
    "no_such_day": _l("There is no such day. Enter the date as YYYY-MM-DD, e.g. 2023-05-24."),
}


def _refuse_blank(field: Any, text: str) -> None:
    """Spaces alone are no value: ``Optional`` then clears this, a required field says it."""
    if not text.strip():
        raise ValueError(field.gettext("This field is required."))


class AmountField(StringField):
    """An amount of money, typed as the page's language writes it; ``data`` is a ``Decimal``.

    Use ``InputRequired`` rather than ``DataRequired`` with it: zero is an amount
    the ledger refuses with its own message, not a missing one.
    """

    data: Any
    places = 2
    messages = AMOUNT_MESSAGES

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        text = str(valuelist[0])
        self.data = None
        _refuse_blank(self, text)
        try:
            self.data = read_decimal(text, current_language(), places=self.places)
        except Unreadable as error:
            raise ValueError(str(self.messages[error.reason])) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return self.shown(self.data) if isinstance(self.data, Decimal) else ""

    def shown(self, value: Decimal) -> str:
        return format_plain_amount(value, current_language())


class RateField(AmountField):
    """An exchange rate: up to six decimals, shown with only its significant digits."""

    places = 6
    messages = RATE_MESSAGES

    def shown(self, value: Decimal) -> str:
        return format_rate(value, current_language())


def read_amount(text: str) -> Decimal:
    """An amount typed outside a field of its own (a plan's line), read like ``AmountField``."""
    try:
        return read_decimal(text, current_language(), places=AmountField.places)
    except Unreadable as error:
        raise ValueError(str(AMOUNT_MESSAGES[error.reason])) from None


def read_date(text: str) -> date:
    """A day typed outside a field (a plan's line, ``?on=``), read like ``DayField``."""
    try:
        return read_day(text, current_language())
    except Unreadable as error:
        raise ValueError(str(DAY_MESSAGES[error.reason])) from None


class DayField(DateField):
    """A day: ISO (the browser's date picker) or, on Russian pages, ДД.ММ.ГГГГ.

    The control stays ``<input type="date">``; a day that was read is shown
    back in ISO, which the picker needs, and one that was not as it was typed.
    """

    data: Any

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        text = str(valuelist[0])
        self.data = None
        _refuse_blank(self, text)
        self.data = read_date(text)

    def _value(self) -> str:
        if isinstance(self.data, date):
            return self.data.isoformat()
        return str(self.raw_data[0]) if self.raw_data else ""


# Line and paragraph separators, and the bidirectional overrides that make a
# name read differently from what it holds ("\u202egnp.exe").
_NOT_IN_A_LINE = {"\u2028", "\u2029", *map(chr, range(0x202A, 0x202F)),
                  *map(chr, range(0x2066, 0x206A))}


def is_single_line(text: str) -> bool:
    """Whether the text is one line: no line break, tab or other control character."""
    return not any(unicodedata.category(ch) == "Cc" or ch in _NOT_IN_A_LINE for ch in text)


class SingleLine:
    """A validator: names and titles are one line.

    A city's name goes into e-mail subjects, CSV rows and decisions; a line break
    in it made every e-mail naming the city fail to send.
    """

    def __call__(self, form: Any, field: Any) -> None:
        if field.data and not is_single_line(str(field.data)):
            raise ValidationError(_l("Write this on one line, without line breaks, tabs "
                                     "or other control characters."))
