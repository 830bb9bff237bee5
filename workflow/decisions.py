"""Checking the decision references that transitions record."""

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from models.sessions import AssemblySession, DecisionRef, parse_decision
from workflow.engine import Refusal


def check_decision(session: Session, text: str) -> DecisionRef:
    """The parsed reference; Refusal when it is malformed or names no known session."""
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
    return ref
