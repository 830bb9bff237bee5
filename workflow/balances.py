"""Keeping each account's balances in step with its charges and credits, set-wise.

The ledger's rows (charges, allocations, credits) are the truth; the figures on
``dues_accounts`` (oldest open due date, unknown debts) and ``dues_balances``
(owed and credit per currency) are derived from them here, so that the sweep
and the debtors report read one indexed row per account instead of summing.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, func, select

from models.dues import Account, AccountBalance, Charge, Credit

CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def refresh_accounts(session: Session, account_ids: Iterable[int]) -> None:
    """Recompute the derived figures of these accounts (no commit)."""
    ids = sorted(set(account_ids))
    for chunk in _chunks(ids):
        _refresh_balances(session, chunk)
        _refresh_account_rows(session, chunk)


def _refresh_balances(session: Session, ids: list[int]) -> None:
    owed = session.exec(
        select(col(Charge.account_id), col(Charge.currency),
               func.sum(col(Charge.amount) - col(Charge.paid)))
        .where(col(Charge.account_id).in_(ids), col(Charge.is_open).is_(True),
               col(Charge.amount_known).is_(True))
        .group_by(col(Charge.account_id), col(Charge.currency))
    ).all()
    credit = session.exec(
        select(Credit.account_id, Credit.currency, func.sum(Credit.remaining))
        .where(col(Credit.account_id).in_(ids), col(Credit.remaining) > 0)
        .group_by(col(Credit.account_id), col(Credit.currency))
    ).all()
    rows: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(
        lambda: {"owed": Decimal("0"), "credit": Decimal("0")}
    )
    for account_id, currency, total in owed:
        rows[(account_id, str(currency))]["owed"] = Decimal(total or 0)
    for account_id, currency, total in credit:
        rows[(account_id, currency)]["credit"] = Decimal(total or 0)
    session.execute(delete(AccountBalance).where(col(AccountBalance.account_id).in_(ids)))
    if rows:
        session.execute(
            insert(AccountBalance),
            [{"account_id": a, "currency": c, **figures} for (a, c), figures in rows.items()],
        )


def _refresh_account_rows(session: Session, ids: list[int]) -> None:
    open_charges = (col(Charge.account_id) == Account.id) & col(Charge.is_open).is_(True)
    session.execute(
        update(Account)
        .where(col(Account.id).in_(ids))
        .values(
            oldest_open_due_on=select(func.min(Charge.due_on)).where(open_charges)
            .scalar_subquery(),
            unknown_debts=select(func.count()).select_from(Charge)
            .where(open_charges, col(Charge.amount_known).is_(False)).scalar_subquery(),
        )
        .execution_options(synchronize_session=False)
    )
    # Rows already loaded in this session must not show stale figures.
    for account_id in ids:
        loaded = session.identity_map.get(session.identity_key(Account, account_id))
        if loaded is not None:
            session.refresh(loaded)


@dataclass(frozen=True)
class Balance:
    """What an account owes and holds in one currency."""

    currency: str
    owed: Decimal
    credit: Decimal

    @property
    def net(self) -> Decimal:
        return self.owed - self.credit


def balances(session: Session, account: Account) -> list[Balance]:
    """The account's balance per currency, alphabetical."""
    rows = session.exec(
        select(AccountBalance).where(AccountBalance.account_id == account.id)
        .order_by(AccountBalance.currency)
    ).all()
    return [Balance(r.currency, Decimal(r.owed), Decimal(r.credit)) for r in rows]


def open_charges(session: Session, account_id: int, currency: str | None = None, *,
                 fresh: bool = False) -> list[Charge]:
    """The account's open charges, oldest due first (unknown amounts included).

    ``fresh`` reloads rows this session already holds, so that a writer that
    has just locked the account sees what others committed before it.
    """
    query = select(Charge).where(Charge.account_id == account_id, col(Charge.is_open).is_(True))
    if currency is not None:
        query = query.where(Charge.currency == currency, col(Charge.amount_known).is_(True))
    query = query.order_by(col(Charge.due_on), col(Charge.id))
    if fresh:
        query = query.execution_options(populate_existing=True)
    return list(session.exec(query).all())
