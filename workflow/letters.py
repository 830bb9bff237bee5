"""Reminder and warning letters to the head of a city, written from the account.

A letter states the facts as they were when it was produced (the charges past
due on its date by year, amounts per currency, the decision that ordered a
warning), is rendered
once in Russian and in English from the templates in ``letter_templates/``,
and is kept beside the history entry of the transition that produced it,
with its two PDFs (``workflow/letter_pdfs.py``).

Only what is past due on the letter's date is arrears: a charge falling due
later is listed apart, with its due date, and never counted in the total. The
city is named in the case forms the decisions use (``wording.city_form``).
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import insert
from sqlmodel import Session, col, func, select

from models import City, utcnow
from models.dues import Account, Charge, ChargeKind, Letter, LetterKind
from models.formatting import format_day, format_money
from models.workflow import HistoryEntry
from workflow.letter_mail import mail_letters
from workflow.wording import city_form

# The cases the Russian templates name the city in: «Руководителю города Казани»,
# «за городом Москвой».
LETTER_CASES = ("gent", "ablt")

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "letter_templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _debt_lines(charges: list[Charge]) -> list[dict[str, Any]]:
    return [
        {"kind": c.kind.value, "year": c.year, "due_on": c.due_on.isoformat(),
         "amount": None if c.outstanding is None else str(c.outstanding), "currency": c.currency}
        for c in charges
    ]


def facts_for(session: Session, ids: list[int], *, as_of: date,
              decision: str | None = None) -> dict[int, dict[str, Any]]:
    """What each account's letter states, set-wise: city, debts past due, totals."""
    accounts = session.exec(
        select(Account, City).join(City, col(City.id) == Account.city_id)
        .where(col(Account.id).in_(ids))
    ).all()
    charges: dict[int, list[Charge]] = defaultdict(list)
    for charge in session.exec(
        select(Charge).where(col(Charge.account_id).in_(ids), col(Charge.is_open).is_(True))
        .order_by(col(Charge.due_on), col(Charge.id))
    ):
        charges[charge.account_id].append(charge)
    facts = {}
    for account, city in accounts:
        open_charges = charges[account.id]  # type: ignore[index]
        lines = _debt_lines([c for c in open_charges if is_arrears(c, as_of)])
        facts[account.id] = {
            **city_facts(city), "debts": lines, "totals": _totals(lines),
            "as_of": as_of.isoformat(),
            "upcoming": _debt_lines([c for c in open_charges if not is_arrears(c, as_of)]),
            "years": sorted({line["year"] for line in lines if line["kind"] != "opening"}),
            "past_years": any(line["kind"] == "opening" for line in lines),
            "decision": decision,
        }
    return facts  # type: ignore[return-value]


def is_arrears(charge: Charge, as_of: date) -> bool:
    """Past due on ``as_of`` (as the sweep counts it); a debt carried over always is."""
    return charge.kind == ChargeKind.opening or charge.due_on < as_of


def city_facts(city: Any) -> dict[str, str]:
    """The city's names as the letters write them, in the decisions' case forms."""
    return {"city_ru": city.name_ru, "city_en": city.name_en,
            **{f"city_{case}": city_form(city, case) for case in LETTER_CASES}}


def _totals(lines: list[dict[str, Any]]) -> dict[str, str]:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        if line["amount"] is not None:
            sums[line["currency"]] += Decimal(line["amount"])
    return {currency: str(total) for currency, total in sorted(sums.items())}


@lru_cache(maxsize=4096)
def _money(amount: str, currency: str, language: str) -> str:
    # Babel is slow per call and a sweep writes thousands of letters with the same figures.
    return format_money(Decimal(amount), currency, language)


@lru_cache(maxsize=4096)
def _day(iso: str, language: str) -> str:
    return format_day(date.fromisoformat(iso), language)


def render(kind: LetterKind, facts: dict[str, Any], language: str) -> str:
    """The letter's body in one language, from its facts."""
    template = TEMPLATES.get_template(f"{kind.value}.{language}.html")
    return template.render(f=facts, money=lambda a, c: _money(a, c, language),
                           day=lambda iso: _day(iso, language))


def _letter(account_id: int, kind: LetterKind, entry_id: int, facts: dict[str, Any],
            decision: str | None) -> Letter:
    return Letter(
        account_id=account_id, kind=kind, history_id=entry_id,
        issued_on=date.fromisoformat(facts["as_of"]), decision_ref=decision, facts=facts,
        body_ru=render(kind, facts, "ru"), body_en=render(kind, facts, "en"),
    )


def write_letters(session: Session, ids: list[int], *, kind: LetterKind, transition: str,
                  as_of: date) -> None:
    """Letters for accounts the sweep just moved (no commit)."""
    entries = dict(session.exec(
        select(HistoryEntry.subject_id, func.max(HistoryEntry.id))
        .where(HistoryEntry.workflow == "arrears", HistoryEntry.transition == transition,
               col(HistoryEntry.subject_id).in_(ids))
        .group_by(col(HistoryEntry.subject_id))
    ).all())
    facts = facts_for(session, ids, as_of=as_of)
    rows = [
        {"account_id": i, "kind": kind, "history_id": entries[i], "issued_on": as_of,
         "decision_ref": None, "facts": facts[i], "body_ru": render(kind, facts[i], "ru"),
         "body_en": render(kind, facts[i], "en"), "created_at": utcnow()}
        for i in ids if i in entries
    ]
    if rows:
        # Set-wise, as the sweep writes its history: no ORM object per letter.
        session.execute(insert(Letter), rows)
        _number(session, rows)
        keep_pdfs(session, rows)
        mail_letters(session, rows)


def _number(session: Session, rows: list[dict[str, Any]]) -> None:
    """Give each inserted letter's dict its id (the PDFs and messages name it)."""
    ids = dict(session.exec(
        select(Letter.history_id, Letter.id)
        .where(col(Letter.history_id).in_([row["history_id"] for row in rows]))
    ).all())
    for row in rows:
        row["id"] = ids[row["history_id"]]


def write_letter_for(session: Session, account: Account, *, kind: LetterKind,
                     entry: HistoryEntry, decision: str | None, as_of: date) -> Letter:
    """The letter a user's transition produced (no commit)."""
    account_id = int(account.id or 0)
    facts = facts_for(session, [account_id], as_of=as_of, decision=decision)[account_id]
    letter = _letter(account.id, kind, entry.id, facts, decision)  # type: ignore[arg-type]
    session.add(letter)
    session.flush()
    row = {"id": letter.id, "account_id": account_id, "body_ru": letter.body_ru,
           "body_en": letter.body_en, "facts": facts}
    keep_pdfs(session, [row])
    mail_letters(session, [row])
    return letter


def keep_pdfs(session: Session, rows: list[dict[str, Any]]) -> None:
    """Both PDFs of each new letter, made now (``workflow/letter_pdfs.py``)."""
    from workflow.letter_pdfs import keep_pdfs as keep

    keep(session, rows)


def letters_of(session: Session, account: Account) -> list[Letter]:
    return list(session.exec(
        select(Letter).where(Letter.account_id == account.id).order_by(col(Letter.id).desc())
    ).all())
