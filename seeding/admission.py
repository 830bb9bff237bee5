"""The seeded applications: item 1.1 of the XXIX session keeps six cities in review."""

from datetime import UTC, datetime, time

from sqlmodel import Session, col, select

from models import AssemblySession, City
from models.admission import Application
from models.sessions import parse_decision
from models.workflow import HistoryEntry
from seeding.loader import Seed, Tick

NOTE = ("The seeds give only the city's name and country; every other field of the "
        "application is empty until the city fills it in.")
# Item 1.1 in both languages: the Secretariat continues the organisational work.
WORK_CONTINUES = ("Организационная работа по вступлению в МАГ продолжается (п. 1.1). / "
                  "Organisational work on admission continues (item 1.1).")


def _decided_at(session: Session, decision: str) -> datetime:
    number = parse_decision(decision).session_number
    held = session.exec(
        select(col(AssemblySession.held_on)).where(AssemblySession.number == number)
    ).first()
    if held is None:
        raise ValueError(f"seed names an unknown session: {decision}")
    return datetime.combine(held, time(12), UTC)


def load_admissions(session: Session, seed: Seed, tick: Tick) -> int:
    """One application per city of [admissions], in its state, with the decision in its history."""
    section = seed.get("admissions", {})
    if not section:
        return 0
    at = _decided_at(session, section["decision"])
    created = 0
    for slug in section["cities"]:
        tick()
        city = session.exec(select(City).where(City.slug == slug)).first()
        if city is None:
            raise ValueError(f"seed names an unknown city: {slug}")
        if session.exec(select(Application.id).where(Application.city_id == city.id)).first():
            continue
        application = Application(
            city_id=city.id,  # type: ignore[arg-type]
            state=section["state"], state_changed_at=at, created_at=at, updated_at=at,
            name_ru=city.name_ru, name_en=city.name_en, country=city.country_ru,
            sources=list(section.get("sources", [])), note=NOTE,
        )
        session.add(application)
        session.flush()
        session.add(HistoryEntry(
            workflow="admission", subject_id=application.id,  # type: ignore[arg-type]
            transition="seed", from_state=section["state"], to_state=section["state"],
            actor_id=None, at=at, comment=WORK_CONTINUES, decision_ref=section["decision"],
            payload={"sources": section.get("sources", [])},
        ))
        created += 1
    return created
