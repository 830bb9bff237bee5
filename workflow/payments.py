"""Payments and payment plans: what moves an account back down the ladder.

    record_payment(session, account=a, amount="4000", currency="EUR",
                   paid_on=date(2024, 4, 2), bank_reference="PP-118", actor=secretary)
    agree_payment_plan(session, account=a, currency="EUR", actor=secretary,
                       instalments=[(date(2024, 6, 30), "2000"), (date(2024, 9, 30), "2000")])

Both are one transaction: the ledger rows, the derived balances, and the
standing's history (``settle`` when every charge past due is paid, a history
note when a plan pauses the ladder) commit together or not at all.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models import User
from models.dues import (
    Account,
    Charge,
    ChargeKind,
    ContributionRecommendation,
    Credit,
    Instalment,
    Payment,
    PaymentPlan,
    PlanStatus,
    TargetedContribution,
)
from workflow import engine
from workflow.arrears import ARREARS, has_arrears
from workflow.balances import open_charges, refresh_accounts
from workflow.engine import Context, Refusal, Transition
from workflow.ledger import _run_entrance_hooks, allocate, pay_charge
from workflow.money import (
    checked_amount,
    checked_currency,
    checked_payment_day,
    checked_rate,
    converted_amount,
)


def _applied(amount: Decimal, currency: str, rate: Any, into: Any) -> tuple[Decimal, str, Any]:
    """The amount in the currency it is applied in: converted only when a rate is given."""
    if rate in (None, ""):
        return amount, currency, None
    target = checked_currency(into, field="converted_currency")
    if target == currency:
        raise Refusal("same_currency", _l("A rate converts into another currency."),
                      field="converted_currency")
    clean = checked_rate(rate)
    return converted_amount(amount, clean), target, clean


def _clean_reference(reference: Any) -> str:
    clean = str(reference or "").strip()
    if not clean or len(clean) > 80:
        raise Refusal("missing_reference", _l("Enter the bank reference (up to 80 characters)."),
                      field="bank_reference")
    return clean


def _duplicate_reference(reference: str) -> Refusal:
    return Refusal("duplicate_reference",
                   _l("A payment with the bank reference %(ref)s is already recorded.",
                      ref=reference), field="bank_reference")


def record_payment(
    session: Session,
    *,
    account: Account,
    amount: Any,
    currency: Any,
    paid_on: Any,
    bank_reference: Any,
    actor: User | None,
    rate: Any = None,
    converted_currency: Any = None,
    contribution: TargetedContribution | None = None,
    note: str | None = None,
    today: date | None = None,
) -> Payment:
    """Record a payment, allocate it oldest charge first, keep the rest as credit."""
    value, code = checked_amount(amount), checked_currency(currency)
    recorded_on = today or date.today()
    day = checked_payment_day(paid_on, opened_on=account.opened_on, today=recorded_on)
    reference = _clean_reference(bank_reference)
    applied, into, clean_rate = _applied(value, code, rate, converted_currency)
    payment = Payment(
        account_id=account.id, amount=value, currency=code, paid_on=day,  # type: ignore[arg-type]
        bank_reference=reference, rate=clean_rate, converted_amount=applied if clean_rate else None,
        converted_currency=into if clean_rate else None, recorded_by_id=actor.id if actor else None,
        contribution_id=contribution.id if contribution else None, note=note,
    )
    try:
        _write_payment(session, account, payment, contribution, actor, recorded_on)
        session.commit()
    except IntegrityError as error:
        session.rollback()
        if "bank_reference" in str(error.orig):
            raise _duplicate_reference(reference) from error
        raise Refusal("conflict", _l("The account changed at the same moment. Nothing was "
                                     "recorded; please try again.")) from error
    except BaseException:
        # Whatever failed (a refusal, a hook, the database), nothing stays half-written.
        session.rollback()
        raise
    return payment


def _write_payment(session: Session, account: Account, payment: Payment,
                   contribution: TargetedContribution | None, actor: User | None,
                   recorded_on: date) -> None:
    """The payment's rows, balances and standing, under the account's lock (no commit).

    The standing is judged as of the day of recording: a fee that fell due
    between the payment and its recording is arrears too.
    """
    # Locked and read again: a sweep may have moved the standing since the page loaded.
    session.refresh(account, with_for_update=True)
    if session.exec(select(Payment.id).where(
            Payment.bank_reference == payment.bank_reference)).first():
        raise _duplicate_reference(payment.bank_reference)
    applied, into = payment.applied_amount, payment.applied_currency
    if contribution is None and not open_charges(session, account.id, into):  # type: ignore[arg-type]
        raise Refusal("no_open_charge",
                      _l("The account has no open charge in %(currency)s.", currency=into),
                      field="currency")
    session.add(payment)
    session.flush()
    if contribution is not None:
        _give(session, account, contribution, payment, applied, into)
    else:
        _allocate_payment(session, account, payment, applied, into)
        # A plan schedules the debt: money given for a contribution pays none of it.
        _advance_plan(session, account, applied, into, payment.paid_on)
    refresh_accounts(session, [account.id])  # type: ignore[list-item]
    settle_if_paid(session, account, actor=actor, payment=payment, as_of=recorded_on)


def _allocate_payment(session: Session, account: Account, payment: Payment, applied: Decimal,
                      into: str) -> None:
    left, closed = allocate(session, account_id=account.id, currency=into, amount=applied,  # type: ignore[arg-type]
                            payment_id=payment.id, on=payment.paid_on)  # type: ignore[arg-type]
    _keep_as_credit(session, account, payment, left, into)
    _run_entrance_hooks(session, account.id, closed)  # type: ignore[arg-type]


def _keep_as_credit(session: Session, account: Account, payment: Payment, left: Decimal,
                    into: str) -> None:
    """What a payment leaves over is held for the account's next charges in that currency."""
    if left > 0:
        session.add(Credit(account_id=account.id, payment_id=payment.id, currency=into,  # type: ignore[arg-type]
                           amount=left, remaining=left))


def _give(session: Session, account: Account, contribution: TargetedContribution,
          payment: Payment, applied: Decimal, into: str) -> None:
    """A payment towards a targeted contribution: charged and paid at once (no maximum)."""
    if into != contribution.currency:
        raise Refusal("no_open_charge",
                      _l("The contribution is paid in %(currency)s.",
                         currency=contribution.currency),
                      field="currency")
    charge = Charge(
        account_id=account.id, kind=ChargeKind.targeted,  # type: ignore[arg-type]
        key=f"targeted:{contribution.slug}:{payment.id}",
        year=payment.paid_on.year, amount=applied, currency=into, due_on=payment.paid_on,
        decision_ref=contribution.decision_ref,
    )
    session.add(charge)
    session.flush()
    # The money was given for this contribution: it pays this charge, not the oldest debt.
    used = pay_charge(session, charge, amount=applied, payment_id=payment.id,  # type: ignore[arg-type]
                      on=payment.paid_on)
    _keep_as_credit(session, account, payment, applied - used, into)
    recommended = session.exec(select(ContributionRecommendation).where(
        ContributionRecommendation.contribution_id == contribution.id,
        ContributionRecommendation.city_id == account.city_id)).first()
    if recommended is not None:
        recommended.given += applied
        session.add(recommended)


def settle_if_paid(session: Session, account: Account, *, actor: User | None,
                   payment: Payment | None = None, as_of: date | None = None) -> None:
    """Arrears paid as of ``as_of`` (today): back to good standing through ``settle``.

    A charge not yet due may stay open. In good standing, a plan ends only when
    nothing at all is left open, since it may be paying a fee that is not yet due.
    No commit.
    """
    day = as_of or date.today()
    if account.state in ("good_standing", "excluded"):
        if account.paused and account.oldest_open_due_on is None:
            _end_plan(session, account, PlanStatus.completed)
        return
    if has_arrears(account, day):
        return
    payload: dict[str, Any] = {"as_of": day.isoformat()}
    if payment is not None:
        payload["bank_reference"] = payment.bank_reference
    engine.fire(session, ARREARS, account, "settle", actor=actor, payload=payload, commit=False)


def _end_plan(session: Session, account: Account, status: PlanStatus) -> None:
    for plan in session.exec(select(PaymentPlan).where(
            PaymentPlan.account_id == account.id, PaymentPlan.status == PlanStatus.active)):
        plan.status = status
        session.add(plan)
    account.paused = False
    session.add(account)


def _advance_plan(session: Session, account: Account, applied: Decimal, into: str,
                  day: date) -> None:
    plan = active_plan(session, account)
    if plan is None or plan.currency != into:
        return
    plan.paid += applied
    session.add(plan)
    reached = Decimal("0")
    for instalment in instalments_of(session, plan):
        reached += instalment.amount
        if instalment.met_on is None and reached <= plan.paid:
            instalment.met_on = day
            session.add(instalment)


def active_plan(session: Session, account: Account) -> PaymentPlan | None:
    return session.exec(select(PaymentPlan).where(
        PaymentPlan.account_id == account.id, PaymentPlan.status == PlanStatus.active)).first()


def instalments_of(session: Session, plan: PaymentPlan) -> list[Instalment]:
    return list(session.exec(select(Instalment).where(Instalment.plan_id == plan.id)
                             .order_by(col(Instalment.due_on), col(Instalment.id))).all())


def _checked_instalments(rows: Sequence[tuple[Any, Any]]) -> list[tuple[date, Decimal]]:
    clean = [(due, checked_amount(amount, field="instalments")) for due, amount in rows]
    dates = [due for due, _amount in clean]
    if not clean or any(not isinstance(d, date) for d in dates) or dates != sorted(set(dates)):
        raise Refusal("bad_instalments",
                      _l("Give at least one instalment, each on a later date than the one before."),
                      field="instalments")
    return clean


def agree_payment_plan(
    session: Session,
    *,
    account: Account,
    currency: Any,
    instalments: Sequence[tuple[Any, Any]],
    actor: User,
    comment: str | None = None,
    decision: str | None = None,
    today: date | None = None,
) -> PaymentPlan:
    """Agree a plan of instalments: the ladder pauses until one is missed."""
    code = checked_currency(currency)
    rows = _checked_instalments(instalments)
    if account.state == "excluded":
        raise Refusal("excluded", _l("An excluded city's account takes no payment plan."))
    if active_plan(session, account) is not None:
        raise Refusal("plan_exists", _l("The account already has an active payment plan."))
    if not open_charges(session, account.id, code):  # type: ignore[arg-type]
        raise Refusal("no_open_charge",
                      _l("The account has no open charge in %(currency)s.", currency=code),
                      field="currency")
    ref = str(engine_decision(session, decision)) if decision else None
    plan = PaymentPlan(account_id=account.id, agreed_on=today or date.today(), currency=code,  # type: ignore[arg-type]
                       decision_ref=ref, comment=comment, created_by_id=actor.id)
    session.add(plan)
    session.flush()
    session.add_all(Instalment(plan_id=plan.id, due_on=d, amount=a) for d, a in rows)  # type: ignore[arg-type]
    account.paused = True
    session.add(account)
    note = Transition("plan_agreed", [account.state], account.state, "", roles=[actor.role])
    ctx = Context(session, ARREARS, account, note, actor, comment=comment, decision=ref,
                  payload={"plan_id": plan.id, "instalments": len(rows)})
    engine.record(ctx, account.state, account.state)
    session.commit()
    return plan


def engine_decision(session: Session, text: str) -> Any:
    from workflow.decisions import check_decision

    return check_decision(session, text)


def plans_of(session: Session, account: Account) -> list[PaymentPlan]:
    return list(session.exec(select(PaymentPlan).where(PaymentPlan.account_id == account.id)
                             .order_by(col(PaymentPlan.id).desc())).all())
