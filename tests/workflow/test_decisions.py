"""Transitions that cite a decision check it before anything changes."""

import pytest
from flask_babel import force_locale
from sqlmodel import select

from models import AssemblySession, City, Role
from tests.workflow.example import TICKETS
from workflow import engine
from workflow.engine import Refusal


@pytest.fixture
def ticket(db, tickets):
    city = City(slug="brest", name_ru="Брест", name_en="Brest")
    db.add(city)
    db.add(AssemblySession(number=29, held_on=None))
    db.commit()
    return tickets(city_id=city.id, state="submitted")


def test_known_session_is_recorded_in_canonical_form(db, ticket, make_user):
    entry = engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat),
                        comment="c", decision="29:1.1")
    assert entry.decision_ref == "XXIX:1.1"


@pytest.mark.parametrize(("decision", "code"), [("XXX:1.1", "unknown_session"),
                                                ("item one", "bad_decision")])
def test_bad_decision_changes_nothing(db, ticket, make_user, decision, code):
    with pytest.raises(Refusal) as refused:
        engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat),
                    comment="c", decision=decision)
    assert refused.value.code == code
    db.refresh(ticket)
    assert (ticket.state, ticket.version) == ("submitted", 1)
    assert engine.history(db, TICKETS, ticket.id) == []


def _decision(db, number, status, items):
    """Session ``number``'s decision with items {label: [ticket ids bound]}."""
    from models.decisions import Decision, DecisionItem

    assembly = db.exec(select(AssemblySession).where(AssemblySession.number == number)).first()
    if assembly is None:
        assembly = AssemblySession(number=number)
        db.add(assembly)
        db.flush()
    decision = Decision(session_id=assembly.id, status=status)
    db.add(decision)
    db.flush()
    for label, bound in items.items():
        section, item_number = (int(part) for part in label.split("."))
        db.add(DecisionItem(decision_id=decision.id, section=section, number=item_number,
                            kind="plain", text_ru="Текст", text_en="Text", subjects=[
                                {"workflow": "example", "subject_id": i, "transitions": []}
                                for i in bound]))
    db.commit()
    return decision


def _refused(db, ticket, make_user, decision):
    with pytest.raises(Refusal) as refused:
        engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat),
                    comment="c", decision=decision)
    db.refresh(ticket)
    assert (ticket.state, ticket.version) == ("submitted", 1)
    assert engine.history(db, TICKETS, ticket.id) == []
    assert refused.value.params.get("field") == "decision"
    return refused.value


def test_an_item_the_signed_decision_does_not_have_is_refused(app, db, ticket, make_user):
    _decision(db, 29, "signed", {f"3.{n}": [] for n in range(1, 6)} | {"1.1": [], "1.2": []})
    refusal = _refused(db, ticket, make_user, "XXIX:3.9")
    assert refusal.code == "unknown_item"
    with app.app_context(), force_locale("en"):
        assert str(refusal.message) == (
            "The decision of session XXIX has no item 3.9 (its items: 1.1–1.2, 3.1–3.5).")
    with app.app_context(), force_locale("ru"):
        assert "нет пункта 3.9" in str(refusal.message)


def test_an_item_the_signed_decision_has_is_recorded(db, ticket, make_user):
    _decision(db, 29, "signed", {"1.1": [], "3.5": []})
    entry = engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat),
                        comment="c", decision="XXIX:3.5")
    assert entry.decision_ref == "XXIX:3.5"


def test_a_draft_item_not_bound_to_the_subject_is_refused(app, db, ticket, tickets, make_user):
    other = tickets(city_id=ticket.city_id, state="submitted")
    _decision(db, 30, "draft", {"1.1": [other.id], "1.2": [ticket.id]})
    refusal = _refused(db, ticket, make_user, "XXX:1.1")
    assert refusal.code == "item_not_bound"
    with app.app_context(), force_locale("en"):
        assert str(refusal.message) == ("Item 1.1 of the draft decision of session XXX does not "
                                        "concern this case: cite the item that lists it.")
    assert _refused(db, ticket, make_user, "XXX:1.3").code == "unknown_item"


def test_a_draft_item_bound_to_the_subject_is_recorded(db, ticket, tickets, make_user):
    _decision(db, 30, "draft", {"1.1": [ticket.id]})
    entry = engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat),
                        comment="c", decision="XXX:1.1")
    assert entry.decision_ref == "XXX:1.1"


def test_a_session_whose_decision_is_not_recorded_is_taken_at_its_word(db, ticket, make_user):
    entry = engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat),
                        comment="c", decision="XXIX:7.7")
    assert entry.decision_ref == "XXIX:7.7"


def test_a_board_minute_is_entered_in_the_register_when_first_cited(db, tickets, make_user):
    from models.minutes import BoardMinute

    city = City(slug="minsk", name_ru="Минск", name_en="Minsk")
    db.add(city)
    db.commit()
    first, second = (tickets(city_id=city.id, state="submitted") for _ in range(2))
    secretary = make_user(Role.secretariat)
    engine.fire(db, TICKETS, first, "take", actor=secretary, comment="c",
                decision="board:2024-03-01:5")
    engine.fire(db, TICKETS, second, "take", actor=make_user(Role.secretariat), comment="c",
                decision="board : 2024-03-01 : 5")
    minutes = db.exec(select(BoardMinute)).all()
    assert [(m.reference, m.workflow, m.transition, m.subject_id, m.entered_by_id)
            for m in minutes] == [("board:2024-03-01:5", "example", "take", first.id,
                                   secretary.id)]


def test_a_minute_dated_after_its_recording_is_refused_and_not_entered(db, ticket, make_user):
    from models.minutes import BoardMinute

    refusal = _refused(db, ticket, make_user, "board:2999-01-01:1")
    assert refusal.code == "future_minute"
    assert db.exec(select(BoardMinute)).all() == []


def test_a_refused_step_enters_no_minute(db, tickets, make_user):
    from models.minutes import BoardMinute

    city = City(slug="minsk", name_ru="Минск", name_en="Minsk")
    db.add(city)
    db.commit()
    draft = tickets(city_id=city.id, state="draft")
    with pytest.raises(engine.WorkflowError):
        engine.fire(db, TICKETS, draft, "take", actor=make_user(Role.secretariat),
                    comment="c", decision="board:2024-03-01:5")
    assert db.exec(select(BoardMinute)).all() == []
