"""The approval of the plan of events, on the workflow engine.

proposed → consolidated (the Expert Council with the Secretariat; in the app
the secretariat role records it, as there is no expert role) → submitted to
the President → approved (the President) → published; held or cancelled
afterwards. The President may send a submitted event back for
consolidation. Publishing makes an event public for good: it reaches the
calendar page and the feeds, and stays there as CANCELLED if cancelled later.
"""

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, col, select

from models import Role, User
from models.events import Event, EventState, bump_revision
from models.workflow import HistoryEntry
from workflow.engine import Context, State, Transition, Workflow, history, register
from workflow.officer_names import Day

OFFICE = (Role.secretariat, Role.admin)
BEFORE_PUBLICATION = ["proposed", "consolidated", "submitted", "approved"]

STATES = [
    State(EventState.proposed.value, _l("Proposed")),
    State(EventState.consolidated.value, _l("Consolidated")),
    State(EventState.submitted.value, _l("Submitted to the President")),
    State(EventState.approved.value, _l("Approved")),
    State(EventState.published.value, _l("Published")),
    State(EventState.held.value, _l("Held"), final=True),
    State(EventState.cancelled.value, _l("Cancelled"), final=True),
]


# --------------------------------------------------------------- effects ----


def touch(ctx: Context) -> None:
    """Every transition is a change: LAST-MODIFIED moves, and public feeds follow."""
    event: Event = ctx.subject
    event.updated_at = ctx.now
    ctx.session.add(event)
    if event.published_at is not None:
        bump_revision(ctx.session, ctx.now)


def make_public(ctx: Context) -> None:
    """Publishing: the event reaches the calendar and the feeds."""
    event: Event = ctx.subject
    event.published_at = event.published_at or ctx.now
    touch(ctx)


def has_begun(ctx: Context) -> object:
    """Only an event that has begun can have been held: held is final."""
    event: Event = ctx.subject
    today = ctx.now.date()
    if event.starts_on is not None and event.starts_on > today:
        return _l("The event begins on %(day)s: it cannot be marked as held before then.",
                  day=Day(event.starts_on))
    if event.starts_on is None and event.year > today.year:
        return _l("The event is planned for %(year)s: it cannot be marked as held before then.",
                  year=event.year)
    return None


TRANSITIONS = [
    Transition("consolidate", ["proposed"], "consolidated", _l("Consolidate"),
               roles=OFFICE, effects=[touch]),
    Transition("submit", ["consolidated"], "submitted", _l("Submit to the President"),
               roles=OFFICE, effects=[touch]),
    Transition("send_back", ["submitted"], "consolidated", _l("Send back for consolidation"),
               roles=[Role.president], asks=["comment"], effects=[touch]),
    Transition("approve", ["submitted"], "approved", _l("Approve"),
               roles=[Role.president], effects=[touch]),
    Transition("publish", ["approved"], "published", _l("Publish"),
               roles=OFFICE, effects=[make_public]),
    Transition("mark_held", ["published"], "held", _l("Mark as held"),
               roles=OFFICE, conditions=[has_begun], effects=[touch], awaited_in=()),
    Transition("cancel", [*BEFORE_PUBLICATION, "published"], "cancelled", _l("Cancel"),
               roles=OFFICE, asks=["reason"], effects=[touch], destructive=True, awaited_in=()),
]

PLAN = register(Workflow(
    name="plan",
    label=_l("Plan of events"),
    model=Event,
    states=STATES,
    transitions=TRANSITIONS,
    initial=EventState.proposed.value,
))


# --------------------------------------------------------------- reading ----


def steps(session: Session, event: Event) -> list[tuple[HistoryEntry, User | None]]:
    """The event's history, oldest first, with who took each step."""
    entries = history(session, PLAN, event.id or 0)
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    users = {user.id: user for user in session.exec(select(User).where(col(User.id).in_(ids)))}
    return [(entry, users.get(entry.actor_id or 0)) for entry in entries]
