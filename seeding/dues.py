"""Loading the dues sections of ``mag.toml``: fees, contributions, initiatives, arrears.

The seeds give no amounts for the arrears of item 1.3: each of those accounts
gets one opening debt with no amount (``amount_known=False``) and the note
says so, and its standing is imported as the session left it (warned, then
under Audit Commission control) with XXIX:1.3 in its history.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlmodel import Session, select

from models import City
from models.dues import (
    ContributionRecommendation,
    FeeSchedule,
    FundingInitiative,
    LetterKind,
    TargetedContribution,
)
from models.sessions import parse_decision, to_roman
from seeding.loader import Seed, Tick
from workflow import charge_notes, engine, ledger
from workflow.arrears import ARREARS
from workflow.letters import write_letter_for

XXIX_HELD = date(2023, 5, 25)
XXIX_AT = datetime.combine(XXIX_HELD, datetime.min.time(), UTC)


def _city(session: Session, slug: str) -> City:
    city = session.exec(select(City).where(City.slug == slug)).first()
    if city is None:
        raise ValueError(f"seed names an unknown city: {slug}")
    return city


def _item(sources: list[str]) -> str:
    """"decision-29th-session-2023.txt#2.5" -> "XXIX:2.5"."""
    return "XXIX:" + sources[0].partition("#")[2]


def _no_amount(decision: str) -> dict:
    """The note that the seeds give no amount for the debt ``decision`` records."""
    ref = parse_decision(decision)
    return charge_notes.note("seed_no_amount", session=to_roman(ref.session_number or 1),
                             item=ref.item or "")


def load_fees(session: Session, seed: Seed, tick: Tick) -> int:
    created = 0
    for record in seed.get("fees", []):
        tick()
        if session.exec(select(FeeSchedule).where(FeeSchedule.year == record["year"])).first():
            continue
        schedule = ledger.set_fee_schedule(
            session, year=record["year"], entrance=record["entrance"], annual=record["annual"],
            currency=record["currency"], actor=None, decision=_item(record["sources"]),
            note="seed", sources=record["sources"],
        )
        _date_schedule(session, schedule)
        created += 1
    return created


def _date_schedule(session: Session, schedule: FeeSchedule) -> None:
    """The fees are set by the XXIX session (item 2.5), not on the day of loading."""
    schedule.updated_at = XXIX_AT
    session.add(schedule)
    for change in ledger.schedule_history(session, schedule):
        change.at = XXIX_AT
        session.add(change)
    session.commit()


def load_targeted_contributions(session: Session, seed: Seed, tick: Tick) -> int:
    created = 0
    for record in seed.get("targeted_contributions", []):
        tick()
        if session.exec(select(TargetedContribution)
                        .where(TargetedContribution.slug == record["slug"])).first():
            continue
        year, month = (int(part) for part in record["due_month"].split("-"))
        maximum = record.get("maximum", "none")
        contribution = TargetedContribution(
            slug=record["slug"], purpose_ru=record["purpose_ru"], purpose_en=record["purpose_en"],
            minimum=Decimal(record["minimum"]), currency=record["currency"], due_year=year,
            due_month=month, maximum=None if maximum == "none" else Decimal(maximum),
            decision_ref=_item(record["sources"]), sources=record["sources"],
        )
        session.add(contribution)
        session.flush()
        for slug in record["cities"]:
            session.add(ContributionRecommendation(
                contribution_id=contribution.id, city_id=_city(session, slug).id,  # type: ignore[arg-type]
            ))
        created += 1
    return created


def load_initiatives(session: Session, seed: Seed, tick: Tick) -> int:
    created = 0
    for record in seed.get("initiatives", []):
        tick()
        if session.exec(select(FundingInitiative)
                        .where(FundingInitiative.slug == record["slug"])).first():
            continue
        session.add(FundingInitiative(
            slug=record["slug"], city_id=_city(session, record["city"]).id,  # type: ignore[arg-type]
            text_ru=record["text_ru"], text_en=record["text_en"], year=XXIX_HELD.year,
            decision_ref=_item(record["sources"]), note=record.get("note"),
            sources=record["sources"],
        ))
        created += 1
    return created


def load_arrears(session: Session, seed: Seed, tick: Tick) -> int:
    section = seed.get("arrears")
    if not section:
        return 0
    created = 0
    for slug in section["cities"]:
        tick()
        city = _city(session, slug)
        if ledger.account_for(session, city) is not None:
            continue
        account = ledger.open_account(session, city=city, on=XXIX_HELD)
        debt = ledger.post_unknown_debt(session, account=account, year=XXIX_HELD.year,
                                        due_on=XXIX_HELD, decision=section["decision"],
                                        notes=[_no_amount(section["decision"])], commit=False)
        debt.created_at = XXIX_AT  # recorded by the session's decision, not by the load
        session.add(debt)
        _import_standing(session, account, section["decision"], section["sources"])
        created += 1
    return created


def _import_standing(session: Session, account: object, decision: str, sources: list[str]) -> None:
    """The standing the session decided, with its history and the warning letter."""
    at = XXIX_AT
    state = "good_standing"
    for name in ("warn", "put_under_audit"):
        transition = ARREARS.transition(name)
        ctx = engine.Context(session, ARREARS, account, transition, None, decision=decision,
                             payload={"imported_from": sources}, now=at)
        entry = engine.record(ctx, state, transition.dest)
        state = transition.dest
        if name == "warn":
            letter = write_letter_for(session, account, kind=LetterKind.warning, entry=entry,  # type: ignore[arg-type]
                                      decision=decision, as_of=XXIX_HELD)
            letter.created_at = at
            session.add(letter)
    account.state, account.state_changed_at = state, at  # type: ignore[attr-defined]
    session.add(account)
    session.flush()
