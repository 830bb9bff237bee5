"""Factories for the dues tests: a session to cite, fee schedules, member cities."""

from datetime import date

import pytest

from models import AssemblySession, City, CityStatus, Role
from workflow import ledger


@pytest.fixture
def sessions_held(db):
    """The XXIX and XXX sessions, so that XXIX:1.3 and XXX:2.1 can be cited."""
    db.add(AssemblySession(number=29, held_on=date(2023, 5, 25)))
    db.add(AssemblySession(number=30, held_on=date(2024, 5, 20)))
    db.commit()


@pytest.fixture
def schedules(db, sessions_held):
    """The 2023 and 2024 fee schedules of item 2.5."""
    for year in (2023, 2024, 2025):
        ledger.set_fee_schedule(db, year=year, entrance="1000", annual="4000", currency="EUR",
                                actor=None, decision="XXIX:2.5")


@pytest.fixture
def make_city(db):
    """``make_city("tver")``: a member city."""

    def make(slug="tver", status=CityStatus.member):
        city = City(slug=slug, name_ru=slug.title(), name_en=slug.title(), status=status,
                    ru_forms={"gent": slug.title() + "а"})
        db.add(city)
        db.commit()
        return city

    return make


@pytest.fixture
def secretary(make_user):
    return make_user(Role.secretariat)
__all__ = ["make_city", "schedules", "secretary", "sessions_held"]
