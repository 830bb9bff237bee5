"""The office's side of the calendar: loading events, forms, the plan's steps."""

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from sqlmodel import select

from calendars import store
from calendars.editing import InvalidEvent
from calendars.places import place_name
from calendars.wording import KIND_NAMES, PRECISION_NAMES
from models.cities import City
from models.events import Event
from models.formatting import whole_number
from models.users import Role
from webapp.access import OFFICE, holds_office
from webapp.calendar.forms import PROBLEMS, EventForm, TransitionForm
from webapp.errors import refuse
from webapp.extensions import db
from webapp.i18n import current_language
from workflow.diagram import render_svg
from workflow.engine import WorkflowError, actions_for, explain, fire, history, path_taken
from workflow.plan import PLAN, steps

# What the reader is told when the engine refuses a step, by error code.
REFUSALS = {
    "role": _l("Your role does not allow this step."),
    "owner": _l("Your role does not allow this step."),
    "wrong_state": _l("This step is not possible in the event's current state."),
    "stale": _l("Someone else changed this event in the meantime. Reload the page and try again."),
    "missing_comment": _l("This step needs a comment."),
    "missing_reason": _l("This step needs a reason."),
}

NOT_NOW = _l("This step is not possible now.")


def event_or_404(event_id: int) -> Event:
    """The event, or a 404 page."""
    found = store.event_by_id(db.session, event_id)
    if found is None:
        raise refuse(404, gettext("There is no such event."))
    return found


def is_office() -> bool:
    return bool(current_user.is_authenticated and current_user.role in OFFICE
                and holds_office())


def visible_event(event_id: int) -> Event:
    """A published event for everyone; any event of the plan for the office."""
    found = store.event_by_id(db.session, event_id)
    if found is None or not (found.is_public or is_office()):
        raise refuse(404, gettext("There is no such event."))
    return found


def place_of(event: Event) -> str:
    places = store.cities_of(db.session, [event])
    return place_name(event, current_language(), places)


def event_page(event: Event) -> dict[str, Any]:
    """An event's page: its details, and for the office its steps and history."""
    actor = current_user if current_user.is_authenticated else None
    return {
        "event": event,
        "place": place_of(event),
        "state_label": PLAN.state(str(event.state)).label,
        "actions": actions_for(PLAN, event, actor, db.session) if is_office() else [],
        "blocked": [(t, r) for t, r in explain(PLAN, event, actor, db.session) if r]
        if is_office() else [],
        "history": steps(db.session, event) if is_office() else [],
        "diagram": _diagram(event) if is_office() else None,
        "step_form": TransitionForm(version=str(event.version)),
        "can_edit": is_office() and current_user.role in (Role.secretariat, Role.admin),
        "KIND_NAMES": KIND_NAMES, "PRECISION_NAMES": PRECISION_NAMES,
    }


def _diagram(event: Event) -> Markup:
    """The plan's workflow drawn with this event's state filled and its path in bold."""
    taken = path_taken(history(db.session, PLAN, event.id))  # type: ignore[arg-type]
    return Markup(render_svg(PLAN, current=str(event.state), taken=taken, text=str,
                             title=str(PLAN.label)))


def plan_page() -> dict[str, Any]:
    """Every event of the plan, in any state, with its buttons."""
    events = store.plan_events(db.session)
    return {
        "events": events,
        "actions": {e.id: actions_for(PLAN, e, current_user, db.session) for e in events},
        "states": {s.name: s.label for s in PLAN.states},
        "step_form": TransitionForm(),
        "KIND_NAMES": KIND_NAMES,
    }


def all_cities() -> list[City]:
    rows = db.session.exec(select(City)).all()
    return sorted(rows, key=lambda city: city.name(current_language()))


def city_ids() -> dict[str, int]:
    """City ids by slug, for the form's city choice."""
    return {city.slug: city.id for city in all_cities() if city.id is not None}


def event_form(event: Event | None = None) -> EventForm:
    """The event form with the cities to choose from, filled from ``event`` on GET."""
    form = EventForm()
    form.set_cities(all_cities(), current_language())
    if event is not None and not form.is_submitted():
        slug = next((c.slug for c in all_cities() if c.id == event.city_id), None)
        form.fill_from(event, slug)
    return form


def version_of(form: EventForm) -> int:
    """The version the form was loaded at (400 if it was tampered with)."""
    value = whole_number(form.version.data)
    if value is None:
        raise refuse(400, gettext("The form could not be read. Nothing was changed."))
    return value


def show_problems(form: EventForm, error: InvalidEvent) -> None:
    for name, problem in error.problems:
        getattr(form, name).errors.append(PROBLEMS[problem])


def take_step(event: Event, name: str, form: TransitionForm) -> None:
    """Fire a plan transition for the current user, guarded by the form's version."""
    version = whole_number(form.version.data)
    fire(db.session, PLAN, event, name, actor=current_user,
         comment=form.comment.data, reason=form.reason.data,
         expected_version=-1 if version is None else version)


def refusal_message(error: WorkflowError) -> str:
    """The reader's words for an engine refusal."""
    if error.code == "condition" and error.message:
        return str(error.message)
    return str(REFUSALS.get(error.code, NOT_NOW))
