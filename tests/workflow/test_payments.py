"""Payments: oldest charge first, credit for overpayment, conversion only with a rate."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from models import Role
from models.database import new_session
from models.dues import (
    Account,
    Allocation,
    Charge,
    ContributionRecommendation,
    Payment,
    TargetedContribution,
)
from tests.workflow.dues_factories import *  # noqa: F403 - fixtures
from workflow import ledger, payments
from workflow.balances import balances
from workflow.engine import Refusal

TODAY = date(2024, 12, 31)


@pytest.fixture
def account(db, schedules, make_city):
    city = make_city("tver")
    ledger.charge_admission(db, city=city, on=date(2023, 6, 1), decision="XXIX:1.1")
    ledger.charge_annual_fees(db, year=2024)
    return ledger.account_for(db, city)


def _pay(db, account, amount="100", currency="EUR", ref="PP-1", day=date(2024, 5, 1), **extra):
    return payments.record_payment(db, account=account, amount=amount, currency=currency,
                                   paid_on=day, bank_reference=ref, actor=None, today=TODAY,
                                   **extra)


def _paid(db, account):
    charges = db.exec(select(Charge).where(Charge.account_id == account.id)
                      .order_by(Charge.due_on, Charge.id)).all()
    return [(c.key, c.paid, c.is_open) for c in charges]


def test_payment_goes_to_the_oldest_open_charge_first(db, account):
    _pay(db, account, amount="1500.50")
    assert _paid(db, account) == [
        ("entrance", Decimal("1000.00"), False),
        ("annual:2023", Decimal("500.50"), True),
        ("annual:2024", Decimal("0.00"), True),
    ]
    assert balances(db, account)[0].owed == Decimal("7499.50")


def test_overpayment_becomes_a_credit_used_by_the_next_charge(db, account):
    _pay(db, account, amount="9500")
    [eur] = balances(db, account)
    assert (eur.owed, eur.credit) == (Decimal("0"), Decimal("500.00"))
    ledger.charge_annual_fees(db, year=2025)
    [eur] = balances(db, account)
    assert (eur.owed, eur.credit) == (Decimal("3500.00"), Decimal("0"))
    assert len(db.exec(select(Allocation)).all()) == 4


def test_conversion_happens_only_with_a_rate(db, account):
    payment = _pay(db, account, amount="100000", currency="RUB", rate="0.0105",
                   converted_currency="EUR")
    assert (payment.converted_amount, payment.converted_currency) == (Decimal("1050.00"), "EUR")
    assert _paid(db, account)[1][1] == Decimal("50.00")


@pytest.mark.parametrize(("fields", "code"), [
    ({"amount": "0"}, "amount_not_positive"),
    ({"amount": "-10"}, "amount_not_positive"),
    ({"amount": "10.005"}, "amount_too_precise"),
    ({"amount": "1e400"}, "amount_too_large"),
    ({"currency": "XYZ"}, "unknown_currency"),
    ({"currency": "RUB"}, "no_open_charge"),
    ({"day": date(2025, 1, 1)}, "date_in_future"),
    ({"ref": "  "}, "missing_reference"),
    ({"currency": "RUB", "rate": "-1", "converted_currency": "EUR"}, "bad_rate"),
    ({"rate": "1", "converted_currency": "EUR"}, "same_currency"),
    ({"currency": "RUB", "rate": "1e22", "converted_currency": "EUR"}, "rate_too_large"),
    ({"currency": "RUB", "rate": "1000000", "converted_currency": "EUR"}, "rate_too_large"),
    ({"currency": "RUB", "rate": "0.0000001", "converted_currency": "EUR"}, "bad_rate"),
    ({"currency": "RUB", "rate": "0.000001", "converted_currency": "EUR"}, "amount_not_positive"),
    ({"amount": "9999999999999999", "currency": "RUB", "rate": "999999",
      "converted_currency": "EUR"}, "amount_too_large"),
])
def test_bad_payment_is_refused_and_nothing_is_posted(db, account, fields, code):
    with pytest.raises(Refusal) as refused:
        _pay(db, account, **fields)
    assert refused.value.code == code
    db.rollback()
    assert db.exec(select(Payment)).all() == []
    assert all(paid == 0 for _key, paid, _open in _paid(db, account))


def test_duplicate_bank_reference_is_refused(db, account):
    _pay(db, account, ref="PP-7")
    with pytest.raises(Refusal) as refused:
        _pay(db, account, ref="PP-7")
    assert refused.value.code == "duplicate_reference"
    assert len(db.exec(select(Payment)).all()) == 1


def test_paid_entrance_fee_calls_the_hooks_in_the_same_transaction(db, account):
    seen = []
    ledger.ENTRANCE_PAID_HOOKS.append(lambda session, acc, charge: seen.append(charge.key))
    try:
        _pay(db, account, amount="999.99", ref="PP-A")
        assert seen == []
        _pay(db, account, amount="0.01", ref="PP-B")
        assert seen == ["entrance"]
    finally:
        ledger.ENTRANCE_PAID_HOOKS.pop()


def test_plan_with_bad_instalments_is_refused(db, account, make_user):
    with pytest.raises(Refusal) as refused:
        payments.agree_payment_plan(db, account=account, currency="EUR",
                                    actor=make_user(Role.secretariat),
                                    instalments=[(date(2024, 9, 1), "10"), (date(2024, 8, 1), "5")])
    assert refused.value.code == "bad_instalments"
    assert not account.paused


def _contribution(db, currency="RUB"):
    contribution = TargetedContribution(
        slug="mag-25", purpose_ru="к 25-летию", purpose_en="25th anniversary",
        minimum=Decimal("250000"), currency=currency, due_year=2023, due_month=7,
        decision_ref="XXIX:2.6")
    db.add(contribution)
    db.commit()
    return contribution


def test_payment_towards_a_targeted_contribution_is_recorded_for_the_city(db, account):
    contribution = _contribution(db)
    db.add(ContributionRecommendation(contribution_id=contribution.id, city_id=account.city_id))
    db.commit()
    _pay(db, account, amount="300000", currency="RUB", contribution=contribution)
    given = db.exec(select(ContributionRecommendation)).one().given
    assert given == Decimal("300000.00")
    targeted = db.exec(select(Charge).where(Charge.kind == "targeted")).one()
    assert (targeted.amount, targeted.is_open) == (Decimal("300000.00"), False)
    assert [b.currency for b in balances(db, account)] == ["EUR"]  # nothing owed in RUB


def test_contribution_payment_settles_its_own_charge_not_the_oldest_debt(db, account):
    contribution = _contribution(db, currency="EUR")
    payment = _pay(db, account, amount="700", contribution=contribution, ref="PP-C")
    assert _paid(db, account) == [
        ("entrance", Decimal("0.00"), True),
        ("annual:2023", Decimal("0.00"), True),
        ("annual:2024", Decimal("0.00"), True),
        (f"targeted:mag-25:{payment.id}", Decimal("700.00"), False),
    ]
    [allocation] = db.exec(select(Allocation)).all()
    assert allocation.amount == Decimal("700.00")
    assert balances(db, account)[0].owed == Decimal("9000.00")


@pytest.mark.parametrize("failure", [Refusal("hook", "no"), RuntimeError("mail server down")])
def test_a_failing_hook_rolls_the_whole_payment_back(db, account, failure):
    def crash(session, acc, charge):
        raise failure

    ledger.ENTRANCE_PAID_HOOKS.append(crash)
    try:
        with pytest.raises(type(failure)):
            _pay(db, account, amount="1500")
    finally:
        ledger.ENTRANCE_PAID_HOOKS.pop()
    assert db.exec(select(Payment)).all() == []
    assert db.exec(select(Allocation)).all() == []
    assert all(paid == 0 for _key, paid, _open in _paid(db, account))


def _pausing_after_reading_open_charges(monkeypatch, barrier):
    """Widen the race: each writer waits, after reading the open charges, for the other."""
    real = ledger.open_charges

    def read_then_wait(*args, **kwargs):
        found = real(*args, **kwargs)
        try:
            barrier.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass  # the other writer is blocked behind our lock, as it should be
        return found

    monkeypatch.setattr(ledger, "open_charges", read_then_wait)


def test_concurrent_payments_on_one_charge_keep_both_and_never_overpay(db, account, monkeypatch):
    entrance = db.exec(select(Charge).where(Charge.key == "entrance")).one()
    _pausing_after_reading_open_charges(monkeypatch, threading.Barrier(2))
    errors: list[BaseException] = []

    def pay(ref):
        session = new_session(db.get_bind())
        try:
            _pay(session, session.get(Account, account.id), amount="600", ref=ref)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            session.close()

    threads = [threading.Thread(target=pay, args=(f"PP-T{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "the payments deadlocked"
    assert errors == []
    db.expire_all()
    assert len(db.exec(select(Payment)).all()) == 2
    to_entrance = [a.amount for a in db.exec(select(Allocation)
                                            .where(Allocation.charge_id == entrance.id))]
    assert sum(to_entrance) == db.get(Charge, entrance.id).paid == Decimal("1000.00")
    assert sum(a.amount for a in db.exec(select(Allocation))) == Decimal("1200.00")


def test_a_payment_during_the_annual_fee_run_waits_and_pays_the_new_fee(
        db, schedules, make_city, monkeypatch, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite lets one writer in at a time; the race needs row locks")
    city = make_city("pskov")
    account_id = ledger.open_account(db, city=city, on=date(2024, 1, 1)).id
    db.commit()
    inside, release = threading.Event(), threading.Event()
    with_credit = ledger._with_credit

    def pause_inside_the_run(*args):
        inside.set()
        release.wait(timeout=10)
        return with_credit(*args)

    monkeypatch.setattr(ledger, "_with_credit", pause_inside_the_run)
    errors: list[BaseException] = []

    def in_own_session(work):
        session = new_session(db.get_bind())
        try:
            work(session)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            session.close()

    run = threading.Thread(target=in_own_session,
                           args=(lambda s: ledger.charge_annual_fees(s, year=2025),))
    run.start()
    assert inside.wait(timeout=10)
    payment = threading.Thread(target=in_own_session, args=(
        lambda s: _pay(s, s.get(Account, account_id), amount="4000", ref="PP-2025"),))
    payment.start()
    payment.join(timeout=0.5)
    assert payment.is_alive(), "the payment did not wait for the fee run"
    release.set()
    for thread in (run, payment):
        thread.join(timeout=30)
    assert errors == []
    fee = db.exec(select(Charge).where(Charge.account_id == account_id,
                                       Charge.key == "annual:2025")).one()
    assert (fee.paid, fee.is_open) == (Decimal("4000.00"), False)


def test_a_payment_on_a_page_loaded_before_the_sweep_moved_the_account_settles_it(
        db, account):
    from workflow.sweep import sweep

    stale = db.get(Account, account.id)  # as the payment page loaded it: good standing
    assert stale.state == "good_standing"
    other = new_session(db.get_bind())
    sweep(other, as_of=date(2024, 6, 1), workflows=["arrears"])
    assert other.get(Account, account.id).state == "overdue"
    other.close()
    assert (stale.state, stale.version) == ("good_standing", 1)
    owed = sum(c.outstanding for c in db.exec(select(Charge).where(
        Charge.account_id == account.id, Charge.is_open)).all())
    _pay(db, stale, amount=str(owed), ref="PP-ALL")
    db.refresh(stale)
    assert stale.state == "good_standing"
    assert db.exec(select(Charge).where(Charge.account_id == account.id,
                                        Charge.is_open)).all() == []


@pytest.mark.parametrize(("violated", "code"), [
    ('duplicate key value violates unique constraint "ix_payments_bank_reference"',
     "duplicate_reference"),
    ('duplicate key value violates unique constraint "dues_balances_pkey"', "conflict"),
])
def test_only_a_bank_reference_clash_is_called_a_duplicate(db, account, monkeypatch, violated,
                                                           code):
    from sqlalchemy.exc import IntegrityError

    def clash(*args):
        raise IntegrityError("INSERT ...", {}, Exception(violated))

    monkeypatch.setattr(payments, "_write_payment", clash)
    with pytest.raises(Refusal) as refused:
        _pay(db, account, amount="100", ref="PP-CLASH")
    assert refused.value.code == code


def test_a_contribution_payment_does_not_meet_an_instalment_of_the_plan(db, account, make_user):
    """The plan schedules the debt; money given for a contribution pays none of it."""
    contribution = _contribution(db, currency="EUR")
    plan = payments.agree_payment_plan(
        db, account=account, currency="EUR", actor=make_user(Role.secretariat),
        instalments=[(date(2024, 9, 1), "4500"), (date(2024, 12, 1), "4500")],
        today=date(2024, 5, 1))
    _pay(db, account, amount="5000", contribution=contribution, ref="PP-C")
    db.refresh(plan)
    assert plan.paid == Decimal("0.00")
    assert [i.met_on for i in payments.instalments_of(db, plan)] == [None, None]
    _pay(db, account, amount="4500", ref="PP-D", day=date(2024, 8, 20))
    db.refresh(plan)
    assert plan.paid == Decimal("4500.00")
    assert [i.met_on for i in payments.instalments_of(db, plan)] == [date(2024, 8, 20), None]
