"""URL rules of admission: the applicant's form, letter and status; the office's review.

The subject page (``/admission/<id>``) shows the engine's panel, whose
generic routes take every other step; the form and the upload are here
because they carry the application's fields and file.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from models import City, Role, User
from models.admission import Application
from webapp.access import OFFICE, roles_required
from webapp.admission import pages
from webapp.admission.forms import ApplicationForm, StartForm, form_for
from webapp.admission.uploads import read_upload, send_document
from webapp.errors import refuse
from webapp.extensions import db
from workflow import applications
from workflow.admission import ADMISSION
from workflow.engine import WorkflowError

bp = Blueprint("admission", __name__)


def _me() -> User:
    return current_user._get_current_object()


def _application(application_id: int) -> Application:
    """The application, or 404 for a missing one or another city's."""
    found = db.session.get(Application, application_id)
    if found is None or not applications.may_view(found, current_user):
        raise refuse(404, gettext("There is no such application."))
    return found


@bp.route("/admission", methods=["GET", "POST"])
@roles_required(Role.applicant)
def mine() -> str | Response:
    found = applications.current_application(db.session, current_user.city_id)
    again = found is not None and applications.may_apply_again(found)
    if found is not None and request.method == "GET":
        return render_template("admission/application.html", **pages.subject(found),
                               start_form=StartForm() if again else None)
    if found is not None and not again:
        return redirect(url_for("admission.show", application_id=found.id))
    city = db.session.get(City, current_user.city_id)
    if city is None:
        raise refuse(404, gettext("There is no such city in the association."))
    form = StartForm()
    if not form.validate_on_submit():
        return render_template("admission/start.html", form=form, city=city)
    started = applications.open_application(db.session, city=city, actor=_me())
    flash(gettext("Your application is open. Save it as often as you like."), "info")
    return redirect(url_for("admission.edit", application_id=started.id))


@bp.get("/admission/<int:application_id>")
def show(application_id: int) -> str:
    application = _application(application_id)
    return render_template("admission/application.html", **pages.subject(application))


@bp.route("/admission/<int:application_id>/edit", methods=["GET", "POST"])
@login_required
def edit(application_id: int) -> str | Response | tuple[str, int]:
    # 404 before the role check: another city's member must not learn the application exists.
    application = _application(application_id)
    if current_user.role != Role.applicant:
        raise refuse(403, gettext("Your role does not allow this page."))
    if application.state not in applications.EDITABLE:
        flash(pages.not_editable_message(application), "error")
        return redirect(url_for("admission.show", application_id=application.id))
    form = form_for(application) if request.method == "GET" else ApplicationForm()
    if request.method == "GET" or not form.validate_on_submit():
        return pages.render_form(application, form)
    try:
        done = pages.apply_form(application, form, actor=_me(),
                                upload=read_upload(form.letter.data),
                                submit=request.form.get("action") == "submit")
    except WorkflowError as error:
        db.session.rollback()
        db.session.refresh(application)
        flash(pages.refusal_message(error), "error")
        return pages.render_form(application, form), 409 if error.status == 409 else 400
    if done is None:
        return pages.render_form(application, form)
    return redirect(done)


@bp.get("/admission/<int:application_id>/documents/<int:document_id>")
def document(application_id: int, document_id: int) -> Response:
    application = _application(application_id)
    found = applications.document(db.session, application, document_id)
    if found is None:
        raise refuse(404, gettext("There is no such document."))
    return send_document(found)


@bp.get("/office/admission")
@roles_required(*OFFICE)
def queue() -> str:
    state = request.args.get("state") or None
    known = {s.name for s in ADMISSION.states}
    rows = applications.review_queue(db.session, [state] if state in known else None)
    return render_template("admission/queue.html", rows=rows, chosen=state,
                           states=ADMISSION.states, state_name=pages.state_label)
