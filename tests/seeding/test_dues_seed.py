"""The dues sections of the seed: item 2.5 fees, item 2.6 contribution, item 1.3 arrears."""

from decimal import Decimal

from sqlmodel import select

from models import City
from models.dues import (
    Account,
    Charge,
    ContributionRecommendation,
    FeeSchedule,
    FundingInitiative,
    Letter,
    TargetedContribution,
)
from seeding.loader import load_seed
from workflow import engine
from workflow.arrears import ARREARS


def test_fee_schedules_of_item_2_5(seeded):
    fees = seeded.exec(select(FeeSchedule).order_by(FeeSchedule.year)).all()
    assert [(f.year, f.entrance, f.annual, f.currency) for f in fees] == [
        (2023, Decimal("1000.00"), Decimal("4000.00"), "EUR"),
        (2024, Decimal("1000.00"), Decimal("4000.00"), "EUR"),
    ]


def test_targeted_contribution_recommended_to_six_cities(seeded):
    contribution = seeded.exec(select(TargetedContribution)).one()
    assert (contribution.minimum, contribution.currency, contribution.maximum) == (
        Decimal("250000.00"), "RUB", None)
    assert (contribution.due_year, contribution.due_month) == (2023, 7)
    slugs = {seeded.get(City, r.city_id).slug
             for r in seeded.exec(select(ContributionRecommendation))}
    assert slugs == {"kazan", "perm", "ufa", "chelyabinsk", "ulan-ude", "yakutsk"}
    initiative = seeded.exec(select(FundingInitiative)).one()
    assert initiative.decision_ref == "XXIX:2.5" and initiative.amount is None


def test_22_cities_are_under_audit_control_with_an_unknown_debt(seeded):
    accounts = seeded.exec(select(Account)).all()
    assert len(accounts) == 22
    assert {a.state for a in accounts} == {"audit_control"}
    debts = seeded.exec(select(Charge)).all()
    assert len(debts) == 22 and all(not d.amount_known and d.amount is None for d in debts)
    history = engine.history(seeded, ARREARS, accounts[0].id)
    assert [(h.transition, h.decision_ref) for h in history] == [
        ("warn", "XXIX:1.3"), ("put_under_audit", "XXIX:1.3")]
    letter = seeded.exec(select(Letter).where(Letter.account_id == accounts[0].id)).one()
    assert "сумма не внесена" in letter.body_ru and "amount not entered" in letter.body_en


def test_loading_the_dues_sections_again_changes_nothing(seeded):
    created = load_seed(seeded)
    assert all(created[name] == 0 for name in
               ("fees", "targeted_contributions", "initiatives", "arrears"))
