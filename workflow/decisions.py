"""Checking the decision references that transitions record."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from models.sessions import AssemblySession, DecisionRef, parse_decision
from workflow.engine import Refusal


def check_decision(session: Session, text: str, *, today: date | None = None) -> DecisionRef:
    """The parsed reference; Refusal when it is malformed, names no known session, or
    is a minute dated after ``today`` (the day it is recorded)."""
    try:
        ref = parse_decision(text)
    except ValueError as error:
        raise Refusal(
            "bad_decision",
            _l("Write the decision as session and item (XXIX:1.3) or as "
               "board:YYYY-MM-DD:number for a Board minute."),
            field="decision",
        ) from error
    if ref.body == "session":
        found = session.exec(
            select(AssemblySession).where(AssemblySession.number == ref.session_number)
        ).first()
        if found is None:
            raise Refusal(
                "unknown_session",
                _l("There is no session number %(number)s.", number=ref.session_number),
                field="decision",
            )
    if ref.minute_date is not None and ref.minute_date > (today or date.today()):
        raise Refusal(
            "future_minute",
            _l("A minute dated %(day)s has not been taken yet: check its date.",
               day=ref.minute_date.isoformat()),
            field="decision",
        )
    return ref
