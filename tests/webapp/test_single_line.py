"""Names and titles are one line: refused at the field with a line break or control character."""

import pytest
from sqlmodel import select
from werkzeug.datastructures import MultiDict

from models import City, Invitation
from webapp import create_app
from webapp.admission.forms import ApplicationForm
from webapp.auth.forms import AcceptInvitationForm, InvitationForm
from webapp.calendar.forms import EventForm
from webapp.fields import is_single_line
from webapp.officers.forms import PersonForm, PositionForm
from webapp.sessions.forms import ItemForm

MESSAGE = "Write this on one line, without line breaks, tabs or other control characters."
# Every name or title field of every form.
NAME_FIELDS = [
    (InvitationForm, "name_ru"), (InvitationForm, "name_en"),
    (AcceptInvitationForm, "display_name"),
    *[(ApplicationForm, name) for name in ("name_ru", "name_en", "country", "region",
                                           "head_name", "head_title", "contact_name",
                                           "contact_position")],
    *[(EventForm, name) for name in ("title_ru", "title_en", "place_ru", "place_en")],
    *[(PersonForm, f"{part}_{lang}") for part in ("surname", "given", "patronymic", "title")
      for lang in ("ru", "en")],
    (PositionForm, "title_ru"), (PositionForm, "title_en"),
    (ItemForm, "executor_ru"), (ItemForm, "executor_en"),
]


@pytest.mark.parametrize("text", ["Пинск\nX", "Пинск\r", "Пинск\tX", "Пинск\x85",
                                  "Пинск\u2028X", "\u202eксниП", "Пинск\x1b[31m"])
def test_a_line_break_or_control_character_is_not_a_single_line(text):
    assert not is_single_line(text)


@pytest.mark.parametrize("text", ["Пинск", "Нур-Султан", "Sankt-Peterburg (St. Petersburg)",
                                  "Ош\u00a0город", "Кравчук С.А."])
def test_a_name_on_one_line_is_one(text):
    assert is_single_line(text)


@pytest.fixture(scope="module")
def form_app(tmp_path_factory):
    """An app to build forms in: no database is read."""
    folder = tmp_path_factory.mktemp("forms")
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False,
                       "DATABASE_URL": f"sqlite:///{folder / 'unused.sqlite3'}"})


@pytest.mark.parametrize(("form_class", "name"), NAME_FIELDS,
                         ids=[f"{f.__name__}.{n}" for f, n in NAME_FIELDS])
def test_every_name_and_title_field_refuses_a_line_break(form_app, form_class, name):
    with form_app.test_request_context("/", method="POST", headers={"Accept-Language": "en"}):
        form = form_class(formdata=MultiDict({name: "Пинск\nBcc: x@evil.example"}))
        assert not form[name].validate(form)
        assert MESSAGE in [str(error) for error in form[name].errors]


def test_the_invitation_form_refuses_a_city_name_with_a_line_break(client, seeded, auth):
    auth.login("secretariat@demo.magflow")
    cities, invitations = (len(seeded.exec(select(model)).all()) for model in (City, Invitation))
    response = client.post("/office/invitations?lang=en", data={
        "name_ru": "Пинск\nBcc: x@evil.example", "name_en": "Pinsk", "email": "m@pinsk.example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="invitation-link"' not in page
    assert 'id="name_ru-errors"' in page and MESSAGE in page
    seeded.expire_all()
    assert len(seeded.exec(select(City)).all()) == cities
    assert len(seeded.exec(select(Invitation)).all()) == invitations
