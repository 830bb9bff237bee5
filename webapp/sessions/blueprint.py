"""URL rules of the sessions pages: list, session, draft, adoption, document, control."""

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from models import AssemblySession, City, Role
from models.decisions import DeadlinePrecision, DecisionItem, DecisionStatus
from models.directory import city_by_slug
from webapp import documents as kept
from webapp.access import OFFICE, SECRETARIAT, holds_office, roles_required
from webapp.errors import refuse
from webapp.extensions import db
from webapp.i18n import current_language, stateless
from webapp.sessions import documents, forms
from workflow import (
    adoption,
    assemblies,
    decision_queries,
    draft_editing,
    drafting,
    minutes,
    pdf,
)
from workflow.engine import Refusal

bp = Blueprint("sessions", __name__, url_prefix="/sessions")
SIGNERS = (Role.president, Role.admin)


@bp.context_processor
def _labels() -> dict[str, Any]:
    from webapp.sessions import labels

    return labels.template_globals()


def _session(number: int) -> AssemblySession:
    found = assemblies.by_number(db.session, number)
    if found is None:
        raise refuse(404, gettext("There is no such session."))
    return found


def _decision(assembly: AssemblySession) -> Any:
    decision = drafting.decision_of(db.session, assembly)
    if decision is None:
        raise refuse(404, gettext("This session has no draft decision yet."))
    return decision


def _item(assembly: AssemblySession, item_id: int) -> DecisionItem:
    item = decision_queries.item_of(db.session, _decision(assembly), item_id)
    if item is None:
        raise refuse(404, gettext("There is no such item in this decision."))
    return item


def _attempt(action: Callable[[], Any], done: str, form: Any = None) -> bool:
    """Run an operation; flash its success, or why it was refused (nothing changed).

    A refusal that names a field of ``form`` is said next to that field instead.
    """
    try:
        action()
    except adoption.AdoptionFailed as error:
        db.session.rollback()
        flash(gettext("Item %(item)s could not be adopted: %(reason)s Nothing was changed.",
                      item=error.item, reason=str(error.message)), "error")
        return False
    except Refusal as error:
        db.session.rollback()
        message = str(error.message or gettext("This could not be done."))
        name = error.params.get("field")
        if form is not None and name in form._fields:
            form._fields[name].errors = [*form._fields[name].errors, message]
        else:
            flash(message, "error")
        return False
    flash(done, "info")
    return True


def _to_draft(number: int) -> Response:
    return redirect(url_for("sessions.draft", number=number))


def _plan_form() -> forms.PlanSessionForm:
    form = forms.PlanSessionForm()
    form.city.choices = [SelectChoice(c.slug, c.name(current_language()))
                         for c in decision_queries.cities_to_host(db.session)]
    return form


def _index_page(form: forms.PlanSessionForm, status: int = 200) -> tuple[str, int]:
    rows = decision_queries.sessions_with_decisions(db.session)
    return render_template("sessions/index.html", rows=rows, form=form), status


@bp.get("")
@roles_required(*OFFICE)
def index() -> tuple[str, int]:
    return _index_page(_plan_form())


@bp.post("")
@roles_required(*SECRETARIAT)
def plan() -> tuple[str, int] | Response:
    """Plan the next session; a refused form comes back with what was typed (400)."""
    form = _plan_form()
    if not form.validate_on_submit():
        flash(gettext("Choose a city and a date for the session."), "error")
    elif _attempt(
            lambda: assemblies.plan_session(
                db.session, city=city_by_slug(db.session, form.city.data),
                held_on=form.held_on.data, actor=current_user),
            gettext("The next session is planned."), form):
        return redirect(url_for("sessions.index"))
    return _index_page(form, 400)


@bp.get("/<int:number>")
@roles_required(*OFFICE)
def page(number: int) -> str:
    assembly = _session(number)
    return render_template("sessions/page.html", assembly=assembly,
                           decision=drafting.decision_of(db.session, assembly),
                           city=db.session.get(City, assembly.city_id) if assembly.city_id
                           else None, confirm=forms.ConfirmForm())


@bp.post("/<int:number>/draft")
@roles_required(*SECRETARIAT)
def generate(number: int) -> Response:
    assembly = _session(number)
    _attempt(lambda: drafting.generate_draft(db.session, assembly=assembly, actor=current_user),
             gettext("The draft decision was generated from what waits for the session."))
    return _to_draft(number)


@bp.get("/<int:number>/draft")
@roles_required(*OFFICE)
def draft(number: int) -> tuple[str, int]:
    return _draft_page(number)


def _draft_page(number: int, *, item_form: forms.AddItemForm | None = None,
                left_out: dict[str, Any] | None = None, status: int = 200) -> tuple[str, int]:
    """The draft; a refused form (an item, a reason to leave out) shows what was typed."""
    assembly = _session(number)
    decision = _decision(assembly)
    items = drafting.items_of(db.session, decision)
    language = current_language()
    return render_template(
        "sessions/draft.html", assembly=assembly, decision=decision, items=items,
        listed={i.id: decision_queries.listed(db.session, i, language) for i in items},
        item_form=item_form or forms.AddItemForm(formdata=None), adopt_form=forms.AdoptForm(
            formdata=None, version=decision.version), leave_form=forms.LeaveOutForm(formdata=None),
        left_out=left_out or {}, plain=forms.ConfirmForm(formdata=None),
        editable=decision.status == DecisionStatus.draft
        and current_user.role in SECRETARIAT), status


def _execution(form: forms.ItemForm) -> dict[str, Any]:
    return {"executor_ru": form.executor_ru.data, "executor_en": form.executor_en.data,
            "executor_roles": [form.executor_role.data], "deadline": form.deadline.data,
            "deadline_precision": DeadlinePrecision(form.deadline_precision.data)}


@bp.post("/<int:number>/items")
@roles_required(*SECRETARIAT)
def add(number: int) -> tuple[str, int] | Response:
    """Add an item; a refused one comes back in the form with what was typed (400)."""
    decision = _decision(_session(number))
    form = forms.AddItemForm()
    if not form.validate_on_submit():
        flash(gettext("An item needs its text in Russian and in English."), "error")
    elif _attempt(lambda: draft_editing.add_item(
            db.session, decision=decision, section=form.section.data, text_ru=form.text_ru.data,
            text_en=form.text_en.data, actor=current_user, **_execution(form)),
            gettext("The item was added."), form):
        return _to_draft(number)
    return _draft_page(number, item_form=form, status=400)


@bp.route("/<int:number>/items/<int:item_id>", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def edit(number: int, item_id: int) -> tuple[str, int] | Response:
    assembly = _session(number)
    item = _item(assembly, item_id)
    form = forms.ItemForm(obj=item, executor_role=(item.executor_roles or ["secretariat"])[0])
    if form.validate_on_submit() and _attempt(lambda: draft_editing.edit_item(
            db.session, item=item, text_ru=form.text_ru.data, text_en=form.text_en.data,
            actor=current_user, **_execution(form)), gettext("The item was saved."), form):
        return _to_draft(number)
    status = 400 if request.method == "POST" else 200
    return render_template("sessions/edit.html", assembly=assembly, item=item, form=form), status


def _delta(form: Any) -> int | None:
    """-1 for up, +1 for down; None (with a message) when the form says neither."""
    if not form.validate_on_submit() or not form.direction.data:
        flash(gettext("Say which way to move it."), "error")
        return None
    return -1 if form.direction.data == "up" else 1


def _unreadable() -> bool:
    flash(gettext("The form could not be read."), "error")
    return False


@bp.post("/<int:number>/items/<int:item_id>/move")
@roles_required(*SECRETARIAT)
def move(number: int, item_id: int) -> Response:
    item = _item(_session(number), item_id)
    delta = _delta(forms.MoveForm())
    if delta is not None:
        _attempt(lambda: draft_editing.move_item(db.session, item=item, delta=delta,
                                                 actor=current_user),
                 gettext("The item was moved."))
    return _to_draft(number)


@bp.post("/<int:number>/items/<int:item_id>/remove")
@roles_required(*SECRETARIAT)
def remove(number: int, item_id: int) -> Response:
    item = _item(_session(number), item_id)
    _attempt(lambda: draft_editing.remove_item(db.session, item=item, actor=current_user),
             gettext("The item was removed."))
    return _to_draft(number)


@bp.post("/<int:number>/items/<int:item_id>/subjects/<int:subject_id>/leave-out")
@roles_required(*SECRETARIAT)
def leave_out(number: int, item_id: int, subject_id: int) -> tuple[str, int] | Response:
    """Leave a subject out; a refused reason is said next to its input, as typed (400)."""
    item = _item(_session(number), item_id)
    form = forms.LeaveOutForm()
    if form.validate_on_submit() and _attempt(lambda: draft_editing.leave_out(
            db.session, item=item, subject_id=subject_id, reason=form.reason.data,
            actor=current_user),
            gettext("Left out of the item; the reason stays in its annex."), form):
        return _to_draft(number)
    return _draft_page(number, left_out={"item": item.id, "subject": subject_id,
                                         "reason": form.reason.data or "",
                                         "errors": [str(e) for e in form.reason.errors]},
                       status=400)


@bp.post("/<int:number>/items/<int:item_id>/subjects/<int:subject_id>/include")
@roles_required(*SECRETARIAT)
def include(number: int, item_id: int, subject_id: int) -> Response:
    item = _item(_session(number), item_id)
    if forms.SubjectForm().validate_on_submit() or _unreadable():
        _attempt(lambda: draft_editing.include_again(db.session, item=item,
                                                     subject_id=subject_id, actor=current_user),
                 gettext("Put back on the item's list."))
    return _to_draft(number)


@bp.post("/<int:number>/items/<int:item_id>/subjects/<int:subject_id>/move")
@roles_required(*SECRETARIAT)
def move_subject(number: int, item_id: int, subject_id: int) -> Response:
    item = _item(_session(number), item_id)
    delta = _delta(forms.SubjectForm())
    if delta is not None:
        _attempt(lambda: draft_editing.move_subject(db.session, item=item,
                                                    subject_id=subject_id, delta=delta,
                                                    actor=current_user),
                 gettext("The list was reordered."))
    return _to_draft(number)


@bp.post("/<int:number>/adopt")
@roles_required(*SECRETARIAT)
def adopt(number: int) -> Response:
    decision = _decision(_session(number))
    form = forms.AdoptForm()
    if not form.validate_on_submit():
        _unreadable()
        return _to_draft(number)
    if _attempt(lambda: adoption.adopt(db.session, decision=decision, actor=current_user,
                                       expected_version=form.version.data),
                gettext("The session's decision was adopted; every item took effect.")):
        return redirect(url_for("sessions.changes", number=number))
    return _to_draft(number)


@bp.post("/<int:number>/sign")
@roles_required(*SIGNERS)
def sign(number: int) -> Response:
    assembly = _session(number)
    decision = _decision(assembly)
    if forms.ConfirmForm().validate_on_submit() or _unreadable():
        _attempt(lambda: adoption.sign(
            db.session, decision=decision, actor=current_user,
            documents=lambda: documents.keep_signed(db.session, assembly, decision,
                                                    kept.document_dir())),
                 gettext("The decision is signed. Its PDF is kept in Russian and in English."))
    return redirect(url_for("sessions.page", number=number))


def _adopted(assembly: AssemblySession) -> Any:
    decision = drafting.decision_of(db.session, assembly)
    if decision is None or decision.status == DecisionStatus.draft:
        raise refuse(404, gettext("This session's decision has not been adopted yet."))
    return decision


@bp.get("/<int:number>/decision")
def decision(number: int) -> str:
    assembly = _session(number)
    _adopted(assembly)
    return render_template("sessions/decision.html",
                           **decision_queries.document(db.session, assembly))  # type: ignore[arg-type]


@bp.get("/<int:number>/decision.pdf")
def decision_pdf(number: int) -> Response:
    """The decision as PDF in ``?lang=`` (the reader's language by default), with its annex."""
    assembly = _session(number)
    decision = _adopted(assembly)
    language = request.args.get("lang") or current_language()
    if language not in pdf.LANGUAGES:
        raise refuse(400, gettext("A document is in Russian (lang=ru) or in English (lang=en)."))
    data = kept.pdf_bytes(
        lambda root: documents.pdf_bytes(db.session, assembly, decision, language, root))
    return kept.download(data, documents.filename(assembly, decision, language))


@bp.get("/<int:number>/changes")
@roles_required(*OFFICE)
def changes(number: int) -> str:
    assembly = _session(number)
    decision = _decision(assembly)
    return render_template("sessions/changes.html", assembly=assembly, decision=decision,
                           rows=decision_queries.changes(db.session, decision,
                                                         current_language()))


@bp.get("/board-minutes")
@roles_required(*OFFICE)
def board_minutes() -> str:
    return render_template("sessions/minutes.html",
                           rows=minutes.register(db.session, current_language()))


@bp.get("/execution")
@roles_required(*OFFICE)
def execution() -> str:
    return render_template("sessions/execution.html", tasks=decision_queries.tasks(db.session))


@bp.post("/execution/subscription")
@roles_required(*OFFICE)
def subscription() -> str | Response:
    """Make (or replace) the user's subscription link, shown once; or stop it."""
    from webapp.auth import operations

    if request.form.get("action") == "revoke":
        operations.revoke_feed_token(db.session, current_user)
        flash(gettext("Your subscription link no longer works."), "info")
        return redirect(url_for("sessions.execution"))
    token = operations.issue_feed_token(db.session, current_user)
    link = url_for("sessions.subscribed_feed", token=token, _external=True)
    response = make_response(render_template(
        "sessions/execution.html", tasks=decision_queries.tasks(db.session),
        subscription_link=link))
    response.headers["Cache-Control"] = "no-store"  # the page shows a secret, once
    return response


@bp.get("/execution/<token>.ics")
@stateless
def subscribed_feed(token: str) -> Response:
    """The deadline feed for a calendar program, authorised by the link's secret."""
    from webapp.auth import operations
    from webapp.calendar import pages

    user = operations.user_by_feed_token(db.session, token)
    if user is None or user.role not in OFFICE or not holds_office(user):
        raise refuse(404, gettext("This subscription link does not work: it was replaced "
                                  "or stopped. Make a new one on the page of execution."))
    pages.feed_query()
    asked = pages.chosen_language(default="")  # the same checks as the calendar's feeds
    return _deadlines(asked or user.locale or current_language())


@bp.get("/execution.ics")
@roles_required(*OFFICE)
def execution_feed() -> Response:
    return _deadlines(current_language())


def _deadlines(language: str) -> Response:
    from calendars.deadlines import deadlines_feed

    body = deadlines_feed(decision_queries.tasks(db.session), language)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = "inline; filename=mag-deadlines.ics"
    return response
