"""The admission pages: the applicant's form, letter and status; the office's review."""

import io

import pytest
from sqlmodel import select
from werkzeug.test import EnvironBuilder

from models import City, CityStatus, Role
from models.admission import Application, ApplicationDocument
from models.workflow import OutboxMessage
from tests.workflow.admission_factories import COMPLETE, PDF
from workflow import engine
from workflow.admission import ADMISSION

PASSWORD = "a-long-test-password"


@pytest.fixture
def tver(seeded, make_user, client):
    """A newly invited city with its applicant logged in, and the fees of 2024."""
    from workflow import ledger

    city = City(slug="tver", name_ru="Тверь", name_en="Tver", status=CityStatus.applicant)
    seeded.add(city)
    seeded.commit()
    user = make_user(Role.applicant, city=city, email="tver@test.magflow", password=PASSWORD)
    if ledger.fee_schedule(seeded, 2024) is None:
        ledger.set_fee_schedule(seeded, year=2024, entrance="1000", annual="4000",
                                currency="EUR", actor=None)
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    client.post("/admission")
    application = seeded.exec(select(Application).where(Application.city_id == city.id)).one()
    return application


def _form(**fields):
    data = {k: ("y" if v is True else v) for k, v in COMPLETE.items() if v is not False}
    data.pop("fees_year")
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def _fresh(db, application):
    db.expire_all()
    return db.get(Application, application.id)


def test_opening_the_application_starts_a_draft_with_the_citys_names(tver):
    assert (tver.state, tver.name_ru, tver.name_en) == ("draft", "Тверь", "Tver")


def test_partial_draft_is_saved(client, seeded, tver):
    response = client.post(f"/admission/{tver.id}/edit",
                           data={"action": "save", "region": "Тверская область"})
    assert response.status_code == 302
    saved = _fresh(seeded, tver)
    assert (saved.state, saved.region, saved.head_name) == ("draft", "Тверская область", None)


def test_submitting_an_incomplete_form_marks_each_missing_field_and_keeps_the_draft(
    client, seeded, tver
):
    page = client.post(f"/admission/{tver.id}/edit",
                       data={"action": "submit", "region": "Тверская область"})
    text = page.get_data(as_text=True)
    for name in ("head_name", "contact_email", "motivation", "letter", "charter_accepted",
                 "fees_accepted"):
        assert f'id="{name}-errors"' in text, name
    assert "Это поле нужно заполнить" in text
    saved = _fresh(seeded, tver)
    assert (saved.state, saved.region) == ("draft", "Тверская область")


def test_field_errors_are_in_the_applicants_language(client, seeded, tver):
    client.get("/?lang=en")
    text = client.post(f"/admission/{tver.id}/edit",
                       data={"action": "submit"}).get_data(as_text=True)
    assert "This field is required to submit the application." in text


def test_over_long_field_is_refused_and_nothing_is_lost(client, seeded, tver):
    client.post(f"/admission/{tver.id}/edit", data={"action": "save", "region": "Тверская"})
    page = client.post(f"/admission/{tver.id}/edit",
                       data={"action": "save", "region": "x" * 121, "head_name": "Новое имя"})
    assert 'id="region-errors"' in page.get_data(as_text=True)
    saved = _fresh(seeded, tver)
    assert (saved.region, saved.head_name) == ("Тверская", None)


@pytest.mark.parametrize(("content", "says"), [
    (b"<html><script>alert(1)</script></html>", "не является документом PDF"),
    (b"%PDF-1.4 but no end marker", "не является документом PDF"),
    (b"", "пуст"),
    (PDF[:-7] + b"x" * (10 * 1024 * 1024) + b"\n%%EOF\n", "больше 10 МБ"),
], ids=["html-named-pdf", "truncated-pdf", "empty", "too-big"])
def test_upload_that_is_not_a_pdf_or_too_big_is_refused(client, seeded, tver, content, says):
    # A builder of our own, closed here: a body this large is spooled to a temporary file.
    builder = EnvironBuilder(path=f"/admission/{tver.id}/edit", method="POST", data={
        "action": "save", "region": "Тверская",
        "letter": (io.BytesIO(content), "letter.pdf", "application/pdf"),
    })
    environ = builder.get_environ()
    try:
        text = client.open(environ).get_data(as_text=True)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    assert 'id="letter-errors"' in text and says in text
    assert seeded.exec(select(ApplicationDocument)).all() == []
    assert _fresh(seeded, tver).region == "Тверская"


def test_the_application_page_shows_its_history_once(client, seeded, tver):
    _submit(client, tver)
    page = client.get(f"/admission/{tver.id}").get_data(as_text=True)
    assert page.count(">История</h") == 1
    assert 'class="workflow-timeline"' in page


def test_html_in_a_text_field_is_shown_escaped(client, seeded, tver):
    client.post(f"/admission/{tver.id}/edit",
                data={"action": "save", "motivation": "<script>alert('x')</script><b>hi</b>"})
    text = client.get(f"/admission/{tver.id}").get_data(as_text=True)
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;hi&lt;/b&gt;" in text


def _submit(client, application, **fields):
    return client.post(f"/admission/{application.id}/edit", content_type="multipart/form-data",
                       data={**_form(**fields), "action": "submit", "version": "1",
                             "letter": (io.BytesIO(PDF), "Письмо.pdf", "application/pdf")})


@pytest.mark.parametrize("version", ["²", "9" * 5000, "-1"])
def test_an_unreadable_form_version_submits_nothing(client, seeded, tver, version):
    response = client.post(f"/admission/{tver.id}/edit", content_type="multipart/form-data",
                           data={**_form(), "action": "submit", "version": version,
                                 "letter": (io.BytesIO(PDF), "Письмо.pdf", "application/pdf")})
    assert response.status_code == 409
    assert "изменил" in response.get_data(as_text=True)
    assert _fresh(seeded, tver).state == "draft"


def test_complete_application_is_submitted_with_its_letter(client, seeded, tver):
    response = _submit(client, tver)
    assert response.status_code == 302
    saved = _fresh(seeded, tver)
    assert (saved.state, saved.fees_year, saved.population) == ("submitted", 2024, 340000)
    letter = seeded.exec(select(ApplicationDocument)).one()
    assert (letter.original_name, letter.size) == ("Письмо.pdf", len(PDF))
    assert seeded.exec(select(OutboxMessage).where(
        OutboxMessage.template == "admission.submitted")).first() is not None


def test_double_submit_is_refused_with_a_message_and_counted_once(client, seeded, tver):
    _submit(client, tver)
    again = _submit(client, tver)
    assert again.status_code == 302
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "больше нельзя изменить" in page
    steps = [e.transition for e in engine.history(seeded, ADMISSION, tver.id)]
    assert steps == ["submit"]


def test_form_shows_the_fees_from_the_schedule(client, seeded, tver):
    from workflow import ledger

    ledger.set_fee_schedule(seeded, year=2024, entrance="1234", annual="5678", currency="EUR",
                            actor=None)
    client.get("/?lang=en")
    text = client.get(f"/admission/{tver.id}/edit").get_data(as_text=True)
    assert "€1,234" in text and "€5,678" in text


def test_letter_is_served_as_an_attachment_to_the_applicant_and_the_office(
    client, seeded, tver, auth
):
    _submit(client, tver)
    letter = seeded.exec(select(ApplicationDocument)).one()
    url = f"/admission/{tver.id}/documents/{letter.id}"
    for who in (None, "secretariat@demo.magflow", "board2@demo.magflow"):
        if who:
            auth.logout()
            auth.login(who)
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.data == PDF
        response.close()


@pytest.mark.parametrize("who", ["brest@demo.magflow", "moscow@demo.magflow", None])
def test_other_cities_and_visitors_cannot_open_the_application_or_its_letter(
    client, seeded, tver, auth, who
):
    _submit(client, tver)
    letter = seeded.exec(select(ApplicationDocument)).one()
    auth.logout()
    if who:
        auth.login(who)
    assert client.get(f"/admission/{tver.id}").status_code == 404
    response = client.get(f"/admission/{tver.id}/documents/{letter.id}")
    assert response.status_code == 404
    response.close()


def test_applicant_answers_a_request_and_resubmits(client, seeded, tver, make_user):
    _submit(client, tver)
    application = _fresh(seeded, tver)
    office = make_user(Role.secretariat)
    engine.fire(seeded, ADMISSION, application, "take", actor=office)
    engine.fire(seeded, ADMISSION, application, "request_info", actor=office,
                comment="Укажите <i>население</i>")
    status = client.get(f"/admission/{tver.id}").get_data(as_text=True)
    assert "Укажите &lt;i&gt;население&lt;/i&gt;" in status
    # The form the applicant answers in shows the question, and shows it again when refused.
    form = client.get(f"/admission/{tver.id}/edit").get_data(as_text=True)
    assert 'id="request-text">Укажите &lt;i&gt;население&lt;/i&gt;</blockquote>' in form
    refused = client.post(f"/admission/{tver.id}/edit", data={**_form(), "action": "submit",
                                                               "version": "4"})
    assert 'id="answer-errors"' in refused.get_data(as_text=True)
    assert 'id="request-text">Укажите' in refused.get_data(as_text=True)
    client.post(f"/admission/{tver.id}/edit",
                data={**_form(population="400000"), "action": "submit", "version": "4",
                      "answer": "Население уточнено"})
    saved = _fresh(seeded, tver)
    assert (saved.state, saved.population) == ("in_review", 400000)
    assert engine.history(seeded, ADMISSION, tver.id)[-1].comment == "Население уточнено"


def test_office_list_shows_the_seeded_applications_in_review(client, seeded, auth):
    auth.login("secretariat@demo.magflow")
    text = client.get("/office/admission?state=in_review&lang=en").get_data(as_text=True)
    for name in ("Arkadag", "Brest", "Birobidzhan", "Vitebsk", "Komsomolsk-on-Amur",
                 "Yuzhno-Sakhalinsk"):
        assert name in text


def test_seeded_application_shows_item_1_1_and_says_what_the_seed_leaves_empty(
    client, seeded, auth
):
    auth.login("brest@demo.magflow")
    text = client.get("/admission?lang=en").get_data(as_text=True)
    assert "XXIX:1.1" in text
    assert "Organisational work on admission continues" in text
    assert "stay empty until the city fills them in" in text
    assert "In review by the Secretariat" in text
    # The seed's entry reads as words in the panel's history, in either language.
    for lang, words in (("en", "Recorded from the session"), ("ru", "Записано по решению сессии")):
        page = client.get(f"/admission?lang={lang}").get_data(as_text=True)
        assert f"<strong>{words}" in page and "<strong>seed</strong>" not in page


def test_a_city_applies_again_after_withdrawing(client, seeded, tver):
    from models import User

    applicant = seeded.exec(select(User).where(User.email == "tver@test.magflow")).one()
    _submit(client, tver)
    engine.fire(seeded, ADMISSION, _fresh(seeded, tver), "withdraw", actor=applicant,
                comment="Не успеваем к сессии")
    page = client.get("/admission").get_data(as_text=True)
    assert "Начать новое заявление" in page

    response = client.post("/admission")
    assert response.status_code == 302
    both = seeded.exec(select(Application).where(Application.city_id == tver.city_id)
                       .order_by(Application.id)).all()
    assert [a.state for a in both] == ["withdrawn", "draft"]
    assert response.headers["Location"] == f"/admission/{both[1].id}/edit"
    assert engine.history(seeded, ADMISSION, tver.id)[-1].comment == "Не успеваем к сессии"

    assert client.post("/admission").status_code == 302
    assert len(seeded.exec(select(Application).where(
        Application.city_id == tver.city_id)).all()) == 2


def test_no_second_application_while_one_is_in_progress(client, seeded, tver):
    _submit(client, tver)
    assert "Начать новое заявление" not in client.get("/admission").get_data(as_text=True)
    client.post("/admission")
    assert len(seeded.exec(select(Application).where(
        Application.city_id == tver.city_id)).all()) == 1


def test_request_over_the_size_limit_is_a_translated_413_and_keeps_the_draft(
        client, seeded, tver):
    client.post(f"/admission/{tver.id}/edit", data={"action": "save", "region": "Тверская"})
    builder = EnvironBuilder(path=f"/admission/{tver.id}/edit", method="POST", data={
        "action": "save", "region": "Другая",
        "letter": (io.BytesIO(PDF + b"x" * (11 * 1024 * 1024)), "letter.pdf", "application/pdf"),
    })
    environ = builder.get_environ()
    try:
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    assert response.status_code == 413
    assert "Загружаемый файл слишком велик" in response.get_data(as_text=True)
    assert _fresh(seeded, tver).region == "Тверская"
    assert seeded.exec(select(ApplicationDocument)).all() == []


def _with_the_board(db):
    """The seeded Brest application, forwarded to the Board by the Secretariat."""
    from models import User

    brest = db.exec(select(Application).join(City).where(City.slug == "brest")).one()
    office = db.exec(select(User).where(User.email == "secretariat@demo.magflow")).one()
    engine.fire(db, ADMISSION, brest, "forward", actor=office)
    return brest


@pytest.mark.parametrize(("lang", "says"), [
    ("en", ["Approvals: 3 of 5 needed (4 can vote)",
            "4 of the 8 members have no account here",
            "5 approvals are needed and only 4 members can vote on this site"]),
    ("ru", ["Одобрений: 3 из необходимых 5 (голосовать могут 4)",
            "4 члена из 8 не имеют учётной записи",
            "Нужно одобрений: 5, а голосовать на сайте могут только 4 члена"]),
])
def test_the_board_panel_counts_the_seeds_eight_members_and_says_who_has_no_account(
    client, seeded, auth, lang, says
):
    brest = _with_the_board(seeded)
    for email in ("board1@demo.magflow", "board2@demo.magflow"):
        auth.login(email)
        client.post(f"/w/admission/{brest.id}/vote/recommend",
                    data={"vote-recommend-version": brest.version,
                          "vote-recommend-choice": "approve"})
        auth.logout()
    auth.login("board3@demo.magflow")
    response = client.post(f"/w/admission/{brest.id}/vote/recommend",
                           data={"vote-recommend-version": brest.version,
                                 "vote-recommend-choice": "approve"})
    assert response.status_code == 302
    assert _fresh(seeded, brest).state == "board_review"  # three of eight are no majority
    assert engine.tally(seeded, ADMISSION, brest, "recommend").approvals == 3
    page = client.get(f"/admission/{brest.id}?lang={lang}").get_data(as_text=True)
    for text in says:
        assert text in page
