"""Forms for logging in, accepting an invitation and issuing one."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from webapp.auth.operations import MIN_PASSWORD_LENGTH
from webapp.fields import SingleLine


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class AcceptInvitationForm(FlaskForm):
    display_name = StringField(_l("Your name"),
                               validators=[DataRequired(), Length(max=200), SingleLine()])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class InvitationForm(FlaskForm):
    name_ru = StringField(_l("City name in Russian"),
                          validators=[DataRequired(), Length(max=120), SingleLine()])
    name_en = StringField(_l("City name in English"),
                          validators=[DataRequired(), Length(max=120), SingleLine()])
    email = EmailField(
        _l("Representative's e-mail"), validators=[DataRequired(), Email(), Length(max=254)]
    )
