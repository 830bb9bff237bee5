"""Drafting the next session's decision from what waits for it."""

from datetime import date

import pytest
from sqlmodel import select

from models import AssemblySession, City, CityStatus, Role
from models.admission import Application
from models.decisions import ItemKind
from models.dues import ChargeKind
from models.officers import Appointment
from models.sessions import SessionStatus
from tests.workflow.xxix import before_xxix
from workflow import ledger
from workflow.drafting import generate_draft, items_of
from workflow.engine import REGISTRY, fire, vote
from workflow.sweep import sweep


def draft(db):
    state = before_xxix(db)
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    return state, decision, items_of(db, decision)


def test_draft_lists_waiting_applicants_releases_and_elections(db):
    _state, _decision, items = draft(db)
    kinds = [(i.label, i.kind) for i in items]
    assert ("1.1", ItemKind.continue_admission) in kinds
    assert [k for _l, k in kinds if k == ItemKind.releases] == [ItemKind.releases] * 2
    assert [k for _l, k in kinds if k == ItemKind.elections] == [ItemKind.elections] * 2
    for item in items:
        print(item.label, item.text_ru, "\n   ", item.text_en)


def test_drafting_changes_no_subject(db):
    state = before_xxix(db)
    before = [(a.id, a.state, a.version) for a in db.exec(select(Appointment)).all()]
    generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    after = [(a.id, a.state, a.version) for a in db.exec(select(Appointment)).all()]
    assert before == after


def test_redrafting_keeps_what_the_secretariat_decided(db):
    from workflow import draft_editing

    state, decision, items = draft(db)
    actor = state["secretariat"]
    warnings = next(i for i in items if i.kind == ItemKind.warnings)
    admission = next(i for i in items if i.kind == ItemKind.continue_admission)
    left = warnings.subjects[2]["subject_id"]
    draft_editing.leave_out(db, item=warnings, subject_id=left, reason="Paid on 24 May",
                            actor=actor)
    first = admission.subjects[0]["subject_id"]
    draft_editing.move_subject(db, item=admission, subject_id=first, delta=1, actor=actor)
    moved_order = [s["subject_id"] for s in admission.subjects]
    report = draft_editing.add_item(db, decision=decision, section=1, text_ru="Принять отчёт.",
                                    text_en="To accept the report.", actor=actor)
    for _ in range(len([i for i in items_of(db, decision) if i.section == 1]) - 1):
        draft_editing.move_item(db, item=report, delta=-1, actor=actor)
    draft_editing.edit_item(db, item=admission, text_ru="Продолжить работу с городами.",
                            text_en="To continue the work with the cities.", actor=actor)
    before = [(i.label, i.kind, i.text_ru) for i in items_of(db, decision)]

    generate_draft(db, assembly=state["session"], actor=actor)

    after = items_of(db, decision)
    assert [(i.label, i.kind, i.text_ru) for i in after] == before
    assert after[0].text_ru == "Принять отчёт."
    warnings = next(i for i in after if i.kind == ItemKind.warnings)
    kept = next(s for s in warnings.subjects if s["subject_id"] == left)
    assert (kept["left_out"], kept["reason"]) == (True, "Paid on 24 May")
    admission = next(i for i in after if i.kind == ItemKind.continue_admission)
    assert [s["subject_id"] for s in admission.subjects] == moved_order
    assert admission.text_edited


def test_a_first_draft_puts_the_bound_items_first_in_each_section(db):
    _state, _decision, items = draft(db)
    for section in (1, 3):
        kinds = [i.kind for i in items if i.section == section]
        assert kinds and ItemKind.plain not in kinds
    assert [i.number for i in items if i.section == 1] == list(range(1, 1 + len(
        [i for i in items if i.section == 1])))


# ------------------------------------------- section 1 from the workflows' states ----


@pytest.fixture
def association(db, make_user):
    """The XXIX session held (its 1.3 can be cited), the XXX planned, and the office roles."""
    import workflow.registry  # noqa: F401 - every workflow registered

    db.add(AssemblySession(number=29, held_on=date(2023, 5, 25), status=SessionStatus.held))
    upcoming = AssemblySession(number=30, held_on=date(2024, 5, 20))
    db.add(upcoming)
    db.commit()
    return {"session": upcoming, "secretariat": make_user(Role.secretariat),
            "audit": make_user(Role.audit), "board": [make_user(Role.board) for _ in range(3)]}


def city(db, slug, name_ru, name_en):
    made = City(slug=slug, name_ru=name_ru, name_en=name_en, status=CityStatus.applicant)
    db.add(made)
    db.commit()
    return made


def with_the_board(db, town):
    application = Application(city_id=town.id, state="board_review", name_ru=town.name_ru,
                              name_en=town.name_en, country="Россия")
    db.add(application)
    db.commit()
    return application


def recommended(db, town, people):
    """The Board's majority approves the application."""
    application = with_the_board(db, town)
    for member in people["board"][:2]:
        vote(db, REGISTRY["admission"], application, "recommend", actor=member, approve=True)
    assert application.state == "recommended"


def declined(db, town, people):
    """The Board's majority objects, and the Board declines with a reason."""
    admission, application = REGISTRY["admission"], with_the_board(db, town)
    for member in people["board"][:2]:
        vote(db, admission, application, "recommend", actor=member, approve=False,
             comment="The charter is not accepted.")
    fire(db, admission, application, "decline", actor=people["board"][0],
         reason="The charter is not accepted.")
    assert application.state == "declined"


def suspended(db, town, people):
    """Charged, overdue, reminded, warned, under audit, proposed to and suspended by the Board."""
    arrears, secretariat = REGISTRY["arrears"], people["secretariat"]
    town.status = CityStatus.member
    account = ledger.open_account(db, city=town, on=date(2022, 1, 1))
    ledger.post_charge(db, account=account, kind=ChargeKind.annual, year=2023, amount="4000",
                       currency="EUR", due_on=date(2023, 3, 31), note="test", commit=False)
    db.commit()
    for day in (date(2023, 4, 1), date(2023, 5, 10)):
        sweep(db, as_of=day, workflows=["arrears"])
    db.refresh(account)
    for name in ("warn", "put_under_audit"):
        fire(db, arrears, account, name, actor=secretariat, decision="XXIX:1.3")
    fire(db, arrears, account, "propose_to_board", actor=people["audit"], comment="Suspend.")
    fire(db, arrears, account, "suspend", actor=secretariat, decision="board:2024-02-01:7")
    assert account.state == "suspended"


CITIES = [("perm", "Пермь", "Perm"), ("ufa", "Уфа", "Ufa")]
DRAFTED = [
    (recommended, CITIES[1:], "Принять в члены МАГ город Уфу.",
     "To admit the city of Ufa to membership of MAG."),
    (recommended, CITIES, "Принять в члены МАГ города Пермь, Уфу.",
     "To admit the cities of Perm, Ufa to membership of MAG."),
    (declined, CITIES[:1], "Отказать в приеме в члены МАГ городу Перми.",
     "To refuse the admission to membership of MAG of the city of Perm."),
    (declined, CITIES, "Отказать в приеме в члены МАГ городам Перми, Уфе.",
     "To refuse the admission to membership of MAG of the cities of Perm, Ufa."),
    (suspended, CITIES[1:], "По предложению Правления МАГ в связи с неуплатой членских "
     "взносов исключить из членов МАГ город Уфу.", "On the proposal of the MAG Board, to "
     "exclude from membership of MAG for non-payment of membership fees the city of Ufa."),
    (suspended, CITIES, "По предложению Правления МАГ в связи с неуплатой членских взносов "
     "исключить из членов МАГ города Пермь, Уфу.", "On the proposal of the MAG Board, to "
     "exclude from membership of MAG for non-payment of membership fees the cities of Perm, "
     "Ufa."),
]


@pytest.mark.parametrize(("bring", "cities", "text_ru", "text_en"), DRAFTED,
                         ids=[f"{b.__name__}-{len(c)}" for b, c, _r, _e in DRAFTED])
def test_city_items_agree_in_number_and_case_with_the_cities_they_name(
        db, association, bring, cities, text_ru, text_en):
    for slug, name_ru, name_en in reversed(cities):  # the draft sorts them
        bring(db, city(db, slug, name_ru, name_en), association)
    decision = generate_draft(db, assembly=association["session"],
                              actor=association["secretariat"])
    [item] = items_of(db, decision)
    assert (item.text_ru, item.text_en) == (text_ru, text_en)


def test_a_nomination_made_after_the_sessions_date_waits_for_a_later_session(db):
    from models import Person, Position
    from tests.workflow.xxix import board_of_the_eve, by_slug
    from workflow.adoption import adopt
    from workflow.appointments import APPOINTMENTS, nominate
    from workflow.officers_queries import pending_for_session

    state = before_xxix(db)
    late = nominate(db, person=by_slug(db, Person, "kravchuk"),
                    position=by_slug(db, Position, "audit-member"),
                    actor=state["secretariat"], nominated_on=date(2023, 6, 1))
    for member in board_of_the_eve(db):
        vote(db, APPOINTMENTS, late, "endorse", actor=member, approve=True)
    assert late.state == "endorsed"
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    drafted = {s["subject_id"] for i in items_of(db, decision) for s in i.subjects
               if s["workflow"] == "appointments"}
    assert late.id not in drafted
    assert late.id not in {s.appointment.id for s in
                           pending_for_session(db, state["session"]).nominations}
    adopt(db, decision=decision, actor=state["secretariat"])
    db.refresh(late)
    assert late.state == "endorsed"


def test_an_applicant_is_named_as_its_application_spells_it(db):
    state = before_xxix(db)
    brest = db.exec(select(City).where(City.slug == "brest")).one()
    application = db.exec(select(Application).where(Application.city_id == brest.id)).one()
    application.name_ru, application.name_en = "Брест-над-Бугом", "Brest-on-Bug"
    db.add(application)
    db.commit()
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    first = items_of(db, decision)[0]
    assert first.kind == ItemKind.continue_admission
    assert "Brest-on-Bug" in first.text_en and "Brest (" not in first.text_en
    assert "Брест-над-Бугом" in first.text_ru
    assert "Брест (" not in first.text_ru and "Бреста" not in first.text_ru
    # The others keep the city's stored forms: Витебск stays as the city is recorded.
    assert "Витебск" in first.text_ru
