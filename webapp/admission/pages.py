"""What the admission pages show, and how the form's POST is carried out.

Kept apart from ``blueprint.py`` so the views stay a few lines each.
"""

from datetime import date
from typing import Any

from flask import current_app, flash, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models import City
from models.admission import Application
from models.formatting import whole_number
from webapp.admission.forms import ApplicationForm
from webapp.extensions import db
from workflow import applications, documents
from workflow.admission import ADMISSION, WAITING_FOR, letter_of_intent
from workflow.engine import Refusal, StaleVersion, WorkflowError, WrongState

# How the history names the steps that are not transitions.
STEP_LABELS = {
    "seed": _l("Recorded from the session's decision"),
    "comment": _l("Comment"),
}


def step_label(name: str) -> str:
    """A history entry's transition as the reader's words."""
    if name in STEP_LABELS:
        return str(STEP_LABELS[name])
    kind, _sep, target = name.partition(":")
    if kind == "vote" and target:
        return gettext("Vote of a Board member")
    if kind == "withdraw" and target:
        return gettext("A Board member withdrew their vote")
    try:
        return str(ADMISSION.transition(name).label)
    except WorkflowError:
        return name


def state_label(name: str) -> str:
    try:
        return str(ADMISSION.state(name).label)
    except WorkflowError:
        return name


def _saved_id(application: Application) -> int:
    """The id of an application read from the database (every page shows a saved one)."""
    assert application.id is not None
    return application.id


def open_request(steps: list, application: Application) -> Any:
    """The Secretariat's request the applicant is answering now, if any."""
    asked = [e for e, _u in steps if e.transition == "request_info"]
    return asked[-1] if asked and application.state == "info_requested" else None


def subject(application: Application) -> dict[str, Any]:
    """Everything the application's page shows."""
    session = db.session
    steps = applications.steps(session, application)
    return {
        "application": application,
        "workflow": ADMISSION,
        "city": session.get(City, application.city_id),
        "state": state_label(application.state),
        "waiting_for": WAITING_FOR.get(application.state, ""),
        "documents": documents.named(applications.documents(session, _saved_id(application))),
        "steps": steps,
        "step_label": step_label,
        "state_label": state_label,
        "request": open_request(steps, application),
        "may_edit": _may_edit(application),
        "fees": applications.fees_in_force(session, date.today()),
        "has_panel": "workflows" in current_app.blueprints,
    }


def _may_edit(application: Application) -> bool:
    return bool(
        current_user.role == "applicant" and current_user.city_id == application.city_id
        and application.state in applications.EDITABLE
    )


def render_form(application: Application, form: ApplicationForm) -> str:
    answering = application.state == "info_requested"
    letter = letter_of_intent(db.session, _saved_id(application))
    return render_template(
        "admission/form.html", form=form, application=application,
        city=db.session.get(City, application.city_id),
        fees=applications.fees_in_force(db.session, date.today()),
        letter=letter,
        letter_name=letter and documents.download_name(
            letter, documents.version_of(db.session, letter)),
        answering=answering,
        request=open_request(applications.steps(db.session, application), application)
        if answering else None,
        state=state_label(application.state),
    )


def _version(form: ApplicationForm) -> int | None:
    """The version the form was loaded at; an unreadable one counts as out of date."""
    if not form.version.data:
        return None
    number = whole_number(form.version.data)
    return -1 if number is None else number


def upload_quota() -> documents.Quota:
    """The configured quota of an application's documents."""
    config = current_app.config
    return documents.Quota(documents=config["APPLICATION_MAX_DOCUMENTS"],
                           total_bytes=config["APPLICATION_MAX_MEGABYTES"] * 1024 * 1024)


def apply_form(application: Application, form: ApplicationForm, *, actor: Any,
               upload: tuple[bytes, str | None] | None, submit: bool) -> str | None:
    """Save the draft, attach the letter, submit if asked; the page to go to, or None."""
    session = db.session
    fees = applications.fees_in_force(session, date.today())
    values = form.values()
    values["fees_year"] = fees.year if fees and values["fees_accepted"] else None
    applications.save_draft(session, application=application, actor=actor, fields=values)
    if upload is not None:
        try:
            applications.attach_letter(session, application=application, actor=actor,
                                       data=upload[0], filename=upload[1],
                                       upload_dir=current_app.config["UPLOAD_DIR"],
                                       quota=upload_quota())
        except Refusal as error:
            form.letter.errors = [str(error.message)]
            flash(gettext("The rest of the form was saved; the letter was not attached."),
                  "error")
            return None
    if not submit:
        flash(gettext("The draft is saved."), "info")
        return url_for("admission.edit", application_id=application.id)
    complete = form.require_complete(
        has_letter=letter_of_intent(session, _saved_id(application)) is not None,
        fees_known=fees is not None, answering=application.state == "info_requested")
    if not complete:
        flash(gettext("The draft is saved, but it cannot be submitted yet: "
                      "see the marked fields."), "error")
        return None
    applications.submit_application(session, application=application, actor=actor,
                                    fields=values, version=_version(form),
                                    comment=form.answer.data)
    flash(gettext("The application is submitted. The Secretariat has been notified."), "info")
    return url_for("admission.show", application_id=application.id)


def not_editable_message(application: Application) -> str:
    return gettext("The application is %(state)s and can no longer be changed.",
                   state=state_label(application.state))


def refusal_message(error: WorkflowError) -> str:
    """An engine error on the form as the reader's sentence."""
    if isinstance(error, StaleVersion | WrongState) or error.code == "not_editable":
        return gettext("The application was changed in the meantime (it may already be "
                       "submitted). Nothing was lost: reload the page to see it.")
    if error.message:
        return str(error.message)
    return gettext("This could not be done.")
