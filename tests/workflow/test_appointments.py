"""Officer appointments on the engine: every transition, the single-seat rule, bad input."""

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from models import AssemblySession, Body, City, Person, Position, Role, SessionStatus
from models.database import new_session
from models.officers import Appointment, ReleaseReason
from seeding.loader import read_seed
from seeding.officers import load_appointments
from seeding.sections import load_bodies, load_cities, load_people, load_positions, load_sessions
from workflow import engine
from workflow.appointments import APPOINTMENTS, nominate, replace
from workflow.engine import NotAllowed, Refusal, WrongState
from workflow.officers_queries import composition, pending_for_session
from workflow.sweep import sweep

SEED = read_seed()
XXX_DAY = date(2024, 5, 20)


@pytest.fixture
def officers(db):
    """The seed's bodies, people and terms after the XXIX session, plus a dated XXX session."""
    for loader in (load_cities, load_bodies, load_positions, load_people, load_sessions,
                   load_appointments):
        loader(db, SEED, lambda: None)
        db.commit()
    db.add(AssemblySession(number=30, held_on=XXX_DAY, status=SessionStatus.planned))
    db.add(AssemblySession(number=31, status=SessionStatus.planned))
    db.commit()
    return db


# Five of the Board's eight members after XXIX, with accounts: its majority.
VOTING = ("yalalov", "molchanov", "pilavov", "khugaev", "kulemzin")


@pytest.fixture
def staff(officers, make_user):
    return {
        "secretariat": make_user(Role.secretariat),
        "boards": [_linked(officers, make_user, slug) for slug in VOTING],
    }


def person(db, slug):
    return db.exec(select(Person).where(Person.slug == slug)).one()


def position(db, slug):
    return db.exec(select(Position).where(Position.slug == slug)).one()


def holding(db, who, seat):
    return db.exec(select(Appointment).where(
        Appointment.person_id == person(db, who).id,
        Appointment.position_id == position(db, seat).id,
        Appointment.state == "in_office",
    )).one()


@pytest.fixture
def make(db, officers, staff):
    """An appointment in a given state: ``make("kobets", "president", "endorsed")``."""

    def build(who, seat, state="nominated", nominated_on=date(2024, 4, 1), **fields):
        appointment = Appointment(
            person_id=person(db, who).id, position_id=position(db, seat).id, state=state,
            nominated_on=nominated_on, **fields,
        )
        db.add(appointment)
        db.commit()
        return appointment

    return build


def endorse(db, appointment, boards):
    """The members approve one by one until the Board's majority endorses."""
    for member in boards:
        if engine.vote(db, APPOINTMENTS, appointment, "endorse", actor=member,
                       approve=True).fired:
            return
    raise AssertionError("the Board's majority was not reached")


def board_ids(db, day):
    body = db.exec(select(Body).where(Body.slug == "board")).one()
    return [(s.position.slug, s.person.slug) for s in composition(db, body, day)]


# --- nomination -------------------------------------------------------------


def test_secretariat_nominates_with_the_persons_title_and_a_history_entry(officers, staff):
    who = person(officers, "kobets")
    appointment = nominate(officers, person=who, position=position(officers, "audit-member"),
                           actor=staff["secretariat"], nominated_on=date(2024, 4, 1))
    assert appointment.state == "nominated"
    assert appointment.title_en == "Head of the Administration of Kherson"
    [entry] = engine.history(officers, APPOINTMENTS, appointment.id)
    assert (entry.transition, entry.actor_id) == ("nominate", staff["secretariat"].id)


def test_nominating_someone_already_in_that_office_is_refused(officers, staff):
    with pytest.raises(Refusal) as refused:
        nominate(officers, person=person(officers, "kobets"),
                 position=position(officers, "vice-president"), actor=staff["secretariat"],
                 nominated_on=date(2024, 4, 1))
    assert "Кобец" in str(refused.value.message)
    assert officers.exec(select(Appointment).where(Appointment.state == "nominated")).all() == []


def test_a_board_member_cannot_nominate(officers, staff):
    with pytest.raises(NotAllowed):
        nominate(officers, person=person(officers, "kobets"),
                 position=position(officers, "audit-member"), actor=staff["boards"][0],
                 nominated_on=date(2024, 4, 1))


@pytest.mark.parametrize("ended", ["withdrawn", "not_elected"])
def test_a_withdrawn_or_unelected_nomination_is_renewed_and_dated_the_day_it_is_made(
    make, db, staff, ended
):
    appointment = make("kobets", "audit-member", ended, nominated_on=date(2024, 1, 15))
    entry = engine.fire(db, APPOINTMENTS, appointment, "nominate", actor=staff[SEC],
                        comment="proposed again", now=datetime(2024, 6, 3, 9, 0, tzinfo=UTC))
    db.refresh(appointment)
    assert (appointment.state, appointment.nominated_on) == ("nominated", date(2024, 6, 3))
    assert (entry.from_state, entry.to_state, entry.comment) == (ended, "nominated",
                                                                  "proposed again")
    # The renewed nomination goes to the Board again, as a new one does.
    endorse(db, appointment, staff["boards"])
    db.refresh(appointment)
    assert appointment.state == "endorsed"


def test_renewing_is_refused_while_another_nomination_for_that_office_is_open(make, db, staff):
    old = make("kobets", "audit-member", "withdrawn", nominated_on=date(2024, 1, 15))
    make("kobets", "audit-member", "nominated", nominated_on=date(2024, 3, 1))
    with pytest.raises(Refusal) as refused:
        engine.fire(db, APPOINTMENTS, old, "nominate", actor=staff[SEC])
    assert "Кобец" in str(refused.value.message)
    db.refresh(old)
    assert (old.state, old.nominated_on) == ("withdrawn", date(2024, 1, 15))
    assert [e.transition for e in engine.history(db, APPOINTMENTS, old.id)] == []


@pytest.mark.parametrize("role", [Role.board, Role.president, Role.audit])
def test_only_the_office_renews_a_nomination(make, db, make_user, role):
    appointment = make("kobets", "audit-member", "withdrawn")
    with pytest.raises(NotAllowed):
        engine.fire(db, APPOINTMENTS, appointment, "nominate", actor=make_user(role))
    db.refresh(appointment)
    assert appointment.state == "withdrawn"


# --- every transition ---------------------------------------------------------

SEC = "secretariat"
ALLOWED = [
    # (state, transition, inputs, new state)
    ("endorsed", "elect", {"decision": "XXX:2.1"}, "elected"),
    ("endorsed", "not_elect", {"decision": "XXX:2.1"}, "not_elected"),
    ("nominated", "withdraw", {"comment": "declined the offer"}, "withdrawn"),
    ("endorsed", "withdraw", {"comment": "declined the offer"}, "withdrawn"),
    ("in_office", "request_release", {"reason": "resigned"}, "release_requested"),
    ("release_requested", "cancel_release", {"comment": "stays"}, "in_office"),
    ("in_office", "release", {"decision": "XXX:3.1", "reason": "term_ended"}, "released"),
    ("release_requested", "release", {"decision": "XXX:3.1", "reason": "resigned"}, "released"),
]


@pytest.mark.parametrize(("state", "name", "inputs", "dest"), ALLOWED,
                         ids=[f"{row[0]}-{row[1]}" for row in ALLOWED])
def test_secretariat_transitions(make, db, staff, state, name, inputs, dest):
    appointment = make("kobets", "audit-member", state, started_on=date(2024, 1, 10))
    entry = engine.fire(db, APPOINTMENTS, appointment, name, actor=staff[SEC], **inputs)
    db.refresh(appointment)
    assert appointment.state == dest
    assert entry.decision_ref == inputs.get("decision")


def test_board_majority_endorses_a_nomination(make, db, staff):
    """Five of the eight sitting members: four approvals are not yet the Board's majority."""
    appointment = make("kobets", "audit-member")
    for member in staff["boards"][:4]:
        tally = engine.vote(db, APPOINTMENTS, appointment, "endorse", actor=member, approve=True)
        assert tally.fired is None and appointment.state == "nominated"
    assert (tally.approvals, tally.needed, tally.holders) == (4, 5, 8)
    fifth = engine.vote(db, APPOINTMENTS, appointment, "endorse", actor=staff["boards"][4],
                        approve=True)
    assert fifth.fired is not None
    db.refresh(appointment)
    assert appointment.state == "endorsed"


def _linked(db, make_user, slug, role=Role.board):
    """A Board account of a seated person, as the demo's board2 is of Kasymbek."""
    user = make_user(role)
    user.person_id = person(db, slug).id
    db.add(user)
    db.commit()
    return user


def test_a_board_member_released_by_a_session_no_longer_votes_or_counts(
    make, db, staff, make_user
):
    kasymbek = _linked(db, make_user, "kasymbek")
    appointment = make("kobets", "audit-member")
    before = engine.tally(db, APPOINTMENTS, appointment, "endorse")
    assert (before.holders, before.can_vote, before.needed) == (8, 6, 5)
    # He approves while he sits ...
    engine.vote(db, APPOINTMENTS, appointment, "endorse", actor=kasymbek, approve=True)
    # ... then a session releases him, before the Board has its majority.
    term = holding(db, "kasymbek", "vice-president")
    engine.fire(db, APPOINTMENTS, term, "release", actor=staff[SEC], decision="XXX:3.1",
                reason="resigned")
    tally = engine.tally(db, APPOINTMENTS, appointment, "endorse")
    assert (tally.holders, tally.can_vote, tally.approvals, tally.needed) == (7, 5, 0, 4)
    with pytest.raises(NotAllowed) as refused:
        engine.vote(db, APPOINTMENTS, appointment, "endorse", actor=kasymbek, approve=False,
                    comment="no")
    assert refused.value.code == "not_sitting"
    reasons = dict((t.name, r) for t, r in engine.explain(APPOINTMENTS, appointment, kasymbek, db))
    assert reasons["endorse"] == [("not_sitting", None)]
    # The sitting majority decides alone.
    endorse(db, appointment, staff["boards"])
    db.refresh(appointment)
    assert appointment.state == "endorsed"


def test_the_inbox_of_a_released_board_member_no_longer_lists_the_boards_items(
    make, db, staff, make_user
):
    from workflow.inbox import waiting, waiting_count

    kasymbek = _linked(db, make_user, "kasymbek")
    appointment = make("kobets", "audit-member")
    [group] = waiting(db, kasymbek, [APPOINTMENTS])
    assert [item.id for item in group.items] == [appointment.id]
    term = holding(db, "kasymbek", "vice-president")
    engine.fire(db, APPOINTMENTS, term, "release", actor=staff[SEC], decision="XXX:3.1",
                reason="resigned")
    assert waiting(db, kasymbek, [APPOINTMENTS]) == []
    assert waiting_count(db, kasymbek, [APPOINTMENTS]) == 0
    assert waiting_count(db, staff["boards"][0], [APPOINTMENTS]) == 1


def test_an_account_linked_to_nobody_does_not_vote_where_the_board_is_recorded(
    make, db, make_user
):
    """It could be anyone's: counted by its role, it would vote beside the member's own."""
    stranger = make_user(Role.board)
    appointment = make("kobets", "audit-member")
    with pytest.raises(NotAllowed) as refused:
        engine.vote(db, APPOINTMENTS, appointment, "endorse", actor=stranger, approve=True)
    assert refused.value.code == "not_sitting"
    assert engine.tally(db, APPOINTMENTS, appointment, "endorse").holders == 8


def test_elected_officer_takes_office_by_hand_or_by_the_sweep(make, db, staff):
    by_hand = make("kobets", "audit-member", "elected", started_on=date(2024, 5, 20))
    engine.fire(db, APPOINTMENTS, by_hand, "take_office", actor=staff[SEC])
    by_sweep = make("kulemzin", "audit-member", "elected", started_on=date(2024, 5, 20))
    sweep(db, as_of=date(2024, 5, 19), workflows=["appointments"])
    db.refresh(by_sweep)
    assert by_sweep.state == "elected"
    sweep(db, as_of=date(2024, 5, 20), workflows=["appointments"])
    db.refresh(by_sweep)
    assert (by_hand.state, by_sweep.state) == ("in_office", "in_office")


def test_taking_office_before_the_term_begins_is_refused(make, db, staff):
    early = make("kobets", "audit-member", "elected", started_on=date(2999, 1, 1))
    with pytest.raises(Refusal):
        engine.fire(db, APPOINTMENTS, early, "take_office", actor=staff[SEC])


FORBIDDEN = [
    ("nominated", "endorse", Role.secretariat),
    ("endorsed", "elect", Role.board),
    ("endorsed", "elect", Role.member),
    ("in_office", "release", Role.board),
    ("in_office", "release", Role.president),
    ("in_office", "request_release", Role.audit),
    ("nominated", "withdraw", Role.board),
]


@pytest.mark.parametrize(("state", "name", "role"), FORBIDDEN)
def test_other_roles_cannot_fire(make, db, make_user, state, name, role):
    appointment = make("kobets", "audit-member", state)
    actor = make_user(role, city=db.exec(select(City)).first() if role.city_bound else None)
    with pytest.raises((NotAllowed, engine.WorkflowError)):
        engine.fire(db, APPOINTMENTS, appointment, name, actor=actor,
                    decision="XXX:1.1", reason="resigned", comment="x")
    db.refresh(appointment)
    assert appointment.state == state and appointment.version == 1


# --- terms and dates -------------------------------------------------------------


def test_election_dates_the_term_from_the_sessions_day(make, db, staff):
    appointment = make("kobets", "audit-member", "endorsed")
    engine.fire(db, APPOINTMENTS, appointment, "elect", actor=staff[SEC], decision="xxx:2.1")
    db.refresh(appointment)
    assert (appointment.started_on, appointment.election_decision) == (XXX_DAY, "XXX:2.1")
    assert appointment.seat_position_id is None  # a multi-seat position takes no seat


def test_release_ends_the_term_with_its_reason_and_frees_the_seat(officers, db, staff):
    president = holding(db, "kravchuk", "president")
    engine.fire(db, APPOINTMENTS, president, "release", actor=staff[SEC], decision="XXX:3.1",
                reason="term_ended")
    db.refresh(president)
    assert president.ended_on == XXX_DAY
    assert (president.release_reason, president.release_decision) == (
        ReleaseReason.term_ended, "XXX:3.1")
    assert president.seat_position_id is None


def test_requested_reason_is_kept_and_other_words_become_other(officers, db, staff):
    vp = holding(db, "kobets", "vice-president")
    engine.fire(db, APPOINTMENTS, vp, "request_release", actor=staff[SEC],
                reason="Left for a post in Moscow")
    db.refresh(vp)
    assert (vp.release_reason, vp.release_reason_text) == (
        ReleaseReason.other, "Left for a post in Moscow")


BAD = [
    # (who, seat, state, transition, inputs, what the refusal mentions)
    ("kobets", "audit-member", "endorsed", "elect", {"decision": "board:2024-05-01:3"},
     "session"),
    ("kobets", "audit-member", "endorsed", "elect", {"decision": "XXXI:1.1"}, "31"),
    ("kobets", "audit-member", "endorsed", "elect", {"decision": "XXIX:3.4"}, "2023"),
    ("kobets", "audit-member", "endorsed", "elect", {"decision": "item five"}, "XXIX:1.3"),
    ("kobets", "audit-member", "endorsed", "elect", {"decision": "XLII:1.1"}, "42"),
    ("kobets", "audit-member", "in_office", "release",
     {"decision": "XXIX:3.2", "reason": "resigned"}, "2024"),
    ("kobets", "audit-member", "in_office", "release",
     {"decision": "XXX:3.2", "reason": "other"}, "other reason"),
]


@pytest.mark.parametrize(("who", "seat", "state", "name", "inputs", "mentions"), BAD)
def test_bad_dates_and_references_are_refused_and_change_nothing(
    app, make, db, staff, who, seat, state, name, inputs, mentions
):
    appointment = make(who, seat, state, started_on=date(2024, 1, 10))
    with pytest.raises(Refusal) as refused, app.test_request_context("/?lang=en"):
        engine.fire(db, APPOINTMENTS, appointment, name, actor=staff[SEC], **inputs)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert mentions in str(refused.value.message)
    db.refresh(appointment)
    assert (appointment.state, appointment.version, appointment.started_on) == (
        state, 1, date(2024, 1, 10))
    assert engine.history(db, APPOINTMENTS, appointment.id) == []


def test_electing_a_person_already_in_that_office_is_refused(make, db, staff):
    again = make("kobets", "vice-president", "endorsed")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, APPOINTMENTS, again, "elect", actor=staff[SEC], decision="XXX:2.1")
    assert "Кобец Александр Юрьевич" in str(refused.value.message)
    db.refresh(again)
    assert again.state == "endorsed"


def test_releasing_someone_not_in_office_is_refused(officers, db, staff):
    gone = db.exec(select(Appointment).where(
        Appointment.person_id == person(db, "kulginov").id)).one()
    with pytest.raises(WrongState):
        engine.fire(db, APPOINTMENTS, gone, "release", actor=staff[SEC], decision="XXX:3.1",
                    reason="resigned")
    db.refresh(gone)
    assert (gone.state, gone.ended_on, gone.release_decision) == (
        "released", date(2023, 5, 25), "XXIX:3.1")


# --- the single-seat rule ---------------------------------------------------------


def test_electing_into_an_occupied_seat_names_the_holder(make, db, staff):
    rival = make("kobets", "first-vice-president", "endorsed")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, APPOINTMENTS, rival, "elect", actor=staff[SEC], decision="XXX:3.3")
    assert "Ялалов Ирек Ишмухаметович" in str(refused.value.message)
    db.refresh(rival)
    assert (rival.state, rival.started_on) == ("endorsed", None)


def test_release_then_election_by_one_session_hands_the_seat_over(make, db, staff):
    successor = make("kobets", "first-vice-president", "endorsed")
    holder = holding(db, "yalalov", "first-vice-president")
    engine.fire(db, APPOINTMENTS, holder, "release", actor=staff[SEC], decision="XXX:3.1",
                reason="moved_to_other_work")
    engine.fire(db, APPOINTMENTS, successor, "elect", actor=staff[SEC], decision="XXX:3.3")
    db.refresh(successor)
    assert successor.seat_position_id == successor.position_id
    assert ("first-vice-president", "yalalov") in board_ids(db, date(2024, 5, 19))
    assert ("first-vice-president", "kobets") in board_ids(db, XXX_DAY)


def test_replace_does_release_and_election_in_one_transaction(make, db, staff):
    successor = make("kobets", "first-vice-president", "endorsed")
    holder = holding(db, "yalalov", "first-vice-president")
    replace(db, outgoing=holder, incoming=successor, actor=staff[SEC],
            release_decision="XXX:3.1", election_decision="XXX:3.3", reason="resigned")
    db.refresh(holder)
    db.refresh(successor)
    assert (holder.state, successor.state) == ("released", "elected")


def test_replace_that_fails_releases_nobody(make, db, staff):
    too_early = make("kobets", "first-vice-president", "endorsed", nominated_on=date(2025, 1, 1))
    holder = holding(db, "yalalov", "first-vice-president")
    with pytest.raises(Refusal):
        replace(db, outgoing=holder, incoming=too_early, actor=staff[SEC],
                release_decision="XXX:3.1", election_decision="XXX:3.3", reason="resigned")
    db.refresh(holder)
    assert (holder.state, holder.ended_on, holder.seat_position_id) == (
        "in_office", None, holder.position_id)


def test_replace_needs_decisions_of_one_session(make, db, staff):
    successor = make("kobets", "first-vice-president", "endorsed")
    holder = holding(db, "yalalov", "first-vice-president")
    with pytest.raises(Refusal):
        replace(db, outgoing=holder, incoming=successor, actor=staff[SEC],
                release_decision="XXIX:3.1", election_decision="XXX:3.3", reason="resigned")


def test_the_29th_session_replays_on_the_engine(make, db, staff, make_user):
    """3.1 releases Kulginov and 3.3 elects Yalalov into the same seat, same session."""
    for row in db.exec(select(Appointment)).all():
        db.delete(row)
    db.commit()
    kulginov = make("kulginov", "first-vice-president", "in_office", nominated_on=None,
                    seat_position_id=position(db, "first-vice-president").id)
    yalalov = make("yalalov", "first-vice-president", "nominated", nominated_on=date(2023, 5, 1))
    # Kulginov is the whole Board left in these records: his vote is its majority.
    endorse(db, yalalov, [_linked(db, make_user, "kulginov")])
    with pytest.raises(Refusal):
        engine.fire(db, APPOINTMENTS, yalalov, "elect", actor=staff[SEC], decision="XXIX:3.3")
    engine.fire(db, APPOINTMENTS, kulginov, "release", actor=staff[SEC], decision="XXIX:3.1",
                reason="moved_to_other_work")
    engine.fire(db, APPOINTMENTS, yalalov, "elect", actor=staff[SEC], decision="XXIX:3.3")
    assert board_ids(db, date(2023, 5, 24)) == [("first-vice-president", "kulginov")]
    assert board_ids(db, date(2023, 5, 26)) == [("first-vice-president", "yalalov")]


def test_the_database_refuses_a_second_holder_of_a_single_seat(make, db):
    seat = position(db, "president").id
    with pytest.raises(IntegrityError):
        make("kobets", "president", "in_office", seat_position_id=seat)
    db.rollback()


def test_concurrent_elections_into_one_seat_never_both_succeed(make, db, staff):
    holder = holding(db, "kravchuk", "president")
    engine.fire(db, APPOINTMENTS, holder, "release", actor=staff[SEC], decision="XXX:3.1",
                reason="term_ended")
    rivals = [make(who, "president", "endorsed") for who in ("kobets", "kulemzin", "pilavov")]
    results: list[str] = []
    barrier = threading.Barrier(len(rivals))

    def elect(appointment_id):
        session = new_session(db.get_bind())
        mine = session.get(Appointment, appointment_id)
        barrier.wait()
        try:
            engine.fire(session, APPOINTMENTS, mine, "elect", actor=staff[SEC],
                        decision="XXX:1.1")
            results.append("ok")
        except Refusal:
            results.append("refused")
        finally:
            session.close()

    threads = [threading.Thread(target=elect, args=(r.id,)) for r in rivals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused", "refused"]
    elected = db.exec(select(Appointment).where(Appointment.state == "elected")).all()
    assert len(elected) == 1


# --- what waits for the next session ------------------------------------------------


def test_pending_for_session_lists_endorsed_nominations_and_requested_releases(make, db, staff):
    endorsed = make("kobets", "audit-member", "endorsed", nominated_on=date(2024, 4, 1))
    make("kulemzin", "audit-member", "endorsed", nominated_on=date(2024, 6, 1))
    make("pilavov", "audit-member", "nominated")
    vp = holding(db, "molchanov", "vice-president")
    engine.fire(db, APPOINTMENTS, vp, "request_release", actor=staff[SEC], reason="resigned")
    xxx = db.exec(select(AssemblySession).where(AssemblySession.number == 30)).one()
    pending = pending_for_session(db, xxx)
    assert [s.appointment.id for s in pending.nominations] == [endorsed.id]
    assert [s.person.slug for s in pending.releases] == ["molchanov"]
    assert len(pending_for_session(db).nominations) == 2


def test_a_release_on_the_day_the_term_began_is_refused(app, make, db, staff):
    appointment = make("kobets", "audit-member", "in_office", started_on=XXX_DAY)
    with pytest.raises(Refusal) as refused:
        engine.fire(db, APPOINTMENTS, appointment, "release", actor=staff[SEC],
                    decision="XXX:3.1", reason="resigned")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(refused.value.message) == (
            "The release is dated 20 May 2024, but the term began on 20 May 2024: a term ends "
            "after the day it began.")
    with app.test_request_context("/?lang=ru"):
        assert "полномочия заканчиваются после дня" in str(refused.value.message)
    db.refresh(appointment)
    assert (appointment.state, appointment.version, appointment.ended_on) == (
        "in_office", 1, None)
    assert engine.history(db, APPOINTMENTS, appointment.id) == []
