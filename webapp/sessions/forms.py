"""Forms of the sessions pages: planning, drafting, adopting, execution control."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from models.decisions import DeadlinePrecision
from webapp.fields import DayField, SingleLine, WholeNumberField

SECTION_CHOICES = [SelectChoice(1, _l("1. Organisational matters")),
                   SelectChoice(2, _l("2. The work of MAG")),
                   SelectChoice(3, _l("3. Governing bodies"))]
EXECUTOR_CHOICES = [SelectChoice("secretariat", _l("Secretariat")),
                    SelectChoice("audit", _l("Audit Commission"))]
PRECISION_CHOICES = [SelectChoice(DeadlinePrecision.day.value, _l("by this day")),
                     SelectChoice(DeadlinePrecision.month.value, _l("in this month"))]


class PlanSessionForm(FlaskForm):
    city = SelectField(_l("City"), validators=[DataRequired()])
    held_on = DayField(_l("Date"), validators=[InputRequired()])


class ItemForm(FlaskForm):
    """An item's wording and execution control (editing an existing item)."""

    text_ru = TextAreaField(_l("Text in Russian"), validators=[DataRequired(), Length(max=20000)])
    text_en = TextAreaField(_l("Text in English"), validators=[DataRequired(), Length(max=20000)])
    executor_ru = StringField(_l("Executor (Russian)"),
                              validators=[Optional(), Length(max=300), SingleLine()])
    executor_en = StringField(_l("Executor (English)"),
                              validators=[Optional(), Length(max=300), SingleLine()])
    executor_role = SelectField(_l("Who reports"), choices=EXECUTOR_CHOICES)
    deadline = DayField(_l("Deadline"), validators=[Optional()])
    deadline_precision = SelectField(_l("Deadline means"), choices=PRECISION_CHOICES)


class AddItemForm(ItemForm):
    section = SelectField(_l("Section"), coerce=int, choices=SECTION_CHOICES)


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(["up", "down"])])


class LeaveOutForm(FlaskForm):
    reason = StringField(_l("Why is it left out?"), validators=[DataRequired(), Length(max=500)])


class SubjectForm(FlaskForm):
    """Include again, or move within the list (direction up/down)."""

    direction = HiddenField(validators=[Optional(), AnyOf(["up", "down"])])


class AdoptForm(FlaskForm):
    version = WholeNumberField(widget=HiddenInput(), validators=[DataRequired()])


class ConfirmForm(FlaskForm):
    """A button with nothing to fill in (generate, sign, remove)."""
