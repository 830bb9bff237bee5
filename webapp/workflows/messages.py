"""Every engine error and explanation as the reader's sentence, in one place.

``outcome(error, workflow)`` says how the web layer answers an engine error:
an error page with a status (403, 404, 409), a message next to a form field,
or a flashed message on the subject's page.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext, ngettext

from webapp import timezones
from webapp.labels import ROLES
from workflow.engine import NotAllowed, Refusal, StaleVersion, Workflow, WorkflowError, WrongState


@dataclass(frozen=True)
class Outcome:
    """How to answer: ``status`` set means an error page; ``field`` a form error."""

    message: str
    status: int | None = None
    field: str | None = None
    category: str = "error"


def moment(at: datetime | None) -> str:
    """A point in time on the reader's clock: "25 мая 2023, 14:05 (Москва, UTC+3)"."""
    return timezones.moment(at)


def state_label(workflow: Workflow, name: str | None) -> str:
    if not name:
        return ""
    try:
        return str(workflow.state(name).label)
    except WorkflowError:
        return name


def roles_text(roles: Any) -> str:
    return ", ".join(str(ROLES.get(role, role)) for role in roles)


def explanation(reason: tuple[str, Any]) -> str:
    """Why an action is not possible for the reader, and who can take it."""
    kind, detail = reason
    if kind == "roles":
        return ngettext(
            "Only this role can do this: %(roles)s.",
            "Only these roles can do this: %(roles)s.",
            len(detail), roles=roles_text(detail),
        )
    if kind == "owner":
        return gettext("Only the city this belongs to can do this.")
    if kind == "not_sitting":
        return _not_sitting()
    return str(detail)


def _not_sitting() -> str:
    return gettext("Only those who sit on the Board today vote: your term has ended or "
                   "not begun.")


def _stale(error: StaleVersion, workflow: Workflow) -> str:
    if error.params.get("by"):
        return gettext(
            "%(name)s changed this at %(time)s (now: %(state)s). Reload the page and try again.",
            name=error.params["by"], time=moment(error.params.get("at")),
            state=state_label(workflow, error.params.get("state")),
        )
    return gettext("This was changed in the meantime. Reload the page and try again.")


def _refusal(error: WorkflowError) -> Outcome:
    field = error.params.get("field")
    required = {
        "comment": gettext("A comment is required."),
        "decision": gettext("The decision reference is required."),
        "reason": gettext("A reason is required."),
    }
    if field in required:
        # The engine's own words when it has them (no such session, a malformed
        # reference, a future minute); the plain "required" when the field was empty.
        text = str(error.message) if error.message else required[field]
        return Outcome(text, field=field)
    if error.message:
        return Outcome(str(error.message))
    if error.code == "conflict":
        return Outcome(gettext("This conflicts with data saved meanwhile; nothing was changed."))
    return Outcome(gettext("This could not be done; nothing was changed."))


def outcome(error: WorkflowError, workflow: Workflow) -> Outcome:
    """The answer to an engine error."""
    if isinstance(error, NotAllowed):
        if error.code == "owner":
            return Outcome(gettext("Only the city this belongs to can do this."), status=403)
        if error.code == "not_sitting":
            return Outcome(_not_sitting(), status=403)
        return Outcome(gettext("Your role does not allow this action."), status=403)
    if isinstance(error, StaleVersion):
        return Outcome(_stale(error, workflow), status=409)
    if isinstance(error, WrongState):
        return Outcome(
            gettext("This action is not possible in the state %(state)s.",
                    state=state_label(workflow, error.params.get("state"))),
            status=409,
        )
    if isinstance(error, Refusal):
        return _refusal(error)
    simple = {
        "unknown_transition": (gettext("There is no such action in this workflow."), 404),
        "needs_votes": (gettext("This action is decided by a vote."), 400),
        "no_quorum": (gettext("This action is not decided by a vote."), 400),
    }
    if error.code in simple:
        message, status = simple[error.code]
        return Outcome(message, status=status)
    if error.code == "already_voted":
        return Outcome(gettext("Your vote was already counted."), category="info")
    if error.code == "no_vote":
        return Outcome(gettext("You have no vote to withdraw."), category="info")
    return Outcome(gettext("This could not be done; nothing was changed."))


def fired(workflow: Workflow, label: Any, state: str) -> str:
    return gettext("Done: %(action)s. The state is now: %(state)s.",
                   action=str(label), state=state_label(workflow, state))


def counted(approve: bool, approvals: int, needed: int) -> str:
    if approve:
        return gettext("Your approval was counted (%(approvals)s of %(needed)s needed).",
                       approvals=approvals, needed=needed)
    return gettext("Your objection was recorded.")


def withdrawn() -> str:
    return gettext("Your vote was withdrawn.")


def commented() -> str:
    return gettext("Your comment was added.")


def invalid_form() -> str:
    return gettext("Please correct the form below.")
