"""Dues: fee schedules, city accounts and their ledger, plans, contributions, letters.

Every amount is an exact ``Decimal`` (``Numeric(18, 2)``) beside a three-letter
currency code. An opening debt the sources do not quantify is a ``Charge``
with ``amount_known=False`` and no amount: it stays open, and every page says
"amount not entered" instead of pretending it is zero.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, Integer, Numeric, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import enum_field, json_field, timestamp_field
from models.workflow import StatefulMixin, waiting_index

# The currencies the association deals in (ISO 4217).
CURRENCIES = ("EUR", "RUB", "USD", "BYN", "KZT")
CENT = Decimal("0.01")


def money_field(*, nullable: bool = False, default: Any = None) -> Any:
    """An exact amount with two decimals."""
    if nullable:
        return Field(default=default, sa_type=Numeric(18, 2), nullable=True)
    return Field(default=default if default is not None else Decimal("0"),
                 sa_type=Numeric(18, 2), nullable=False)


def currency_field(*, nullable: bool = False) -> Any:
    if nullable:
        return Field(default=None, max_length=3, nullable=True)
    return Field(max_length=3)


class ChargeKind(StrEnum):
    entrance = "entrance"
    annual = "annual"
    targeted = "targeted"
    opening = "opening"  # a debt carried over from before the ledger


class PlanStatus(StrEnum):
    active = "active"
    completed = "completed"
    broken = "broken"


class LetterKind(StrEnum):
    reminder = "reminder"
    warning = "warning"


# The fees of one year, as the secretariat keeps them (current values).
class FeeSchedule(SQLModel, table=True):
    __tablename__ = "fee_schedules"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True, index=True)
    entrance: Decimal = money_field()
    annual: Decimal = money_field()
    currency: str = currency_field()
    # When the year's annual fee falls due.
    annual_due_on: date
    sources: list[str] = json_field(list)
    updated_at: datetime = timestamp_field()

    def __repr__(self) -> str:
        return f"<FeeSchedule {self.year} {self.entrance}/{self.annual} {self.currency}>"


# Every change to a fee schedule, oldest first: who set which values, citing what.
class FeeScheduleChange(SQLModel, table=True):
    __tablename__ = "fee_schedule_changes"

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="fee_schedules.id", index=True)
    entrance: Decimal = money_field()
    annual: Decimal = money_field()
    currency: str = currency_field()
    annual_due_on: date
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    decision_ref: str | None = Field(default=None, max_length=120)
    note: str | None = Field(default=None, max_length=500)
    at: datetime = timestamp_field()


# A city's dues account; its state is the standing on the arrears ladder.
class Account(StatefulMixin, table=True):
    __tablename__ = "dues_accounts"
    __table_args__ = (waiting_index("dues_accounts"),)

    id: int | None = Field(default=None, primary_key=True)
    city_id: int = Field(foreign_key="cities.id", unique=True, index=True)
    opened_on: date
    # Due date of the oldest open charge (None when nothing is open): what the timers read.
    oldest_open_due_on: date | None = Field(default=None, index=True)
    # Open charges whose amount nobody has entered yet.
    unknown_debts: int = 0
    # An agreed payment plan pauses the ladder; the timers and escalations respect it.
    paused: bool = Field(default=False, index=True)

    def __repr__(self) -> str:
        return f"<Account city={self.city_id} {self.state}>"


# What an account owes (and holds as credit) in one currency; kept in step by the ledger.
class AccountBalance(SQLModel, table=True):
    __tablename__ = "dues_balances"
    __table_args__ = (Index("ix_dues_balances_currency_owed", "currency", "owed"),)

    account_id: int = Field(foreign_key="dues_accounts.id", primary_key=True)
    currency: str = Field(max_length=3, primary_key=True)
    owed: Decimal = money_field()
    credit: Decimal = money_field()


# Something an account must pay: an entrance or annual fee, a contribution, an old debt.
class Charge(SQLModel, table=True):
    __tablename__ = "dues_charges"
    __table_args__ = (
        UniqueConstraint("account_id", "key"),
        Index("ix_dues_charges_open", "account_id", "is_open", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="dues_accounts.id")
    kind: ChargeKind = enum_field(ChargeKind)
    # "annual:2024", "entrance", "targeted:<slug>:<n>", "opening:XXIX:1.3": one per account.
    key: str = Field(max_length=80)
    year: int = Field(index=True)
    amount: Decimal | None = money_field(nullable=True)
    currency: str | None = currency_field(nullable=True)
    amount_known: bool = True
    paid: Decimal = money_field()
    is_open: bool = True
    due_on: date
    settled_on: date | None = None
    decision_ref: str | None = Field(default=None, max_length=120)
    note: str | None = Field(default=None, max_length=500)
    # What the software notes, as message ids with parameters (workflow.charge_notes),
    # so the reader sees it in their language: [{"id": "amount_entered", "params": {...}}].
    notes: list[dict[str, Any]] = json_field(list)
    created_at: datetime = timestamp_field()

    @property
    def outstanding(self) -> Decimal | None:
        """What is left to pay; None when the amount is not known."""
        if self.amount is None:
            return None
        return self.amount - self.paid

    def __repr__(self) -> str:
        return f"<Charge {self.key} {self.amount} {self.currency}>"


# Money received from a city, as the bank statement shows it.
class Payment(SQLModel, table=True):
    __tablename__ = "dues_payments"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="dues_accounts.id", index=True)
    amount: Decimal = money_field()
    currency: str = currency_field()
    paid_on: date
    bank_reference: str = Field(max_length=80, unique=True)
    # A conversion happens only when a rate is entered: amount * rate in ``converted_currency``.
    rate: Decimal | None = Field(default=None, sa_type=Numeric(18, 6), nullable=True)
    converted_amount: Decimal | None = money_field(nullable=True)
    converted_currency: str | None = currency_field(nullable=True)
    contribution_id: int | None = Field(default=None, foreign_key="targeted_contributions.id")
    recorded_by_id: int | None = Field(default=None, foreign_key="users.id")
    recorded_at: datetime = timestamp_field()
    note: str | None = Field(default=None, max_length=500)

    @property
    def applied_amount(self) -> Decimal:
        return self.converted_amount if self.converted_amount is not None else self.amount

    @property
    def applied_currency(self) -> str:
        return self.converted_currency or self.currency


# Part of a payment applied to a charge (in the charge's currency).
class Allocation(SQLModel, table=True):
    __tablename__ = "dues_allocations"

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="dues_payments.id", index=True)
    charge_id: int = Field(foreign_key="dues_charges.id", index=True)
    amount: Decimal = money_field()
    at: datetime = timestamp_field()


# What is left of an overpayment, applied to the account's next charges in that currency.
class Credit(SQLModel, table=True):
    __tablename__ = "dues_credits"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="dues_accounts.id", index=True)
    payment_id: int = Field(foreign_key="dues_payments.id")
    currency: str = currency_field()
    amount: Decimal = money_field()
    remaining: Decimal = money_field()
    created_at: datetime = timestamp_field()


# An agreed schedule of instalments; while active it pauses the ladder.
class PaymentPlan(SQLModel, table=True):
    __tablename__ = "payment_plans"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="dues_accounts.id", index=True)
    status: PlanStatus = enum_field(PlanStatus, default=PlanStatus.active, index=True)
    agreed_on: date
    currency: str = currency_field()
    # Paid in this currency since the plan was agreed: instalments are met in order.
    paid: Decimal = money_field()
    decision_ref: str | None = Field(default=None, max_length=120)
    comment: str | None = Field(default=None, max_length=500)
    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp_field()


class Instalment(SQLModel, table=True):
    __tablename__ = "payment_instalments"
    __table_args__ = (Index("ix_instalments_unmet", "plan_id", "met_on", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="payment_plans.id")
    due_on: date
    amount: Decimal = money_field()
    met_on: date | None = None


# A targeted contribution a session recommended (item 2.6): a minimum, no maximum.
class TargetedContribution(SQLModel, table=True):
    __tablename__ = "targeted_contributions"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True)
    purpose_ru: str = Field(sa_column=Column(Text, nullable=False))
    purpose_en: str = Field(sa_column=Column(Text, nullable=False))
    minimum: Decimal = money_field()
    maximum: Decimal | None = money_field(nullable=True)
    currency: str = currency_field()
    due_year: int
    due_month: int
    decision_ref: str | None = Field(default=None, max_length=120)
    sources: list[str] = json_field(list)


# A city a targeted contribution is recommended to, and what it has given so far.
class ContributionRecommendation(SQLModel, table=True):
    __tablename__ = "contribution_recommendations"
    __table_args__ = (UniqueConstraint("contribution_id", "city_id"),)

    id: int | None = Field(default=None, primary_key=True)
    contribution_id: int = Field(foreign_key="targeted_contributions.id", index=True)
    city_id: int = Field(foreign_key="cities.id", index=True)
    given: Decimal = money_field()


# A city's financing initiative a session supported (item 2.5, Khabarovsk).
class FundingInitiative(SQLModel, table=True):
    __tablename__ = "funding_initiatives"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True)
    city_id: int = Field(foreign_key="cities.id")
    text_ru: str = Field(sa_column=Column(Text, nullable=False))
    text_en: str = Field(sa_column=Column(Text, nullable=False))
    year: int
    amount: Decimal | None = money_field(nullable=True)
    currency: str | None = currency_field(nullable=True)
    decision_ref: str | None = Field(default=None, max_length=120)
    note: str | None = Field(default=None, max_length=500)
    sources: list[str] = json_field(list)


# A letter to the head of a city, rendered once in both languages and kept.
class Letter(SQLModel, table=True):
    __tablename__ = "dues_letters"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="dues_accounts.id", index=True)
    kind: LetterKind = enum_field(LetterKind)
    # The history entry (the reminder or warning transition) that produced it.
    history_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workflow_history.id"), unique=True, nullable=False)
    )
    issued_on: date
    decision_ref: str | None = Field(default=None, max_length=120)
    # The facts it states (amounts, years), as they were when it was written.
    facts: dict[str, Any] = json_field()
    body_ru: str = Field(sa_column=Column(Text, nullable=False))
    body_en: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = timestamp_field()

    def body(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_ru
