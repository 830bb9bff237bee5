"""URL rules: the panel's generic actions, the inbox, the workflows' public pages.

Every action view loads the subject (404 for an unknown workflow or subject,
or another city's subject), checks the reader may take the action (403),
validates the form, calls the engine once, flashes a translated message and
redirects to the subject's page. ``messages.outcome`` answers engine errors.
"""

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

import workflow.registry  # noqa: F401 - registers every workflow
from webapp.access import refuse_lapsed_office
from webapp.errors import refuse
from webapp.extensions import db, login_manager
from webapp.i18n import current_language
from webapp.workflows import forms, listing, messages, subjects
from webapp.workflows.panel import panel_data, stash_form
from workflow import engine, inbox
from workflow.diagram import render_svg
from workflow.engine import REGISTRY, Transition, Workflow, WorkflowError

bp = Blueprint("workflows", __name__)
bp.add_app_template_global(panel_data, "workflow_panel_data")
bp.add_app_template_global(subjects.subject_url, "subject_link")
bp.add_app_template_global(
    lambda flow, subject: subjects.subject_title(flow, subject, current_language()), "subject_name"
)
bp.add_app_template_global(forms.ASKED_LABELS, "ASKED_INPUTS")  # type: ignore[arg-type]


ACTION = "/w/<workflow>/<int:subject_id>"


def _load(name: str, subject_id: int) -> tuple[Workflow, Any]:
    flow = subjects.workflow_named(name)
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if current_user.is_office:
        refuse_lapsed_office()
    return flow, subjects.visible_subject(flow, subject_id)


def _transition(flow: Workflow, subject: Any, name: str) -> Transition:
    """The posted transition, if this reader may take it at all (404, 403)."""
    try:
        transition = flow.transition(name)
        engine.authorize(flow, subject, transition, _actor())
    except WorkflowError as error:
        result = messages.outcome(error, flow)
        raise refuse(result.status or 400, result.message) from error
    return transition


def _actor() -> Any:
    return current_user._get_current_object()


def _back(flow: Workflow, subject: Any) -> Response:
    return redirect(subjects.subject_url(flow, subject))


def _answer(error: WorkflowError, flow: Workflow, subject: Any, form: Any) -> Response:
    """An engine error as an error page, a message at its field, or a flash."""
    result = messages.outcome(error, flow)
    if result.status is not None:
        raise refuse(result.status, result.message)
    db.session.refresh(subject)
    if result.field and result.field in form._fields:
        stash_form(flow, subject, form, {result.field: [result.message]})
    flash(result.message, result.category)
    return _back(flow, subject)


def _invalid(flow: Workflow, subject: Any, form: Any) -> Response:
    stash_form(flow, subject, form, {k: [str(e) for e in v] for k, v in form.errors.items()})
    flash(messages.invalid_form(), "error")
    return _back(flow, subject)


@bp.post(f"{ACTION}/fire/<transition>")
def fire(workflow: str, subject_id: int, transition: str) -> Response:
    flow, subject = _load(workflow, subject_id)
    step = _transition(flow, subject, transition)
    form = forms.fire_form(step.name, tuple(step.asks))
    if not form.validate_on_submit():
        return _invalid(flow, subject, form)
    inputs = {name: form[name].data for name in step.asks}
    try:
        engine.fire(db.session, flow, subject, step.name, actor=_actor(),
                    expected_version=form.version.data, **inputs)
    except WorkflowError as error:
        return _answer(error, flow, subject, form)
    flash(messages.fired(flow, step.label, subject.state), "info")
    return _back(flow, subject)


@bp.post(f"{ACTION}/vote/<transition>")
def vote(workflow: str, subject_id: int, transition: str) -> Response:
    flow, subject = _load(workflow, subject_id)
    step = _transition(flow, subject, transition)
    form = forms.vote_form(step.name)
    if not form.validate_on_submit():
        return _invalid(flow, subject, form)
    approve = form.choice.data == "approve"
    try:
        tally = engine.vote(db.session, flow, subject, step.name, actor=_actor(),
                            approve=approve, comment=form.comment.data or None,
                            expected_version=form.version.data)
    except WorkflowError as error:
        return _answer(error, flow, subject, form)
    if tally.fired is not None:
        flash(messages.fired(flow, step.label, subject.state), "info")
    else:
        flash(messages.counted(approve, tally.approvals, tally.needed), "info")
    return _back(flow, subject)


@bp.post(f"{ACTION}/withdraw/<transition>")
def withdraw(workflow: str, subject_id: int, transition: str) -> Response:
    flow, subject = _load(workflow, subject_id)
    step = _transition(flow, subject, transition)
    form = forms.withdraw_form(step.name)
    if not form.validate_on_submit():
        return _invalid(flow, subject, form)
    try:
        engine.withdraw_vote(db.session, flow, subject, step.name, actor=_actor(),
                             expected_version=form.version.data)
    except WorkflowError as error:
        return _answer(error, flow, subject, form)
    flash(messages.withdrawn(), "info")
    return _back(flow, subject)


@bp.post(f"{ACTION}/comment")
def comment(workflow: str, subject_id: int) -> Response:
    flow, subject = _load(workflow, subject_id)
    form = forms.comment_form()
    if not form.validate_on_submit():
        return _invalid(flow, subject, form)
    try:
        engine.comment(db.session, flow, subject, actor=_actor(), text=form.text.data)
    except WorkflowError as error:
        return _answer(error, flow, subject, form)
    flash(messages.commented(), "info")
    return _back(flow, subject)


@bp.get("/workflows")
def index() -> str:
    flows = sorted(REGISTRY.values(), key=lambda w: str(w.label))
    return render_template("workflows/index.html", flows=flows)


@bp.get("/workflows/<name>")
def detail(name: str) -> str:
    flow = subjects.workflow_named(name)
    diagram = render_svg(flow, text=str)
    return render_template("workflows/detail.html", flow=flow, diagram=diagram)


@bp.get("/inbox")
@login_required
def inbox_page() -> str:
    chosen = request.args.get("workflow")
    page = request.args.get("page", 1, type=int) or 1
    size = 25
    groups = inbox.waiting(db.session, _actor(), REGISTRY.values(), page=max(page, 1),
                           per_page=size, expanded=chosen)
    mine = inbox.acted_on(db.session, _actor(), REGISTRY, limit=size)
    return render_template(
        "workflows/inbox.html", page=page, chosen=chosen,
        groups=[(g, listing.group_rows(g)) for g in groups], mine=listing.acted_rows(mine),
    )
