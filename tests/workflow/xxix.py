"""The association as it stood just before the XXIX session (Khabarovsk, 25 May 2023).

Built with the workflows' own operations where they exist: the six applicants
in review, the officers of items 3.1 and 3.2 in office with their releases
requested, the nominations of items 3.3 and 3.4 endorsed by the Board's
majority, and (once the arrears workflow is installed) the 22 accounts reminded.
"""

from datetime import date
from typing import Any

from sqlmodel import Session, select

from models import AssemblySession, City, Person, Position, User
from models.admission import Application
from models.officers import Appointment
from models.sessions import SessionStatus
from seeding.loader import read_seed
from seeding.sections import (
    load_bodies,
    load_cities,
    load_demo_users,
    load_people,
    load_positions,
)
from workflow.engine import REGISTRY, fire, vote

DAY = date(2023, 5, 25)
APPLICANTS = ["arkadag", "brest", "birobidzhan", "vitebsk", "komsomolsk-on-amur",
              "yuzhno-sakhalinsk"]
RELEASED = {"kulginov": "first-vice-president", "volkov": "vice-president",
            "kochiev": "vice-president", "marutyan": "vice-president",
            "shulepov": "vice-president"}
ELECTED = {"yalalov": "first-vice-president", "kasymbek": "vice-president",
           "kobets": "vice-president", "kulemzin": "vice-president",
           "molchanov": "vice-president", "pilavov": "vice-president",
           "khugaev": "vice-president"}
IN_OFFICE = {"kravchuk": "president", "selivanov": "executive-vice-president",
             "yalalov": "vice-president", **RELEASED}


def by_slug(db: Session, model: Any, slug: str) -> Any:
    return db.exec(select(model).where(model.slug == slug)).one()


def user(db: Session, email: str) -> User:
    return db.exec(select(User).where(User.email == email)).one()


def _load_reference_data(db: Session) -> None:
    seed = read_seed()
    for loader in (load_cities, load_bodies, load_positions, load_people, load_demo_users):
        loader(db, seed, lambda: None)
        db.commit()


def _in_office(db: Session, person: str, position: str) -> Appointment:
    seat = by_slug(db, Position, position)
    holder = Appointment(person_id=by_slug(db, Person, person).id, position_id=seat.id,
                         state="in_office", seat_position_id=seat.id if seat.single_seat else None,
                         sources=["test: before XXIX"])
    db.add(holder)
    db.commit()
    return holder


def _applicants(db: Session) -> None:
    for slug in APPLICANTS:
        city = by_slug(db, City, slug)
        db.add(Application(city_id=city.id, state="in_review", name_ru=city.name_ru,
                           name_en=city.name_en, country=city.country_ru))
    db.commit()


def _officers(db: Session, secretariat: User) -> None:
    from workflow.appointments import APPOINTMENTS, nominate

    for person, position in IN_OFFICE.items():
        holder = _in_office(db, person, position)
        if person in RELEASED:
            fire(db, APPOINTMENTS, holder, "request_release", actor=secretariat,
                 reason="moved_to_other_work")
    board = board_of_the_eve(db)
    for person, position in ELECTED.items():
        nominee = nominate(db, person=by_slug(db, Person, person),
                           position=by_slug(db, Position, position), actor=secretariat,
                           nominated_on=date(2023, 4, 20))
        for member in board:
            vote(db, APPOINTMENTS, nominee, "endorse", actor=member, approve=True)


def board_of_the_eve(db: Session) -> list[User]:
    """The accounts of the Board of 24 May 2023: four of its seven members, its majority.

    board1 (Yalalov) and the President sat then; board2 and board3 belong to people
    elected at XXIX, so here they stand for two members who sat that day and were
    released by it (Volkov, Kochiev): the Board votes by its sitting members.
    """
    for email, person in (("board2@demo.magflow", "volkov"), ("board3@demo.magflow", "kochiev")):
        account = user(db, email)
        account.person_id = by_slug(db, Person, person).id
        db.add(account)
    db.commit()
    return [user(db, f"board{n}@demo.magflow") for n in (1, 2, 3)] + [
        user(db, "president@demo.magflow")]


def _arrears(db: Session) -> bool:
    """The 22 accounts of item 1.3, reminded; False while the arrears workflow is missing."""
    if "arrears" not in REGISTRY:
        return False
    from tests.workflow.xxix_arrears import remind_accounts

    remind_accounts(db)
    return True


def before_xxix(db: Session) -> dict[str, Any]:
    """Build the state of 24 May 2023; returns the session and the Secretariat's account."""
    import workflow.registry  # noqa: F401 - every workflow registered

    _load_reference_data(db)
    khabarovsk = by_slug(db, City, "khabarovsk")
    assembly = AssemblySession(number=29, city_id=khabarovsk.id, held_on=DAY,
                               status=SessionStatus.planned, sources=["test: before XXIX"])
    db.add(assembly)
    db.commit()
    secretariat = user(db, "secretariat@demo.magflow")
    _applicants(db)
    _officers(db, secretariat)
    arrears = _arrears(db)
    return {"session": assembly, "secretariat": secretariat, "arrears": arrears,
            "board": user(db, "board1@demo.magflow"),
            "president": user(db, "president@demo.magflow")}
