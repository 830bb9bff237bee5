"""Form fields shared by the blueprints' forms."""

import unicodedata
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import ValidationError

from models.formatting import whole_number


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
