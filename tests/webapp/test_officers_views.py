"""The officers' pages: compositions on a date, people, nominations, releases, the panel."""

import re
from datetime import date

import pytest
from sqlmodel import select

from models import AssemblySession, Person, Position, Role, SessionStatus
from models.officers import Appointment, ReleaseReason

SECRETARIAT = "secretariat@demo.magflow"
PASSWORD = "a-long-test-password"


def _board_account(db, make_user, slug):
    """An account made for a seated Board member the demo has none for; its e-mail."""
    user = make_user(Role.board, password=PASSWORD)
    user.person_id = db.exec(select(Person.id).where(Person.slug == slug)).one()
    db.add(user)
    db.commit()
    return user.email


def _text(response):
    body = response.get_data(as_text=True)
    response.close()
    return body


def _term(db, who, seat, state="in_office"):
    return db.exec(select(Appointment).join(Person, Person.id == Appointment.person_id)
                   .join(Position, Position.id == Appointment.position_id)
                   .where(Person.slug == who, Position.slug == seat,
                          Appointment.state == state)).one()


@pytest.fixture
def xxx(seeded):
    """A dated next session to cite."""
    seeded.add(AssemblySession(number=30, held_on=date(2024, 5, 20),
                               status=SessionStatus.planned))
    seeded.commit()
    return seeded


@pytest.mark.parametrize(("day", "present", "absent"), [
    ("2023-05-24", ["Kulginov", "Volkov", "Shulepov"], ["Kasymbek", "Khugaev"]),
    ("2023-05-26", ["Kasymbek", "Khugaev", "Yalalov"], ["Kulginov", "Volkov"]),
])
def test_board_composition_on_a_chosen_date(client, seeded, day, present, absent):
    page = _text(client.get(f"/officers/bodies/board?on={day}&lang=en"))
    assert all(name in page for name in present)
    assert not any(name in page for name in absent)


def test_unknown_start_is_said_in_words(client, seeded):
    page = _text(client.get("/officers?lang=en"))
    assert "Kravchuk" in page and "not stated in the sources" in page


@pytest.mark.parametrize("bad", ["yesterday", "2023-02-30", "2023-13-01"])
def test_a_bad_date_gives_a_clear_message(client, seeded, bad):
    response = client.get(f"/officers?on={bad}&lang=en")
    assert response.status_code == 400
    assert "is not a date" in _text(response)


def test_unknown_body_and_person_are_404(client, seeded):
    assert client.get("/officers/bodies/nosuch").status_code == 404
    assert client.get("/officers/people/nosuch").status_code == 404


def test_a_persons_page_keeps_every_office(client, seeded):
    page = _text(client.get("/officers/people/yalalov?lang=en"))
    assert "First Vice-President of MAG" in page and "Member of the Board" in page
    assert "XXIX:3.3" in page and "elected to another office" in page


def test_nominations_are_shown_to_the_office_only(client, seeded, auth):
    client.post("/officers/nominate", data={})  # anonymous: sent to log in
    auth.login(SECRETARIAT)
    client.post("/officers/nominate", data={
        "person": _person_id(seeded, "kulginov"), "position": _position_id(seeded, "audit-member"),
        "nominated_on": "2024-04-01"})
    assert "audit-member" in _text(client.get("/officers/people/kulginov"))
    auth.logout()
    assert "audit-member" not in _text(client.get("/officers/people/kulginov"))


def _person_id(db, slug):
    return db.exec(select(Person).where(Person.slug == slug)).one().id


def _position_id(db, slug):
    return db.exec(select(Position).where(Position.slug == slug)).one().id


def test_secretariat_nominates_and_lands_on_the_subject_page(client, seeded, auth):
    auth.login(SECRETARIAT)
    response = client.post("/officers/nominate?lang=en", data={
        "person": _person_id(seeded, "kulginov"),
        "position": _position_id(seeded, "vice-president"), "nominated_on": "2024-04-01"})
    assert response.status_code == 302
    page = _text(client.get(response.headers["Location"]))
    assert "Nominated" in page and "Endorse the nomination" in page


def test_nominating_a_sitting_officer_again_is_refused_and_saves_nothing(client, seeded, auth):
    auth.login(SECRETARIAT)
    before = len(seeded.exec(select(Appointment)).all())
    response = client.post("/officers/nominate?lang=en", data={
        "person": _person_id(seeded, "kobets"),
        "position": _position_id(seeded, "vice-president"), "nominated_on": "2024-04-01"})
    assert response.status_code == 400
    assert "already nominated for or holds" in _text(response)
    assert len(seeded.exec(select(Appointment)).all()) == before


def _nominate_kulginov(client, db, day: str) -> tuple[str, int]:
    """The Secretariat (logged in) nominates Kulginov for Vice-President: page and id."""
    location = client.post("/officers/nominate", data={
        "person": _person_id(db, "kulginov"), "position": _position_id(db, "vice-president"),
        "nominated_on": day}).headers["Location"]
    return location, int(location.rsplit("/", 1)[1])


def test_board_majority_endorses_through_the_panel(client, seeded, auth, make_user):
    auth.login(SECRETARIAT)
    location, appointment_id = _nominate_kulginov(client, seeded, "2024-04-01")
    auth.logout()
    kobets = _board_account(seeded, make_user, "kobets")
    # A majority of the eight sitting: the four demo accounts are not enough without Kobets.
    for email in ("board1@demo.magflow", "board2@demo.magflow", "board3@demo.magflow",
                  "president@demo.magflow", kobets):
        seeded.expire_all()
        assert seeded.get(Appointment, appointment_id).state == "nominated"
        auth.login(email, PASSWORD if email == kobets else None)
        version = seeded.get(Appointment, appointment_id).version
        client.post(f"/w/appointments/{appointment_id}/vote/endorse", data={
            "vote-endorse-version": version, "vote-endorse-choice": "approve"})
        auth.logout()
    seeded.expire_all()
    assert seeded.get(Appointment, appointment_id).state == "endorsed"


def test_secretariat_withdraws_and_renews_a_nomination_through_the_panel(client, seeded, auth):
    auth.login(SECRETARIAT)
    location, appointment_id = _nominate_kulginov(client, seeded, "2024-04-01")
    client.post(f"/w/appointments/{appointment_id}/fire/withdraw", data={
        "fire-withdraw-version": "1", "fire-withdraw-comment": "declined for now"})
    seeded.expire_all()
    assert seeded.get(Appointment, appointment_id).state == "withdrawn"
    page = _text(client.get(f"{location}?lang=en"))
    assert f'action="/w/appointments/{appointment_id}/fire/nominate"' in page
    client.post(f"/w/appointments/{appointment_id}/fire/nominate", data={
        "fire-nominate-version": "2"})
    seeded.expire_all()
    renewed = seeded.get(Appointment, appointment_id)
    assert (renewed.state, renewed.nominated_on) == ("nominated", date.today())
    auth.logout()
    auth.login("board1@demo.magflow")  # the Board may not renew it
    assert 'fire/nominate"' not in _text(client.get(location))
    refused = client.post(f"/w/appointments/{appointment_id}/fire/withdraw", data={
        "fire-withdraw-version": "3", "fire-withdraw-comment": "no"})
    assert refused.status_code == 403
    seeded.expire_all()
    assert seeded.get(Appointment, appointment_id).state == "nominated"


def test_a_released_board_member_is_told_why_and_cannot_vote(client, xxx, auth, make_user):
    auth.login(SECRETARIAT)
    term = _term(xxx, "kasymbek", "vice-president")  # the demo's board2
    client.post(f"/officers/appointments/{term.id}/release", data={
        "version": term.version, "reason": "resigned", "decision": "XXX:3.1"})
    location, appointment_id = _nominate_kulginov(client, xxx, "2024-06-01")
    auth.logout()
    auth.login("board2@demo.magflow")
    # Office rights follow the office held: the page is closed to the released member.
    page = client.get(f"{location}?lang=en")
    assert page.status_code == 403
    assert "Your office ended on 20 May 2024" in _text(page)
    refused = client.post(f"/w/appointments/{appointment_id}/vote/endorse?lang=en", data={
        "vote-endorse-version": "1", "vote-endorse-choice": "approve"})
    assert refused.status_code == 403
    assert "Your office ended on 20 May 2024" in _text(refused)
    auth.logout()
    # Seven sit now, four of them with an account (board1, board3, the President and
    # Kobets): together they are the majority.
    kobets = _board_account(xxx, make_user, "kobets")
    for email in ("board1@demo.magflow", "board3@demo.magflow", "president@demo.magflow",
                  kobets):
        auth.login(email, PASSWORD if email == kobets else None)
        client.post(f"/w/appointments/{appointment_id}/vote/endorse", data={
            "vote-endorse-version": "1", "vote-endorse-choice": "approve"})
        auth.logout()
    xxx.expire_all()
    assert xxx.get(Appointment, appointment_id).state == "endorsed"


def test_release_request_with_a_reason_from_the_list(client, seeded, auth):
    term = _term(seeded, "kobets", "vice-president")
    auth.login(SECRETARIAT)
    response = client.post(f"/officers/appointments/{term.id}/request_release", data={
        "version": term.version, "reason": "resigned"})
    assert response.status_code == 302
    seeded.refresh(term)
    assert (term.state, term.release_reason) == ("release_requested", ReleaseReason.resigned)
    assert "Kobets" in _text(client.get("/officers/pending?lang=en"))


def test_release_dated_before_the_term_began_is_refused(client, xxx, auth):
    term = _term(xxx, "kobets", "vice-president")
    auth.login(SECRETARIAT)
    response = client.post(f"/officers/appointments/{term.id}/release?lang=en", data={
        "version": term.version, "reason": "resigned", "decision": "board:2023-01-01:1"})
    assert response.status_code == 400
    assert "by a session" in _text(response)
    xxx.refresh(term)
    assert (term.state, term.ended_on) == ("in_office", None)


@pytest.mark.parametrize(("decision", "message"), [
    ("", "The decision reference is required."),
    ("XXXV:3.1", "There is no session number 35."),
    ("hello", "Write the decision as session and item (XXIX:1.3)"),
    ("XXIX:3.9", "The decision of session XXIX has no item 3.9 (its items: 1.1–1.3, 2.1–2.11, "
                 "3.1–3.5)."),
])
def test_a_bad_decision_reference_is_told_what_is_wrong_at_its_field(client, xxx, auth,
                                                                     decision, message):
    term = _term(xxx, "kobets", "vice-president")
    auth.login(SECRETARIAT)
    response = client.post(f"/officers/appointments/{term.id}/release?lang=en", data={
        "version": term.version, "reason": "resigned", "decision": decision})
    assert response.status_code == 400
    errors = re.search(r'id="decision-errors" role="alert">(.*?)</div>', _text(response), re.S)
    assert errors and message in errors.group(1)
    xxx.refresh(term)
    assert (term.state, term.ended_on) == ("in_office", None)


def test_release_by_the_session_ends_the_term_on_its_date(client, xxx, auth):
    term = _term(xxx, "kobets", "vice-president")
    auth.login(SECRETARIAT)
    client.post(f"/officers/appointments/{term.id}/release", data={
        "version": term.version, "reason": "other", "reason_text": "left the city",
        "decision": "XXX:3.1"})
    xxx.refresh(term)
    assert (term.state, term.ended_on, term.release_reason_text) == (
        "released", date(2024, 5, 20), "left the city")
    assert "Kobets" not in _text(client.get("/officers/bodies/board?on=2024-05-20&lang=en"))
    assert "Kobets" in _text(client.get("/officers/bodies/board?on=2024-05-19&lang=en"))


def test_releasing_someone_not_in_office_is_refused(client, xxx, auth):
    term = _term(xxx, "kulginov", "first-vice-president", "released")
    auth.login(SECRETARIAT)
    response = client.post(f"/officers/appointments/{term.id}/release", data={
        "version": term.version, "reason": "resigned", "decision": "XXX:3.1"})
    assert response.status_code == 409
    xxx.refresh(term)
    assert term.release_decision == "XXIX:3.1"


def test_the_prize_regulation_is_listed_as_adopted_by_session_xxix(client, seeded):
    page = _text(client.get("/officers/documents?lang=en"))
    assert "Regulation on the prize of the First President of MAG" in page and "XXIX:3.5" in page


def test_secretariat_adds_a_person_and_a_position(client, seeded, auth):
    auth.login(SECRETARIAT)
    response = client.post("/officers/people/new", data={
        "surname_ru": "Иванов", "surname_en": "Ivanov", "title_en": "Mayor of Tver", "city": 0})
    assert response.status_code == 302
    assert "Mayor of Tver" in _text(client.get(response.headers["Location"] + "?lang=en"))
    response = client.post("/officers/positions/new", data={
        "body": seeded.exec(select(Position)).first().body_id, "title_ru": "Секретарь Правления",
        "title_en": "Secretary of the Board", "single_seat": "y", "rank": 7})
    assert response.status_code == 302
    added = seeded.exec(select(Position).where(Position.title_en == "Secretary of the Board")).one()
    assert added.single_seat


@pytest.mark.parametrize(("gender", "patronymic", "stored", "accusative"), [
    ("female", "", "female", "Кравчук Светлану"),
    ("", "Андреевна", None, "Кравчук Светлану Андреевну"),
])
def test_a_person_is_recorded_with_the_gender_their_name_declines_in(
        client, seeded, auth, gender, patronymic, stored, accusative):
    from workflow.wording import decline_name

    auth.login(SECRETARIAT)
    response = client.post("/officers/people/new", data={
        "surname_ru": "Кравчук", "given_ru": "Светлана", "patronymic_ru": patronymic,
        "surname_en": "Kravchuk", "city": 0, "gender": gender})
    assert response.status_code == 302
    added = seeded.exec(select(Person).where(Person.surname_en == "Kravchuk",
                                             Person.given_ru == "Светлана")).one()
    assert added.gender == stored
    assert decline_name(added, "accs") == accusative


def test_an_unknown_gender_is_refused_at_its_field(client, seeded, auth):
    auth.login(SECRETARIAT)
    response = client.post("/officers/people/new?lang=en", data={
        "surname_ru": "Кравчук", "surname_en": "Kravchuk", "city": 0, "gender": "other"})
    assert response.status_code in (200, 400)
    assert "Not a valid choice" in _text(response)
    assert len(seeded.exec(select(Person)).all()) == 14


def test_blank_names_are_refused(client, seeded, auth):
    auth.login(SECRETARIAT)
    response = client.post("/officers/people/new?lang=en",
                           data={"surname_ru": "  ", "surname_en": "  ", "city": 0})
    assert response.status_code == 400
    assert "surname is needed" in _text(response)
    assert len(seeded.exec(select(Person)).all()) == 14


@pytest.mark.parametrize(("lang", "words"), [("ru", "в связи с переходом на другую работу"),
                                              ("en", "moved to other work")])
def test_release_reason_reads_as_words_in_the_history(client, seeded, auth, lang, words):
    term = _term(seeded, "kulginov", "first-vice-president", state="released")
    auth.login(SECRETARIAT)
    page = _text(client.get(f"/officers/appointments/{term.id}?lang={lang}"))
    assert "moved_to_other_work" not in page
    assert words in page


def test_a_date_or_a_name_ending_in_a_full_stop_gets_no_second_one(client, seeded, auth):
    page = _text(client.get("/officers/bodies/board?on=2023-05-25&lang=ru"))
    assert "Состав на 25 мая 2023\u202fг.</p>" in page and "г.." not in page
    auth.login("president@demo.magflow")
    home = _text(client.get("/?lang=ru"))
    assert "Добро пожаловать, Кравчук С.А." in home and "С.А.." not in home


@pytest.mark.parametrize(("lang", "titles", "words"), [
    ("en", {"title_ru": "Новая должность", "title_en": " president of MAG"},
     "This body already has the position «President of MAG»."),
    ("ru", {"title_ru": "президент маг", "title_en": "New office"},
     "В этом органе уже есть должность «Президент МАГ»."),
])
def test_the_same_position_twice_is_refused_at_its_field(client, seeded, auth, lang, titles,
                                                         words):
    president = seeded.exec(select(Position).where(Position.slug == "president")).one()
    count = len(seeded.exec(select(Position)).all())
    auth.login(SECRETARIAT)
    response = client.post(f"/officers/positions/new?lang={lang}", data={
        "body": president.body_id, "single_seat": "y", "rank": 7, **titles})
    assert response.status_code == 400
    page = _text(response)
    field = "title_en" if lang == "en" else "title_ru"
    assert f'aria-describedby="{field}-errors"' in page
    assert words in page
    assert len(seeded.exec(select(Position)).all()) == count
    assert not seeded.exec(select(Position).where(Position.slug.like("president-%"))).all()


def test_a_release_on_the_day_the_term_began_is_refused_in_the_readers_language(
        client, seeded, auth):
    term = _term(seeded, "kobets", "vice-president")  # elected by XXIX, 25 May 2023
    auth.login(SECRETARIAT)
    response = client.post(f"/officers/appointments/{term.id}/release?lang=ru", data={
        "version": term.version, "reason": "resigned", "decision": "XXIX:3.2"})
    assert response.status_code == 400
    assert ("Освобождение датировано 25 мая 2023\u202fг., а полномочия начались "
            "25 мая 2023\u202fг." in _text(response))
    seeded.refresh(term)
    assert (term.state, term.ended_on) == ("in_office", None)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_nominate_form_lists_people_in_the_readers_alphabet(client, seeded, auth, lang):
    auth.login(SECRETARIAT)
    page = _text(client.get(f"/officers/nominate?lang={lang}"))
    select_html = re.search(r'<select[^>]*id="person".*?</select>', page, re.S).group(0)
    names = re.findall(r"<option[^>]*>([^<]+)</option>", select_html)
    assert len(names) == 14
    assert names == sorted(names, key=lambda n: n.casefold().replace("ё", "е"))
    assert ("Khugaev" in names[0] + "".join(names)) == (lang == "en")
