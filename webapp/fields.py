"""Form fields shared by the blueprints' forms."""

from typing import Any

from wtforms import IntegerField

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
