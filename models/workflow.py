"""The engine's own tables: the append-only history, quorum votes, the outbox."""

from datetime import datetime
from typing import Any

from sqlalchemy import Index, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from models.base import json_field, timestamp_field


def waiting_index(table: str) -> Index:
    """The index the inbox reads on a subject table: a state's subjects, oldest first.

    Put it in the table's ``__table_args__``; without it the inbox sorts every
    subject of a state to show the oldest 25.
    """
    return Index(f"ix_{table}_waiting", "state", "state_changed_at", "id")


# A mixin for subject tables: the state column and the version that guards it.
class StatefulMixin(SQLModel):
    state: str = Field(max_length=40, index=True)
    version: int = 1
    state_changed_at: datetime = timestamp_field(index=True)


# One step in a subject's life: a transition, a comment, or a vote.
class HistoryEntry(SQLModel, table=True):
    __tablename__ = "workflow_history"
    __table_args__ = (
        Index("ix_history_subject", "workflow", "subject_id", "id"),
        # "What I acted on", newest first, stays an index walk with a million rows.
        Index("ix_history_actor", "actor_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workflow: str = Field(max_length=40)
    subject_id: int
    # The transition's name; "comment" and "vote" entries change no state.
    transition: str = Field(max_length=60)
    from_state: str = Field(max_length=40)
    to_state: str = Field(max_length=40)
    # None when the system (the sweep) acted.
    actor_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    at: datetime = timestamp_field(index=True)
    comment: str | None = None
    decision_ref: str | None = Field(default=None, max_length=120)
    # Message parameters, never rendered text, so each reader reads their language.
    payload: dict[str, Any] = json_field()

    def __repr__(self) -> str:
        return f"<History {self.workflow}#{self.subject_id} {self.transition} -> {self.to_state}>"


@event.listens_for(HistoryEntry, "before_update")
@event.listens_for(HistoryEntry, "before_delete")
def _history_is_append_only(_mapper: Any, _connection: Any, target: HistoryEntry) -> None:
    raise PermissionError(f"history is append-only: {target!r}")


# A Board member's approval or objection towards a quorum transition.
class Vote(SQLModel, table=True):
    __tablename__ = "workflow_votes"
    __table_args__ = (
        UniqueConstraint("workflow", "subject_id", "transition", "stage", "voter_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workflow: str = Field(max_length=40)
    subject_id: int = Field(index=True)
    transition: str = Field(max_length=60)
    # The subject's version when the vote was cast: a vote counts for one pass only.
    stage: int
    voter_id: int = Field(foreign_key="users.id")
    approve: bool
    comment: str | None = None
    at: datetime = timestamp_field()
    withdrawn_at: datetime | None = timestamp_field(nullable=True)


# A notification waiting to be delivered, written with the transition that caused it.
class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int | None = Field(default=None, foreign_key="users.id")
    email: str = Field(max_length=254)
    locale: str = Field(max_length=5)
    # A message id and its parameters; rendered in the recipient's language on sending.
    template: str = Field(max_length=80)
    params: dict[str, Any] = json_field()
    workflow: str | None = Field(default=None, max_length=40)
    subject_id: int | None = None
    created_at: datetime = timestamp_field()
    sent_at: datetime | None = timestamp_field(nullable=True, index=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=500)
    # After a failure, not before this time (the backoff grows with each attempt).
    next_attempt_at: datetime | None = timestamp_field(nullable=True)
