"""Loading the ``[[appointments]]`` of ``mag.toml`` and the document of item 3.5.

Each appointment is written in the state the seed gives, with history entries
that cite the decision item (no actor: the seed recorded them, nobody fired
them). Dates the seed leaves out stay unknown. The seat column of the
single-seat rule is filled for the holders in office.
"""

from datetime import UTC, date, datetime, time
from typing import TypedDict

from sqlmodel import Session, select

from models import AssemblySession, Person, Position
from models.officers import SEATED_STATES, AdoptedDocument, Appointment, ReleaseReason
from models.sessions import parse_decision
from models.workflow import HistoryEntry
from seeding.loader import Seed, Tick


class _Adopted(TypedDict):
    decision: str
    kind: str
    ru: str
    en: str
    sources: list[str]


# Item 3.5 of the XXIX session; mag.toml has no section for adopted documents.
ADOPTED: list[_Adopted] = [
    {
        "decision": "XXIX:3.5",
        "kind": "regulation",
        "ru": "Положение о призе Первого Президента МАГ Ю.М. Лужкова",
        "en": "Regulation on the prize of the First President of MAG Yu.M. Luzhkov",
        "sources": ["decision-29th-session-2023.txt#3.5"],
    },
]

# The recorded steps behind each seeded state, as (transition, from, to).
STEPS = {
    "in_office": [("elect", "endorsed", "elected"), ("take_office", "elected", "in_office")],
    "released": [("release", "in_office", "released")],
}


ATTESTED_ON = date(2023, 5, 25)


def _by_slug(session: Session, model: type, slug: str) -> object:
    found = session.exec(select(model).where(model.slug == slug)).first()  # type: ignore[attr-defined]
    if found is None:
        raise ValueError(f"seed names an unknown {model.__name__}: {slug}")
    return found


def _session_day(session: Session, reference: str | None) -> date | None:
    if reference is None:
        return None
    number = parse_decision(reference).session_number
    found = session.exec(select(AssemblySession).where(AssemblySession.number == number)).first()
    return found.held_on if found else None


def _exists(session: Session, person: Person, position: Position, state: str) -> bool:
    return session.exec(
        select(Appointment).where(
            Appointment.person_id == person.id, Appointment.position_id == position.id,
            Appointment.state == state,
        )
    ).first() is not None


def _appointment(session: Session, record: dict, person: Person, position: Position) -> Appointment:
    state = record["state"]
    seated = state in SEATED_STATES and position.single_seat
    # The decision's words about the person hold only for the terms it began.
    titled = state == "in_office" and record.get("decision") is not None
    reason = record.get("release_reason")
    return Appointment(
        person_id=person.id, position_id=position.id, state=state,  # type: ignore[arg-type]
        title_ru=person.title_ru if titled else None, title_en=person.title_en if titled else None,
        started_on=record.get("started_on"), ended_on=record.get("ended_on"),
        election_decision=record.get("decision") if state == "in_office" else None,
        release_decision=record.get("decision") if state == "released" else None,
        release_reason=ReleaseReason(reason) if reason else None,
        seat_position_id=position.id if seated else None,
        sources=record.get("sources", []), note=record.get("note"),
    )


def _history(session: Session, appointment: Appointment, record: dict) -> None:
    decision = record.get("decision")
    day = _session_day(session, decision)
    # A record the seeds date by no decision (the President, the General Director) is
    # attested by the XXIX session's decision, never by the day of loading.
    at = datetime.combine(day or ATTESTED_ON, time(), UTC)
    appointment.state_changed_at = at
    session.add(appointment)
    steps = STEPS.get(appointment.state, []) if decision else []
    payload = {"sources": record.get("sources", []), "seeded": True}
    if record.get("release_reason"):
        payload["reason"] = record["release_reason"]
    for transition, from_state, to_state in steps:
        session.add(HistoryEntry(
            workflow="appointments", subject_id=appointment.id, transition=transition,  # type: ignore[arg-type]
            from_state=from_state, to_state=to_state, at=at, decision_ref=decision,
            payload=payload,
        ))
    if not steps:
        session.add(HistoryEntry(
            workflow="appointments", subject_id=appointment.id, transition="comment",  # type: ignore[arg-type]
            from_state=appointment.state, to_state=appointment.state, at=at,
            comment=record.get("note"), payload=payload,
        ))


def load_appointments(session: Session, seed: Seed, tick: Tick) -> int:
    """Create the seed's appointments that do not exist yet, with their history."""
    created = 0
    for record in seed.get("appointments", []):
        tick()
        person = _by_slug(session, Person, record["person"])
        position = _by_slug(session, Position, record["position"])
        if _exists(session, person, position, record["state"]):  # type: ignore[arg-type]
            continue
        appointment = _appointment(session, record, person, position)  # type: ignore[arg-type]
        session.add(appointment)
        session.flush()
        _history(session, appointment, record)
        created += 1
    return created


def load_adopted_documents(session: Session, seed: Seed, tick: Tick) -> int:
    """The regulation of item 3.5, as a document adopted by the XXIX session."""
    created = 0
    for record in ADOPTED:  # not in mag.toml, so no tick: the progress bar counts the file
        if session.exec(
            select(AdoptedDocument).where(AdoptedDocument.decision == record["decision"])
        ).first():
            continue
        number = parse_decision(record["decision"]).session_number
        assembly = session.exec(
            select(AssemblySession).where(AssemblySession.number == number)
        ).first()
        if assembly is None:
            continue
        session.add(AdoptedDocument(
            session_id=assembly.id, decision=record["decision"], kind=record["kind"],  # type: ignore[arg-type]
            title_ru=record["ru"], title_en=record["en"], adopted_on=assembly.held_on,
            sources=record["sources"],
        ))
        created += 1
    return created
