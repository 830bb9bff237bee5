"""Money operations on the dues ledger: keyword-only, one transaction each.

    set_fee_schedule(session, year=2024, entrance="1000", annual="4000", currency="EUR", actor=u)
    charge_admission(session, city=brest, on=date(2024, 5, 1), decision="XXX:1.1")
    charge_annual_fees(session, year=2024)               # idempotent, set-wise
    post_charge(session, account=a, kind=ChargeKind.annual, year=2024, ...)
    record_payment(session, account=a, amount="4000", currency="EUR", paid_on=..., ...)

Payments go to the oldest open charges of their currency first; what is left
becomes a credit that later charges in that currency consume. Paying every
charge past due returns the account to good standing (the ``settle``
transition of ``workflow.arrears``) in the same transaction. When an entrance-fee charge
becomes fully paid, every function in ``ENTRANCE_PAID_HOOKS`` runs, also in
that transaction (the admission workflow makes the city a member there).
"""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert
from sqlmodel import Session, col, select

from models import City, CityStatus, User
from models.dues import (
    Account,
    Allocation,
    Charge,
    ChargeKind,
    Credit,
    FeeSchedule,
    FeeScheduleChange,
    Payment,
)
from workflow import charge_notes
from workflow.balances import open_charges, refresh_accounts
from workflow.decisions import check_decision
from workflow.engine import Refusal
from workflow.money import checked_amount, checked_currency

# Days a new member has to pay its entrance fee after the admission decision.
ENTRANCE_DUE_DAYS = 30
INITIAL_STATE = "good_standing"

# Called as hook(session, account, charge) when an entrance fee becomes fully paid.
EntranceHook = Callable[[Session, Account, Charge], None]
ENTRANCE_PAID_HOOKS: list[EntranceHook] = []


# ------------------------------------------------------------ fee schedule ----


def fee_schedule(session: Session, year: int) -> FeeSchedule | None:
    """The fees of a year, if the secretariat has set them."""
    return session.exec(select(FeeSchedule).where(FeeSchedule.year == year)).first()


def set_fee_schedule(
    session: Session,
    *,
    year: int,
    entrance: Any,
    annual: Any,
    currency: Any,
    actor: User | None,
    annual_due_on: date | None = None,
    decision: str | None = None,
    note: str | None = None,
    sources: list[str] | None = None,
) -> FeeSchedule:
    """Set (or change) a year's fees, keeping the change in the schedule's history."""
    if not 1990 <= year <= 2100:
        raise Refusal("bad_year", _l("The year must be between 1990 and 2100."), field="year")
    entrance_fee = checked_amount(entrance, field="entrance")
    annual_fee = checked_amount(annual, field="annual")
    code = checked_currency(currency)
    due = annual_due_on or date(year, 3, 31)
    ref = str(check_decision(session, decision)) if decision else None
    schedule = fee_schedule(session, year) or FeeSchedule(
        year=year, entrance=entrance_fee, annual=annual_fee, currency=code, annual_due_on=due
    )
    schedule.entrance, schedule.annual, schedule.currency = entrance_fee, annual_fee, code
    schedule.annual_due_on = due
    if sources is not None:
        schedule.sources = sources
    session.add(schedule)
    session.flush()
    session.add(FeeScheduleChange(
        schedule_id=schedule.id, entrance=entrance_fee, annual=annual_fee, currency=code,  # type: ignore[arg-type]
        annual_due_on=due, actor_id=actor.id if actor else None, decision_ref=ref, note=note,
    ))
    session.commit()
    return schedule


def schedule_history(session: Session, schedule: FeeSchedule) -> list[FeeScheduleChange]:
    """Every value a schedule has had, newest first."""
    return list(session.exec(
        select(FeeScheduleChange).where(FeeScheduleChange.schedule_id == schedule.id)
        .order_by(col(FeeScheduleChange.id).desc())
    ).all())


# ---------------------------------------------------------------- accounts ----


def account_for(session: Session, city: City) -> Account | None:
    return session.exec(select(Account).where(Account.city_id == city.id)).first()


def open_account(session: Session, *, city: City, on: date) -> Account:
    """The city's account, opened in good standing if it has none (no commit)."""
    account = account_for(session, city)
    if account is None:
        account = Account(city_id=city.id, opened_on=on, state=INITIAL_STATE)  # type: ignore[arg-type]
        session.add(account)
        session.flush()
    return account


# ----------------------------------------------------------------- charges ----


def _existing(session: Session, account: Account, key: str) -> Charge | None:
    return session.exec(
        select(Charge).where(Charge.account_id == account.id, Charge.key == key)
    ).first()


def _post(session: Session, account: Account, **fields: Any) -> Charge:
    """Add a charge unless one with the same key exists; consume credits (no commit)."""
    lock_account(session, account.id)  # type: ignore[arg-type]
    found = _existing(session, account, fields["key"])
    if found is not None:
        return found
    charge = Charge(account_id=account.id, **fields)  # type: ignore[arg-type]
    session.add(charge)
    session.flush()
    if charge.amount_known and charge.currency:
        apply_credits(session, account_id=account.id, currency=charge.currency)  # type: ignore[arg-type]
    return charge


def post_charge(
    session: Session,
    *,
    account: Account,
    kind: ChargeKind,
    year: int,
    amount: Any,
    currency: Any,
    due_on: date,
    key: str | None = None,
    decision: str | None = None,
    note: str | None = None,
    commit: bool = True,
) -> Charge:
    """Charge an account an amount due on a date (idempotent per key)."""
    value, code = checked_amount(amount), checked_currency(currency)
    ref = str(check_decision(session, decision)) if decision else None
    charge = _post(
        session, account, kind=kind, key=key or f"{kind.value}:{year}", year=year, amount=value,
        currency=code, due_on=due_on, decision_ref=ref, note=note,
    )
    refresh_accounts(session, [account.id])  # type: ignore[list-item]
    if commit:
        session.commit()
    return charge


def post_unknown_debt(
    session: Session, *, account: Account, year: int, due_on: date, decision: str,
    note: str | None = None, notes: list[dict[str, Any]] | None = None, commit: bool = True,
) -> Charge:
    """Record a debt whose amount the sources do not give (no amount, stays open)."""
    ref = str(check_decision(session, decision))
    charge = _post(
        session, account, kind=ChargeKind.opening, key=f"opening:{ref}", year=year, amount=None,
        currency=None, amount_known=False, due_on=due_on, decision_ref=ref, note=note,
        notes=list(notes or []),
    )
    refresh_accounts(session, [account.id])  # type: ignore[list-item]
    if commit:
        session.commit()
    return charge


def enter_charge_amount(
    session: Session, *, charge: Charge, amount: Any, currency: Any, actor: User
) -> Charge:
    """Give a debt recorded as unknown its amount, as the secretariat establishes it."""
    lock_account(session, charge.account_id)
    session.refresh(charge)  # someone may have entered it while we waited for the lock
    if charge.amount_known:
        raise Refusal("amount_already_known", _l("This charge already has an amount."))
    charge.amount, charge.currency = checked_amount(amount), checked_currency(currency)
    charge.amount_known = True
    charge.notes = [*charge.notes, charge_notes.note("amount_entered", by=actor.display_name)]
    session.add(charge)
    session.flush()
    apply_credits(session, account_id=charge.account_id, currency=charge.currency)
    refresh_accounts(session, [charge.account_id])
    session.commit()
    return charge


def charge_admission(session: Session, *, city: City, on: date, decision: str,
                     commit: bool = True) -> list[Charge]:
    """Open the new member's account and charge its entrance fee and that year's annual fee."""
    ref = str(check_decision(session, decision))
    schedule = fee_schedule(session, on.year)
    if schedule is None:
        raise Refusal("no_fee_schedule",
                      _l("There is no fee schedule for %(year)s.", year=on.year), field="year")
    account = open_account(session, city=city, on=on)
    due = on + timedelta(days=ENTRANCE_DUE_DAYS)
    common = {"year": on.year, "currency": schedule.currency, "decision_ref": ref}
    entrance = _post(session, account, kind=ChargeKind.entrance, key="entrance",
                     amount=schedule.entrance, due_on=due, **common)
    annual = _post(session, account, kind=ChargeKind.annual, key=f"annual:{on.year}",
                   amount=schedule.annual, due_on=max(due, schedule.annual_due_on), **common)
    refresh_accounts(session, [account.id])  # type: ignore[list-item]
    if commit:
        session.commit()
    return [entrance, annual]


def charge_annual_fees(
    session: Session, *, year: int, progress: Callable[[int], None] = lambda n: None
) -> int:
    """Charge every member city the year's annual fee; returns how many charges were new."""
    schedule = fee_schedule(session, year)
    if schedule is None:
        raise Refusal("no_fee_schedule",
                      _l("There is no fee schedule for %(year)s.", year=year), field="year")
    members = session.exec(select(City).where(City.status == CityStatus.member)).all()
    for city in members:
        open_account(session, city=city, on=date(year, 1, 1))
    key = f"annual:{year}"
    already = select(Charge.account_id).where(Charge.key == key)
    due = session.exec(
        select(Account.id).join(City, col(City.id) == Account.city_id)
        .where(City.status == CityStatus.member, col(Account.id).not_in(already))
        .order_by(col(Account.id))
    ).all()
    for start in range(0, len(due), 1000):
        batch = [int(i) for i in due[start : start + 1000] if i is not None]
        # The batch's accounts, locked in id order as a payment locks its one account:
        # a payment at the same moment waits, then sees the new charge.
        session.exec(select(Account.id).where(col(Account.id).in_(batch))
                     .order_by(col(Account.id)).with_for_update()).all()
        session.execute(insert(Charge), [
            {"account_id": account_id, "kind": ChargeKind.annual, "key": key, "year": year,
             "amount": schedule.annual, "currency": schedule.currency, "amount_known": True,
             "paid": Decimal("0"), "is_open": True, "due_on": schedule.annual_due_on}
            for account_id in batch
        ])
        for account_id in _with_credit(session, batch, schedule.currency):
            apply_credits(session, account_id=account_id, currency=schedule.currency)
        refresh_accounts(session, batch)
        session.commit()
        progress(len(batch))
    return len(due)


def _with_credit(session: Session, ids: list[int], currency: str) -> list[int]:
    return list(session.exec(
        select(Credit.account_id).where(col(Credit.account_id).in_(ids),
                                        Credit.currency == currency, col(Credit.remaining) > 0)
        .distinct().order_by(col(Credit.account_id))
    ).all())


# ------------------------------------------------------------- allocation ----


def lock_account(session: Session, account_id: int) -> None:
    """Hold the account's row until commit, so its ledger writes happen one at a time.

    Two payments that both read the same open balance would otherwise both
    settle it (a lost update). PostgreSQL takes the row lock here; SQLite
    ignores ``FOR UPDATE`` because it lets only one writer in at a time anyway.
    """
    session.exec(select(Account.id).where(Account.id == account_id).with_for_update()).first()


def pay_charge(session: Session, charge: Charge, *, amount: Decimal, payment_id: int,
               on: date) -> Decimal:
    """Apply up to ``amount`` to one charge, closing it on ``on`` if paid; returns the part used."""
    part = min(amount, charge.outstanding or Decimal("0"))
    charge.paid += part
    session.add(Allocation(payment_id=payment_id, charge_id=charge.id, amount=part))  # type: ignore[arg-type]
    if charge.paid >= (charge.amount or 0):
        charge.is_open, charge.settled_on = False, on
    session.add(charge)
    return part


def allocate(
    session: Session, *, account_id: int, currency: str, amount: Decimal, payment_id: int,
    on: date, not_before_due: bool = False,
) -> tuple[Decimal, list[Charge]]:
    """Apply an amount to the oldest open charges of a currency; returns (left, charges closed).

    Money already held (a credit) cannot settle a charge before the charge is
    due, so with ``not_before_due`` a charge closes on the later of ``on`` and its due date.
    """
    left, closed = amount, []
    for charge in open_charges(session, account_id, currency, fresh=True):
        if left <= 0:
            break
        day = max(on, charge.due_on) if not_before_due else on
        left -= pay_charge(session, charge, amount=left, payment_id=payment_id, on=day)
        if not charge.is_open:
            closed.append(charge)
    session.flush()
    return left, closed


def apply_credits(session: Session, *, account_id: int, currency: str) -> list[Charge]:
    """Use the account's credits in a currency for its open charges, oldest credit first."""
    lock_account(session, account_id)
    closed: list[Charge] = []
    credits = session.exec(
        select(Credit).where(Credit.account_id == account_id, Credit.currency == currency,
                             col(Credit.remaining) > 0).order_by(col(Credit.id))
        .execution_options(populate_existing=True)
    ).all()
    for credit in credits:
        paid_on = session.get_one(Payment, credit.payment_id).paid_on
        left, done = allocate(session, account_id=account_id, currency=currency,
                              amount=credit.remaining, payment_id=credit.payment_id,
                              on=paid_on, not_before_due=True)
        credit.remaining = left
        session.add(credit)
        closed.extend(done)
    _run_entrance_hooks(session, account_id, closed)
    return closed


def _run_entrance_hooks(session: Session, account_id: int, closed: list[Charge]) -> None:
    entrance = [c for c in closed if c.kind == ChargeKind.entrance]
    if not entrance:
        return
    account = session.get(Account, account_id)
    for charge in entrance:
        for hook in ENTRANCE_PAID_HOOKS:
            hook(session, account, charge)  # type: ignore[arg-type]
