"""Transitions that cite a decision check it before anything changes."""

import pytest

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
