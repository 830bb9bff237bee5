"""The concurrency scenario on the seed: what waits before the barrier, what must hold after.

``prepare`` puts every application in review before the Board and charges
the 2024 fees; the ``assert_*`` functions read the database afterwards and
say, per subject, what was counted, applied or posted other than once.
"""

import subprocess
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

import workflow.registry  # noqa: F401 - registers every workflow
from models import Role, User
from models.admission import Application
from models.database import new_session
from models.dues import Account, Allocation, Charge, Credit, Payment
from models.workflow import HistoryEntry, Vote
from seeding.loader import demo_password
from tests.servers import Answer
from workflow import ledger
from workflow.admission import ADMISSION
from workflow.engine import REGISTRY, fire
from workflow.sweep import plan, sweep

AS_OF = date(2024, 6, 1)  # the 2024 annual fees (due 31 March) are overdue
# The sitting Board has eight members: the demo's four accounts (three members and the
# President) and three made here, seven voters racing for a majority of five.
MORE_MEMBERS = ["kobets", "kulemzin", "pilavov"]
BOARD = ["board1@demo.magflow", "board2@demo.magflow", "board3@demo.magflow",
         "president@demo.magflow", *(f"{slug}@test.magflow" for slug in MORE_MEMBERS)]
MAJORITY = 5
SECRETARIAT = "secretariat@demo.magflow"


@dataclass(frozen=True)
class Order:
    """A payment the Secretariat records: (account, amount in EUR, bank reference)."""

    account_id: int
    amount: Decimal
    reference: str


@dataclass
class Scenario:
    """What waits before the barrier, and the database as it was then."""

    applications: list[int]
    board: dict[str, int]
    orders: list[Order]
    planned: dict[tuple[str, str], set[int]]
    before: dict[tuple[str, int], tuple[str, int]]
    last_history_id: int
    outcomes: list[tuple[str, Any, Answer]] = field(default_factory=list)
    sweeps: list[subprocess.CompletedProcess] = field(default_factory=list)


def _user(session: Session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()


def _orders(session: Session) -> list[Order]:
    """Full payments racing the sweep, halves of one charge at once, one on an old debtor."""
    def ids(state: str) -> list[int]:
        query = select(Account.id).where(Account.state == state).order_by(col(Account.id))
        return [i for i in session.exec(query).all() if i is not None]

    good, audited = ids("good_standing"), ids("audit_control")
    full, half = Decimal("4000.00"), Decimal("1500.00")
    return [Order(good[0], full, "CONC-1"), Order(good[1], full, "CONC-2"),
            Order(good[2], full, "CONC-3"), Order(good[3], half, "CONC-4a"),
            Order(good[3], half, "CONC-4b"), Order(good[4], half, "CONC-5a"),
            Order(good[4], half, "CONC-5b"), Order(audited[0], Decimal("1000.00"), "CONC-6")]


def _states(session: Session) -> dict[tuple[str, int], tuple[str, int]]:
    """(workflow, subject) -> (state, version) of every subject of every workflow."""
    found = {}
    for flow in REGISTRY.values():
        model: Any = flow.model
        for subject_id, state, version in session.exec(select(model.id, model.state, model.version)):
            found[(flow.name, subject_id)] = (state, version)
    return found


def _member_accounts(session: Session) -> None:
    """Accounts, with the demo password, for the sitting members the demo has none for."""
    from models import Person
    from webapp.auth.operations import create_user

    for slug in MORE_MEMBERS:
        user = create_user(session, email=f"{slug}@test.magflow", password=demo_password(),
                           display_name=slug, role=Role.board)
        user.person_id = session.exec(select(Person.id).where(Person.slug == slug)).one()
        session.add(user)
    session.commit()


def prepare(session: Session) -> Scenario:
    """Every application with the Board, the 2024 fees charged; the state noted."""
    _member_accounts(session)
    secretariat = _user(session, SECRETARIAT)
    waiting = session.exec(select(Application).where(Application.state == "in_review")
                           .order_by(col(Application.id))).all()
    for application in waiting:
        fire(session, ADMISSION, application, "forward", actor=secretariat)
    ledger.charge_annual_fees(session, year=2024)
    return Scenario(
        applications=[a.id for a in waiting],  # type: ignore[misc]
        board={email: _user(session, email).id for email in BOARD},  # type: ignore[misc]
        orders=_orders(session),
        planned={(s.workflow, s.transition): set(s.subject_ids) for s in plan(session, as_of=AS_OF)},
        before=_states(session),
        last_history_id=session.exec(select(func.max(HistoryEntry.id))).one() or 0,
    )


def _new_history(session: Session, scenario: Scenario) -> list[HistoryEntry]:
    return list(session.exec(select(HistoryEntry).where(
        col(HistoryEntry.id) > scenario.last_history_id).order_by(col(HistoryEntry.id))))


def assert_every_approval_counted_once(session: Session, scenario: Scenario) -> None:
    """Each accepted approval is one vote and one history entry; the quorum fires once."""
    new = _new_history(session, scenario)
    for application in scenario.applications:
        answers = {key[1]: a.status for kind, key, a in scenario.outcomes
                   if kind == "vote" and key[0] == application}
        assert set(answers.values()) <= {302, 409}, answers
        accepted = sorted(voter for voter, status in answers.items() if status == 302)
        votes = session.exec(select(Vote).where(
            Vote.workflow == "admission", Vote.subject_id == application)).all()
        assert sorted(v.voter_id for v in votes) == accepted
        assert all(v.approve and v.withdrawn_at is None for v in votes)
        mine = [e for e in new if e.workflow == "admission" and e.subject_id == application]
        voted = [e.actor_id or 0 for e in mine if e.transition == "vote:recommend"]
        assert sorted(voted) == accepted
        fired = [e for e in mine if e.transition == "recommend"]
        state = session.get(Application, application).state  # type: ignore[union-attr]
        assert (len(fired), state) == (1, "recommended"), (
            f"application {application}: {len(votes)} approvals recorded "
            f"({MAJORITY} needed), "
            f"'recommend' fired {len(fired)} times, state {state}; answers {answers}")
        # It fired on the vote that made the majority; a later one found it decided.
        assert fired[0].payload["approvals"] == len(votes) == MAJORITY, (
            f"application {application}: fired on approval {fired[0].payload['approvals']} "
            f"of {MAJORITY} needed, {len(votes)} approvals recorded; answers {answers}")


def assert_every_payment_posted_once(session: Session, scenario: Scenario) -> None:
    """One payment per bank reference, wholly allocated or kept as credit, no charge overpaid."""
    for kind, order, answer in scenario.outcomes:
        if kind == "payment":
            assert (answer.status, answer.location) == (
                302, f"/dues/accounts/{order.account_id}"), answer.body[-2000:]
    for order in scenario.orders:
        payment = session.exec(select(Payment).where(
            Payment.bank_reference == order.reference)).one()
        assert (payment.account_id, payment.amount) == (order.account_id, order.amount)
        allocated = session.exec(select(func.sum(Allocation.amount)).where(
            Allocation.payment_id == payment.id)).one() or 0
        credit = session.exec(select(func.sum(Credit.amount)).where(
            Credit.payment_id == payment.id)).one() or 0
        assert allocated + credit == order.amount, order
    for account_id in {order.account_id for order in scenario.orders}:
        for charge in session.exec(select(Charge).where(Charge.account_id == account_id)):
            allocated = session.exec(select(func.sum(Allocation.amount)).where(
                Allocation.charge_id == charge.id)).one() or 0
            assert charge.paid == allocated, charge
            if charge.amount_known:
                assert charge.paid <= charge.amount, charge  # type: ignore[operator]
                assert charge.is_open == (charge.paid < charge.amount), charge  # type: ignore[operator]


def _paid_up(scenario: Scenario) -> set[int]:
    """The accounts whose whole 2024 fee is paid in the round."""
    return {o.account_id for o in scenario.orders if o.amount == Decimal("4000.00")}


def assert_sweeps_applied_each_step_once(session: Session, scenario: Scenario) -> None:
    """The two sweeps together did what one would have: nothing twice, nothing missed."""
    for done in scenario.sweeps:
        assert done.returncode == 0, done.stderr.decode()[-3000:]
    timed = [e for e in _new_history(session, scenario) if e.actor_id is None]
    twice = [k for k, n in Counter((e.workflow, e.subject_id, e.transition) for e in timed).items()
             if n > 1]
    assert twice == [], f"timed transitions applied twice: {twice}"
    paid_up = _paid_up(scenario)
    for (name, transition), planned in scenario.planned.items():
        moved = {e.subject_id for e in timed if (e.workflow, e.transition) == (name, transition)}
        # A sweep that starts after a payment may settle what the other made overdue.
        assert moved <= planned | (paid_up if transition == "settle" else set()), (
            name, transition, moved - planned)
        # What a payment settled first is no longer due.
        assert planned - moved <= (paid_up if transition == "become_overdue" else set()), (
            name, transition, planned - moved)


def assert_history_accounts_for_every_change(session: Session, scenario: Scenario) -> None:
    """Per subject: the new state changes chain from the old state to the current one,
    one history entry per version step."""
    changes: dict[tuple[str, int], list[HistoryEntry]] = {}
    for entry in _new_history(session, scenario):
        if entry.transition in {t.name for t in REGISTRY[entry.workflow].transitions}:
            changes.setdefault((entry.workflow, entry.subject_id), []).append(entry)
    for key, (state, version) in _states(session).items():
        old_state, old_version = scenario.before.get(key, (state, version))
        steps = changes.get(key, [])
        assert len(steps) == version - old_version, (key, old_version, version, steps)
        walked = old_state
        for step in steps:
            assert step.from_state == walked, (key, steps)
            walked = step.to_state
        assert walked == state, (key, old_state, state, steps)


def assert_invariants(engine: Engine, scenario: Scenario) -> None:
    with new_session(engine) as session:
        assert_every_approval_counted_once(session, scenario)
        assert_every_payment_posted_once(session, scenario)
        assert_sweeps_applied_each_step_once(session, scenario)
        assert_history_accounts_for_every_change(session, scenario)
        # A payment that lands just after the sweep marked its account overdue may leave
        # it paid up in arrears; the next sweep settles it (README, dues).
        sweep(session, as_of=AS_OF)
        for account_id in _paid_up(scenario):
            assert session.get(Account, account_id).state == "good_standing"  # type: ignore[union-attr]
