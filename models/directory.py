"""Read-only look-ups of cities for the public pages."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from models.cities import City, CityStatus


def cities_with_status(session: Session, statuses: Sequence[CityStatus]) -> list[City]:
    """Cities in any of these statuses, in Russian alphabetical order."""
    rows = session.exec(select(City).where(col(City.status).in_(statuses))).all()
    return sorted(rows, key=lambda city: city.name_ru.replace("ё", "е"))


def city_by_slug(session: Session, slug: str) -> City | None:
    """The city with this URL name, if any."""
    return session.exec(select(City).where(City.slug == slug)).first()
