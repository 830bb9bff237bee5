"""Fee schedules and charges: admission, annual fees, unknown debts."""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from models.dues import Charge, ChargeKind, FeeScheduleChange
from tests.workflow.dues_factories import *  # noqa: F403 - fixtures
from workflow import ledger, payments
from workflow.balances import balances
from workflow.engine import Refusal


def test_admission_opens_the_account_and_charges_entrance_and_annual_fee(db, schedules, make_city):
    city = make_city("brest")
    entrance, annual = ledger.charge_admission(db, city=city, on=date(2024, 6, 1),
                                               decision="XXX:1.1")
    account = ledger.account_for(db, city)
    assert account.state == "good_standing"
    assert (entrance.kind, entrance.amount, entrance.currency) == (
        ChargeKind.entrance, Decimal("1000.00"), "EUR")
    assert (annual.key, annual.amount, annual.year) == ("annual:2024", Decimal("4000.00"), 2024)
    assert entrance.due_on == date(2024, 7, 1) and annual.due_on == date(2024, 7, 1)
    assert entrance.decision_ref == "XXX:1.1"
    assert [(b.currency, b.owed) for b in balances(db, account)] == [("EUR", Decimal("5000.00"))]
    assert account.oldest_open_due_on == date(2024, 7, 1)


def test_admission_charged_twice_charges_once(db, schedules, make_city):
    city = make_city("brest")
    first = ledger.charge_admission(db, city=city, on=date(2024, 6, 1), decision="XXX:1.1")
    again = ledger.charge_admission(db, city=city, on=date(2024, 6, 1), decision="XXX:1.1")
    assert [c.id for c in first] == [c.id for c in again]
    assert len(db.exec(select(Charge)).all()) == 2


def test_admission_keeps_the_years_annual_due_date_when_later(db, schedules, make_city):
    _entrance, annual = ledger.charge_admission(db, city=make_city(), on=date(2024, 1, 10),
                                                decision="XXX:1.1")
    assert annual.due_on == date(2024, 3, 31)


@pytest.mark.parametrize(("decision", "code"), [
    ("XL:1.1", "unknown_session"),
    ("nonsense", "bad_decision"),
])
def test_admission_with_a_bad_decision_posts_nothing(db, schedules, make_city, decision, code):
    with pytest.raises(Refusal) as refused:
        ledger.charge_admission(db, city=make_city(), on=date(2024, 6, 1), decision=decision)
    assert refused.value.code == code
    assert db.exec(select(Charge)).all() == []


def test_admission_in_a_year_without_fees_is_refused(db, schedules, make_city):
    with pytest.raises(Refusal) as refused:
        ledger.charge_admission(db, city=make_city(), on=date(2031, 6, 1), decision="XXX:1.1")
    assert refused.value.code == "no_fee_schedule"


def test_fee_schedule_change_is_kept_in_its_history(db, schedules, secretary):
    ledger.set_fee_schedule(db, year=2025, entrance="1200", annual="4500.50", currency="eur",
                            actor=secretary, note="XXX session")
    schedule = ledger.fee_schedule(db, 2025)
    assert (schedule.entrance, schedule.annual) == (Decimal("1200.00"), Decimal("4500.50"))
    history = ledger.schedule_history(db, schedule)
    assert [(h.annual, h.actor_id) for h in history] == [
        (Decimal("4500.50"), secretary.id), (Decimal("4000.00"), None)]


@pytest.mark.parametrize(("entrance", "currency", "code"), [
    ("0", "EUR", "amount_not_positive"),
    ("-5", "EUR", "amount_not_positive"),
    ("10.001", "EUR", "amount_too_precise"),
    ("ten", "EUR", "bad_amount"),
    ("10", "GBP", "unknown_currency"),
    ("NaN", "EUR", "bad_amount"),
])
def test_bad_fee_schedule_is_refused_and_nothing_changes(db, schedules, entrance, currency, code):
    before = len(db.exec(select(FeeScheduleChange)).all())
    with pytest.raises(Refusal) as refused:
        ledger.set_fee_schedule(db, year=2024, entrance=entrance, annual="4000",
                                currency=currency, actor=None)
    assert refused.value.code == code
    db.rollback()
    assert len(db.exec(select(FeeScheduleChange)).all()) == before
    assert ledger.fee_schedule(db, 2024).entrance == Decimal("1000.00")


def test_annual_fees_are_charged_to_every_member_once(db, schedules, make_city):
    from models import CityStatus

    members = [make_city(f"m{n}") for n in range(3)]
    make_city("applicant", status=CityStatus.applicant)
    assert ledger.charge_annual_fees(db, year=2024) == 3
    assert ledger.charge_annual_fees(db, year=2024) == 0
    charges = db.exec(select(Charge).where(Charge.key == "annual:2024")).all()
    assert len(charges) == 3
    account = ledger.account_for(db, members[0])
    assert balances(db, account)[0].owed == Decimal("4000.00")
    assert account.oldest_open_due_on == date(2024, 3, 31)


def test_unknown_debt_stays_open_without_an_amount(db, schedules, make_city):
    account = ledger.open_account(db, city=make_city(), on=date(2023, 5, 25))
    charge = ledger.post_unknown_debt(db, account=account, year=2023, due_on=date(2023, 5, 25),
                                      decision="XXIX:1.3", note="seed")
    assert charge.amount is None and charge.is_open and charge.outstanding is None
    assert account.unknown_debts == 1
    assert balances(db, account) == []


def _overpay(db, account, amount, day=date(2024, 5, 1)):
    """A payment larger than what is open, leaving a credit for later charges."""
    payments.record_payment(db, account=account, amount=amount, currency="EUR", paid_on=day,
                            bank_reference=f"PP-{amount}", actor=None, today=date(2024, 12, 31))


def test_credit_settles_a_later_charge_on_its_due_date_not_before(db, schedules, make_city):
    city = make_city()
    ledger.charge_admission(db, city=city, on=date(2023, 6, 1), decision="XXIX:1.1")
    account = ledger.account_for(db, city)
    _overpay(db, account, "9000")
    ledger.charge_annual_fees(db, year=2025)
    annual = db.exec(select(Charge).where(Charge.key == "annual:2025")).one()
    assert (annual.is_open, annual.settled_on) == (False, date(2025, 3, 31))


def test_credit_settles_an_older_debt_on_the_day_it_was_paid(db, schedules, make_city, secretary):
    account = ledger.open_account(db, city=make_city(), on=date(2023, 5, 25))
    debt = ledger.post_unknown_debt(db, account=account, year=2023, due_on=date(2023, 5, 25),
                                    decision="XXIX:1.3", note="seed")
    ledger.post_charge(db, account=account, kind=ChargeKind.annual, year=2023, amount="4000",
                       currency="EUR", due_on=date(2023, 7, 1))
    _overpay(db, account, "5000")
    ledger.enter_charge_amount(db, charge=debt, amount="800", currency="EUR", actor=secretary)
    assert (debt.is_open, debt.settled_on) == (False, date(2024, 5, 1))


def test_largest_accepted_amount_round_trips_exactly(db, schedules, make_city):
    from models.database import new_session
    from workflow.money import MAX_AMOUNT

    account = ledger.open_account(db, city=make_city(), on=date(2024, 1, 10))
    charge = ledger.post_charge(db, account=account, kind=ChargeKind.opening, year=2024,
                                amount=MAX_AMOUNT, currency="RUB", due_on=date(2024, 3, 31))
    payments.record_payment(db, account=account, amount=MAX_AMOUNT - Decimal("0.01"),
                            currency="RUB", paid_on=date(2024, 4, 1), bank_reference="PP-MAX",
                            actor=None, today=date(2024, 4, 1))
    with new_session(db.get_bind()) as fresh:  # read back from the database, not the session
        stored = fresh.get(Charge, charge.id)
        assert (stored.amount, stored.paid) == (MAX_AMOUNT, MAX_AMOUNT - Decimal("0.01"))
        assert [(b.currency, b.owed) for b in balances(fresh, account)] == [
            ("RUB", Decimal("0.01"))]


@pytest.mark.parametrize("amount", ["1000000000000.00", "9999999999999999.99"])
def test_amount_beyond_what_the_database_keeps_exactly_is_refused(amount):
    from workflow.money import checked_amount

    with pytest.raises(Refusal) as refused:
        checked_amount(amount)
    assert refused.value.code == "amount_too_large"
    assert checked_amount("999999999999.99") == Decimal("999999999999.99")
