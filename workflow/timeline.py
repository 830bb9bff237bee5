"""A subject's history as timeline steps: message ids and parameters, no text.

The web layer renders each ``Step`` in the reader's language; this module
only sorts entries into kinds and finds the actors' names.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models import User
from models.workflow import HistoryEntry


@dataclass(frozen=True)
class Step:
    """One history entry, classified: kind is change, comment, vote, withdraw or system."""

    kind: str
    transition: str
    from_state: str
    to_state: str
    actor: str | None
    at: datetime
    comment: str | None
    decision: str | None
    reason: str | None
    approve: bool | None


def actor_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """Display names of the given users, in one query."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(col(User.id).in_(wanted))).all()
    return {user_id: name for user_id, name in rows if user_id is not None}


def _kind(entry: HistoryEntry) -> tuple[str, str]:
    prefix, _sep, name = entry.transition.partition(":")
    if name:
        return ("vote" if prefix == "vote" else "withdraw"), name
    if entry.transition == "comment" and entry.from_state == entry.to_state:
        return "comment", ""
    return ("change" if entry.actor_id is not None else "system"), entry.transition


def steps(session: Session, entries: Sequence[HistoryEntry]) -> list[Step]:
    """The entries as timeline steps, oldest first."""
    names = actor_names(session, (e.actor_id for e in entries))
    result = []
    for entry in entries:
        kind, transition = _kind(entry)
        payload: dict[str, Any] = entry.payload or {}
        result.append(
            Step(
                kind=kind, transition=transition, from_state=entry.from_state,
                to_state=entry.to_state,
                actor=names.get(entry.actor_id) if entry.actor_id is not None else None,
                at=entry.at, comment=entry.comment, decision=entry.decision_ref,
                reason=payload.get("reason"),
                approve=payload.get("approve") if kind == "vote" else None,
            )
        )
    return result
