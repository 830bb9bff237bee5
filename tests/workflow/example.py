"""A small example workflow that exercises every feature of the engine.

A "ticket" belongs to a city; the city's applicant drafts and submits it,
the secretariat reviews it (asking for a comment), the Board approves it by
majority, and the sweep marks waiting tickets as stale after 30 days.
Its table lives in a metadata of its own so the app's migrations ignore it.
"""

from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import MetaData
from sqlmodel import Field, SQLModel

from models import Role
from models.users import BOARD_ROLES
from models.workflow import StatefulMixin, waiting_index
from workflow.engine import (
    Context,
    Notice,
    Quorum,
    Refusal,
    State,
    Timer,
    Transition,
    Workflow,
    register,
)
from workflow.outbox import MOVED, register_message

EXAMPLE_METADATA = MetaData()


class ExampleBase(SQLModel):
    metadata = EXAMPLE_METADATA


class Ticket(ExampleBase, StatefulMixin, table=True):
    __tablename__ = "example_tickets"
    __table_args__ = (waiting_index("example_tickets"),)

    id: int | None = Field(default=None, primary_key=True)
    city_id: int
    title: str = ""
    fail_effect: bool = False


def has_title(ctx: Context) -> object:
    return None if ctx.subject.title.strip() else _l("The ticket has no title.")


def explode_if_asked(ctx: Context) -> None:
    if ctx.subject.fail_effect:
        raise Refusal("effect_failed", _l("The side effect failed."))


def crash_if_titled_crash(ctx: Context) -> None:
    """A side effect failing the way a bug would: not with a ``Refusal``."""
    if ctx.subject.title == "crash":
        raise RuntimeError("the side effect crashed")


def notify_author(ctx: Context) -> list[Notice]:
    return [Notice(ctx.actor, "example.changed", {"to": ctx.transition.dest})] if ctx.actor else []


def waiting_too_long(as_of: date) -> object:
    cutoff = datetime.combine(as_of - timedelta(days=30), time(), UTC)
    return Ticket.state_changed_at < cutoff  # type: ignore[operator]


register_message("example.changed", **MOVED)

TICKETS = register(
    Workflow(
        name="example",
        label="Example tickets",
        model=Ticket,
        owner_column="city_id",
        subject_url=lambda ticket: f"/example/tickets/{ticket.id}",
        subject_title=lambda ticket, language: ticket.title or f"#{ticket.id}",
        initial="draft",
        states=[
            State("draft", "Draft"),
            State("submitted", "Submitted"),
            State("review", "In review"),
            State("approved", "Approved", final=True),
            State("stale", "Stale"),
        ],
        transitions=[
            Transition("submit", ["draft"], "submitted", "Submit", roles=[Role.applicant],
                       conditions=[has_title], notify=notify_author),
            Transition("take", ["submitted"], "review", "Take into review",
                       roles=[Role.secretariat], asks=["comment"], effects=[explode_if_asked, crash_if_titled_crash]),
            Transition("approve", ["review"], "approved", "Approve", roles=BOARD_ROLES,
                       quorum=Quorum()),
            Transition("expire", ["submitted", "review"], "stale", "Mark stale",
                       timer=Timer(due=waiting_too_long)),
            Transition("reopen", ["stale"], "draft", "Reopen", roles=[Role.applicant]),
        ],
    )
)
