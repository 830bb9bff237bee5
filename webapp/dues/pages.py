"""What the dues pages show, gathered for the templates (no SQL in the views)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlmodel import Session, col, select

from models import City
from models.dues import CURRENCIES, Account, FeeSchedule, TargetedContribution
from models.formatting import format_money, format_month
from webapp.i18n import current_language
from workflow import contributions, dues_reports, ledger, letters, payments
from workflow.arrears import ARREARS, STATES
from workflow.balances import balances
from workflow.engine import NotAllowed, StaleVersion, WorkflowError, WrongState

STATE_LABELS = {s.name: s.label for s in STATES}
KIND_LABELS = {
    "entrance": _l("Entrance fee"),
    "annual": _l("Annual fee"),
    "targeted": _l("Targeted contribution"),
    "opening": _l("Arrears of past years"),
}
PLAN_LABELS = {"active": _l("Active"), "completed": _l("Completed"), "broken": _l("Broken")}
LETTER_LABELS = {"reminder": _l("Reminder"), "warning": _l("Warning")}


def refusal_message(error: WorkflowError) -> str:
    """The reader's sentence for a refused operation."""
    if error.message is not None:
        return str(error.message)
    if isinstance(error, NotAllowed):
        return gettext("Your role does not allow this.")
    if isinstance(error, StaleVersion):
        return gettext("Someone else changed this account in the meantime.")
    if isinstance(error, WrongState):
        return gettext("This is not possible at the account's current step.")
    if error.code.startswith("missing_"):
        return gettext("This field is required.")
    return gettext("This could not be done.")


def chosen_currency(args: Mapping[str, str]) -> str:
    value = (args.get("currency") or "EUR").upper()
    return value if value in CURRENCIES else "EUR"


def schedules(session: Session) -> list[tuple[FeeSchedule, list[Any]]]:
    rows = session.exec(select(FeeSchedule).order_by(col(FeeSchedule.year).desc())).all()
    return [(s, ledger.schedule_history(session, s)) for s in rows]


def account_page(session: Session, account: Account) -> dict[str, Any]:
    """The ledger page: charges, payments, balances, plans, letters, contributions."""
    return {
        "account": account,
        "city": session.get(City, account.city_id),
        "ledger": dues_reports.ledger_of(session, account),
        "balances": balances(session, account),
        "plans": [(p, payments.instalments_of(session, p))
                  for p in payments.plans_of(session, account)],
        "letters": letters.letters_of(session, account),
        "state_label": STATE_LABELS.get(account.state, account.state),
        "recommended": contributions.recommended_to(session, account.city_id),
    }


def contributions_page(session: Session) -> dict[str, Any]:
    """The targeted contributions with what each city gave, and the supported initiatives."""
    return {
        "contributions": contributions.contributions(session, current_language()),
        "initiatives": contributions.initiatives(session),
    }


def month(year: int, number: int) -> str:
    """A due month in the reader's language: "июль 2023" / "July 2023"."""
    return format_month(year, number, current_language())


def contributions_in_force(session: Session) -> dict[str, TargetedContribution]:
    """The targeted contributions a payment may be given to, by slug."""
    rows = session.exec(select(TargetedContribution).order_by(
        col(TargetedContribution.due_year).desc(), col(TargetedContribution.id))).all()
    return {row.slug: row for row in rows}


def contribution_choices(contributions: Mapping[str, TargetedContribution]) -> list[Any]:
    """The payment form's "Towards" list: the open charges, then each contribution."""
    language = current_language()
    return [("", gettext("The open charges, oldest first"))] + [
        (slug, f"{_shortened(c.purpose_en if language == 'en' else c.purpose_ru)} ({c.currency})")
        for slug, c in contributions.items()
    ]


def _shortened(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def money(amount: Decimal | None, currency: str | None) -> str:
    """An amount, or "amount not entered" for a debt nobody has quantified yet."""
    if amount is None or currency is None:
        return gettext("amount not entered")
    return format_money(Decimal(amount), currency, current_language())


# ---------------------------------------------------------------- debtors ----


def _int(value: Any, default: int | None, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


def debtor_filter(args: Mapping[str, str], *, today: date) -> dues_reports.DebtorFilter:
    """The report's filter from the query string; anything unknown falls back quietly."""
    state = args.get("state") or None
    sort = args.get("sort", "oldest")
    return dues_reports.DebtorFilter(
        as_of=today,
        state=state if state in STATE_LABELS else None,
        currency=chosen_currency(args),
        search=(args.get("q") or "").strip()[:80] or None,
        min_age_days=_int(args.get("min_age"), None, 0, 100000),
        sort=sort if sort in dues_reports.SORTS else "oldest",
        descending=args.get("dir") == "desc",
        page=_int(args.get("page"), 1, 1, 10**6) or 1,
        language=current_language(),
    )


def csv_header() -> list[str]:
    return [gettext("City"), gettext("Step"), gettext("Oldest debt due"),
            gettext("Age in days"), *[gettext("Owed in %(currency)s", currency=c)
                                      for c in CURRENCIES], gettext("Debts without amount")]


def csv_row(row: dues_reports.DebtorRow, language: str) -> list[str]:
    return [row.city(language), str(STATE_LABELS.get(row.step, row.step)),
            row.oldest_due_on.isoformat(), str(row.age_days),
            *[str(row.owed.get(c, "")) for c in CURRENCIES], str(row.unknown_debts)]


# -------------------------------------------------------------- dashboard ----


@dataclass
class ChartBar:
    label: str
    value: Decimal
    count: int
    unknown: int
    y: int
    width: int
    text: str


def chart(bars: list[dues_reports.Bar], currency: str, labels: Mapping[str, Any]) -> list[ChartBar]:
    """Horizontal bars scaled to the largest amount in the chosen currency."""
    values = [b.owed.get(currency, Decimal("0")) for b in bars]
    top = max(values, default=Decimal("0")) or Decimal("1")
    return [
        ChartBar(str(labels.get(b.label, b.label)), value, b.count, b.unknown, 28 * i,
                 int(Decimal(400) * value / top), money(value, currency))
        for i, (b, value) in enumerate(zip(bars, values, strict=True))
    ]


def dashboard(session: Session, currency: str) -> dict[str, Any]:
    steps = dues_reports.debt_by_step(session)
    years = dues_reports.debt_by_year(session)
    return {
        "currency": currency, "currencies": CURRENCIES,
        "by_step": chart(steps, currency, STATE_LABELS), "by_year": chart(years, currency, {}),
        "changes": dues_reports.changed_this_month(session, today=date.today()),
        "state_labels": STATE_LABELS, "workflow": ARREARS,
    }
