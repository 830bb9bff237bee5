"""The application form: lengths and formats always, completeness on submission."""

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, HiddenField, StringField, TextAreaField
from wtforms.validators import Email, Length, Optional, Regexp, ValidationError

from models.admission import LIMITS, REQUIRED
from webapp.fields import SingleLine

REQUIRED_MESSAGE = _l("This field is required to submit the application.")


def whole_number(low: int, high: int) -> Any:
    """A validator: the text is a whole number between ``low`` and ``high``."""

    def check(_form: Any, field: Any) -> None:
        text = (field.data or "").strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            return
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise ValidationError(_l("Write a whole number."))
        if not low <= int(text) <= high:
            raise ValidationError(_l("Write a number from %(low)s to %(high)s.",
                                     low=low, high=high))

    return check


def _text(label: Any, name: str, *extra: Any) -> StringField:
    return StringField(label, validators=[Optional(), Length(max=LIMITS[name]), SingleLine(),
                                          *extra])


def _long(label: Any, name: str) -> TextAreaField:
    limit = LIMITS[name]
    return TextAreaField(label, validators=[
        Optional(), Length(max=limit, message=_l("At most %(max)d characters.", max=limit))])


class ApplicationForm(FlaskForm):
    """Every field of the application; each may stay empty in a draft."""

    version = HiddenField()
    name_ru = _text(_l("City name in Russian"), "name_ru")
    name_en = _text(_l("City name in English"), "name_en")
    country = _text(_l("Country"), "country")
    region = _text(_l("Region"), "region")
    population = StringField(_l("Population"), validators=[whole_number(1, 50_000_000)])
    founding_year = StringField(_l("Founding year (negative for BC)"),
                                validators=[whole_number(-5000, 2100)])
    head_name = _text(_l("Head of the city: name"), "head_name")
    head_title = _text(_l("Head of the city: title"), "head_title")
    contact_name = _text(_l("Contact person: name"), "contact_name")
    contact_position = _text(_l("Contact person: position"), "contact_position")
    contact_email = EmailField(_l("Contact person: e-mail"), validators=[
        Optional(), Length(max=LIMITS["contact_email"]),
        Email(message=_l("Write a valid e-mail address."))])
    contact_phone = _text(_l("Contact person: phone"), "contact_phone", Regexp(
        r"^\+?[0-9 ()\-]{5,}$", message=_l("Write the phone with digits, spaces, ( ) and -.")))
    website = _text(_l("Website"), "website", Regexp(
        r"^https?://[^\s<>\"]+$", message=_l("Write the address as https://…")))
    motivation = _long(_l("Why the city wants to join"), "motivation")
    cooperation = _long(_l("Areas of cooperation the city proposes"), "cooperation")
    charter_accepted = BooleanField(_l("The city accepts the Charter of the Assembly"))
    fees_accepted = BooleanField(_l("The city accepts the fees in force"))
    letter = FileField(_l("Official letter of intent (PDF, at most 10 MB)"))
    answer = TextAreaField(_l("Your answer to the Secretariat"), validators=[
        Optional(), Length(max=4000, message=_l("At most %(max)d characters.", max=4000))])

    def values(self) -> dict[str, Any]:
        """The typed values, as the application's columns hold them."""
        values: dict[str, Any] = {name: self[name].data for name in LIMITS}
        for name in ("population", "founding_year"):
            text = (self[name].data or "").strip().replace(" ", "").replace("\u00a0", "")
            values[name] = int(text) if text else None
        values["charter_accepted"] = bool(self.charter_accepted.data)
        values["fees_accepted"] = bool(self.fees_accepted.data)
        return values

    def require_complete(self, *, has_letter: bool, fees_known: bool, answering: bool) -> bool:
        """Mark every field a submission still needs; True when nothing is missing."""
        for name in REQUIRED:
            if not (self[name].data or "").strip():
                self[name].errors = [*self[name].errors, REQUIRED_MESSAGE]
        if not self.charter_accepted.data:
            self.charter_accepted.errors = [_l("The Charter must be accepted.")]
        if not self.fees_accepted.data or not fees_known:
            self.fees_accepted.errors = [_l("The fees in force must be accepted.")]
        if not has_letter:
            self.letter.errors = [_l("Attach the official letter of intent as a PDF.")]
        if answering and not (self.answer.data or "").strip():
            self.answer.errors = [_l("Answer the Secretariat's request.")]
        return not any(f.errors for f in self)


def form_for(application: Any) -> ApplicationForm:
    """The form filled with the application's saved values (on GET)."""
    data = {name: getattr(application, name) for name in LIMITS}
    for name in ("population", "founding_year"):
        value = getattr(application, name)
        data[name] = "" if value is None else str(value)
    data["charter_accepted"] = application.charter_accepted
    data["fees_accepted"] = application.fees_accepted
    data["version"] = application.version
    return ApplicationForm(data=data)


class StartForm(FlaskForm):
    """Starting the city's application: only the CSRF token."""
