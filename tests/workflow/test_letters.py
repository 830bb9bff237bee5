"""Reminder and warning letters: only what is past due, the decision's words, declined cities."""

import tomllib
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlmodel import select

from models import City, CityStatus, Role
from models.dues import Letter, LetterKind
from tests.workflow.dues_factories import *  # noqa: F403 - fixtures
from tests.workflow.test_wording_cases import EXPECTED
from workflow import engine, ledger, letters
from workflow.arrears import ARREARS
from workflow.sweep import sweep

SEED = Path(__file__).resolve().parents[2] / "seeding" / "mag.toml"
with SEED.open("rb") as handle:
    SEEDED_CITIES = {r["slug"]: SimpleNamespace(name_ru=r["ru"], name_en=r["en"],
                                                ru_forms=r.get("forms", {}))
                     for r in tomllib.load(handle)["cities"]}


@pytest.fixture
def kazan(db, sessions_held):
    """Kazan, a member, charged the 2025 and the 2026 fee (each due on 31 March)."""
    for year in (2025, 2026):
        ledger.set_fee_schedule(db, year=year, entrance="1000", annual="4000", currency="EUR",
                                actor=None, decision="XXIX:2.5")
    city = City(slug="kazan", name_ru="Казань", name_en="Kazan", status=CityStatus.member)
    db.add(city)
    db.commit()
    ledger.charge_annual_fees(db, year=2025)
    ledger.charge_annual_fees(db, year=2026)
    return ledger.account_for(db, city)


def _plain(text):
    """Babel's no-break and narrow no-break spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _steps(db, day):
    return {s.transition for s in sweep(db, as_of=day, workflows=["arrears"]) if s.subject_ids}


def test_a_reminder_lists_and_totals_only_what_is_past_due(db, kazan):
    assert _steps(db, date(2026, 1, 5)) == {"become_overdue"}
    assert _steps(db, date(2026, 2, 10)) == {"remind"}
    letter = db.exec(select(Letter)).one()
    ru, en = _plain(letter.body_ru), _plain(letter.body_en)
    assert [d["year"] for d in letter.facts["debts"]] == [2025]
    assert letter.facts["totals"] == {"EUR": "4000.00"}
    assert [(d["year"], d["due_on"]) for d in letter.facts["upcoming"]] == [(2026, "2026-03-31")]
    assert "взносов за 2025 год:" in ru and "2025, 2026" not in ru
    assert "Итого к погашению: 4 000 €." in ru and "8 000" not in ru
    assert "годовой членский взнос за 2026 год (4 000 €) – срок уплаты 31 марта 2026 г." in (
        ru)
    assert "to MAG for 2025:" in en and "Total to be paid: €4,000." in en
    assert "annual membership fee for 2026 (€4,000), due on 31 March 2026" in en
    assert "€8,000" not in en


def test_a_reminder_names_the_city_in_the_decisions_forms(db, kazan):
    _steps(db, date(2026, 1, 5))
    _steps(db, date(2026, 2, 10))
    body = db.exec(select(Letter)).one().body_ru
    assert "Руководителю города Казани</p>" in body and "за городом Казанью числится" in body


def test_the_warning_letter_says_what_item_1_3_says(db, sessions_held, make_user):
    city = City(slug="osh", name_ru="Ош", name_en="Osh", status=CityStatus.member,
                ru_forms={"gent": "Оша"})
    db.add(city)
    db.commit()
    account = ledger.open_account(db, city=city, on=date(2023, 1, 1))
    ledger.post_unknown_debt(db, account=account, year=2023, due_on=date(2023, 5, 25),
                             decision="XXIX:1.3", note="D 1.3")
    sweep(db, as_of=date(2023, 5, 26), workflows=["arrears"])
    db.refresh(account)
    entry = engine.fire(db, ARREARS, account, "warn", actor=make_user(Role.secretariat),
                        decision="XXIX:1.3")
    letter = db.exec(select(Letter).where(Letter.history_id == entry.id)).one()
    body = letter.body_ru
    assert "Во исполнение пункта 1.3 решения XXIX сессии МАГ" in body
    assert ("Этим же пунктом решения поручено Ревизионной комиссии МАГ проконтролировать "
            "исполнение данного решения и при необходимости внести предложения в Правление МАГ."
            ) in body
    assert "будет поручен" not in body and "При непогашении" not in body
    assert "членских взносов прошлых лет:" in body and "за 2023 год" not in body
    assert "<td>2023</td>" not in body  # the debt is of past years, not of 2023
    assert "By the same item of the decision, the MAG Audit Commission is instructed" in (
        letter.body_en)
    assert "for earlier years:" in letter.body_en and "for 2023" not in letter.body_en
    assert "Should the arrears remain unpaid" not in letter.body_en


@pytest.mark.parametrize(("past_years", "years", "ru", "en"), [
    (False, [2024], "взносов за 2024 год:", "owed to MAG for 2024:"),
    (False, [2024, 2025], "взносов за 2024, 2025 годы:", "owed to MAG for 2024, 2025:"),
    (True, [2024], "взносов прошлых лет и за 2024 год:",
     "owed to MAG for earlier years and for 2024:"),
])
def test_a_letter_names_the_years_it_asks_for(past_years, years, ru, en):
    facts = {**letters.city_facts(SEEDED_CITIES["kazan"]), "debts": [], "totals": {},
             "upcoming": [], "years": years, "past_years": past_years, "as_of": "2026-02-10",
             "decision": "XXX:1.3"}
    assert ru in letters.render(LetterKind.warning, facts, "ru")
    assert en in letters.render(LetterKind.warning, facts, "en")


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_letters_name_every_seeded_city_in_the_decisions_forms(slug):
    """Every seeded city, in every case the Russian templates use (genitive, instrumental)."""
    facts = {**letters.city_facts(SEEDED_CITIES[slug]), "debts": [], "totals": {},
             "upcoming": [], "years": [2025], "past_years": False, "as_of": "2026-02-10",
             "decision": "XXX:1.3"}
    forms = EXPECTED[slug]
    reminder = letters.render(LetterKind.reminder, facts, "ru")
    assert f"Руководителю города {forms['gent']}</p>" in reminder
    assert f"за городом {forms['ablt']} числится" in reminder
    warning = letters.render(LetterKind.warning, facts, "ru")
    assert f"Руководителю города {forms['gent']}</p>" in warning
    assert f"предупреждает руководителя города {forms['gent']} о необходимости" in warning


