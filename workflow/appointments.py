"""Officers of the association's bodies, on the workflow engine.

nominated (the Secretariat) → endorsed (a majority of the sitting Board
approves: the engine's Quorum over the Board accounts, so each member's
approval is recorded by name and can be withdrawn before the majority is
reached; a Board minute is then not needed as a separate record) → elected
(a session's decision, cited as ``XXIX:3.3``) → in_office (on the term's
first day; the sweep does it, or the Secretariat) → release_requested (the
Secretariat, with a reason) → released (a session's decision). A session may
release someone who never asked (3.1 and 3.2 of the 29th session did).

Terms start and end on the date of the session the decision cites. A term
covers [started_on, ended_on): the holder released on 25 May and the
successor elected on 25 May do not overlap. A single-seat position never has
two holders on one date: ``seat_is_free`` refuses, naming the holder, and the
unique ``seat_position_id`` column refuses what slips past a concurrent
check (the second of two racing elections waits for the first's write and
then fails). A row lock on the position was tried and deadlocks: the
engine's second UPDATE of the subject already holds a key-share lock on the
position row. A seat is freed by releasing its holder first, by a decision
of the same session; ``replace`` does both in one transaction.
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models import Person, Position, Role, User, utcnow
from models.officers import SEATED_STATES, Appointment, ReleaseReason
from models.sessions import AssemblySession, DecisionRef, parse_decision
from models.users import BOARD_ROLES
from workflow.decisions import check_decision
from workflow.engine import (
    Context,
    NotAllowed,
    Quorum,
    Refusal,
    State,
    Timer,
    Transition,
    Workflow,
    WorkflowError,
    fire,
    record,
    register,
)
from workflow.officer_accounts import invite_elected
from workflow.officer_names import Day, Named, person_name, position_title
from workflow.officers_queries import board_members

OFFICE = (Role.secretariat, Role.admin)

STATES = [
    State("nominated", _l("Nominated")),
    State("endorsed", _l("Endorsed by the Board")),
    State("elected", _l("Elected by the session")),
    State("in_office", _l("In office")),
    State("release_requested", _l("Release requested")),
    State("released", _l("Released"), final=True),
    # Not final: the Secretariat may nominate the same person again.
    State("not_elected", _l("Not elected")),
    State("withdrawn", _l("Nomination withdrawn")),
]

REASONS = {
    ReleaseReason.moved_to_other_work: _l("moved to other work"),
    ReleaseReason.resigned: _l("resigned"),
    ReleaseReason.term_ended: _l("term ended"),
    ReleaseReason.elected_to_other_office: _l("elected to another office"),
    ReleaseReason.other: _l("other"),
}


# ---------------------------------------------------------------- dates ----


def decision_ref(ctx: Context) -> DecisionRef | None:
    """The transition's decision, parsed (the engine has checked it already)."""
    return parse_decision(ctx.decision) if ctx.decision else None


def decision_day(session: Session, ref: DecisionRef) -> date | None:
    """The day a decision was taken: its session's date, or the minute's own date."""
    if ref.body != "session":
        return ref.minute_date
    found = session.exec(
        select(AssemblySession).where(AssemblySession.number == ref.session_number)
    ).first()
    return found.held_on if found else None


def _day(ctx: Context) -> date | None:
    ref = decision_ref(ctx)
    return decision_day(ctx.session, ref) if ref else None


# ---------------------------------------------------------------- guards ----


def is_a_dated_session_decision(ctx: Context) -> object:
    """Elections and releases are decided by a session that has a date."""
    ref = decision_ref(ctx)
    if ref is None:
        return None
    if ref.body != "session":
        return _l("Officers are elected and released by a session: cite its decision "
                  "as session and item, for example XXIX:3.3.")
    if decision_day(ctx.session, ref) is None:
        return _l("Session %(number)s has no date yet, so the term cannot be dated.",
                  number=ref.session_number)
    return None


def is_not_before_nomination(ctx: Context) -> object:
    """The election cannot predate the nomination."""
    day, nominated = _day(ctx), ctx.subject.nominated_on
    if day is None or nominated is None or day >= nominated:
        return None
    return _l("The decision is dated %(day)s, before the nomination of %(nominated)s.",
              day=Day(day), nominated=Day(nominated))


def holders_on(session: Session, position_id: int, day: date, *, besides: int | None) -> list:
    """The appointments of a position that hold it on ``day``, or hold it now without an end."""
    query = select(Appointment).where(
        Appointment.position_id == position_id,
        col(Appointment.state).in_([*SEATED_STATES, "released"]),
    )
    if besides is not None:
        query = query.where(Appointment.id != besides)
    rows = session.exec(query).all()
    return [a for a in rows if a.in_office_on(day) or _seated_without_end(a)]


def _seated_without_end(appointment: Appointment) -> bool:
    """A seated holder whose term may start after ``day``: a new term would run into it."""
    return appointment.state in SEATED_STATES and appointment.ended_on is None


def is_not_pending_elsewhere(ctx: Context) -> object:
    """No other nomination or term of the person for this position is open."""
    subject = ctx.subject
    if open_appointment(ctx.session, subject.person_id, subject.position_id, besides=subject.id):
        return _l("%(person)s is already nominated for or holds the office of %(position)s.",
                  person=person_name(ctx.session, subject.person_id),
                  position=position_title(ctx.session, subject.position_id))
    return None


def open_appointment(
    session: Session, person_id: int, position_id: int, *, besides: int | None = None
) -> Appointment | None:
    """The person's nomination or seated term for the position, if one is open."""
    query = select(Appointment).where(
        Appointment.person_id == person_id, Appointment.position_id == position_id,
        col(Appointment.state).in_(["nominated", "endorsed", *SEATED_STATES]),
    )
    if besides is not None:
        query = query.where(Appointment.id != besides)
    return session.exec(query).first()


def is_not_already_in_that_office(ctx: Context) -> object:
    """The person does not already hold this position."""
    subject = ctx.subject
    day = _day(ctx) or date.today()
    same = [a for a in holders_on(ctx.session, subject.position_id, day, besides=subject.id)
            if a.person_id == subject.person_id]
    if not same:
        return None
    return _l("%(person)s already holds the office of %(position)s.",
              person=person_name(ctx.session, subject.person_id),
              position=position_title(ctx.session, subject.position_id))


def seat_is_free(ctx: Context) -> object:
    """A single-seat position has no other holder on the decision's date."""
    holder = seat_holder(ctx.session, ctx.subject, _day(ctx) or date.today())
    if holder is None:
        return None
    return _l("The office of %(position)s is held by %(holder)s. Release the holder by a "
              "decision of the same session first.",
              position=position_title(ctx.session, holder.position_id),
              holder=person_name(ctx.session, holder.person_id))


def seat_holder(session: Session, subject: Appointment, day: date) -> Appointment | None:
    """Another holder of the subject's single-seat position on ``day``, if any."""
    position = session.get(Position, subject.position_id)
    if position is None or not position.single_seat:
        return None
    others = holders_on(session, subject.position_id, day, besides=subject.id)
    return others[0] if others else None


def is_not_before_start(ctx: Context) -> object:
    """A term ends after the day it began: [started_on, ended_on) is never empty."""
    day, start = _day(ctx), ctx.subject.started_on
    if day is None or start is None or day > start:
        return None
    return _l("The release is dated %(day)s, but the term began on %(start)s: a term ends "
              "after the day it began.", day=Day(day), start=Day(start))


def term_has_begun(ctx: Context) -> object:
    """The elected officer takes office on the term's first day, not before."""
    start = ctx.subject.started_on
    if start is None or start <= ctx.now.date():
        return None
    return _l("The term begins on %(day)s.", day=Day(start))


def other_reason_is_described(ctx: Context) -> object:
    """"Other" needs words."""
    if ctx.reason == ReleaseReason.other.value and not ctx.payload.get("reason_text"):
        return _l("Describe the other reason.")
    return None


# ----------------------------------------------------------- side effects ----


def begin_term(ctx: Context) -> None:
    """Date the term from the decision and take the seat; a rival seated meanwhile is refused."""
    subject, day = ctx.subject, _day(ctx)
    assert day is not None  # guaranteed by is_a_dated_session_decision
    if seat_holder(ctx.session, subject, day) is not None:
        raise Refusal("seat_taken", seat_is_free(ctx))
    position = ctx.session.get(Position, subject.position_id)
    subject.started_on, subject.election_decision = day, ctx.decision
    subject.seat_position_id = position.id if position and position.single_seat else None
    ctx.session.add(subject)
    try:
        ctx.session.flush()
    except IntegrityError as error:
        # The unique seat column: another election into this seat committed meanwhile.
        raise Refusal("seat_taken", _l(
            "Someone was elected into this office meanwhile; nothing was changed. "
            "Reload the page to see the holder.")) from error


def date_nomination(ctx: Context) -> None:
    """A renewed nomination is dated the day it is made."""
    ctx.subject.nominated_on = ctx.now.date()
    ctx.session.add(ctx.subject)


def note_reason(ctx: Context) -> None:
    """Keep the requested (or decided) reason on the appointment."""
    reason, text = parse_reason(ctx.reason, ctx.payload.get("reason_text"))
    if reason is not None:
        ctx.subject.release_reason, ctx.subject.release_reason_text = reason, text
        ctx.session.add(ctx.subject)


def forget_reason(ctx: Context) -> None:
    ctx.subject.release_reason = ctx.subject.release_reason_text = None
    ctx.session.add(ctx.subject)


def end_term(ctx: Context) -> None:
    """End the term on the decision's date and free the seat."""
    note_reason(ctx)
    subject = ctx.subject
    subject.ended_on, subject.release_decision = _day(ctx), ctx.decision
    subject.seat_position_id = None
    ctx.session.add(subject)
    ctx.session.flush()


def parse_reason(value: str | None, text: str | None) -> tuple[ReleaseReason | None, str | None]:
    """A reason code, or free words taken as "other" with that text."""
    if not value:
        return None, None
    if value in ReleaseReason.__members__:
        return ReleaseReason(value), (text or None)
    return ReleaseReason.other, value.strip()[:500]


def starts_by(as_of: date) -> object:
    return col(Appointment.started_on) <= as_of


# ------------------------------------------------------------ declaration ----

DECIDED = [is_a_dated_session_decision]
TRANSITIONS = [
    Transition("nominate", ["withdrawn", "not_elected"], "nominated", _l("Nominate"),
               roles=OFFICE, conditions=[is_not_pending_elsewhere], effects=[date_nomination],
               awaited_in=()),
    Transition("endorse", ["nominated"], "endorsed", _l("Endorse the nomination"),
               roles=BOARD_ROLES, quorum=Quorum(members=board_members)),
    Transition("elect", ["endorsed"], "elected", _l("Record the election"), roles=OFFICE,
               asks=["decision"],
               conditions=[*DECIDED, is_not_before_nomination, is_not_already_in_that_office,
                           seat_is_free],
               effects=[begin_term, invite_elected]),
    Transition("not_elect", ["endorsed"], "not_elected",
               _l("Record that the session did not elect"), roles=OFFICE,
               asks=["decision"], conditions=DECIDED, destructive=True),
    Transition("take_office", ["elected"], "in_office", _l("Take office"), roles=OFFICE,
               conditions=[term_has_begun], timer=Timer(due=starts_by)),
    Transition("request_release", ["in_office"], "release_requested",
               _l("Ask the session to release"), roles=OFFICE, asks=["reason"],
               conditions=[other_reason_is_described], effects=[note_reason], awaited_in=()),
    Transition("cancel_release", ["release_requested"], "in_office",
               _l("Cancel the release request"), roles=OFFICE,
               asks=["comment"], effects=[forget_reason], awaited_in=()),
    Transition("release", ["in_office", "release_requested"], "released",
               _l("Record the release"), roles=OFFICE, asks=["decision", "reason"],
               conditions=[*DECIDED, other_reason_is_described, is_not_before_start],
               effects=[end_term],
               destructive=True, awaited_in=["release_requested"]),
    Transition("withdraw", ["nominated", "endorsed"], "withdrawn", _l("Withdraw the nomination"),
               roles=OFFICE, asks=["comment"], destructive=True, awaited_in=()),
]


def _url(appointment: Appointment) -> str:
    return f"/officers/appointments/{appointment.id}"


def _title(appointment: Appointment, language: str) -> str:
    from workflow.officer_names import appointment_title

    return appointment_title(appointment, language)


APPOINTMENTS = register(Workflow(
    name="appointments",
    label=_l("Officer appointments"),
    model=Appointment,
    states=STATES,
    transitions=TRANSITIONS,
    initial="nominated",
    subject_url=_url,
    subject_title=_title,
    reason_labels={str(code): label for code, label in REASONS.items()},
))


# -------------------------------------------------------------- operations ----


def nominate(
    session: Session, *, person: Person, position: Position, actor: User,
    nominated_on: date, comment: str | None = None,
) -> Appointment:
    """Put a person forward for a position; the Board endorses next."""
    if actor.role not in OFFICE:
        raise NotAllowed("role", roles=[r.value for r in OFFICE])
    if open_appointment(session, person.id, position.id) is not None:  # type: ignore[arg-type]
        raise Refusal("duplicate", _l(
            "%(person)s is already nominated for or holds the office of %(position)s.",
            person=Named(person.full_name("ru"), person.full_name("en")),
            position=Named(position.title_ru, position.title_en)))
    appointment = Appointment(
        person_id=person.id, position_id=position.id, state="nominated",  # type: ignore[arg-type]
        title_ru=person.title_ru, title_en=person.title_en, nominated_on=nominated_on,
        sources=["secretariat"],
    )
    session.add(appointment)
    session.flush()
    ctx = Context(session, APPOINTMENTS, appointment, APPOINTMENTS.transition("nominate"), actor,
                  comment=comment or None,
                  payload={"nominated_on": nominated_on.isoformat()}, now=utcnow())
    record(ctx, "nominated", "nominated")
    session.commit()
    return appointment


def replace(
    session: Session, *, outgoing: Appointment, incoming: Appointment, actor: User,
    release_decision: str, election_decision: str, reason: str,
) -> None:
    """Release a seat's holder and elect the successor by one session, in one transaction."""
    released, elected = check_decision(session, release_decision), check_decision(
        session, election_decision)
    if released.body != "session" or released.session_number != elected.session_number:
        raise Refusal("different_sessions", _l(
            "The release and the election must be decisions of the same session."))
    try:
        fire(session, APPOINTMENTS, outgoing, "release", actor=actor, decision=release_decision,
             reason=reason, commit=False)
        fire(session, APPOINTMENTS, incoming, "elect", actor=actor, decision=election_decision)
    except WorkflowError:
        session.rollback()
        raise
