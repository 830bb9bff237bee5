"""Forms of the dues pages; amounts are checked by the ledger, which says what is wrong."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from models.dues import CURRENCIES
from webapp.fields import WholeNumberField

CURRENCY_CHOICES = [SelectChoice(c, c) for c in CURRENCIES]


class FeeScheduleForm(FlaskForm):
    year = WholeNumberField(_l("Year"), validators=[DataRequired(), NumberRange(1990, 2100)])
    entrance = StringField(_l("Entrance fee"), validators=[DataRequired(), Length(max=24)])
    annual = StringField(_l("Annual fee"), validators=[DataRequired(), Length(max=24)])
    currency = SelectField(_l("Currency"), choices=CURRENCY_CHOICES)
    annual_due_on = DateField(_l("Annual fee due on"), validators=[Optional()])
    decision = StringField(_l("Decision (e.g. XXIX:2.5)"), validators=[Optional(), Length(max=60)])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])


class PaymentForm(FlaskForm):
    amount = StringField(_l("Amount"), validators=[DataRequired(), Length(max=24)])
    currency = SelectField(_l("Currency"), choices=CURRENCY_CHOICES)
    paid_on = DateField(_l("Paid on"), validators=[DataRequired()])
    bank_reference = StringField(_l("Bank reference"), validators=[DataRequired(), Length(max=80)])
    rate = StringField(_l("Exchange rate (only to convert)"),
                       validators=[Optional(), Length(max=24)])
    converted_currency = SelectField(_l("Convert into"),
                                     choices=[SelectChoice("", "—"), *CURRENCY_CHOICES], default="")
    # "" pays the open charges, oldest first; a slug gives to that targeted contribution.
    # The view lists the contributions in force (see pages.contribution_choices).
    contribution = SelectField(_l("Towards"), choices=[], default="")
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])


class AmountForm(FlaskForm):
    amount = StringField(_l("Amount"), validators=[DataRequired(), Length(max=24)])
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
            parts = line.split()
            try:
                self.parsed.append((date.fromisoformat(parts[0]), parts[1]))
            except (ValueError, IndexError) as error:
                raise ValidationError(
                    _l("Each line needs a date (YYYY-MM-DD) and an amount: %(line)s",
                       line=line.strip())
                ) from error
