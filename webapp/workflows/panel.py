"""What the workflow panel shows, gathered for ``workflows/_panel.html``.

``panel_data(workflow, subject)`` is the Jinja global ``workflow_panel_data``:
the state, the forms of the actions the reader may take now (from
``engine.explain``, never a second list), quorum tallies, why the other
actions are not possible, the timeline and the diagram.
"""

from dataclasses import dataclass, field
from typing import Any

from flask import session as browser_session
from flask import url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup

from webapp.extensions import db
from webapp.workflows import forms, messages
from workflow import engine, timeline
from workflow.diagram import render_svg
from workflow.engine import REGISTRY, Transition, Workflow

# Where a refused form waits for the next page: its errors and what was typed.
STASH = "workflow_form"


@dataclass
class Ballot:
    voter: str
    approve: bool
    comment: str | None


@dataclass
class QuorumView:
    """A quorum transition's tally, and the reader's own vote if any.

    ``holders`` is n, the body's seats; ``can_vote`` the accounts among them.
    """

    approvals: int
    objections: int
    needed: int
    holders: int
    ballots: list[Ballot]
    mine: bool | None = None
    can_vote: int = 0

    @property
    def without_account(self) -> int:
        return max(self.holders - self.can_vote, 0)

    @property
    def reachable(self) -> bool:
        return self.can_vote >= self.needed


@dataclass
class Action:
    transition: Transition
    kind: str  # "fire" or "vote"
    form: FlaskForm
    url: str
    quorum: QuorumView | None = None
    withdraw_form: FlaskForm | None = None
    withdraw_url: str | None = None


@dataclass
class Panel:
    workflow: Workflow
    subject: Any
    state: str
    actions: list[Action]
    tallies: list[tuple[Transition, QuorumView]]
    why_not: list[tuple[Transition, list[str]]]
    comment_form: FlaskForm | None
    comment_url: str
    timeline: list[dict[str, Any]]
    diagram: Markup
    signed_in: bool = False
    errors: dict[str, Any] = field(default_factory=dict)

    @property
    def ident(self) -> str:
        return panel_ident(self.workflow, self.subject)


def stash_form(workflow: Workflow, subject: Any, form: FlaskForm, errors: dict) -> None:
    """Keep a refused form's input and errors for the panel after the redirect."""
    data = {
        name: f.data for name, f in form._fields.items()
        if name not in ("csrf_token", "version") and isinstance(f.data, str)
    }
    browser_session[STASH] = {
        "subject": f"{workflow.name}:{subject.id}", "prefix": form._prefix.rstrip("-"),
        "data": data, "errors": errors,
    }


def _stashed(workflow: Workflow, subject: Any) -> dict[str, Any]:
    stash = browser_session.get(STASH)
    if not stash or stash.get("subject") != f"{workflow.name}:{subject.id}":
        return {}
    browser_session.pop(STASH)
    return dict(stash)


def _prefilled(make: Any, subject: Any, stash: dict[str, Any], prefix: str) -> FlaskForm:
    data = {"version": subject.version}
    mine = stash.get("prefix") == prefix
    if mine:
        data.update(stash.get("data", {}))
    form = make(formdata=None, data=data)
    if mine:
        for name, errors in stash.get("errors", {}).items():
            if name in form._fields:
                form._fields[name].errors = list(errors)
    return form


def _quorum(workflow: Workflow, subject: Any, transition: Transition) -> QuorumView:
    current = engine.tally(db.session, workflow, subject, transition.name)
    votes = engine.ballots(db.session, workflow, subject, transition.name)
    names = timeline.actor_names(db.session, (v.voter_id for v in votes))
    mine = next((v.approve for v in votes if v.voter_id == _user_id()), None)
    return QuorumView(
        current.approvals, current.objections, current.needed, current.holders,
        [Ballot(names.get(v.voter_id, "?"), v.approve, v.comment) for v in votes], mine,
        current.can_vote,
    )


def _user_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def _url(kind: str, workflow: Workflow, subject: Any, transition: str | None = None) -> str:
    values: dict[str, Any] = {"workflow": workflow.name, "subject_id": subject.id}
    if transition:
        values["transition"] = transition
    return url_for(f"workflows.{kind}", **values)


def _action(workflow: Workflow, subject: Any, t: Transition, stash: dict) -> Action:
    if t.quorum is None:
        form = _prefilled(
            lambda **kw: forms.fire_form(t.name, tuple(t.asks), **kw), subject, stash,
            f"fire-{t.name}",
        )
        return Action(t, "fire", form, _url("fire", workflow, subject, t.name))
    view = _quorum(workflow, subject, t)
    form = _prefilled(lambda **kw: forms.vote_form(t.name, **kw), subject, stash, f"vote-{t.name}")
    action = Action(t, "vote", form, _url("vote", workflow, subject, t.name), view)
    if view.mine is not None:
        action.withdraw_form = forms.withdraw_form(
            t.name, formdata=None, data={"version": subject.version}
        )
        action.withdraw_url = _url("withdraw", workflow, subject, t.name)
    return action


def _timeline(workflow: Workflow, subject: Any, entries: list) -> list[dict[str, Any]]:
    rendered = []
    for step in timeline.steps(db.session, entries):
        label = _transition_label(workflow, step.transition)
        titles = {
            "comment": gettext("Comment"),
            "vote": (gettext("Approved: %(action)s", action=label) if step.approve
                     else gettext("Objected: %(action)s", action=label)),
            "withdraw": gettext("Vote withdrawn: %(action)s", action=label),
        }
        rendered.append({
            "kind": step.kind,
            "title": titles.get(step.kind, label),
            "from": messages.state_label(workflow, step.from_state),
            "to": messages.state_label(workflow, step.to_state),
            "actor": step.actor or gettext("The system (on schedule)"),
            "at": messages.moment(step.at), "iso": step.at.isoformat(),
            "comment": step.comment, "decision": step.decision,
            "reason": _reason_label(workflow, step.reason),
        })
    return rendered


def _reason_label(workflow: Workflow, reason: str | None) -> str | None:
    """A reason stored as a code reads as the workflow's label for it."""
    if reason is None or reason not in workflow.reason_labels:
        return reason
    return str(workflow.reason_labels[reason])


# History entries that change no state and are no declared transition.
NOTE_LABELS = {
    "seed": _l("Recorded from the session's decision"),
    "session_decision": _l("An item of the session's decision"),
    "plan_agreed": _l("Payment plan agreed"),
}


def _transition_label(workflow: Workflow, name: str) -> str:
    if name in NOTE_LABELS:
        return str(NOTE_LABELS[name])
    try:
        return str(workflow.transition(name).label)
    except engine.WorkflowError:
        return name


def panel_ident(workflow: Workflow, subject: Any) -> str:
    """The prefix of every element id in a subject's panel (as ``_panel.html`` uses)."""
    return f"wf-{workflow.name}-{subject.id}"


def _own_ids(ident: str, forms_: list[FlaskForm | None]) -> None:
    """Give the fields (and their labels) ids of this panel's own: a page listing several
    subjects has several panels, and a label must point at its own field."""
    for form in forms_:
        for f in form or ():
            f.id = f"{ident}-{f.id}"
            f.label.field_id = f.id


def panel_data(workflow: Workflow | str, subject: Any) -> Panel:
    """Everything the panel macro shows for the reader and this subject."""
    flow = REGISTRY[workflow] if isinstance(workflow, str) else workflow
    actor = current_user if current_user.is_authenticated else None
    stash = _stashed(flow, subject)
    explained = engine.explain(flow, subject, actor, db.session)
    actions, why_not, tallies = [], [], []
    for transition, reasons in explained:
        if not reasons and actor is not None:
            actions.append(_action(flow, subject, transition, stash))
            continue
        why_not.append((transition, [messages.explanation(r) for r in reasons]))
        if transition.quorum is not None:
            tallies.append((transition, _quorum(flow, subject, transition)))
    entries = engine.history(db.session, flow, subject.id)
    diagram = render_svg(
        flow, current=subject.state, taken=engine.path_taken(entries), text=str,
        title=gettext("%(workflow)s: now %(state)s", workflow=str(flow.label),
                      state=messages.state_label(flow, subject.state)),
        ident=f"{panel_ident(flow, subject)}-diagram",
    )
    comment_form = None
    if actor is not None and engine.owner_allows(flow, subject, actor):
        comment_form = _prefilled(forms.comment_form, subject, stash, "comment")
    _own_ids(panel_ident(flow, subject), [
        comment_form, *(f for a in actions for f in (a.form, a.withdraw_form))])
    return Panel(
        flow, subject, messages.state_label(flow, subject.state), actions, tallies, why_not,
        comment_form, _url("comment", flow, subject), _timeline(flow, subject, entries),
        Markup(diagram), actor is not None, stash.get("errors", {}),
    )
