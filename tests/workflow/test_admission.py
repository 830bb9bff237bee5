"""Admission of a city on the engine: every transition, guard and refusal."""

import pytest
from sqlmodel import select

from models import City, CityStatus, Role
from models.admission import Application
from models.workflow import OutboxMessage
from tests.workflow.admission_factories import *  # noqa: F403 - the fixtures
from workflow import engine
from workflow.admission import ADMISSION, WAITING_FOR, notice_text
from workflow.engine import NotAllowed, Refusal, StaleVersion, WorkflowError, WrongState


def _actor(people, role):
    if role == "applicant":
        return people["applicant"]
    if role == "board":
        return people["boards"][0]
    return people["secretariat"]


def test_every_state_says_what_it_waits_for():
    assert set(WAITING_FOR) == {s.name for s in ADMISSION.states}


ALLOWED = [
    ("draft", "submit", "applicant", {}, "submitted"),
    ("submitted", "take", "secretariat", {}, "in_review"),
    ("in_review", "request_info", "secretariat", {"comment": "Population?"}, "info_requested"),
    ("info_requested", "resubmit", "applicant", {"comment": "Done"}, "in_review"),
    ("in_review", "forward", "secretariat", {}, "board_review"),
    ("recommended", "reject", "secretariat", {"decision": "XXIX:1.1"}, "rejected"),
    ("declined", "reject", "secretariat", {"decision": "XXIX:1.1"}, "rejected"),
    ("draft", "withdraw", "applicant", {}, "withdrawn"),
    ("board_review", "withdraw", "applicant", {}, "withdrawn"),
    ("recommended", "withdraw", "applicant", {}, "withdrawn"),
]


@pytest.fixture
def session_29(db, city):
    from datetime import date

    from models import AssemblySession

    db.add(AssemblySession(number=29, held_on=date(2023, 5, 25)))
    db.commit()


@pytest.mark.parametrize(("state", "name", "role", "inputs", "dest"), ALLOWED,
                         ids=[f"{row[0]}-{row[1]}" for row in ALLOWED])
def test_allowed_transition_moves_the_application(
    db, application, people, session_29, state, name, role, inputs, dest
):
    subject = application(state=state)
    entry = engine.fire(db, ADMISSION, subject, name, actor=_actor(people, role), **inputs)
    db.refresh(subject)
    assert subject.state == dest
    assert (entry.from_state, entry.to_state) == (state, dest)


@pytest.mark.parametrize("name", ["admit", "reject"])
@pytest.mark.parametrize(("decision", "says"), [
    ("board:2023-05-01:3", "A city is admitted or refused by a session"),
    ("XXXI:1.1", "Session 31 has no date yet"),
])
def test_only_a_dated_sessions_decision_admits_or_refuses(db, application, people, session_29,
                                                          name, decision, says):
    from models import AssemblySession, Membership

    db.add(AssemblySession(number=31))  # planned, no date yet
    db.commit()
    subject = application(state="recommended")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, name, actor=people["secretariat"],
                    decision=decision)
    assert says in str(refused.value.message)
    db.refresh(subject)
    assert (subject.state, subject.version) == ("recommended", 1)
    assert db.exec(select(Membership)).all() == []
    assert engine.history(db, ADMISSION, subject.id) == []


FORBIDDEN = [
    ("draft", "submit", "secretariat"),
    ("draft", "submit", "board"),
    ("submitted", "take", "applicant"),
    ("submitted", "take", "board"),
    ("in_review", "request_info", "applicant"),
    ("in_review", "forward", "applicant"),
    ("in_review", "forward", "board"),
    ("info_requested", "resubmit", "secretariat"),
    ("recommended", "admit", "applicant"),
    ("recommended", "admit", "board"),
    ("board_review", "decline", "secretariat"),
    ("board_review", "withdraw", "secretariat"),
    ("admitted", "become_member", "secretariat"),
]


@pytest.mark.parametrize(("state", "name", "role"), FORBIDDEN,
                         ids=[f"{row[0]}-{row[1]}-{row[2]}" for row in FORBIDDEN])
def test_forbidden_roles_change_nothing(db, application, people, state, name, role):
    subject = application(state=state)
    with pytest.raises(NotAllowed):
        engine.fire(db, ADMISSION, subject, name, actor=_actor(people, role),
                    comment="c", reason="r", decision="XXIX:1.1")
    db.refresh(subject)
    assert (subject.state, subject.version) == (state, 1)


@pytest.mark.parametrize("state", ["admitted", "rejected", "member", "withdrawn"])
def test_no_withdrawal_after_the_sessions_decision(db, application, people, state):
    subject = application(state=state)
    with pytest.raises(WrongState):
        engine.fire(db, ADMISSION, subject, "withdraw", actor=people["applicant"])


def test_applicant_of_another_city_cannot_act(db, application, make_user):
    other = City(slug="vitebsk", name_ru="Витебск", name_en="Vitebsk")
    db.add(other)
    db.commit()
    subject = application()
    with pytest.raises(NotAllowed) as refused:
        engine.fire(db, ADMISSION, subject, "submit", actor=make_user(Role.applicant, city=other))
    assert refused.value.code == "owner"


# --- guards on submission ---------------------------------------------------

GUARDS = [
    ({"region": None}, {}, "required fields"),
    ({"population": None}, {}, "required fields"),
    ({"charter_accepted": False}, {}, "Charter"),
    ({"fees_accepted": False}, {}, "fees"),
    ({}, {"letter": False}, "letter of intent"),
]


@pytest.mark.parametrize(("fields", "options", "says"), GUARDS,
                         ids=["region", "population", "charter", "fees", "letter"])
@pytest.mark.parametrize("name", ["submit", "resubmit"])
def test_incomplete_application_cannot_be_submitted(
    db, application, people, fields, options, says, name
):
    state = "draft" if name == "submit" else "info_requested"
    subject = application(state=state, **fields, **options)
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, name, actor=people["applicant"], comment="answer")
    assert says in str(refused.value.message)
    db.refresh(subject)
    assert subject.state == state


def test_request_for_information_needs_a_comment(db, application, people):
    subject = application(state="in_review")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, "request_info", actor=people["secretariat"],
                    comment="   ")
    assert refused.value.code == "missing_comment"


def test_answer_needs_a_comment(db, application, people):
    subject = application(state="info_requested")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, "resubmit", actor=people["applicant"])
    assert refused.value.code == "missing_comment"


def test_double_submit_is_refused_and_counted_once(db, application, people):
    subject = application()
    engine.fire(db, ADMISSION, subject, "submit", actor=people["applicant"], expected_version=1)
    with pytest.raises((WrongState, StaleVersion)):
        engine.fire(db, ADMISSION, subject, "submit", actor=people["applicant"],
                    expected_version=1)
    assert [e.transition for e in engine.history(db, ADMISSION, subject.id)] == ["submit"]


# --- the Board ----------------------------------------------------------------


def test_board_majority_recommends_application(db, application, people):
    subject = application(state="board_review")
    first = engine.vote(db, ADMISSION, subject, "recommend", actor=people["boards"][0],
                        approve=True)
    assert (first.approvals, first.needed, first.fired) == (1, 2, None)
    second = engine.vote(db, ADMISSION, subject, "recommend", actor=people["boards"][1],
                         approve=True)
    assert second.fired is not None
    db.refresh(subject)
    assert subject.state == "recommended"


def _seeded(db, email):
    from models import User

    return db.exec(select(User).where(User.email == email)).one()


def _member_account(db, make_user, slug):
    """A Board account made for a seated person (the Secretariat links it to them)."""
    from models import Person

    user = make_user(Role.board)
    user.person_id = db.exec(select(Person.id).where(Person.slug == slug)).one()
    db.add(user)
    db.commit()
    return user


SEED_BOARD = ["board1@demo.magflow", "board2@demo.magflow", "board3@demo.magflow",
              "president@demo.magflow"]


def test_the_seeds_board_of_eight_is_not_outvoted_by_its_four_accounts(seeded, make_user):
    """After XXIX the Board has eight members and the demo four accounts among them.

    Three approvals (once a majority of the four accounts) recommend nothing; the
    Board's majority is five of eight, which the four accounts alone cannot make:
    their votes wait, and the fifth member's account, once made, completes it.
    """
    db = seeded
    brest = db.exec(select(Application).join(City).where(City.slug == "brest")).one()
    engine.fire(db, ADMISSION, brest, "forward", actor=_seeded(db, "secretariat@demo.magflow"))
    for email in SEED_BOARD[:3]:
        tally = engine.vote(db, ADMISSION, brest, "recommend", actor=_seeded(db, email),
                            approve=True)
    assert (tally.approvals, tally.needed, tally.holders, tally.fired) == (3, 5, 8, None)
    assert (tally.can_vote, tally.without_account, tally.reachable) == (4, 4, False)
    fourth = engine.vote(db, ADMISSION, brest, "recommend", actor=_seeded(db, SEED_BOARD[3]),
                         approve=True)
    assert (fourth.approvals, fourth.fired) == (4, None)
    db.refresh(brest)
    assert brest.state == "board_review"
    kobets = _member_account(db, make_user, "kobets")
    fifth = engine.vote(db, ADMISSION, brest, "recommend", actor=kobets, approve=True)
    assert (fifth.approvals, fifth.needed, fifth.can_vote) == (5, 5, 5)
    assert fifth.fired is not None and brest.state == "recommended"


def test_a_released_board_member_cannot_record_the_boards_decline(seeded, make_user):
    """Declining records the Board's objections: only a sitting member may fire it."""
    db = seeded
    released = _member_account(db, make_user, "kulginov")
    brest = db.exec(select(Application).join(City).where(City.slug == "brest")).one()
    engine.fire(db, ADMISSION, brest, "forward", actor=_seeded(db, "secretariat@demo.magflow"))
    for email in SEED_BOARD:
        engine.vote(db, ADMISSION, brest, "recommend", actor=_seeded(db, email),
                    approve=False, comment="Not yet")
    kobets = _member_account(db, make_user, "kobets")
    engine.vote(db, ADMISSION, brest, "recommend", actor=kobets, approve=False, comment="No")
    with pytest.raises(NotAllowed) as refused:
        engine.fire(db, ADMISSION, brest, "decline", actor=released, reason="No")
    assert refused.value.code == "not_sitting"
    engine.fire(db, ADMISSION, brest, "decline", actor=kobets, reason="Not yet")
    assert brest.state == "declined"


def test_forwarding_writes_to_the_sitting_board_only(seeded, make_user):
    db = seeded
    released = _member_account(db, make_user, "kulginov")
    brest = db.exec(select(Application).join(City).where(City.slug == "brest")).one()
    engine.fire(db, ADMISSION, brest, "forward", actor=_seeded(db, "secretariat@demo.magflow"))
    written = {m.recipient_id for m in db.exec(select(OutboxMessage).where(
        OutboxMessage.template == "admission.board_review")).all()}
    assert {_seeded(db, email).id for email in SEED_BOARD} <= written
    assert released.id not in written


def test_board_member_approving_twice_is_counted_once(db, application, people):
    subject = application(state="board_review")
    engine.vote(db, ADMISSION, subject, "recommend", actor=people["boards"][0], approve=True)
    with pytest.raises(WorkflowError) as refused:
        engine.vote(db, ADMISSION, subject, "recommend", actor=people["boards"][0], approve=True)
    assert refused.value.code == "already_voted"
    assert engine.tally(db, ADMISSION, subject, "recommend").approvals == 1
    db.refresh(subject)
    assert subject.state == "board_review"


def test_one_board_member_cannot_decline_alone(db, application, people):
    subject = application(state="board_review")
    engine.vote(db, ADMISSION, subject, "recommend", actor=people["boards"][0], approve=False,
                comment="Not yet")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, "decline", actor=people["boards"][0], reason="No")
    assert "majority" in str(refused.value.message)


def test_board_declines_with_a_reason_once_a_majority_objects(db, application, people):
    subject = application(state="board_review")
    for member in people["boards"][:2]:
        engine.vote(db, ADMISSION, subject, "recommend", actor=member, approve=False,
                    comment="Charter not signed by the head")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, "decline", actor=people["boards"][1], reason=" ")
    assert refused.value.code == "missing_reason"
    entry = engine.fire(db, ADMISSION, subject, "decline", actor=people["boards"][1],
                        reason="The head did not sign the Charter")
    assert entry.payload["reason"] == "The head did not sign the Charter"
    assert subject.state == "declined"


def test_objection_needs_a_reason(db, application, people):
    subject = application(state="board_review")
    with pytest.raises(Refusal):
        engine.vote(db, ADMISSION, subject, "recommend", actor=people["boards"][0],
                    approve=False)


# --- withdrawal and rejection ---------------------------------------------------


def test_withdrawal_takes_the_city_off_the_applicants(db, application, people, city):
    subject = application(state="in_review")
    engine.fire(db, ADMISSION, subject, "withdraw", actor=people["applicant"])
    db.refresh(city)
    assert city.status == CityStatus.other


def test_rejection_needs_a_known_session(db, application, people):
    subject = application(state="recommended")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, "reject", actor=people["secretariat"],
                    decision="XXX:1.1")
    assert refused.value.code == "unknown_session"
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, "reject", actor=people["secretariat"])
    assert refused.value.code == "missing_decision"
    db.refresh(subject)
    assert subject.state == "recommended"


# --- notifications ------------------------------------------------------------------


def test_request_for_information_notifies_the_applicant_in_their_language(
    db, application, people
):
    subject = application(state="in_review")
    engine.fire(db, ADMISSION, subject, "request_info", actor=people["secretariat"],
                comment="What is the population?")
    message = db.exec(select(OutboxMessage)).one()
    assert (message.recipient_id, message.locale) == (people["applicant"].id, "en")
    assert message.template == "admission.info_requested"
    assert notice_text(message.template, message.params, "en") == (
        "The Secretariat asks for more information on the application of Brest: "
        "What is the population?"
    )


def test_forwarding_notifies_every_board_member_and_the_city(db, application, people):
    subject = application(state="in_review")
    engine.fire(db, ADMISSION, subject, "forward", actor=people["secretariat"])
    recipients = {m.recipient_id for m in db.exec(select(OutboxMessage)).all()}
    assert recipients == {people["applicant"].id, *(b.id for b in people["boards"])}


def test_submission_notifies_the_secretariat(db, application, people):
    subject = application()
    engine.fire(db, ADMISSION, subject, "submit", actor=people["applicant"])
    message = db.exec(select(OutboxMessage)).one()
    assert message.recipient_id == people["secretariat"].id
    assert message.locale == "ru"


def test_applications_are_subjects_of_the_engine():
    assert ADMISSION.subject_url(Application(id=7, city_id=1, state="draft")) == "/admission/7"


# --- admission, fees and membership ----------------------------------------------


@pytest.fixture
def session_30(db, city):
    from datetime import date

    from models import AssemblySession
    from workflow import ledger

    db.add(AssemblySession(number=30, held_on=date(2024, 5, 20)))
    db.commit()
    ledger.set_fee_schedule(db, year=2024, entrance="1000", annual="4000", currency="EUR",
                            actor=None)


def _admit(db, application, people):
    subject = application(state="recommended")
    engine.fire(db, ADMISSION, subject, "admit", actor=people["secretariat"],
                decision="XXX:1.1")
    return subject


def test_admission_starts_a_membership_on_the_decision_date(db, application, people,
                                                            session_30):
    from datetime import date

    from models.admission import Membership

    subject = _admit(db, application, people)
    membership = db.exec(select(Membership)).one()
    assert (membership.city_id, membership.started_on) == (subject.city_id, date(2024, 5, 20))
    assert membership.decision_ref == "XXX:1.1"
    assert subject.state == "admitted"


def test_admission_charges_the_entrance_and_annual_fee_from_the_schedule(
    db, application, people, session_30
):
    from decimal import Decimal

    from models.dues import Charge

    _admit(db, application, people)
    charges = {c.kind.value: (c.amount, c.currency, c.year) for c in db.exec(select(Charge))}
    assert charges == {"entrance": (Decimal("1000.00"), "EUR", 2024),
                       "annual": (Decimal("4000.00"), "EUR", 2024)}


def test_admission_without_a_fee_schedule_is_refused_and_leaves_nothing(
    db, application, people, city
):
    from datetime import date

    from models import AssemblySession
    from models.admission import Membership

    db.add(AssemblySession(number=30, held_on=date(2024, 5, 20)))
    db.commit()
    subject = application(state="recommended")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, "admit", actor=people["secretariat"],
                    decision="XXX:1.1")
    assert refused.value.code == "no_fee_schedule"
    db.refresh(subject)
    assert subject.state == "recommended"
    assert db.exec(select(Membership)).all() == []


def _pay(db, city_id, amount):
    """Pay into the city's account through the ledger (credit, then allocation)."""
    from datetime import date
    from decimal import Decimal

    from models.dues import Account, Credit, Payment
    from workflow import ledger

    account = db.exec(select(Account).where(Account.city_id == city_id)).one()
    payment = Payment(account_id=account.id, amount=Decimal(amount), currency="EUR",
                      paid_on=date(2024, 6, 1), bank_reference=f"REF-{amount}")
    db.add(payment)
    db.flush()
    db.add(Credit(account_id=account.id, payment_id=payment.id, currency="EUR",
                  remaining=Decimal(amount)))
    db.flush()
    ledger.apply_credits(db, account_id=account.id, currency="EUR")
    db.commit()


def test_paying_the_entrance_fee_in_full_makes_the_city_a_member(
    db, application, people, session_30, city
):
    subject = _admit(db, application, people)
    _pay(db, city.id, "400")
    db.refresh(subject)
    assert subject.state == "admitted"
    _pay(db, city.id, "600")
    db.refresh(subject)
    db.refresh(city)
    db.refresh(people["applicant"])
    assert subject.state == "member"
    assert city.status == CityStatus.member
    assert people["applicant"].role == Role.member
    last = engine.history(db, ADMISSION, subject.id)[-1]
    assert (last.transition, last.actor_id) == ("become_member", None)


def test_sweep_catches_up_an_admitted_city_whose_entrance_fee_is_paid(
    db, application, people, session_30, city
):
    from datetime import date

    from models.dues import Charge
    from workflow.sweep import sweep

    subject = _admit(db, application, people)
    entrance = db.exec(select(Charge).where(Charge.key == "entrance")).one()
    entrance.is_open = False  # paid before the hook existed
    db.add(entrance)
    db.commit()
    sweep(db, as_of=date(2024, 7, 1), workflows=["admission"])
    db.refresh(subject)
    db.refresh(city)
    assert (subject.state, city.status) == ("member", CityStatus.member)


def test_two_requests_reapplying_at_once_open_one_application(db, application, people, city,
                                                              monkeypatch):
    import threading

    from models.database import new_session
    from tests.threads import run_together
    from workflow import applications

    ended = application(state="in_review")
    engine.fire(db, ADMISSION, ended, "withdraw", actor=people["applicant"])
    both_read, waited = threading.Barrier(2), threading.local()
    read = applications.current_application

    def read_then_wait(session, city_id):
        found = read(session, city_id)
        if not getattr(waited, "once", False):
            waited.once = True
            both_read.wait(timeout=10)  # each request saw only the withdrawn application
        return found

    monkeypatch.setattr(applications, "current_application", read_then_wait)
    opened = []

    def reapply():
        with new_session(db.get_bind()) as session:
            opened.append(applications.open_application(
                session, city=session.get(City, city.id),
                actor=session.get(type(people["applicant"]), people["applicant"].id)).id)

    assert run_together(reapply, reapply) == []
    drafts = db.exec(select(Application.id).where(Application.city_id == city.id,
                                                  Application.state == "draft")).all()
    assert len(drafts) == 1 and opened == [drafts[0], drafts[0]]


def _recipients(db):
    return {m.recipient_id: m for m in db.exec(select(OutboxMessage)).all()}


# (state, transition, who fires, inputs, who is told)
NOTIFIED = [
    ("submitted", "take", "secretariat", {}, {"applicant"}),
    ("info_requested", "resubmit", "applicant", {"comment": "Done"}, {"secretariat"}),
    ("recommended", "reject", "secretariat", {"decision": "XXX:1.1"}, {"applicant", "boards"}),
    ("recommended", "admit", "secretariat", {"decision": "XXX:1.1"}, {"applicant", "boards"}),
    ("in_review", "withdraw", "applicant", {}, {"secretariat"}),
]


@pytest.mark.parametrize(("state", "name", "role", "inputs", "told"), NOTIFIED,
                         ids=[f"{row[0]}-{row[1]}" for row in NOTIFIED])
def test_every_step_notifies_the_people_concerned_in_their_language(
        db, application, people, session_30, state, name, role, inputs, told):
    subject = application(state=state)
    engine.fire(db, ADMISSION, subject, name, actor=_actor(people, role), **inputs)
    expected = {p.id: p for group in told
                for p in (people[group] if group == "boards" else [people[group]])}
    found = _recipients(db)
    assert set(found) == set(expected)
    for recipient_id, message in found.items():
        assert message.template == f"admission.{subject.state}"
        assert message.locale == (expected[recipient_id].locale or "ru")  # the default
        text = notice_text(message.template, message.params, message.locale)
        assert ("Brest" if message.locale == "en" else "Брест") in text


def test_the_board_recommending_tells_the_city_and_the_secretariat(db, application, people):
    subject = application(state="board_review")
    for member in people["boards"][:2]:
        engine.vote(db, ADMISSION, subject, "recommend", actor=member, approve=True)
    found = _recipients(db)
    assert set(found) == {people["applicant"].id, people["secretariat"].id}
    assert {m.template for m in found.values()} == {"admission.recommended"}


def test_the_board_declining_tells_the_city_and_the_secretariat(db, application, people):
    subject = application(state="board_review")
    for member in people["boards"][:2]:
        engine.vote(db, ADMISSION, subject, "recommend", actor=member, approve=False,
                    comment="Not yet")
    engine.fire(db, ADMISSION, subject, "decline", actor=people["boards"][1], reason="Later")
    found = _recipients(db)
    assert set(found) == {people["applicant"].id, people["secretariat"].id}
    assert {m.template for m in found.values()} == {"admission.declined"}


def test_paying_the_entrance_fee_tells_the_city_and_the_secretariat(
        db, application, people, session_30):
    from datetime import date

    from models.dues import Account
    from workflow import payments

    subject = _admit(db, application, people)
    for message in db.exec(select(OutboxMessage)).all():
        db.delete(message)
    db.commit()
    account = db.exec(select(Account).where(Account.city_id == subject.city_id)).one()
    payments.record_payment(db, account=account, amount="1000", currency="EUR",
                            paid_on=date(2024, 6, 1), bank_reference="ENTRY-1",
                            actor=people["secretariat"], today=date(2024, 6, 2))
    db.refresh(subject)
    assert subject.state == "member"
    found = _recipients(db)
    assert set(found) == {people["applicant"].id, people["secretariat"].id}
    assert {m.template for m in found.values()} == {"admission.member"}


@pytest.mark.parametrize("name", ["admit", "reject"])
def test_a_session_held_before_the_application_was_submitted_cannot_decide_on_it(
        app, db, application, people, session_30, name):
    from datetime import UTC, date, datetime

    from models import AssemblySession, Membership

    subject = application(state="draft")
    engine.fire(db, ADMISSION, subject, "submit", actor=people["applicant"],
                now=datetime(2024, 6, 1, 10, tzinfo=UTC))
    subject.state = "recommended"
    db.add(subject)
    db.add(AssemblySession(number=31, held_on=date(2024, 11, 5)))
    db.commit()
    version = subject.version
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ADMISSION, subject, name, actor=people["secretariat"],
                    decision="XXX:1.1")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(refused.value.message) == (
            "Session XXX sat on 20 May 2024, before the application was submitted on "
            "1 June 2024: cite the session that decided on it.")
    db.refresh(subject)
    assert (subject.state, subject.version) == ("recommended", version)
    assert db.exec(select(Membership)).all() == []
    assert len(engine.history(db, ADMISSION, subject.id)) == 1
    engine.fire(db, ADMISSION, subject, name, actor=people["secretariat"], decision="XXXI:1.1")
    assert subject.state in ("admitted", "rejected")
