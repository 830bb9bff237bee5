"""Reading the dues for pages: the debtors report, the dashboard, a city's ledger.

The debtors report reads one indexed row per account (``oldest_open_due_on``,
``state``) plus ``dues_balances``; it sums nothing at request time, so its
first page stays fast over hundreds of thousands of accounts. What a row owes
is read from the page's charges past due on the report's day (not from the
ladder's step, which waits for the sweep, nor from charges not yet due).
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, literal
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from models import City
from models.dues import Account, AccountBalance, Allocation, Charge, Payment
from models.workflow import HistoryEntry
from workflow.arrears import LADDER, STATES

SORTS = ("oldest", "city", "state", "owed")
PER_PAGE = 50


@dataclass(frozen=True)
class DebtorFilter:
    """What the reader asked the report for."""

    as_of: date
    state: str | None = None
    currency: str = "EUR"
    search: str | None = None
    min_age_days: int | None = None
    sort: str = "oldest"
    descending: bool = False
    page: int = 1
    # The reader's language: sorting by city follows the names they read.
    language: str = "ru"


@dataclass
class DebtorRow:
    account_id: int
    city_slug: str
    city_ru: str
    city_en: str
    state: str
    oldest_due_on: date
    age_days: int
    unknown_debts: int
    owed: dict[str, Decimal] = field(default_factory=dict)

    def city(self, language: str) -> str:
        return self.city_en if language == "en" else self.city_ru

    @property
    def step(self) -> str:
        """The ladder's step, or «overdue» where the charges are past due before any sweep."""
        return "overdue" if self.state == "good_standing" else self.state


@dataclass
class DebtorPage:
    rows: list[DebtorRow]
    total: int
    page: int
    pages: int


def _filtered(query: Any, chosen: DebtorFilter) -> Any:
    query = query.where(col(Account.oldest_open_due_on) < chosen.as_of)
    if chosen.state in ("overdue", "good_standing"):  # every row here has a charge past due
        query = query.where(col(Account.state).in_(("overdue", "good_standing")))
    elif chosen.state:
        query = query.where(Account.state == chosen.state)
    if chosen.min_age_days:
        query = query.where(
            col(Account.oldest_open_due_on) <= chosen.as_of - timedelta(days=chosen.min_age_days)
        )
    if chosen.search:
        pattern = f"%{chosen.search.strip().lower()}%"
        query = query.where(func.lower(City.name_ru).like(pattern)
                            | func.lower(City.name_en).like(pattern))
    return query


def _ordered(query: Any, chosen: DebtorFilter) -> Any:
    owed = func.coalesce(AccountBalance.owed, literal(0))
    city = col(City.name_en) if chosen.language == "en" else col(City.name_ru)
    key = {"oldest": col(Account.oldest_open_due_on), "city": city,
           "state": col(Account.state), "owed": owed}[chosen.sort]
    # "Oldest first" is ascending due date; every other column reads naturally descending.
    primary = key.desc() if chosen.descending else key.asc()
    return query.order_by(primary, col(Account.id))


def debtors(session: Session, chosen: DebtorFilter) -> DebtorPage:
    """One page of accounts with debt past due, filtered and sorted."""
    base = select(Account.id).join(City, col(City.id) == Account.city_id)
    total = session.exec(
        _filtered(select(func.count()).select_from(Account)
                  .join(City, col(City.id) == Account.city_id), chosen)
    ).one()
    query = _filtered(base, chosen)
    if chosen.sort == "owed":
        query = query.outerjoin(AccountBalance, and_(
            col(AccountBalance.account_id) == col(Account.id),
            col(AccountBalance.currency) == chosen.currency))
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, chosen.page), pages)
    ids = list(session.exec(_ordered(query, chosen).limit(PER_PAGE)
                            .offset((page - 1) * PER_PAGE)).all())
    return DebtorPage(_rows(session, ids, chosen.as_of), total, page, pages)


def _rows(session: Session, ids: list[int], as_of: date) -> list[DebtorRow]:
    found = session.exec(
        select(Account, City).join(City, col(City.id) == Account.city_id)
        .where(col(Account.id).in_(ids))
    ).all()
    owed = past_due_owed(session, ids, as_of)
    by_id = {
        account.id: DebtorRow(
            account.id, city.slug, city.name_ru, city.name_en, account.state,  # type: ignore[arg-type]
            account.oldest_open_due_on, (as_of - account.oldest_open_due_on).days,  # type: ignore[arg-type, operator]
            account.unknown_debts, owed[account.id],  # type: ignore[index]
        )
        for account, city in found
    }
    return [by_id[i] for i in ids if i in by_id]


def past_due_owed(session: Session, ids: list[int],
                  as_of: date) -> dict[int, dict[str, Decimal]]:
    """What each account owes per currency from its open charges due before ``as_of``."""
    owed: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for charge in session.exec(
        select(Charge).where(col(Charge.account_id).in_(ids), col(Charge.is_open).is_(True),
                             col(Charge.due_on) < as_of, col(Charge.amount).is_not(None))
        .order_by(col(Charge.id))
    ):
        left, currency = charge.outstanding, charge.currency
        if left and currency:
            owed[charge.account_id][currency] = owed[charge.account_id].get(currency,
                                                                            Decimal(0)) + left
    return owed


def all_debtors(session: Session, chosen: DebtorFilter, batch: int = 1000) -> Iterator[DebtorRow]:
    """Every matching row, in report order, a batch at a time (for the CSV export)."""
    page = 1
    while True:
        current = debtors(session, DebtorFilter(**{**chosen.__dict__, "page": page}))
        yield from current.rows
        if page >= current.pages:
            return
        page += 1


# ---------------------------------------------------------------- dashboard ----


@dataclass
class Bar:
    label: str
    count: int
    owed: dict[str, Decimal]
    unknown: int = 0


def debt_by_step(session: Session) -> list[Bar]:
    """Accounts and what they owe per currency, for each step of the ladder in arrears."""
    counts = dict(session.exec(
        select(Account.state, func.count()).where(col(Account.oldest_open_due_on).is_not(None))
        .group_by(Account.state)
    ).all())
    unknown = dict(session.exec(
        select(Account.state, func.count()).where(col(Account.unknown_debts) > 0)
        .group_by(Account.state)
    ).all())
    owed: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for state, currency, total in session.exec(
        select(Account.state, AccountBalance.currency, func.sum(AccountBalance.owed))
        .join(AccountBalance, col(AccountBalance.account_id) == Account.id)
        .group_by(Account.state, AccountBalance.currency)
    ):
        if total:
            owed[state][currency] = Decimal(total)
    return [Bar(s.name, counts.get(s.name, 0), owed[s.name], unknown.get(s.name, 0))
            for s in STATES if s.name in counts or s.name in owed]


def debt_by_year(session: Session) -> list[Bar]:
    """Open debt per year of the charge, per currency, with the unknown amounts counted."""
    owed: dict[int, dict[str, Decimal]] = defaultdict(dict)
    counts: dict[int, int] = defaultdict(int)
    unknown: dict[int, int] = defaultdict(int)
    rows = session.execute(
        sa_select(col(Charge.year), col(Charge.currency), col(Charge.amount_known),
               func.sum(col(Charge.amount) - col(Charge.paid)), func.count())
        .where(col(Charge.is_open).is_(True))
        .group_by(col(Charge.year), col(Charge.currency), col(Charge.amount_known))
    ).all()
    for year, currency, known, total, count in rows:
        counts[year] += count
        if known:
            owed[year][currency] = Decimal(total or 0)
        else:
            unknown[year] += count
    return [Bar(str(y), counts[y], owed[y], unknown[y]) for y in sorted(counts)]


@dataclass
class StepChange:
    account_id: int
    city: City
    from_state: str
    to_state: str
    at: datetime
    decision: str | None


def changed_this_month(session: Session, *, today: date, limit: int = 100) -> list[StepChange]:
    """The accounts whose standing changed since the first of this month, newest first."""
    start = datetime(today.year, today.month, 1, tzinfo=UTC)
    rows = session.exec(
        select(HistoryEntry, City)
        .join(Account, col(Account.id) == HistoryEntry.subject_id)
        .join(City, col(City.id) == Account.city_id)
        .where(HistoryEntry.workflow == "arrears", col(HistoryEntry.at) >= start,
               HistoryEntry.from_state != HistoryEntry.to_state)
        .order_by(col(HistoryEntry.id).desc()).limit(limit)
    ).all()
    return [StepChange(e.subject_id, c, e.from_state, e.to_state, e.at, e.decision_ref)
            for e, c in rows]


# ------------------------------------------------------------------ ledger ----


@dataclass
class LedgerView:
    charges: list[Charge]
    payments: list[Payment]
    allocations: dict[int, list[Allocation]]


def ledger_of(session: Session, account: Account) -> LedgerView:
    """A city's charges (oldest due first) and payments (newest first)."""
    charges = list(session.exec(select(Charge).where(Charge.account_id == account.id)
                                .order_by(col(Charge.due_on), col(Charge.id))).all())
    paid = list(session.exec(select(Payment).where(Payment.account_id == account.id)
                             .order_by(col(Payment.paid_on).desc(), col(Payment.id).desc())).all())
    allocations: dict[int, list[Allocation]] = defaultdict(list)
    for allocation in session.exec(select(Allocation).where(
            col(Allocation.payment_id).in_([p.id for p in paid]))):
        allocations[allocation.payment_id].append(allocation)
    return LedgerView(charges, paid, allocations)


def in_arrears_states() -> list[str]:
    return list(LADDER[1:]) + ["excluded"]
