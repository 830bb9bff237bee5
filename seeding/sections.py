"""The loaders of each section of ``mag.toml``, in the order they must run."""

from typing import TypeVar

from sqlmodel import Session, SQLModel, select

from models import (
    AssemblySession,
    Body,
    City,
    CityStatus,
    Person,
    Position,
    Role,
    SessionStatus,
    User,
)
from seeding.admission import load_admissions
from seeding.loader import Loader, Seed, Tick


def sections() -> list[tuple[str, Loader]]:
    """The loaders for the association's data, dependencies first."""
    return [
        ("cities", load_cities),
        ("bodies", load_bodies),
        ("positions", load_positions),
        ("people", load_people),
        ("sessions", load_sessions),
        ("fees", load_dues_section("load_fees")),
        ("targeted_contributions", load_dues_section("load_targeted_contributions")),
        ("initiatives", load_dues_section("load_initiatives")),
        ("arrears", load_dues_section("load_arrears")),
        ("appointments", load_officer_appointments),
        ("adopted_documents", load_adopted_documents),
        ("admissions", load_admissions),
        ("events", load_calendar_events),
        ("decisions", load_session_decisions),
    ]


def load_session_decisions(session: Session, seed: Seed, tick: Tick) -> int:
    from seeding.decisions import load_decision_xxix

    return load_decision_xxix(session, seed, tick)


def load_calendar_events(session: Session, seed: Seed, tick: Tick) -> int:
    from seeding.calendar import load_events

    return load_events(session, seed, tick)


def load_officer_appointments(session: Session, seed: Seed, tick: Tick) -> int:
    from seeding.officers import load_appointments

    return load_appointments(session, seed, tick)


def load_adopted_documents(session: Session, seed: Seed, tick: Tick) -> int:
    from seeding.officers import load_adopted_documents as load

    return load(session, seed, tick)


def load_dues_section(name: str) -> Loader:
    """A loader of seeding/dues.py, imported when it runs."""

    def load(session: Session, seed: Seed, tick: Tick) -> int:
        from seeding import dues

        loader: Loader = getattr(dues, name)
        return loader(session, seed, tick)

    return load


def demo_sections() -> list[tuple[str, Loader]]:
    """The loaders for the demo accounts."""
    return [("demo.users", load_demo_users)]


def record_count(seed: Seed, name: str) -> int:
    """How many records a section holds."""
    node: object = seed
    for part in name.split("."):
        node = node.get(part, []) if isinstance(node, dict) else []
    if isinstance(node, dict):
        return len(node.get("cities", [])) or 1
    return len(node) if isinstance(node, list) else 0


Row = TypeVar("Row", bound=SQLModel)


def by_slug(session: Session, model: type[Row], slug: str) -> Row | None:
    """The row of ``model`` with this slug, if any."""
    return session.exec(select(model).where(model.slug == slug)).first()  # type: ignore[attr-defined]


def city_id(session: Session, slug: str | None) -> int | None:
    """The id of the city with this slug; an unknown slug is an error in the seed."""
    if slug is None:
        return None
    city = by_slug(session, City, slug)
    if city is None:
        raise ValueError(f"seed names an unknown city: {slug}")
    return city.id


def load_cities(session: Session, seed: Seed, tick: Tick) -> int:
    created = 0
    for record in seed.get("cities", []):
        tick()
        if by_slug(session, City, record["slug"]) is not None:
            continue
        day = record.get("city_day", {})
        session.add(
            City(
                slug=record["slug"],
                name_ru=record["ru"],
                name_en=record["en"],
                ru_forms=record.get("forms", {}),
                country_ru=record.get("country_ru"),
                country_en=record.get("country_en"),
                status=CityStatus(record.get("status", "other")),
                founding_year=record.get("founding_year"),
                city_day_month=day.get("month"),
                city_day_day=day.get("day"),
                city_day_end_day=day.get("end_day"),
                city_day_approximate=day.get("approximate", False),
                sources=record.get("sources", []),
                note=record.get("note"),
            )
        )
        created += 1
    return created


def load_bodies(session: Session, seed: Seed, tick: Tick) -> int:
    created = 0
    for record in seed.get("bodies", []):
        tick()
        if by_slug(session, Body, record["slug"]) is None:
            session.add(Body(slug=record["slug"], name_ru=record["ru"], name_en=record["en"]))
            created += 1
    session.flush()
    return created


def load_positions(session: Session, seed: Seed, tick: Tick) -> int:
    created = 0
    for record in seed.get("positions", []):
        tick()
        if by_slug(session, Position, record["slug"]) is not None:
            continue
        body = by_slug(session, Body, record["body"])
        if body is None:
            raise ValueError(f"seed names an unknown body: {record['body']}")
        session.add(
            Position(
                slug=record["slug"],
                body_id=body.id,  # type: ignore[arg-type]
                title_ru=record["ru"],
                title_en=record["en"],
                single_seat=record["single_seat"],
                rank=record.get("rank", 100),
            )
        )
        created += 1
    return created


PERSON_FIELDS = (
    "surname_ru given_ru patronymic_ru initials_ru surname_en given_en patronymic_en "
    "initials_en title_ru title_en gender note"
).split()


def load_people(session: Session, seed: Seed, tick: Tick) -> int:
    created = 0
    for record in seed.get("people", []):
        tick()
        if by_slug(session, Person, record["slug"]) is not None:
            continue
        fields = {name: record.get(name) for name in PERSON_FIELDS}
        session.add(
            Person(
                slug=record["slug"],
                city_id=city_id(session, record.get("city")),
                ru_forms=record.get("forms", {}),
                sources=record.get("sources", []),
                **fields,
            )
        )
        created += 1
    return created


def load_sessions(session: Session, seed: Seed, tick: Tick) -> int:
    created = 0
    for record in seed.get("sessions", []):
        tick()
        found = session.exec(
            select(AssemblySession).where(AssemblySession.number == record["number"])
        ).first()
        if found is not None:
            continue
        session.add(
            AssemblySession(
                number=record["number"],
                city_id=city_id(session, record.get("city")),
                held_on=record.get("held_on"),
                status=SessionStatus(record.get("status", "planned")),
                sources=record.get("sources", []),
            )
        )
        created += 1
    return created


def load_demo_users(session: Session, seed: Seed, tick: Tick) -> int:
    from webapp.auth.operations import hash_password

    password_hash = hash_password(seed["demo"]["password"])
    created = 0
    for record in seed["demo"]["users"]:
        tick()
        if session.exec(select(User).where(User.email == record["email"])).first():
            continue
        person = by_slug(session, Person, record["person"]) if "person" in record else None
        session.add(
            User(
                email=record["email"],
                password_hash=password_hash,
                display_name=record["name"],
                role=Role(record["role"]),
                city_id=city_id(session, record.get("city")),
                person_id=person.id if person else None,
            )
        )
        created += 1
    return created
