"""The engine, shown on the example workflow: every feature has a test here."""

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from models import City, Role, User, utcnow
from models.database import new_session
from models.users import BOARD_ROLES
from models.workflow import HistoryEntry, OutboxMessage, Vote
from tests.workflow.example import TICKETS, Ticket
from workflow import engine
from workflow.engine import NotAllowed, Refusal, StaleVersion, WorkflowError, WrongState
from workflow.sweep import plan, sweep


@pytest.fixture
def city(db):
    brest = City(slug="brest", name_ru="Брест", name_en="Brest")
    db.add(brest)
    db.commit()
    return brest


@pytest.fixture
def people(make_user, city):
    return {
        "applicant": make_user(Role.applicant, city=city),
        "secretariat": make_user(Role.secretariat),
        "boards": [make_user(Role.board) for _ in range(3)],
    }


def _ticket(tickets, city, **fields):
    return tickets(city_id=city.id, **fields)


# --- declaration ------------------------------------------------------------


def test_one_machine_per_workflow_is_reused():
    assert TICKETS.machine is TICKETS.machine
    assert sorted(TICKETS.machine.get_triggers("review")) == ["approve", "expire"]


def test_declaration_with_unknown_state_is_refused():
    with pytest.raises(ValueError, match="unknown states"):
        engine.Workflow(name="bad", label="", model=Ticket, initial="a",
                        states=[engine.State("a", "A")],
                        transitions=[engine.Transition("go", ["a"], "b", "", roles=[Role.admin])])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({}, "needs roles or a timer"),
    ({"roles": [Role.board], "quorum": engine.Quorum()}, "its quorum's roles"),
    ({"roles": [Role.secretariat], "quorum": engine.Quorum(roles=(Role.audit,))},
     "its quorum's roles"),
])
def test_a_transition_says_once_who_decides_it(kwargs, message):
    with pytest.raises(ValueError, match=message):
        engine.Transition("go", ["a"], "b", "", **kwargs)


# --- firing -----------------------------------------------------------------

ALLOWED = [
    ("draft", "submit", Role.applicant, "submitted"),
    ("submitted", "take", Role.secretariat, "review"),
    ("stale", "reopen", Role.applicant, "draft"),
]
FORBIDDEN = [
    ("draft", "submit", Role.secretariat),
    ("draft", "submit", Role.board),
    ("submitted", "take", Role.applicant),
    ("submitted", "take", Role.board),
    ("stale", "reopen", Role.secretariat),
]


@pytest.mark.parametrize(("state", "name", "role", "dest"), ALLOWED)
def test_allowed_transitions_change_state_and_append_history(
    db, tickets, city, make_user, state, name, role, dest
):
    ticket = _ticket(tickets, city, state=state)
    actor = make_user(role, city=city if role.city_bound else None)
    entry = engine.fire(db, TICKETS, ticket, name, actor=actor, comment="ok")
    db.refresh(ticket)
    assert (ticket.state, ticket.version) == (dest, 2)
    assert (entry.from_state, entry.to_state, entry.actor_id) == (state, dest, actor.id)
    assert entry.at.tzinfo is not None


@pytest.mark.parametrize(("state", "name", "role"), FORBIDDEN)
def test_forbidden_roles_are_refused_and_change_nothing(
    db, tickets, city, make_user, state, name, role
):
    ticket = _ticket(tickets, city, state=state)
    actor = make_user(role, city=city if role.city_bound else None)
    with pytest.raises(NotAllowed):
        engine.fire(db, TICKETS, ticket, name, actor=actor, comment="x")
    db.refresh(ticket)
    assert ticket.state == state and ticket.version == 1
    assert engine.history(db, TICKETS, ticket.id) == []


def test_applicant_cannot_act_on_another_citys_subject(db, tickets, city, make_user):
    other = City(slug="vitebsk", name_ru="Витебск", name_en="Vitebsk")
    db.add(other)
    db.commit()
    ticket = _ticket(tickets, city)
    with pytest.raises(NotAllowed) as refused:
        engine.fire(db, TICKETS, ticket, "submit", actor=make_user(Role.applicant, city=other))
    assert refused.value.code == "owner"


def test_transition_from_the_wrong_state_is_refused(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="review")
    with pytest.raises(WrongState):
        engine.fire(db, TICKETS, ticket, "submit", actor=make_user(Role.applicant, city=city))


def test_unknown_transition_name_is_refused(db, tickets, city, make_user):
    ticket = _ticket(tickets, city)
    with pytest.raises(WorkflowError) as refused:
        engine.fire(db, TICKETS, ticket, "teleport", actor=make_user(Role.admin))
    assert refused.value.code == "unknown_transition"


def test_missing_comment_is_refused(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="submitted")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat), comment="  ")
    assert refused.value.code == "missing_comment"
    db.refresh(ticket)
    assert ticket.state == "submitted"


def test_failing_condition_says_why(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, title="")
    with pytest.raises(Refusal) as refused:
        engine.fire(db, TICKETS, ticket, "submit", actor=make_user(Role.applicant, city=city))
    assert "no title" in str(refused.value.message)


def test_failing_side_effect_leaves_state_and_history_untouched(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="submitted", fail_effect=True)
    with pytest.raises(Refusal) as refused:
        engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat), comment="c")
    assert refused.value.code == "effect_failed"
    fresh = new_session(db.get_bind()).get(Ticket, ticket.id)
    assert (fresh.state, fresh.version) == ("submitted", 1)
    assert engine.history(db, TICKETS, ticket.id) == []


def test_crashing_side_effect_leaves_nothing_half_written(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="submitted", title="crash")
    with pytest.raises(RuntimeError):
        engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat), comment="c")
    db.commit()  # the caller carries on: nothing of the failed transition may go with it
    assert (ticket.state, ticket.version) == ("submitted", 1)
    with new_session(db.get_bind()) as fresh:
        stored = fresh.get(Ticket, ticket.id)
        assert (stored.state, stored.version) == ("submitted", 1)
        assert engine.history(fresh, TICKETS, ticket.id) == []
        assert fresh.exec(select(OutboxMessage)).all() == []


def test_a_driver_error_in_the_history_write_undoes_the_state_change(db, tickets, city):
    """The two writes go through the driver's cursor: its errors still come out as
    SQLAlchemy's, the transition is refused as a conflict, and the UPDATE before
    the failed INSERT is rolled back with it."""
    ticket = _ticket(tickets, city, state="submitted")
    # Not in the database: the history row's foreign key fails.
    ghost = User(id=987_654, email="ghost@example.org", password_hash="x",
                 display_name="Ghost", role=Role.secretariat)
    with pytest.raises(Refusal) as refused:
        engine.fire(db, TICKETS, ticket, "take", actor=ghost, comment="c")
    assert refused.value.code == "conflict"
    assert "foreign key" in refused.value.message.lower()
    with new_session(db.get_bind()) as fresh:
        stored = fresh.get(Ticket, ticket.id)
        assert (stored.state, stored.version) == ("submitted", 1)
        assert engine.history(fresh, TICKETS, ticket.id) == []


def test_the_entry_fire_returns_is_the_stored_row_and_stays_append_only(db, tickets, city,
                                                                       make_user):
    """fire() builds its entry from the values it wrote, not by reading the row back:
    it must equal the row, count as persistent once added back, and refuse edits."""
    ticket = _ticket(tickets, city, state="submitted")
    actor = make_user(Role.secretariat)
    entry = engine.fire(db, TICKETS, ticket, "take", actor=actor, comment="taken")
    stored = db.exec(select(HistoryEntry).where(HistoryEntry.id == entry.id)).one()
    assert stored is not entry  # detached: the session loaded its own copy
    columns = HistoryEntry.__table__.columns.keys()
    assert {c: getattr(entry, c) for c in columns} == {c: getattr(stored, c) for c in columns}
    db.expunge(stored)
    db.add(entry)
    assert inspect(entry).persistent and not db.dirty
    entry.comment = "rewritten"
    with pytest.raises(PermissionError, match="append-only"):
        db.flush()
    db.rollback()
    db.delete(entry)
    with pytest.raises(PermissionError, match="append-only"):
        db.flush()
    db.rollback()
    assert [e.comment for e in engine.history(db, TICKETS, ticket.id)] == ["taken"]


def test_notification_is_queued_in_the_same_transaction(db, tickets, city, make_user):
    ticket = _ticket(tickets, city)
    actor = make_user(Role.applicant, city=city, locale="en")
    engine.fire(db, TICKETS, ticket, "submit", actor=actor)
    message = db.exec(select(OutboxMessage)).one()
    assert (message.email, message.locale, message.template) == (actor.email, "en", "example.changed")
    assert message.params == {"to": "submitted"} and message.sent_at is None


def test_stale_version_names_who_changed_it_and_when(db, tickets, city, make_user):
    ticket = _ticket(tickets, city)
    applicant = make_user(Role.applicant, city=city)
    engine.fire(db, TICKETS, ticket, "submit", actor=applicant)
    with pytest.raises(StaleVersion) as refused:
        engine.fire(db, TICKETS, ticket, "take", actor=make_user(Role.secretariat),
                    comment="c", expected_version=1)
    assert refused.value.params["by"] == applicant.display_name
    assert refused.value.params["at"] is not None


def test_concurrent_actions_on_one_subject_never_both_succeed(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="submitted")
    secretaries = [make_user(Role.secretariat) for _ in range(4)]
    results: list[str] = []
    barrier = threading.Barrier(len(secretaries))

    def act(user):
        session = new_session(db.get_bind())
        mine = session.get(Ticket, ticket.id)
        barrier.wait()
        try:
            engine.fire(session, TICKETS, mine, "take", actor=user, comment="mine")
            results.append("ok")
        except StaleVersion:
            results.append("stale")
        finally:
            session.close()

    threads = [threading.Thread(target=act, args=(u,)) for u in secretaries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "stale", "stale", "stale"]
    assert len(engine.history(db, TICKETS, ticket.id)) == 1


def test_history_cannot_be_edited_or_deleted(db, tickets, city, make_user):
    ticket = _ticket(tickets, city)
    entry = engine.fire(db, TICKETS, ticket, "submit", actor=make_user(Role.applicant, city=city))
    entry.comment = "rewritten"
    db.add(entry)
    with pytest.raises(PermissionError):
        db.flush()
    db.rollback()
    db.delete(db.get(HistoryEntry, entry.id))
    with pytest.raises(PermissionError):
        db.flush()
    db.rollback()


def test_comment_without_state_change_is_history(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="review")
    entry = engine.comment(db, TICKETS, ticket, actor=make_user(Role.board), text="Looks fine")
    assert (entry.transition, entry.from_state, entry.to_state) == ("comment", "review", "review")
    with pytest.raises(Refusal):
        engine.comment(db, TICKETS, ticket, actor=make_user(Role.board), text=" ")


# --- what a user may do, and why not ----------------------------------------


def test_actions_are_what_the_user_may_fire_now(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="submitted")
    assert [t.name for t in engine.actions(TICKETS, ticket, make_user(Role.secretariat))] == ["take"]
    assert engine.actions(TICKETS, ticket, make_user(Role.applicant, city=city)) == []


def test_explain_names_the_missing_role_and_condition(db, tickets, city, make_user):
    untitled = _ticket(tickets, city, title="")
    reasons = dict((t.name, r) for t, r in engine.explain(
        TICKETS, untitled, make_user(Role.applicant, city=city)))
    assert reasons["submit"][0][0] == "condition"
    by_board = dict((t.name, r) for t, r in engine.explain(TICKETS, untitled, make_user(Role.board)))
    assert by_board["submit"] == [("roles", [Role.applicant])]


# --- quorum -----------------------------------------------------------------


def test_majority_of_the_board_fires_the_transition(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    first, second, _third = people["boards"]
    tally = engine.vote(db, TICKETS, ticket, "approve", actor=first, approve=True)
    assert (tally.approvals, tally.needed, tally.fired) == (1, 2, None)
    tally = engine.vote(db, TICKETS, ticket, "approve", actor=second, approve=True)
    assert tally.fired is not None
    db.refresh(ticket)
    assert ticket.state == "approved"
    assert tally.fired.payload == {"approvals": 2, "holders": 3}


def test_the_president_sits_on_the_board_votes_and_counts_towards_its_majority(
    db, tickets, city, make_user
):
    ticket = _ticket(tickets, city, state="review")
    member, _other = make_user(Role.board), make_user(Role.board)
    president = make_user(Role.president)
    assert [t.name for t in engine.actions(TICKETS, ticket, president, db)] == ["approve"]
    tally = engine.vote(db, TICKETS, ticket, "approve", actor=president, approve=True)
    assert (tally.approvals, tally.needed) == (1, 2)  # a majority of three, not of two
    tally = engine.vote(db, TICKETS, ticket, "approve", actor=member, approve=True)
    assert tally.fired is not None and tally.fired.payload == {"approvals": 2, "holders": 3}
    assert ticket.state == "approved"


def test_the_secretariat_neither_votes_nor_counts(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="review")
    make_user(Role.board)
    secretary = make_user(Role.secretariat)
    reasons = dict((t.name, r) for t, r in engine.explain(TICKETS, ticket, secretary))
    assert reasons["approve"] == [("roles", [Role.board, Role.president])]
    with pytest.raises(NotAllowed):
        engine.vote(db, TICKETS, ticket, "approve", actor=secretary, approve=True)
    assert engine.tally(db, TICKETS, ticket, "approve").needed == 1


def test_approving_twice_counts_once(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    member = people["boards"][0]
    engine.vote(db, TICKETS, ticket, "approve", actor=member, approve=True)
    with pytest.raises(WorkflowError) as refused:
        engine.vote(db, TICKETS, ticket, "approve", actor=member, approve=True)
    assert refused.value.code == "already_voted"
    assert engine.tally(db, TICKETS, ticket, "approve").approvals == 1


def test_objection_needs_a_comment_and_is_recorded(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    with pytest.raises(Refusal):
        engine.vote(db, TICKETS, ticket, "approve", actor=people["boards"][0], approve=False)
    tally = engine.vote(db, TICKETS, ticket, "approve", actor=people["boards"][0],
                        approve=False, comment="Not yet")
    assert (tally.approvals, tally.objections) == (0, 1)


def test_withdrawn_approval_no_longer_counts(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    first, second, third = people["boards"]
    engine.vote(db, TICKETS, ticket, "approve", actor=first, approve=True)
    engine.withdraw_vote(db, TICKETS, ticket, "approve", actor=first)
    engine.vote(db, TICKETS, ticket, "approve", actor=second, approve=True)
    db.refresh(ticket)
    assert ticket.state == "review"
    engine.vote(db, TICKETS, ticket, "approve", actor=third, approve=True)
    db.refresh(ticket)
    assert ticket.state == "approved"


def test_withdrawn_voter_can_vote_again_the_other_way(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    member = people["boards"][0]
    engine.vote(db, TICKETS, ticket, "approve", actor=member, approve=True)
    engine.withdraw_vote(db, TICKETS, ticket, "approve", actor=member)
    tally = engine.vote(db, TICKETS, ticket, "approve", actor=member, approve=False,
                        comment="Changed my mind")
    assert (tally.approvals, tally.objections, tally.voters) == (0, 1, frozenset({member.id}))
    [ballot] = engine.ballots(db, TICKETS, ticket, "approve")
    assert (ballot.approve, ballot.comment, ballot.withdrawn_at) == (False, "Changed my mind", None)
    steps = [(e.transition, e.payload) for e in engine.history(db, TICKETS, ticket.id)]
    assert steps == [("vote:approve", {"approve": True}), ("withdraw:approve", {}),
                     ("vote:approve", {"approve": False})]


def test_refused_vote_ends_its_transaction_and_releases_the_subject(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    member = people["boards"][0]
    engine.vote(db, TICKETS, ticket, "approve", actor=member, approve=True)
    with pytest.raises(WorkflowError):
        engine.vote(db, TICKETS, ticket, "approve", actor=member, approve=True)
    assert not db.in_transaction()  # else the subject's row stays locked for everyone else
    with pytest.raises(Refusal):
        engine.vote(db, TICKETS, ticket, "approve", actor=people["boards"][1], approve=False)
    assert not db.in_transaction()


def test_withdrawal_after_the_transition_fired_is_refused(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    first, second = people["boards"][:2]
    engine.vote(db, TICKETS, ticket, "approve", actor=first, approve=True)
    with new_session(db.get_bind()) as other:
        engine.vote(other, TICKETS, other.get(Ticket, ticket.id), "approve", actor=second,
                    approve=True)
    with pytest.raises(WrongState):
        engine.withdraw_vote(db, TICKETS, ticket, "approve", actor=first)
    steps = [e.transition for e in engine.history(db, TICKETS, ticket.id)]
    assert steps == ["vote:approve", "vote:approve", "approve"]
    assert ticket.state == "approved"


def test_quorum_transition_cannot_be_fired_directly(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    with pytest.raises(WorkflowError) as refused:
        engine.fire(db, TICKETS, ticket, "approve", actor=people["boards"][0])
    assert refused.value.code == "needs_votes"


def test_non_board_member_cannot_vote(db, tickets, city, people):
    ticket = _ticket(tickets, city, state="review")
    with pytest.raises(NotAllowed):
        engine.vote(db, TICKETS, ticket, "approve", actor=people["secretariat"], approve=True)
    assert db.exec(select(Vote)).all() == []


def test_concurrent_final_approvals_fire_once(db, tickets, city, make_user):
    ticket = _ticket(tickets, city, state="review")
    boards = [make_user(Role.board) for _ in range(5)]
    engine.vote(db, TICKETS, ticket, "approve", actor=boards[0], approve=True)
    engine.vote(db, TICKETS, ticket, "approve", actor=boards[1], approve=True)
    barrier = threading.Barrier(3)
    outcomes: list[str] = []

    def approve(user):
        session = new_session(db.get_bind())
        mine = session.get(Ticket, ticket.id)
        barrier.wait()
        try:
            tally = engine.vote(session, TICKETS, mine, "approve", actor=user, approve=True)
            outcomes.append("fired" if tally.fired else "counted")
        except (StaleVersion, WrongState, WorkflowError) as error:
            outcomes.append(error.code)
        finally:
            session.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in boards[2:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("fired") == 1
    changes = [e for e in engine.history(db, TICKETS, ticket.id) if e.from_state != e.to_state]
    assert len(changes) == 1


def test_two_deciding_votes_cast_at_once_fire_the_transition_once(
    db, tickets, city, people, monkeypatch
):
    ticket = _ticket(tickets, city, state="review")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    counting = threading.Barrier(2)
    count = engine.tally

    def count_together(*args):
        # Both votes reach the count at the same moment, unless one waits for the other.
        try:
            counting.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        return count(*args)

    monkeypatch.setattr(engine, "tally", count_together)

    def approve(user):
        with new_session(db.get_bind()) as session:
            mine = session.get(Ticket, ticket.id)
            barrier.wait()
            tally = engine.vote(session, TICKETS, mine, "approve", actor=user, approve=True)
            outcomes.append("fired" if tally.fired else "counted")

    threads = [threading.Thread(target=approve, args=(u,)) for u in people["boards"][:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert sorted(outcomes) == ["counted", "fired"]
    db.refresh(ticket)
    assert ticket.state == "approved"
    changes = [e for e in engine.history(db, TICKETS, ticket.id) if e.from_state != e.to_state]
    assert [(e.transition, e.to_state) for e in changes] == [("approve", "approved")]


# --- deadlines and the sweep ------------------------------------------------


def _age(db, ticket, days):
    ticket.state_changed_at = utcnow() - timedelta(days=days)
    db.add(ticket)
    db.commit()


def test_sweep_dry_run_lists_exactly_what_a_real_run_does(db, tickets, city):
    due = [_ticket(tickets, city, state="submitted") for _ in range(3)]
    fresh = _ticket(tickets, city, state="review")
    for ticket in due:
        _age(db, ticket, 40)
    planned = plan(db, as_of=date.today(), workflows=["example"])
    assert planned[0].subject_ids == tuple(t.id for t in due)
    applied = sweep(db, as_of=date.today(), workflows=["example"])
    assert applied[0].subject_ids == planned[0].subject_ids
    db.refresh(fresh)
    assert fresh.state == "review"
    for ticket in due:
        db.refresh(ticket)
        assert ticket.state == "stale"
        [entry] = engine.history(db, TICKETS, ticket.id)
        assert (entry.actor_id, entry.from_state) == (None, "submitted")


def test_second_sweep_does_nothing(db, tickets, city):
    ticket = _ticket(tickets, city, state="review")
    _age(db, ticket, 31)
    sweep(db, as_of=date.today(), workflows=["example"])
    assert sweep(db, as_of=date.today(), workflows=["example"])[0].subject_ids == ()
    assert len(engine.history(db, TICKETS, ticket.id)) == 1


def test_sweep_as_of_an_earlier_date_applies_nothing_yet(db, tickets, city):
    ticket = _ticket(tickets, city, state="review")
    _age(db, ticket, 31)
    assert sweep(db, as_of=date.today() - timedelta(days=5), workflows=["example"])[0].subject_ids == ()


def test_two_concurrent_sweeps_apply_each_step_once(db, tickets, city):
    due = [_ticket(tickets, city, state="submitted") for _ in range(20)]
    for ticket in due:
        _age(db, ticket, 45)
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def run():
        session = new_session(db.get_bind())
        barrier.wait()
        try:
            counts.append(len(sweep(session, as_of=date.today(), workflows=["example"])[0].subject_ids))
        finally:
            session.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 20
    entries = db.exec(select(HistoryEntry).where(HistoryEntry.workflow == "example")).all()
    assert len(entries) == 20


@pytest.mark.parametrize(("quorum", "holders", "needed"), [
    (engine.Quorum(), 1, 1), (engine.Quorum(), 3, 2), (engine.Quorum(), 4, 3),
    (engine.Quorum(), 9, 5), (engine.Quorum(required=2), 9, 2), (engine.Quorum(required=4), 5, 4),
])
def test_quorum_is_a_majority_of_the_holders_unless_k_is_given(quorum, holders, needed):
    assert quorum.needed(holders) == needed


def test_k_of_n_quorum_fires_on_the_kth_approval(db, tickets, city, make_user):
    from dataclasses import replace

    two_of_five = replace(TICKETS, name="example_k", transitions=[
        replace(t, quorum=engine.Quorum(required=2)) if t.name == "approve" else t
        for t in TICKETS.transitions], _machine=None)
    board = [make_user(Role.board) for _ in range(5)]
    ticket = _ticket(tickets, city, state="review")
    first = engine.vote(db, two_of_five, ticket, "approve", actor=board[0], approve=True)
    assert (first.fired, first.approvals, first.needed) == (None, 1, 2)
    second = engine.vote(db, two_of_five, db.get(Ticket, ticket.id), "approve", actor=board[1],
                         approve=True)
    assert second.fired is not None and db.get(Ticket, ticket.id).state == "approved"


def _counted_on(members):
    """The example workflow with its approval counted on the body ``members`` describes."""
    from dataclasses import replace

    body = engine.Quorum(members=members)
    return replace(TICKETS, name="example_body", transitions=[
        replace(t, quorum=body) if t.name == "approve" else t
        for t in TICKETS.transitions], _machine=None)


def test_a_body_s_majority_is_of_its_seats_not_of_the_accounts(db, tickets, city, make_user):
    """Seven seats, three with accounts: the three cannot make the majority (four)."""
    board = [make_user(Role.board) for _ in range(3)]
    flow = _counted_on(lambda session, day: engine.Electorate(
        seats=7, voters=frozenset(u.id for u in board)))
    ticket = _ticket(tickets, city, state="review")
    for member in board:
        tally = engine.vote(db, flow, ticket, "approve", actor=member, approve=True)
    assert (tally.fired, tally.approvals, tally.needed, tally.holders) == (None, 3, 4, 7)
    assert (tally.can_vote, tally.without_account, tally.reachable) == (3, 4, False)
    assert db.get(Ticket, ticket.id).state == "review"


def test_only_the_bodys_accounts_vote_and_only_if_they_hold_its_roles(
    db, tickets, city, make_user
):
    seated, outsider = make_user(Role.board), make_user(Role.board)
    clerk = make_user(Role.secretariat)
    flow = _counted_on(lambda session, day: engine.Electorate(
        seats=1, voters=frozenset({seated.id, clerk.id})))
    ticket = _ticket(tickets, city, state="review")
    with pytest.raises(NotAllowed) as refused:
        engine.vote(db, flow, ticket, "approve", actor=outsider, approve=True)
    assert refused.value.code == "not_sitting"
    with pytest.raises(NotAllowed):
        engine.vote(db, flow, ticket, "approve", actor=clerk, approve=True)
    tally = engine.tally(db, flow, ticket, "approve")
    assert (tally.holders, tally.can_vote, tally.needed) == (1, 1, 1)
    assert engine.vote(db, flow, ticket, "approve", actor=seated, approve=True).fired


def test_a_body_without_records_is_its_accounts(db, tickets, city, make_user):
    board = [make_user(Role.board) for _ in range(3)]
    flow = _counted_on(lambda session, day: None)
    ticket = _ticket(tickets, city, state="review")
    tally = engine.tally(db, flow, ticket, "approve")
    assert (tally.holders, tally.can_vote, tally.needed) == (3, 3, 2)
    engine.vote(db, flow, ticket, "approve", actor=board[0], approve=True)
    assert engine.vote(db, flow, ticket, "approve", actor=board[1], approve=True).fired


def test_a_transition_fired_for_a_body_is_refused_to_those_who_do_not_sit(
    db, tickets, city, make_user
):
    from dataclasses import replace

    seated, released = make_user(Role.board), make_user(Role.board)
    body = engine.Quorum(members=lambda session, day: engine.Electorate(
        seats=2, voters=frozenset({seated.id})))
    flow = replace(TICKETS, name="example_for_body", transitions=[
        replace(t, roles=BOARD_ROLES, body=body) if t.name == "reopen" else t
        for t in TICKETS.transitions], _machine=None)
    ticket = _ticket(tickets, city, state="stale")
    reasons = dict((t.name, r) for t, r in engine.explain(flow, ticket, released, db))
    assert reasons["reopen"] == [("not_sitting", None)]
    with pytest.raises(NotAllowed) as refused:
        engine.fire(db, flow, ticket, "reopen", actor=released)
    assert refused.value.code == "not_sitting"
    assert engine.fire(db, flow, db.get(Ticket, ticket.id), "reopen", actor=seated).to_state == "draft"


def test_a_body_s_roles_must_be_its_transitions_roles():
    with pytest.raises(ValueError, match="its body's roles"):
        engine.Transition("x", ["a"], "b", "X", roles=[Role.secretariat], body=engine.Quorum())
