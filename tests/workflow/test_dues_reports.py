"""The debtors report and the dashboard's figures, on the seeded accounts."""

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import col, select

from models import City, Role, User
from models.dues import Account, ChargeKind
from workflow import dues_reports, ledger
from workflow.arrears import ARREARS
from workflow.dues_reports import DebtorFilter
from workflow.engine import fire

AS_OF = date(2024, 6, 1)


def _account(db, slug):
    return db.exec(select(Account).join(City, col(City.id) == Account.city_id)
                   .where(City.slug == slug)).one()


def _charge_2024(db, slug, amount="4000", due=date(2024, 3, 31)):
    ledger.post_charge(db, account=_account(db, slug), kind=ChargeKind.annual, year=2024,
                       amount=amount, currency="EUR", due_on=due)


def test_min_age_keeps_only_debts_at_least_that_old(seeded):
    everyone = dues_reports.debtors(seeded, DebtorFilter(as_of=AS_OF)).total
    assert everyone == 22  # the seeded debts of item 1.3, due before 25 May 2023
    aged = DebtorFilter(as_of=AS_OF, min_age_days=(AS_OF - date(2023, 5, 25)).days)
    assert dues_reports.debtors(seeded, aged).total == 22
    too_old = DebtorFilter(as_of=AS_OF, min_age_days=(AS_OF - date(2023, 5, 25)).days + 400)
    assert dues_reports.debtors(seeded, too_old).total == 0


def test_sorting_by_city_and_owed_goes_both_ways(seeded):
    _charge_2024(seeded, "elista", "4000")
    _charge_2024(seeded, "osh", "1000")
    up = dues_reports.debtors(seeded, DebtorFilter(as_of=AS_OF, sort="city", language="en"))
    down = dues_reports.debtors(seeded, DebtorFilter(as_of=AS_OF, sort="city", language="en",
                                                     descending=True))
    names = [row.city_en for row in up.rows]
    assert names == sorted(names) and [row.city_en for row in down.rows] == names[::-1]
    owed = dues_reports.debtors(seeded, DebtorFilter(as_of=AS_OF, sort="owed", descending=True))
    assert [row.city_slug for row in owed.rows[:2]] == ["elista", "osh"]
    assert owed.rows[0].owed == {"EUR": Decimal("4000.00")}


def test_debt_by_year_counts_known_amounts_and_unknown_ones(seeded):
    _charge_2024(seeded, "elista", "4000")
    _charge_2024(seeded, "osh", "1500.50")
    bars = {bar.label: bar for bar in dues_reports.debt_by_year(seeded)}
    assert bars["2024"].owed == {"EUR": Decimal("5500.50")} and bars["2024"].count == 2
    assert bars["2024"].unknown == 0
    seeded_years = [bar for label, bar in bars.items() if label != "2024"]
    assert sum(bar.unknown for bar in seeded_years) == 22  # amounts the seeds do not give
    assert all(bar.owed == {} for bar in seeded_years)


def test_changed_this_month_lists_steps_of_this_month_only(seeded):
    audit = seeded.exec(select(User).where(User.role == Role.audit)).first()
    account = _account(seeded, "elista")
    fire(seeded, ARREARS, account, "propose_to_board", actor=audit, comment="Suspend until paid")
    today = account.state_changed_at.date()
    found = dues_reports.changed_this_month(seeded, today=today)
    assert [(c.city.slug, c.from_state, c.to_state) for c in found] == [
        ("elista", "audit_control", "board_proposal")]
    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    assert dues_reports.changed_this_month(seeded, today=next_month) == []
