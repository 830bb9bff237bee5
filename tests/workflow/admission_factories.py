"""Factories shared by the admission tests: a city, its people, applications, PDFs."""

from typing import Any

import pytest

from models import City, CityStatus, Role
from models.admission import Application
from tests.workflow.pdf_samples import PLAIN

# A one-page PDF letter, as the upload check reads it (with a PDF parser).
PDF = PLAIN

COMPLETE = {
    "name_ru": "Брест", "name_en": "Brest", "country": "Беларусь", "region": "Брестская область",
    "population": 340000, "founding_year": 1019, "head_name": "Иванов И.И.",
    "head_title": "председатель горисполкома", "contact_name": "Петров П.П.",
    "contact_position": "начальник отдела", "contact_email": "info@brest.by",
    "contact_phone": "+375 162 000000", "website": "https://brest.by",
    "motivation": "Сотрудничество с городами МАГ.", "cooperation": "Туризм, культура.",
    "charter_accepted": True, "fees_accepted": True, "fees_year": 2024,
}


@pytest.fixture
def city(db):
    brest = City(slug="brest", name_ru="Брест", name_en="Brest", country_ru="Беларусь",
                 country_en="Belarus", status=CityStatus.applicant)
    db.add(brest)
    db.commit()
    return brest


@pytest.fixture
def people(make_user, city):
    return {
        "applicant": make_user(Role.applicant, city=city, locale="en"),
        "secretariat": make_user(Role.secretariat),
        "boards": [make_user(Role.board) for _ in range(3)],
    }


@pytest.fixture
def application(db, city, people, tmp_path):
    """A factory: ``application(state="in_review", letter=True, **fields)``."""
    from workflow.documents import store_document

    def make(state: str = "draft", letter: bool = True, **fields: Any) -> Application:
        values = {**COMPLETE, **fields}
        made = Application(city_id=city.id, state=state, **values)
        db.add(made)
        db.commit()
        if letter:
            store_document(db, application=made, actor=people["applicant"], data=PDF,
                           filename="letter.pdf", upload_dir=tmp_path)
        return made

    return make
