"""Officers' accounts follow the decisions: an election invites, a release ends office rights."""
# ruff: noqa: F811 - the fixtures imported from test_appointments are used by name

from datetime import date

import pytest
from sqlmodel import select

from models import Invitation, OutboxMessage, Role
from models.officers import Appointment
from tests.workflow.test_appointments import holding, officers, person, position, staff  # noqa: F401
from workflow import engine
from workflow.appointments import APPOINTMENTS
from workflow.officer_accounts import (
    INVITATION_TEMPLATE,
    Lapse,
    elected_without_account,
    office_lapse,
)

XXX_DAY = date(2024, 5, 20)


def _endorsed(db, who, seat="vice-president", email=None):
    someone = person(db, who)
    someone.email = email
    db.add(someone)
    appointment = Appointment(person_id=someone.id, position_id=position(db, seat).id,
                              state="endorsed", nominated_on=date(2024, 4, 1))
    db.add(appointment)
    db.commit()
    return appointment


def _elect(db, appointment, actor):
    engine.fire(db, APPOINTMENTS, appointment, "elect", actor=actor, decision="XXX:3.4")


@pytest.mark.parametrize(("seat", "role"), [("vice-president", Role.board),
                                            ("audit-member", Role.audit)])
def test_an_election_invites_the_elected_person_with_the_offices_role(officers, staff, seat,
                                                                       role):
    appointment = _endorsed(officers, "kulginov", seat, email="Kulginov@Astana.example")
    _elect(officers, appointment, staff["secretariat"])
    [invitation] = officers.exec(select(Invitation)).all()
    assert (invitation.email, invitation.role, invitation.city_id, invitation.person_id) == (
        "kulginov@astana.example", role, None, appointment.person_id)
    [message] = officers.exec(select(OutboxMessage)).all()
    assert message.template == INVITATION_TEMPLATE and "/invitation/" in message.params["url"]
    assert message.params["decision"] == "XXX:3.4"
    assert "kulginov" not in [e.person.slug for e in elected_without_account(officers, XXX_DAY)]


def test_a_refused_election_queues_no_invitation(officers, staff):
    appointment = _endorsed(officers, "kulginov", email="kulginov@astana.example")
    with pytest.raises(engine.WorkflowError):
        engine.fire(officers, APPOINTMENTS, appointment, "elect", actor=staff["secretariat"],
                    decision="not a decision")
    officers.rollback()
    assert officers.exec(select(Invitation)).all() == []
    assert officers.exec(select(OutboxMessage)).all() == []


def test_without_an_address_the_elected_person_is_listed(officers, staff):
    appointment = _endorsed(officers, "kulginov")
    _elect(officers, appointment, staff["secretariat"])
    assert officers.exec(select(Invitation)).all() == []
    listed = [e.person.slug for e in elected_without_account(officers, XXX_DAY)]
    assert "kulginov" in listed


def test_a_person_with_an_account_is_not_invited(officers, staff, make_user):
    make_user(Role.board, person_id=person(officers, "kulginov").id)
    appointment = _endorsed(officers, "kulginov", email="kulginov@astana.example")
    _elect(officers, appointment, staff["secretariat"])
    assert officers.exec(select(Invitation)).all() == []
    assert "kulginov" not in [e.person.slug for e in elected_without_account(officers, XXX_DAY)]


def test_office_rights_lapse_on_the_release_date(officers, staff, make_user):
    term = holding(officers, "kobets", "vice-president")
    account = make_user(Role.board, person_id=term.person_id)
    assert office_lapse(officers, account, XXX_DAY) is None
    engine.fire(officers, APPOINTMENTS, term, "release", actor=staff["secretariat"],
                decision="XXX:3.1", reason="resigned")
    assert office_lapse(officers, account, date(2024, 5, 19)) is None
    assert office_lapse(officers, account, XXX_DAY) == Lapse(XXX_DAY)


def test_an_audit_account_needs_an_audit_commission_seat(officers, make_user):
    kobets = person(officers, "kobets")  # sits on the Board, not on the Audit Commission
    account = make_user(Role.audit, person_id=kobets.id)
    assert office_lapse(officers, account, XXX_DAY) == Lapse(None)


def test_an_account_linked_to_nobody_keeps_its_role(officers, make_user):
    account = make_user(Role.board)
    assert office_lapse(officers, account, XXX_DAY) is None
