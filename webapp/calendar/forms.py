"""The event form: it accepts only what the chosen date precision allows."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, Length, NumberRange, Optional

from calendars.dates import When
from calendars.editing import EventData, check
from calendars.wording import KIND_NAMES, PRECISION_NAMES
from models.cities import City
from models.events import DatePrecision, Event, EventKind
from webapp.fields import DayField, SingleLine, WholeNumberField

# The words for each (field, problem) that calendars.editing.check reports.
PROBLEMS = {
    "missing": _l("This date precision needs this field."),
    "not_allowed": _l("Leave this empty: the chosen date precision has no such part."),
    "out_of_range": _l("This value is out of range."),
    "before_start": _l("A range ends on or after the day it starts."),
    "no_title": _l("Give the event a title in Russian or in English."),
    "not_a_link": _l("Give a web address starting with https:// or http://."),
}
MONTHS = [SelectChoice("", "—")] + [SelectChoice(str(n), str(n)) for n in range(1, 13)]


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class EventForm(FlaskForm):
    title_ru = StringField(_l("Title in Russian"), validators=[Length(max=500), SingleLine()])
    title_en = StringField(_l("Title in English"), validators=[Length(max=500), SingleLine()])
    kind = SelectField(_l("Kind"),
                       choices=[SelectChoice(k.value, _l(KIND_NAMES[k])) for k in EventKind])
    city = SelectField(_l("City"), choices=[], validate_choice=True)
    place_ru = StringField(_l("Place in Russian, if not a city"),
                           validators=[Length(max=200), SingleLine()])
    place_en = StringField(_l("Place in English, if not a city"),
                           validators=[Length(max=200), SingleLine()])
    organisers_ru = TextAreaField(_l("Organisers in Russian, one per line"),
                                  validators=[Length(max=2000)])
    organisers_en = TextAreaField(_l("Organisers in English, one per line"),
                                  validators=[Length(max=2000)])
    link = URLField(_l("Link"), validators=[Optional(), URL(), Length(max=500)])
    description_ru = TextAreaField(_l("Description in Russian"), validators=[Length(max=5000)])
    description_en = TextAreaField(_l("Description in English"), validators=[Length(max=5000)])
    precision = SelectField(_l("Date precision"),
                            choices=[SelectChoice(p.value, _l(PRECISION_NAMES[p]))
                                     for p in DatePrecision])
    starts_on = DayField(_l("Day (or first day of a range)"), validators=[Optional()])
    ends_on = DayField(_l("Last day of a range"), validators=[Optional()])
    year = WholeNumberField(_l("Year (for a month or an undated item)"),
                            validators=[Optional(), NumberRange(min=1900, max=2200)])
    month = SelectField(_l("Month (for a month-only date)"), choices=MONTHS)
    approximate = BooleanField(_l("The date is approximate"))
    version = HiddenField()

    def set_cities(self, cities: list[City], language: str) -> None:
        """Offer the association's cities as places."""
        self.city.choices = [SelectChoice("", _l("— not a city —"))] + [
            SelectChoice(city.slug, city.name(language)) for city in cities]

    def event_data(self, city_ids: dict[str, int]) -> EventData:
        """The form's content as event data (after ``validate``)."""
        return EventData(
            kind=EventKind(self.kind.data),
            when=When(DatePrecision(self.precision.data), year=self.year.data,
                      month=int(self.month.data) if self.month.data else None,
                      starts_on=self.starts_on.data, ends_on=self.ends_on.data),
            title_ru=self.title_ru.data or "", title_en=self.title_en.data or "",
            city_id=city_ids.get(self.city.data or ""),
            place_ru=self.place_ru.data, place_en=self.place_en.data,
            organisers_ru=_lines(self.organisers_ru.data),
            organisers_en=_lines(self.organisers_en.data),
            link=self.link.data or None,
            description_ru=self.description_ru.data, description_en=self.description_en.data,
            approximate=bool(self.approximate.data),
        )

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, then what the date precision allows and the titles."""
        if not super().validate(extra_validators):
            return False
        for name, problem in check(self.event_data({})):
            getattr(self, name).errors.append(PROBLEMS[problem])
        return not any(field.errors for field in self)

    def fill_from(self, event: Event, city_slug: str | None) -> None:
        """Show an event's details for editing."""
        self.title_ru.data, self.title_en.data = event.title_ru, event.title_en
        self.kind.data, self.precision.data = str(event.kind), str(event.precision)
        self.city.data = city_slug or ""
        self.place_ru.data, self.place_en.data = event.place_ru, event.place_en
        self.organisers_ru.data = "\n".join(event.organisers_ru)
        self.organisers_en.data = "\n".join(event.organisers_en)
        self.link.data = event.link
        self.description_ru.data = event.description_ru
        self.description_en.data = event.description_en
        self._fill_when(event)
        self.approximate.data = event.approximate
        self.version.data = str(event.version)

    def _fill_when(self, event: Event) -> None:
        if event.precision == DatePrecision.month and event.starts_on:
            self.year.data, self.month.data = event.starts_on.year, str(event.starts_on.month)
        elif event.precision in (DatePrecision.day, DatePrecision.day_range):
            self.starts_on.data = event.starts_on
            if event.precision == DatePrecision.day_range:
                self.ends_on.data = event.ends_on
        else:
            self.year.data = event.year


class TransitionForm(FlaskForm):
    """A plan transition's button, with the comment or reason it may ask for."""

    version = HiddenField()
    comment = TextAreaField(_l("Comment"), validators=[Length(max=2000)])
    reason = TextAreaField(_l("Reason"), validators=[Length(max=2000)])
