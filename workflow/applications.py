"""Working on applications outside transitions: drafts, letters, look-ups.

State changes go through ``workflow.admission.ADMISSION`` and the engine;
these functions save what the applicant types and attaches, and read what
the pages show.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models import City, CityStatus, User, utcnow
from models.admission import ENDED_STATES, LIMITS, Application, ApplicationDocument
from models.workflow import HistoryEntry
from workflow import engine
from workflow.admission import ADMISSION
from workflow.documents import DEFAULT_QUOTA, Quota, store_document
from workflow.engine import NotAllowed, Refusal

# The states in which the applicant may change the form and its letter.
EDITABLE = ("draft", "info_requested")
# The fields the applicant fills in.
FIELDS = (*LIMITS, "population", "founding_year", "charter_accepted", "fees_accepted",
          "fees_year")


def may_view(application: Application, user: Any) -> bool:
    """The office roles see every application; a city's own people see theirs."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_office:
        return True
    return bool(user.role.city_bound and user.city_id == application.city_id)


def _check_owner(application: Application, actor: User) -> None:
    if not (actor.role.city_bound and actor.city_id == application.city_id):
        raise NotAllowed("owner")


def current_application(session: Session, city_id: int) -> Application | None:
    """The city's latest application."""
    return session.exec(
        select(Application).where(Application.city_id == city_id)
        .order_by(col(Application.id).desc())
    ).first()


def may_apply_again(application: Application | None) -> bool:
    return application is None or application.state in ENDED_STATES


def open_application(session: Session, *, city: City, actor: User) -> Application:
    """The city's application in progress, or a new draft with what is known of the city.

    A withdrawn or rejected application stays as it was, with its history; the
    new one starts from the city's facts.
    """
    found = current_application(session, city.id)  # type: ignore[arg-type]
    if not may_apply_again(found):
        return found  # type: ignore[return-value]
    application = Application(
        city_id=city.id,  # type: ignore[arg-type]
        state=ADMISSION.initial, name_ru=city.name_ru, name_en=city.name_en,
        country=city.country_en if actor.locale == "en" else city.country_ru,
        founding_year=city.founding_year, created_by_id=actor.id,
    )
    session.add(application)
    if city.status == CityStatus.other:
        city.status = CityStatus.applicant
        session.add(city)
    try:
        session.commit()
    except IntegrityError:
        # Opened at the same moment by another request (a double click): that one stands.
        session.rollback()
        return current_application(session, city.id)  # type: ignore[arg-type, return-value]
    return application


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    values = {}
    for name in FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if isinstance(value, str):
            value = value.strip() or None
        values[name] = value
    return values


def save_draft(
    session: Session, *, application: Application, actor: User, fields: dict[str, Any]
) -> Application:
    """Save what the applicant typed, complete or not, while the form is open to them."""
    _check_owner(application, actor)
    values = {**_clean(fields), "updated_at": utcnow()}
    changed = session.execute(
        update(Application)
        .where(col(Application.id) == application.id, col(Application.state).in_(EDITABLE))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise Refusal("not_editable", state=application.state)
    session.commit()
    session.refresh(application)
    return application


def submit_application(
    session: Session, *, application: Application, actor: User, fields: dict[str, Any],
    version: int | None, comment: str | None = None,
) -> HistoryEntry:
    """Save the form, then submit it (or resubmit it with the answer in ``comment``).

    The form is saved first, so a refused submission loses nothing typed.
    """
    save_draft(session, application=application, actor=actor, fields=fields)
    name = "resubmit" if application.state == "info_requested" else "submit"
    return engine.fire(session, ADMISSION, application, name, actor=actor, comment=comment,
                       expected_version=version)


def attach_letter(
    session: Session, *, application: Application, actor: User, data: bytes,
    filename: str | None, upload_dir: str | Path, quota: Quota = DEFAULT_QUOTA,
) -> ApplicationDocument:
    """Attach the official letter of intent while the form is open to the applicant;
    it replaces the letter before, which stays as an earlier version."""
    _check_owner(application, actor)
    if application.state not in EDITABLE:
        raise Refusal("not_editable", state=application.state)
    return store_document(session, application=application, actor=actor, data=data,
                          filename=filename, upload_dir=upload_dir, quota=quota)


# --------------------------------------------------------------- reading ----


def documents(session: Session, application_id: int) -> list[ApplicationDocument]:
    """An application's documents, newest first."""
    return list(session.exec(
        select(ApplicationDocument).where(ApplicationDocument.application_id == application_id)
        .order_by(col(ApplicationDocument.id).desc())
    ).all())


def document(session: Session, application: Application, document_id: int
             ) -> ApplicationDocument | None:
    """One of this application's documents, if it is one of them."""
    found = session.get(ApplicationDocument, document_id)
    if found is None or found.application_id != application.id:
        return None
    return found


def steps(session: Session, application: Application) -> list[tuple[HistoryEntry, User | None]]:
    """The application's history, oldest first, with who took each step."""
    entries = engine.history(session, ADMISSION, application.id or 0)
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(ids))).all()}
    return [(entry, users.get(entry.actor_id or 0)) for entry in entries]


def review_queue(session: Session, states: list[str] | None = None
                 ) -> list[tuple[Application, City]]:
    """Applications with their cities, by state; the oldest change first."""
    query = select(Application, City).join(City, col(City.id) == Application.city_id)
    if states:
        query = query.where(col(Application.state).in_(states))
    rows = session.exec(query.order_by(col(Application.state_changed_at))).all()
    return [(application, city) for application, city in rows]


@dataclass(frozen=True)
class FeeTerms:
    """The fees an applicant accepts: from the fee schedule in force."""

    year: int
    entrance: Decimal
    annual: Decimal
    currency: str


def fees_in_force(session: Session, on: date) -> FeeTerms | None:
    """The latest fee schedule set for a year up to ``on``'s, if the association has one."""
    from models.dues import FeeSchedule

    row = session.exec(
        select(FeeSchedule).where(FeeSchedule.year <= on.year)
        .order_by(col(FeeSchedule.year).desc())
    ).first()
    if row is None:
        return None
    return FeeTerms(row.year, row.entrance, row.annual, row.currency)
