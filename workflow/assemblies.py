"""Sessions of the Assembly: planning the next one, and finding them.

A session is numbered in order; its date may not fall before the last
session's. Its status moves planned → agenda_prepared → held →
decision_signed through drafting, adoption and signature (see
``workflow.adoption``).
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, col, select

from models import AssemblySession, City, User
from models.formatting import format_day
from workflow.engine import Refusal


def all_sessions(session: Session) -> list[AssemblySession]:
    """Every session, the latest first."""
    return list(session.exec(
        select(AssemblySession).order_by(col(AssemblySession.number).desc())).all())


def by_number(session: Session, number: int) -> AssemblySession | None:
    """The session with this number, if any."""
    return session.exec(select(AssemblySession).where(AssemblySession.number == number)).first()


def latest(session: Session) -> AssemblySession | None:
    """The session with the highest number."""
    return session.exec(
        select(AssemblySession).order_by(col(AssemblySession.number).desc()).limit(1)).first()


class _Day:
    """A date that formats itself in the reader's language when the message is shown."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __str__(self) -> str:
        from flask_babel import get_locale

        try:
            language = str(get_locale() or "ru")
        except RuntimeError:
            language = "ru"
        return format_day(self.day, language)


def plan_session(session: Session, *, city: City | None, held_on: date | None,
                 actor: User) -> AssemblySession:
    """The next session, numbered after the last; its date may not precede the last one's."""
    last = latest(session)
    if held_on is not None and last is not None and last.held_on is not None \
            and held_on <= last.held_on:
        raise Refusal("date_before_last", _l(
            "The date must be after the last session's (%(number)s, %(day)s).",
            number=last.roman, day=_Day(last.held_on)), field="held_on")
    assembly = AssemblySession(number=(last.number + 1) if last else 1,
                               city_id=city.id if city else None, held_on=held_on,
                               sources=[f"planned by user {actor.id}"])
    session.add(assembly)
    session.commit()
    return assembly
