"""URL rules of the officers: compositions on any date, people, nominations, releases.

Compositions, people and adopted documents are public. The subject page of
an appointment (``/officers/appointments/<id>``) shows the engine's panel,
whose generic routes take the Board's vote and the Secretariat's steps; the
release form is here because it carries a reason from the list.
"""

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from models import Body, Person, Position, User
from models.officers import Appointment
from webapp.access import OFFICE, SECRETARIAT, roles_required
from webapp.errors import refuse
from webapp.extensions import db
from webapp.officers import pages
from webapp.officers.forms import ReleaseForm
from webapp.workflows import messages
from workflow import officer_records
from workflow import officers_queries as queries
from workflow.appointments import APPOINTMENTS, nominate
from workflow.engine import WorkflowError, fire

bp = Blueprint("officers", __name__)


def _me() -> User:
    return current_user._get_current_object()


def _bad_day(bad: pages.BadDay, found: Body | None = None) -> tuple[str, int]:
    """The page again with the message at the date field, no composition: 400."""
    return render_template("officers/index.html", day=None, asked=True, body=found,
                           bad_day=request.args.get("on"), bad_message=bad.message,
                           seats=[]), 400


@bp.get("/officers")
def index() -> str | tuple[str, int]:
    try:
        day, asked = pages.chosen_day()
    except pages.BadDay as bad:
        return _bad_day(bad)
    return render_template("officers/index.html", day=day, asked=asked, body=None,
                           seats=pages.compositions(day))


@bp.get("/officers/bodies/<slug>")
def body(slug: str) -> str | tuple[str, int]:
    found = queries.body_by_slug(db.session, slug)
    if found is None:
        raise refuse(404, gettext("There is no such body."))
    try:
        day, asked = pages.chosen_day()
    except pages.BadDay as bad:
        return _bad_day(bad, found)
    return render_template("officers/index.html", day=day, asked=asked, body=found,
                           seats=pages.compositions(day, found))


@bp.get("/officers/people/<slug>")
def person(slug: str) -> str:
    found = queries.person_by_slug(db.session, slug)
    if found is None:
        raise refuse(404, gettext("There is no such person."))
    return render_template("officers/person.html", **pages.person_page(found))


@bp.get("/officers/documents")
def documents() -> str:
    return render_template("officers/documents.html", **pages.documents_page())


@bp.get("/officers/pending")
@roles_required(*OFFICE)
def pending() -> str:
    return render_template("officers/pending.html", **pages.pending_page(date.today()))


def _appointment(appointment_id: int) -> Appointment:
    found = db.session.get(Appointment, appointment_id)
    if found is None:
        raise refuse(404, gettext("There is no such appointment."))
    return found


@bp.get("/officers/appointments/<int:appointment_id>")
@roles_required(*OFFICE)
def appointment(appointment_id: int) -> str:
    found = _appointment(appointment_id)
    return render_template("officers/appointment.html", **pages.appointment_page(found))


@bp.post("/officers/appointments/<int:appointment_id>/<any(request_release, release):action>")
@roles_required(*SECRETARIAT)
def release(appointment_id: int, action: str) -> str | Response | tuple[str, int]:
    found = _appointment(appointment_id)
    form = ReleaseForm()
    if not form.validate_on_submit():
        flash(messages.invalid_form(), "error")
        return render_template("officers/appointment.html", **pages.appointment_page(found, form))
    try:
        fire(db.session, APPOINTMENTS, found, action, actor=_me(),
             decision=form.decision.data if action == "release" else None,
             reason=form.reason.data, payload={"reason_text": form.reason_text.data or None},
             expected_version=form.version.data)
    except WorkflowError as error:
        return _refused(error, found, form)
    flash(messages.fired(APPOINTMENTS, APPOINTMENTS.transition(action).label, found.state), "info")
    return redirect(url_for("officers.appointment", appointment_id=found.id))


def _refused_status() -> int:
    """A form shown again after a POST was refused (a saved one redirects): 400."""
    return 400 if request.method == "POST" else 200


def _refused(error: WorkflowError, found: Appointment, form: ReleaseForm) -> tuple[str, int]:
    """An engine refusal: the message at its field or on top; the page again, nothing saved."""
    result = messages.outcome(error, APPOINTMENTS)
    if result.status is not None:
        raise refuse(result.status, result.message)
    db.session.refresh(found)
    if result.field and result.field in form._fields:
        form._fields[result.field].errors = [result.message]
    flash(result.message, result.category)
    return render_template("officers/appointment.html", **pages.appointment_page(found, form)), 400


@bp.route("/officers/nominate", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def nominate_person() -> str | Response | tuple[str, int]:
    form = pages.nomination_form()
    if not form.validate_on_submit():
        return render_template("officers/nominate.html", form=form), _refused_status()
    who = db.session.get(Person, form.person.data)
    seat = db.session.get(Position, form.position.data)
    if who is None or seat is None:
        raise refuse(400, gettext("Choose the person and the position from the lists."))
    try:
        made = nominate(db.session, person=who, position=seat, actor=_me(),
                        nominated_on=form.nominated_on.data, comment=form.comment.data)
    except WorkflowError as error:
        flash(messages.outcome(error, APPOINTMENTS).message, "error")
        return render_template("officers/nominate.html", form=form), 400
    flash(gettext("Nominated. The Board endorses the nomination next."), "info")
    return redirect(url_for("officers.appointment", appointment_id=made.id))


@bp.route("/officers/people/new", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def new_person() -> str | Response | tuple[str, int]:
    form = pages.person_form()
    if not form.validate_on_submit():
        return render_template("officers/person_form.html", form=form)
    fields = {name: (form[name].data or "").strip() for name in (
        "surname_ru", "given_ru", "patronymic_ru", "surname_en", "given_en", "patronymic_en",
        "title_ru", "title_en", "email")}
    try:
        made = officer_records.add_person(db.session, actor=_me(),
                                          city_id=form.city.data or None,
                                          gender=form.gender.data or None, **fields)
    except WorkflowError as error:
        flash(messages.outcome(error, APPOINTMENTS).message, "error")
        return render_template("officers/person_form.html", form=form), 400
    flash(gettext("The person was added."), "info")
    return redirect(url_for("officers.person", slug=made.slug))


@bp.route("/officers/positions/new", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def new_position() -> str | Response | tuple[str, int]:
    form = pages.position_form()
    if not form.validate_on_submit():
        return render_template("officers/position_form.html", form=form)
    found = db.session.get(Body, form.body.data)
    if found is None:
        raise refuse(400, gettext("Choose the body from the list."))
    try:
        officer_records.add_position(
            db.session, actor=_me(), body=found, title_ru=form.title_ru.data,
            title_en=form.title_en.data, single_seat=form.single_seat.data,
            rank=form.rank.data or 100)
    except WorkflowError as error:
        refused, field = messages.outcome(error, APPOINTMENTS), error.params.get("field")
        if field in form._fields:
            form._fields[field].errors = [refused.message]
        flash(refused.message, "error")
        return render_template("officers/position_form.html", form=form), 400
    flash(gettext("The position was added."), "info")
    return redirect(url_for("officers.body", slug=found.slug))
