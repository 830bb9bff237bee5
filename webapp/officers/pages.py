"""What the officers' pages show, gathered for their templates (no SQL in the views)."""

from datetime import date
from typing import Any

from flask import request
from flask_babel import gettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from models import Body, City, Person
from models.officers import Appointment
from webapp.access import holds_office
from webapp.extensions import db
from webapp.fields import read_date
from webapp.officers.forms import NominationForm, PersonForm, PositionForm, ReleaseForm
from workflow import officers_queries as queries
from workflow.appointments import APPOINTMENTS, REASONS
from workflow.wording import sort_key

# States in which a term is shown to everyone; nominations are the office's business.
PUBLIC_STATES = ("elected", "in_office", "release_requested", "released")


class BadDay(ValueError):
    """The ``?on=`` parameter is not a date; ``message`` says so in the reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def chosen_day() -> tuple[date, bool]:
    """The day asked for with ``?on=YYYY-MM-DD`` (today when absent), and whether it was asked.

    It is read like every date field (``ДД.ММ.ГГГГ`` too on Russian pages).
    """
    text = (request.args.get("on") or "").strip()
    if not text:
        return date.today(), False
    try:
        return read_date(text), True
    except ValueError:
        raise BadDay(gettext(
            "“%(text)s” is not a date. Write it as year-month-day, for example 2023-05-24.",
            text=text[:40])) from None


def compositions(day: date, body: Body | None = None) -> list[tuple[Body, list[queries.Seat]]]:
    """Each body (or the one asked for) with who sat on it on ``day``."""
    chosen = [body] if body is not None else queries.bodies(db.session)
    return [(b, queries.composition(db.session, b, day)) for b in chosen]


def person_page(person: Person) -> dict[str, Any]:
    offices = queries.offices_of(db.session, person)
    if not holds_office():
        offices = [s for s in offices if s.appointment.state in PUBLIC_STATES]
    city = db.session.get(City, person.city_id) if person.city_id else None
    return {"person": person, "offices": offices, "city": city, "states": _state_labels(),
            "reasons": REASONS}


def pending_page(today: date) -> dict[str, Any]:
    assembly = queries.next_session(db.session, today)
    return {
        "assembly": assembly,
        "pending": queries.pending_for_session(db.session, assembly),
        "awaiting": queries.awaiting_board(db.session),
        "reasons": REASONS,
    }


def appointment_page(appointment: Appointment, form: ReleaseForm | None = None) -> dict[str, Any]:
    seat = queries.seat_of(db.session, appointment)
    if form is None:
        form = ReleaseForm(formdata=None, data={
            "version": appointment.version,
            "reason": appointment.release_reason.value if appointment.release_reason else None,
            "reason_text": appointment.release_reason_text,
        })
    actions = {t.name for t in _possible(appointment)}
    return {"seat": seat, "appointment": appointment, "workflow": APPOINTMENTS,
            "state": APPOINTMENTS.state(appointment.state).label, "form": form,
            "can_request": "request_release" in actions, "can_release": "release" in actions,
            "reasons": REASONS}


def _possible(appointment: Appointment) -> list:
    from workflow.engine import actions_for

    return actions_for(APPOINTMENTS, appointment, current_user._get_current_object(), db.session)


def _state_labels() -> dict[str, Any]:
    return {s.name: s.label for s in APPOINTMENTS.states}


def nomination_form(formdata: Any = None) -> NominationForm:
    form = NominationForm(formdata=formdata) if formdata is not None else NominationForm()
    # In the reader's alphabet: Russian names sort apart from their English spelling.
    names = sorted(((p.id, p.full_name(_lang())) for p in queries.people(db.session)),
                   key=lambda pair: sort_key(pair[1]))
    form.person.choices = [SelectChoice(person_id, name) for person_id, name in names]
    form.position.choices = [
        SelectChoice(p.id, p.title_en if _lang() == "en" else p.title_ru)
        for p in queries.positions(db.session)
    ]
    return form


def person_form() -> PersonForm:
    form = PersonForm()
    cities = queries.cities(db.session)
    form.city.choices = [SelectChoice(0, gettext("— none —"))] + [
        SelectChoice(c.id, c.name_en if _lang() == "en" else c.name_ru) for c in cities
    ]
    return form


def position_form() -> PositionForm:
    form = PositionForm()
    form.body.choices = [SelectChoice(b.id, b.name_en if _lang() == "en" else b.name_ru)
                         for b in queries.bodies(db.session)]
    return form


def documents_page() -> dict[str, Any]:
    return {"documents": queries.all_adopted_documents(db.session)}


def _lang() -> str:
    from webapp.i18n import current_language

    return current_language()

