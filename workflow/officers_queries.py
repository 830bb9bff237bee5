"""Reading the officers: who sat on a body on a date, a person's offices, what waits.

A term covers [started_on, ended_on); an unknown start counts as "since
before anything we know", so such a holder sits on every date before the
known end ("since: not stated in the sources" on the pages).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, true
from sqlmodel import Session, col, select

from models import AssemblySession, Body, City, Person, Position, SessionStatus, User
from models.officers import SEATED_STATES, AdoptedDocument, Appointment
from workflow.engine import Electorate

BOARD_SLUG = "board"


@dataclass(frozen=True)
class Seat:
    """One holder of one position, with the term that seats them."""

    position: Position
    person: Person
    appointment: Appointment


@dataclass(frozen=True)
class Pending:
    """What the next session is asked to decide."""

    nominations: list[Seat]
    releases: list[Seat]


def bodies(session: Session) -> list[Body]:
    """Every body, the Board first."""
    rows = session.exec(select(Body).order_by(col(Body.id))).all()
    return sorted(rows, key=lambda b: b.slug != "board")


def body_by_slug(session: Session, slug: str) -> Body | None:
    return session.exec(select(Body).where(Body.slug == slug)).first()


def person_by_slug(session: Session, slug: str) -> Person | None:
    return session.exec(select(Person).where(Person.slug == slug)).first()


def people(session: Session) -> list[Person]:
    return list(session.exec(select(Person).order_by(col(Person.surname_ru))).all())


def positions(session: Session) -> list[Position]:
    return list(session.exec(select(Position).order_by(col(Position.rank), col(Position.id))).all())


def _seats(session: Session, *conditions: Any) -> list[Seat]:
    rows = session.exec(
        select(Appointment, Position, Person)
        .join(Position, col(Position.id) == Appointment.position_id)
        .join(Person, col(Person.id) == Appointment.person_id)
        .where(*conditions)
        .order_by(col(Position.rank), col(Person.surname_ru), col(Appointment.id))
    ).all()
    return [Seat(position=p, person=who, appointment=a) for a, p, who in rows]


def _held_on(day: date) -> tuple[Any, ...]:
    """SQL on ``Appointment``: the term covers ``day`` (see the module's docstring)."""
    return (
        *_held_ever(),
        or_(col(Appointment.started_on).is_(None), col(Appointment.started_on) <= day),
        or_(col(Appointment.ended_on).is_(None), col(Appointment.ended_on) > day),
    )


def composition(session: Session, body: Body, day: date) -> list[Seat]:
    """Who held which position of ``body`` on ``day``, by rank then surname."""
    return _seats(session, *_held_on(day), Position.body_id == body.id)


def board_members(session: Session, day: date) -> Electorate | None:
    """The Board on ``day`` as the officers' records hold it, for its quorums.

    Its seats are the persons holding a Board position that day (the President's
    included), whether or not they have an account; only accounts linked to one of
    them vote. An account linked to nobody sits in no seat. None where no Board
    position was ever held: the records are not kept, and the Board is its accounts.
    """
    board_terms = (
        select(Appointment.person_id)
        .join(Position, col(Position.id) == Appointment.position_id)
        .join(Body, col(Body.id) == Position.body_id)
        .where(Body.slug == BOARD_SLUG)
    )
    if session.exec(board_terms.where(*_held_ever()).limit(1)).first() is None:
        return None
    seated = set(session.exec(board_terms.where(*_held_on(day))).all())
    accounts = session.exec(select(User.id).where(col(User.person_id).in_(seated))).all()
    return Electorate(seats=len(seated), voters=frozenset(accounts))


def _held_ever() -> tuple[Any, ...]:
    """SQL on ``Appointment``: a term that was held at some time (not a mere nomination)."""
    return (col(Appointment.state).in_([*SEATED_STATES, "released"]),)


def offices_of(session: Session, person: Person) -> list[Seat]:
    """Every appointment of a person, nominations included, by rank."""
    return _seats(session, Appointment.person_id == person.id)


def next_session(session: Session, today: date) -> AssemblySession | None:
    """The first session not yet held: planned or with its agenda prepared."""
    return session.exec(
        select(AssemblySession)
        .where(col(AssemblySession.status).in_(
            [SessionStatus.planned, SessionStatus.agenda_prepared]))
        .where(or_(col(AssemblySession.held_on).is_(None), col(AssemblySession.held_on) >= today))
        .order_by(col(AssemblySession.number))
    ).first()


def pending_for_session(session: Session, assembly: AssemblySession | None = None) -> Pending:
    """Endorsed nominations and requested releases waiting for a session's decision.

    With ``assembly`` dated, nominations made after its date wait for a later one.
    """
    return Pending(
        nominations=_seats(session, Appointment.state == "endorsed", nominated_in_time(assembly)),
        releases=_seats(session, Appointment.state == "release_requested"),
    )


def nominated_in_time(assembly: AssemblySession | None) -> Any:
    """The nominations ``assembly`` may decide: none made after its date (the election
    would predate the nomination)."""
    if assembly is None or assembly.held_on is None:
        return true()
    return or_(col(Appointment.nominated_on).is_(None),
               col(Appointment.nominated_on) <= assembly.held_on)


def awaiting_board(session: Session) -> list[Seat]:
    """Nominations the Board has not endorsed yet."""
    return _seats(session, Appointment.state == "nominated")


def adopted_documents(session: Session, assembly: AssemblySession) -> list[AdoptedDocument]:
    return list(session.exec(
        select(AdoptedDocument).where(AdoptedDocument.session_id == assembly.id)
        .order_by(AdoptedDocument.decision)
    ).all())


def all_adopted_documents(session: Session) -> list[tuple[AdoptedDocument, AssemblySession]]:
    """Every adopted document with its session, the latest session first."""
    rows = session.exec(
        select(AdoptedDocument, AssemblySession)
        .join(AssemblySession, col(AssemblySession.id) == AdoptedDocument.session_id)
        .order_by(col(AssemblySession.number).desc(), AdoptedDocument.decision)
    ).all()
    return [(document, assembly) for document, assembly in rows]


def seat_of(session: Session, appointment: Appointment) -> Seat:
    """The appointment with its position and person."""
    position = session.get(Position, appointment.position_id)
    person = session.get(Person, appointment.person_id)
    assert position is not None and person is not None
    return Seat(position=position, person=person, appointment=appointment)


def cities(session: Session) -> list[City]:
    return list(session.exec(select(City).order_by(City.name_ru)).all())
