"""Forms of the profile, of forgotten passwords and of the administration of accounts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from webapp.auth.operations import MIN_PASSWORD_LENGTH

LANGUAGES = {"ru": "Русский", "en": "English"}
LANGUAGE_CHOICES = [SelectChoice(code, name) for code, name in LANGUAGES.items()]


def _new_password() -> PasswordField:
    return PasswordField(_l("New password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200,
                               message=_l("The password must have at least %(min)d characters."))])


def _confirm() -> PasswordField:
    return PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(), EqualTo("password", message=_l("The passwords differ."))])


class ForgotForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetForm(FlaskForm):
    password = _new_password()
    confirm = _confirm()


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    locale = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES,
                         validators=[InputRequired()])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    password = _new_password()
    confirm = _confirm()


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), validators=[InputRequired()])


class ActiveForm(FlaskForm):
    active = SelectField(choices=[SelectChoice("1", "1"), SelectChoice("0", "0")],
                         validators=[InputRequired()])


class LinkPersonForm(FlaskForm):
    person = SelectField(_l("Person in the officers' directory"), validate_choice=True)


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), validators=[InputRequired()])
    person = SelectField(_l("Person in the officers' directory"))
