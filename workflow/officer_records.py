"""The Secretariat's records of people and positions, which nominations refer to."""

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from models import Body, Person, Position, Role, User
from models.people import Gender
from models.slugs import slugify
from workflow.engine import NotAllowed, Refusal

OFFICE = (Role.secretariat, Role.admin)


def _allowed(actor: User) -> None:
    if actor.role not in OFFICE:
        raise NotAllowed("role", roles=[r.value for r in OFFICE])


def _free_slug(session: Session, model: type, base: str) -> str:
    base = base[:50].strip("-") or "x"
    slug, n = base, 1
    while session.exec(select(model).where(model.slug == slug)).first():  # type: ignore[attr-defined]
        n += 1
        slug = f"{base}-{n}"
    return slug


def add_person(
    session: Session, *, actor: User, surname_ru: str, given_ru: str | None,
    patronymic_ru: str | None, surname_en: str, given_en: str | None,
    patronymic_en: str | None, title_ru: str | None, title_en: str | None,
    city_id: int | None = None, email: str | None = None, gender: str | None = None,
) -> Person:
    """Record a person the association may elect, with their own title in both languages."""
    _allowed(actor)
    if not surname_ru.strip() or not surname_en.strip():
        raise Refusal("missing_surname", _l("The surname is needed in both languages."))
    person = Person(
        slug=_free_slug(session, Person, slugify(surname_en)),
        surname_ru=surname_ru.strip(), given_ru=given_ru or None,
        patronymic_ru=patronymic_ru or None, surname_en=surname_en.strip(),
        given_en=given_en or None, patronymic_en=patronymic_en or None,
        title_ru=title_ru or None, title_en=title_en or None, city_id=city_id,
        email=(email or "").strip().lower() or None,
        gender=Gender(gender) if gender else None, sources=["secretariat"],
    )
    session.add(person)
    session.commit()
    return person


def add_position(
    session: Session, *, actor: User, body: Body, title_ru: str, title_en: str,
    single_seat: bool, rank: int = 100,
) -> Position:
    """Add a position to a body; single-seat positions never have two holders."""
    _allowed(actor)
    if not title_ru.strip() or not title_en.strip():
        raise Refusal("missing_title", _l("The position needs a title in both languages."))
    _refuse_same_position(session, body, title_ru.strip(), title_en.strip())
    position = Position(
        slug=_free_slug(session, Position, slugify(title_en)), body_id=body.id,  # type: ignore[arg-type]
        title_ru=title_ru.strip(), title_en=title_en.strip(), single_seat=single_seat, rank=rank,
    )
    session.add(position)
    session.commit()
    return position


def _refuse_same_position(session: Session, body: Body, title_ru: str, title_en: str) -> None:
    """A body has each position once: the same title again (any case) names the one it has."""
    for position in session.exec(select(Position).where(Position.body_id == body.id)).all():
        for field, title, given in (("title_ru", position.title_ru, title_ru),
                                    ("title_en", position.title_en, title_en)):
            if title.casefold() == given.casefold():
                raise Refusal("same_position", _l(
                    "This body already has the position «%(title)s».", title=title),
                    field=field)
