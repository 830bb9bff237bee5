"""The register of the Board's minutes: entered when a transition first cites one.

A Board minute (``board:2024-03-01:5``) is written by the Board's secretary
outside the software; the first transition that cites it enters it here, with
what it decided (that step on that subject) and who entered it. Later
citations of the same minute find it in the register. A minute dated after
the day it is recorded is refused before this (``workflow.decisions``).
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from models import User
from models.minutes import BoardMinute
from models.sessions import DecisionRef
from workflow.engine import REGISTRY


def enter_cited(session: Session, ref: DecisionRef, *, workflow: str, transition: str,
                subject_id: int, actor: User | None) -> BoardMinute | None:
    """The minute ``ref`` names, entered on its first citation (no commit)."""
    if ref.body != "board" or ref.minute_date is None or ref.minute_number is None:
        return None
    found = session.exec(select(BoardMinute).where(
        BoardMinute.minute_date == ref.minute_date,
        BoardMinute.number == ref.minute_number)).first()
    if found is not None:
        return found
    minute = BoardMinute(minute_date=ref.minute_date, number=ref.minute_number,
                         workflow=workflow, transition=transition, subject_id=subject_id,
                         entered_by_id=actor.id if actor and actor.id else None)
    session.add(minute)
    session.flush()
    return minute


@dataclass(frozen=True)
class Row:
    """A minute as the register page shows it, in the reader's language."""

    minute_date: date
    number: str
    decided: str
    subject: str
    url: str | None
    entered_by: str | None
    entered_at: datetime


def register(session: Session, language: str) -> list[Row]:
    """Every minute entered, newest first."""
    minutes = session.exec(select(BoardMinute).order_by(
        col(BoardMinute.minute_date).desc(), col(BoardMinute.id).desc())).all()
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(
        {m.entered_by_id for m in minutes if m.entered_by_id}))).all()}
    return [_row(session, m, users, language) for m in minutes]


def _row(session: Session, minute: BoardMinute, users: dict[Any, User], language: str) -> Row:
    workflow = REGISTRY.get(minute.workflow)
    decided, subject, url = minute.transition, f"{minute.workflow} #{minute.subject_id}", None
    if workflow is not None:
        known = {t.name: t for t in workflow.transitions}
        if minute.transition in known:
            decided = str(known[minute.transition].label)
        row = session.get(workflow.model, minute.subject_id)
        if row is not None and workflow.subject_title is not None:
            subject = workflow.subject_title(row, language)
        if row is not None and workflow.subject_url is not None:
            url = workflow.subject_url(row)
    who = users.get(minute.entered_by_id)
    return Row(minute.minute_date, minute.number, decided, subject, url,
               who.display_name if who else None, minute.entered_at)
