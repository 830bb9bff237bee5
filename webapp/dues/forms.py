"""Forms of the dues pages: amounts and days are read by the shared fields (``webapp.fields``),
then checked by the ledger, which says what is wrong."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from models.dues import CURRENCIES
from webapp.fields import AmountField, DayField, RateField, WholeNumberField, read_amount, read_date

CURRENCY_CHOICES = [SelectChoice(c, c) for c in CURRENCIES]


class FeeScheduleForm(FlaskForm):
    year = WholeNumberField(_l("Year"), validators=[DataRequired(), NumberRange(1990, 2100)])
    entrance = AmountField(_l("Entrance fee"), validators=[InputRequired()])
    annual = AmountField(_l("Annual fee"), validators=[InputRequired()])
    currency = SelectField(_l("Currency"), choices=CURRENCY_CHOICES)
    annual_due_on = DayField(_l("Annual fee due on"), validators=[Optional()])
    decision = StringField(_l("Decision (e.g. XXIX:2.5)"), validators=[Optional(), Length(max=60)])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])


class PaymentForm(FlaskForm):
    amount = AmountField(_l("Amount"), validators=[InputRequired()])
    currency = SelectField(_l("Currency"), choices=CURRENCY_CHOICES)
    paid_on = DayField(_l("Paid on"), validators=[InputRequired()])
    bank_reference = StringField(_l("Bank reference"), validators=[DataRequired(), Length(max=80)])
    rate = RateField(_l("Exchange rate (only to convert)"), validators=[Optional()])
    converted_currency = SelectField(_l("Convert into"),
                                     choices=[SelectChoice("", "—"), *CURRENCY_CHOICES], default="")
    # "" pays the open charges, oldest first; a slug gives to that targeted contribution.
    # The view lists the contributions in force (see pages.contribution_choices).
    contribution = SelectField(_l("Towards"), choices=[], default="")
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])


class AmountForm(FlaskForm):
    amount = AmountField(_l("Amount"), validators=[InputRequired()])
    currency = SelectField(_l("Currency"), choices=CURRENCY_CHOICES)


class PlanForm(FlaskForm):
    currency = SelectField(_l("Currency"), choices=CURRENCY_CHOICES)
    instalments = TextAreaField(
        _l("Instalments, one a line: date and amount (2024-06-30 2000)"),
        validators=[DataRequired(), Length(max=4000)],
    )
    comment = StringField(_l("Comment"), validators=[Optional(), Length(max=500)])
    decision = StringField(_l("Decision (optional)"), validators=[Optional(), Length(max=60)])

    def validate_instalments(self, instalments: Any) -> None:
        self.parsed = []
        for line in (instalments.data or "").splitlines():
            if not line.strip():
                continue
            day, *amount = line.split(None, 1)
            if not amount:
                raise ValidationError(
                    _l("Each line needs a date (YYYY-MM-DD) and an amount: %(line)s",
                       line=line.strip()))
            try:
                self.parsed.append((read_date(day), read_amount(amount[0])))
            except ValueError as error:
                raise ValidationError(_l("Each line needs a date and an amount: “%(line)s”. "
                                         "%(problem)s", line=line.strip(),
                                         problem=str(error))) from error
