"""URL rules of the calendar: the public page and feeds, the office's plan and forms."""

from typing import cast

from flask import Blueprint, Flask, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user, login_required
from werkzeug.exceptions import NotFound

from calendars import export, ics
from calendars.anniversary_feed import anniversary_feed
from calendars.editing import InvalidEvent, StaleEvent, edit_event, propose_event
from models.events import Event
from webapp.access import OFFICE, SECRETARIAT, roles_required
from webapp.calendar import office, pages, serving
from webapp.calendar.forms import TransitionForm
from webapp.errors import refuse
from webapp.extensions import db
from webapp.i18n import stateless
from workflow.engine import NotAllowed, WorkflowError
from workflow.plan import PLAN

bp = Blueprint("calendar", __name__)
bp.record_once(lambda state: serving.init_cache(cast(Flask, state.app)))


@bp.after_request
def _expire_after_changes(response: Response) -> Response:
    # A change made in this process shows in its feeds at once; others see it
    # after CALENDAR_REVISION_CHECK seconds.
    if request.method == "POST":
        serving.cache().expire()
    return response


# ------------------------------------------------------------------ public ----


@bp.route("/calendar")
def index() -> str:
    at = serving.revision()
    published = serving.published(at)
    filters = pages.chosen_filters(published)
    year, month = pages.chosen_month()
    return render_template("calendar/index.html",
                           **pages.calendar_page(published, filters, year, month))


@bp.route("/calendar/events/<int:event_id>")
def event(event_id: int) -> str:
    found = office.visible_event(event_id)
    return render_template("calendar/event.html", **office.event_page(found))


@bp.route("/calendar.ics")
@stateless
def feed() -> Response:
    pages.feed_query()
    at = serving.revision()
    published = serving.published(at)
    filters, language = pages.chosen_filters(published), pages.chosen_language()
    return serving.send(at, ("ics", filters, language),
                        lambda: ics.feed(filters.apply(published.events, published.city_slugs),
                                         language, published.places),
                        filename="mag-calendar.ics")


@bp.route("/calendar/events/<int:event_id>.ics")
@stateless
def event_ics(event_id: int) -> Response:
    pages.feed_query()
    at = serving.revision()
    found = serving.published(at).by_id.get(event_id)
    if found is None:
        raise refuse(404, gettext("There is no such published event."))
    if not found.is_dated:
        raise refuse(404, gettext("This event has no date to add to a calendar."))
    language = pages.chosen_language()
    places = serving.published(at).places
    return serving.send(at, ("event", event_id, language),
                        lambda: ics.single(found, language, places),
                        filename=f"mag-event-{event_id}.ics", attachment=True)


@bp.route("/calendar/events.json")
@stateless
def events_json() -> Response:
    pages.feed_query()
    at = serving.revision()
    published = serving.published(at)
    filters = pages.chosen_filters(published)
    pages.chosen_language()  # both languages are in the JSON; an unknown one is still refused
    return serving.send(at, ("json", filters),
                        lambda: export.events_json(
                            filters.apply(published.events, published.city_slugs),
                            published.places),
                        mimetype=serving.JSON)


@bp.route("/calendar/city-days.ics")
@stateless
def city_days_feed() -> Response:
    pages.feed_query()
    at = serving.revision()
    years, language = pages.chosen_years(), pages.chosen_language()
    cities = serving.dated_cities(at)
    # The revision moves with every change to the cities' calendar facts (models.events).
    return serving.send(at, ("city-days", tuple(years), language),
                        lambda: anniversary_feed(cities, years, language, at.changed_at),
                        filename="mag-city-days.ics")


# ------------------------------------------------------------------ office ----


@bp.route("/calendar/plan")
@roles_required(*OFFICE)
def plan() -> str:
    return render_template("calendar/plan.html", **office.plan_page())


def _refused_status() -> int:
    """A form shown again after a POST was refused (a saved one redirects): 400."""
    return 400 if request.method == "POST" else 200


@bp.route("/calendar/events/new", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def new_event() -> ResponseReturnValue:
    form = office.event_form()
    if form.validate_on_submit():
        try:
            created = propose_event(session=db.session, actor=current_user,
                                    data=form.event_data(office.city_ids()))
        except InvalidEvent as error:
            office.show_problems(form, error)
        else:
            flash(gettext("The event was entered as a proposal."), "success")
            return redirect(url_for("calendar.event", event_id=created.id))
    return render_template("calendar/form.html", form=form, event=None), _refused_status()


@bp.route("/calendar/events/<int:event_id>/edit", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def edit(event_id: int) -> ResponseReturnValue:
    found = office.event_or_404(event_id)
    form = office.event_form(found)
    if form.validate_on_submit():
        try:
            edit_event(found, session=db.session, actor=current_user,
                       data=form.event_data(office.city_ids()),
                       expected_version=office.version_of(form))
        except InvalidEvent as error:
            office.show_problems(form, error)
        except StaleEvent:
            flash(gettext("Someone else changed this event in the meantime. "
                          "Here it is as it is now."), "error")
            return redirect(url_for("calendar.edit", event_id=event_id))
        else:
            flash(gettext("The event was saved."), "success")
            return redirect(url_for("calendar.event", event_id=event_id))
    return render_template("calendar/form.html", form=form, event=found), _refused_status()


@bp.route("/calendar/events/<int:event_id>/steps/<name>", methods=["POST"])
@login_required
def step(event_id: int, name: str) -> ResponseReturnValue:
    found: Event = office.event_or_404(event_id)
    form = TransitionForm()
    if not form.validate_on_submit():
        raise refuse(400, gettext("The form could not be read. Nothing was changed."))
    try:
        office.take_step(found, name, form)
    except WorkflowError as error:
        if error.code == "unknown_transition":
            raise NotFound() from error
        if isinstance(error, NotAllowed):
            raise refuse(403, office.refusal_message(error)) from error
        flash(office.refusal_message(error), "error")
        return redirect(url_for("calendar.event", event_id=event_id))
    flash(gettext("Done: %(step)s.", step=PLAN.transition(name).label), "success")
    return redirect(url_for("calendar.event", event_id=event_id))


@bp.context_processor
def _calendar_words() -> dict[str, object]:
    return pages.template_helpers()
