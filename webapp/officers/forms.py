"""Forms of the officers' pages: the date picker, nominations, people, positions, releases."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from webapp.fields import DayField, SingleLine, WholeNumberField
from workflow.appointments import REASONS


def _required(message: object) -> InputRequired:
    return InputRequired(message=message)  # type: ignore[arg-type]


class NominationForm(FlaskForm):
    person = SelectField(_l("Person"), coerce=int,
                         validators=[_required(_l("Choose the person."))])
    position = SelectField(_l("Position"), coerce=int,
                           validators=[_required(_l("Choose the position."))])
    nominated_on = DayField(_l("Nominated on"),
                            validators=[_required(_l("Give the date of the nomination."))])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=4000)])


class PersonForm(FlaskForm):
    surname_ru = StringField(_l("Surname in Russian"),
                             validators=[_required(_l("The surname is needed.")), Length(max=80),
                                         SingleLine()])
    given_ru = StringField(_l("Given name in Russian"),
                           validators=[Optional(), Length(max=80), SingleLine()])
    patronymic_ru = StringField(_l("Patronymic in Russian"),
                                validators=[Optional(), Length(max=80), SingleLine()])
    surname_en = StringField(_l("Surname in English"),
                             validators=[_required(_l("The surname is needed.")), Length(max=80),
                                         SingleLine()])
    given_en = StringField(_l("Given name in English"),
                           validators=[Optional(), Length(max=80), SingleLine()])
    patronymic_en = StringField(_l("Patronymic in English"),
                                validators=[Optional(), Length(max=80), SingleLine()])
    title_ru = StringField(_l("Own title in Russian (e.g. аким города Астаны)"),
                           validators=[Optional(), Length(max=300), SingleLine()])
    title_en = StringField(_l("Own title in English (e.g. Akim of Astana)"),
                           validators=[Optional(), Length(max=300), SingleLine()])
    city = SelectField(_l("City"), coerce=int, validators=[Optional()])
    email = EmailField(_l("E-mail (an election invites the person to an account)"),
                       validators=[Optional(), Email(), Length(max=254)])
    # Declines the name in decisions; left empty, the patronymic tells (…вна, …вич).
    gender = SelectField(_l("Gender (for declining the name)"), default="", choices=[
        SelectChoice("", _l("From the patronymic")), SelectChoice("female", _l("Female")),
        SelectChoice("male", _l("Male"))])


class PositionForm(FlaskForm):
    body = SelectField(_l("Body"), coerce=int, validators=[_required(_l("Choose the body."))])
    title_ru = StringField(_l("Title in Russian"),
                           validators=[_required(_l("The title is needed.")), Length(max=200),
                                       SingleLine()])
    title_en = StringField(_l("Title in English"),
                           validators=[_required(_l("The title is needed.")), Length(max=200),
                                       SingleLine()])
    single_seat = BooleanField(_l("Single seat (one holder at a time)"))
    rank = WholeNumberField(_l("Order on the composition page"), default=100,
                            validators=[Optional(), NumberRange(min=1, max=1000)])


class ReleaseForm(FlaskForm):
    """A release request, or the session's release, with a reason from the list."""

    version = WholeNumberField(widget=HiddenInput(), validators=[_required(_l("Reload the page."))])
    decision = StringField(_l("Decision reference"), description=_l("For example: XXIX:3.1"),
                           validators=[Optional(), Length(max=120)])
    reason = SelectField(_l("Reason"),
                         choices=[SelectChoice(r.value, label) for r, label in REASONS.items()],
                         validators=[_required(_l("Choose the reason."))])
    reason_text = StringField(_l("The reason in words (for “other”)"),
                              validators=[Optional(), Length(max=500)])
