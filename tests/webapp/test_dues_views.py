"""The dues pages: ledger, payments, plans, letters, debtors report and dashboard."""

from datetime import date

import pytest
from sqlmodel import select

from models import City
from models.dues import Account, Charge, Letter, Payment
from workflow import ledger

SECRETARIAT = "secretariat@demo.magflow"


@pytest.fixture
def osh(seeded):
    city = seeded.exec(select(City).where(City.slug == "osh")).one()
    return ledger.account_for(seeded, city)


@pytest.fixture
def moscow(seeded):
    """Moscow (the demo member's city) owes its 2024 annual fee."""
    ledger.charge_annual_fees(seeded, year=2024)
    city = seeded.exec(select(City).where(City.slug == "moscow")).one()
    return ledger.account_for(seeded, city)


def _text(response):
    body = response.get_data(as_text=True)
    response.close()
    return body


def test_ledger_shows_an_unknown_debt_honestly(client, auth, osh):
    auth.login(SECRETARIAT)
    body = _text(client.get(f"/dues/accounts/{osh.id}?lang=en"))
    assert "amount not entered" in body and "XXIX:1.3" in body
    assert "Under Audit Commission control" in body
    assert "0 €" not in body and "€0" not in body


def test_member_sees_its_own_ledger_but_not_another_citys(client, auth, moscow, osh):
    auth.login("moscow@demo.magflow")
    assert client.get(f"/dues/accounts/{moscow.id}").status_code == 200
    assert "dues account" in _text(client.get("/dues/mine?lang=en"))
    assert client.get(f"/dues/accounts/{osh.id}").status_code == 404


def test_recording_a_payment_in_full_returns_to_good_standing(client, auth, seeded, moscow):
    auth.login(SECRETARIAT)
    moscow.state = "reminded"
    seeded.add(moscow)
    seeded.commit()
    response = client.post(f"/dues/accounts/{moscow.id}/payment", data={
        "amount": "4000.00", "currency": "EUR", "paid_on": "2024-04-15",
        "bank_reference": "PP-2024-118", "converted_currency": ""})
    assert response.status_code == 302
    seeded.refresh(moscow)
    assert moscow.state == "good_standing"


@pytest.mark.parametrize(("fields", "message"), [
    ({"amount": "0"}, "greater than zero"),
    ({"amount": "10.123"}, "two decimal places"),
    ({"currency": "RUB"}, "no open charge in RUB"),
    ({"paid_on": "2999-01-01"}, "cannot be in the future"),
    ({"currency": "RUB", "rate": "1000000", "converted_currency": "EUR"}, "rate is too large"),
    ({"currency": "RUB", "rate": "1e22", "converted_currency": "EUR"}, "rate in figures"),
    ({"currency": "RUB", "rate": "0.000001", "converted_currency": "EUR"}, "greater than zero"),
])
def test_bad_payment_shows_why_and_posts_nothing(client, auth, seeded, moscow, fields, message):
    auth.login(SECRETARIAT)
    data = {"amount": "100", "currency": "EUR", "paid_on": "2024-04-15",
            "bank_reference": "PP-X", "converted_currency": "", **fields}
    response = client.post(f"/dues/accounts/{moscow.id}/payment?lang=en", data=data)
    assert response.status_code == 400
    assert message in _text(response)
    assert seeded.exec(select(Payment)).all() == []


def test_duplicate_bank_reference_is_shown_next_to_the_field(client, auth, moscow):
    auth.login(SECRETARIAT)
    data = {"amount": "100", "currency": "EUR", "paid_on": "2024-04-15",
            "bank_reference": "PP-D", "converted_currency": ""}
    client.post(f"/dues/accounts/{moscow.id}/payment", data=data)
    body = _text(client.post(f"/dues/accounts/{moscow.id}/payment?lang=en", data=data))
    assert "already recorded" in body


def test_payment_plan_form_pauses_the_ladder(client, auth, seeded, moscow):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/accounts/{moscow.id}/plan", data={
        "currency": "EUR", "instalments": "2030-06-30 2000\n2030-09-30 2000"})
    assert response.status_code == 302
    seeded.refresh(moscow)
    assert moscow.paused
    # The history names the step in the reader's words, never by its code.
    for lang, words in (("en", "Payment plan agreed"), ("ru", "Согласован график погашения")):
        page = _text(client.get(f"/dues/accounts/{moscow.id}?lang={lang}"))
        assert f"<strong>{words}</strong>" in page and "plan_agreed" not in page


def test_plan_with_a_bad_line_is_refused(client, auth, seeded, moscow):
    auth.login(SECRETARIAT)
    body = _text(client.post(f"/dues/accounts/{moscow.id}/plan?lang=en", data={
        "currency": "EUR", "instalments": "next june 2000"}))
    assert "Each line needs a date" in body
    seeded.refresh(moscow)
    assert not moscow.paused


def test_unknown_debt_amount_can_be_entered(client, auth, seeded, osh):
    auth.login(SECRETARIAT)
    debt = seeded.exec(select(Charge).where(Charge.account_id == osh.id)).one()
    client.post(f"/dues/charges/{debt.id}/amount", data={"amount": "8000", "currency": "EUR"})
    seeded.refresh(debt)
    assert debt.amount_known and debt.amount == 8000


@pytest.mark.parametrize(("lang", "seed_words", "entered_words", "foreign"), [
    ("ru", "Исходные документы не называют сумму (решение XXIX сессии, пункт 1.3)",
     "Сумма внесена: ", "The seeds give no amount"),
    ("en", "The seeds give no amount (decision XXIX, item 1.3)", "Amount entered by ",
     "Исходные документы"),
])
def test_the_ledgers_notes_read_in_the_readers_language(client, auth, seeded, osh, lang,
                                                        seed_words, entered_words, foreign):
    auth.login(SECRETARIAT)
    debt = seeded.exec(select(Charge).where(Charge.account_id == osh.id)).one()
    assert debt.note is None and debt.notes[0]["id"] == "seed_no_amount"
    client.post(f"/dues/charges/{debt.id}/amount", data={"amount": "8000", "currency": "EUR"})
    page = _text(client.get(f"/dues/accounts/{osh.id}?lang={lang}"))
    assert seed_words in page and entered_words in page
    assert foreign not in page and "amount entered by" not in page


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_warning_letter_renders_in_both_languages(client, auth, seeded, osh, lang):
    auth.login(SECRETARIAT)
    letter = seeded.exec(select(Letter).where(Letter.account_id == osh.id)).one()
    body = _text(client.get(f"/dues/letters/{letter.id}/{lang}"))
    expected = {"ru": ("Предупреждение", "Оша", "сумма не внесена"),
                "en": ("Warning", "Osh", "amount not entered")}[lang]
    assert all(text in body for text in expected)
    assert "dues.css" in body


def test_debtors_report_filters_sorts_and_pages(client, auth, seeded):
    auth.login(SECRETARIAT)
    body = _text(client.get("/dues/debtors?lang=en&sort=city"))
    assert "22 accounts in arrears" in body and "Astrakhan" in body
    body = _text(client.get("/dues/debtors?lang=en&q=elist"))
    assert "1 account in arrears" in body
    body = _text(client.get("/dues/debtors?lang=en&state=suspended&page=abc&sort=nonsense"))
    assert "No debtors match." in body


@pytest.mark.parametrize("query", ["Элиста", "элиста", "ЭЛИСТ"],
                         ids=["capitalised", "lower", "upper-prefix"])
def test_debtors_search_finds_a_cyrillic_name_in_any_case(client, auth, seeded, query):
    auth.login(SECRETARIAT)
    body = _text(client.get("/dues/debtors", query_string={"lang": "en", "q": query}))
    assert "1 account in arrears" in body and "Elista" in body


def test_lower_is_unicode_aware_on_every_backend(db):
    from sqlmodel import func

    assert db.exec(select(func.lower("ЭЛИСТА Ünye"))).one() == "элиста ünye"
    assert db.exec(select(func.lower(None))).one() is None


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_debtors_sorted_by_city_follow_the_readers_language(client, auth, seeded, lang):
    import csv
    import io

    auth.login(SECRETARIAT)
    body = _text(client.get(f"/dues/debtors.csv?lang={lang}&sort=city"))
    names = [row[0] for row in csv.reader(io.StringIO(body))][1:]
    assert len(names) == 22 and names == sorted(names)


def test_debtors_csv_lists_every_match(client, auth, seeded):
    auth.login(SECRETARIAT)
    response = client.get("/dues/debtors.csv?lang=en&sort=city")
    lines = _text(response).strip().splitlines()
    assert response.mimetype == "text/csv"
    assert len(lines) == 23 and lines[0].startswith("City,Step")
    assert lines[1].startswith("Astrakhan,Under Audit Commission control,2023-05-25")


@pytest.fixture
def kazan_owes(seeded):
    """Kazan owes 5 000 EUR past due (and a 2099 fee not yet due); no sweep has run."""
    from models.dues import ChargeKind

    city = seeded.exec(select(City).where(City.slug == "kazan")).one()
    account = ledger.open_account(seeded, city=city, on=date(2024, 1, 1))
    ledger.post_charge(seeded, account=account, kind=ChargeKind.annual, year=2024,
                       amount="5000", currency="EUR", due_on=date(2024, 3, 31))
    ledger.post_charge(seeded, account=account, kind=ChargeKind.annual, year=2099,
                       amount="4000", currency="EUR", due_on=date(2099, 3, 31))
    seeded.refresh(account)
    assert account.state == "good_standing"
    return account


@pytest.mark.parametrize(("lang", "step", "wrong"), [
    ("ru", "Просрочка", "Задолженности нет"), ("en", "Overdue", "Good standing")])
def test_debtors_csv_states_the_debt_from_the_charges(client, auth, kazan_owes, lang, step,
                                                      wrong):
    import csv
    import io

    auth.login(SECRETARIAT)
    rows = list(csv.reader(io.StringIO(_text(client.get(f"/dues/debtors.csv?lang={lang}")))))
    kazan = next(row for row in rows if row[0] in ("Казань", "Kazan"))
    assert kazan[1] == step and wrong not in kazan
    assert "5000.00" in kazan and "9000.00" not in kazan  # only what is past due


def test_debtors_page_states_the_debt_from_the_charges(client, auth, kazan_owes):
    auth.login(SECRETARIAT)
    body = _text(client.get("/dues/debtors?lang=ru&q=казань"))
    assert "Казань" in body and "Просрочка" in body and "Задолженности нет" not in body
    assert "5\u00a0000\u00a0€" in body and "9\u00a0000" not in body
    overdue = _text(client.get("/dues/debtors?lang=en&state=overdue"))
    assert "Kazan" in overdue


def test_dashboard_draws_the_debt_by_step(client, auth, seeded):
    auth.login("audit@demo.magflow")
    body = _text(client.get("/dues/?lang=en"))
    assert "<svg" in body and "Under Audit Commission control" in body
    assert "22 without amount" in body


def test_fee_schedule_page_saves_a_change_with_history(client, auth, seeded):
    auth.login(SECRETARIAT)
    response = client.post("/dues/fees", data={"year": "2025", "entrance": "1100",
                                               "annual": "4200", "currency": "EUR"})
    assert response.status_code == 302
    assert ledger.fee_schedule(seeded, 2025).annual == 4200
    body = _text(client.post("/dues/fees?lang=en", data={
        "year": "2025", "entrance": "0", "annual": "4200", "currency": "EUR"}))
    assert "greater than zero" in body
    assert ledger.fee_schedule(seeded, 2025).entrance == 1100
    assert len(seeded.exec(select(Account)).all()) == 22


def test_a_payment_towards_the_targeted_contribution_pays_that_contribution(
        client, auth, seeded):
    from models.dues import ContributionRecommendation, TargetedContribution

    kazan = seeded.exec(select(City).where(City.slug == "kazan")).one()
    account = ledger.open_account(seeded, city=kazan, on=date(2023, 1, 1))
    seeded.commit()
    auth.login(SECRETARIAT)
    form = _text(client.get(f"/dues/accounts/{account.id}/payment?lang=en"))
    assert '<option value="mag-25-conference-2023">preparing and holding' in form
    response = client.post(f"/dues/accounts/{account.id}/payment", data={
        "amount": "250000.00", "currency": "RUB", "paid_on": "2023-07-20",
        "bank_reference": "PP-2023-0720", "converted_currency": "",
        "contribution": "mag-25-conference-2023"})
    assert response.status_code == 302
    charge = seeded.exec(select(Charge).where(Charge.account_id == account.id,
                                              Charge.kind == "targeted")).one()
    assert (charge.amount, charge.is_open, charge.decision_ref) == (250000, False, "XXIX:2.6")
    contribution = seeded.exec(select(TargetedContribution)).one()
    given = seeded.exec(select(ContributionRecommendation.given).where(
        ContributionRecommendation.contribution_id == contribution.id,
        ContributionRecommendation.city_id == kazan.id)).one()
    assert given == 250000


def test_an_unknown_contribution_is_refused_and_posts_nothing(client, auth, seeded, moscow):
    auth.login(SECRETARIAT)
    body = _text(client.post(f"/dues/accounts/{moscow.id}/payment?lang=en", data={
        "amount": "4000.00", "currency": "EUR", "paid_on": "2024-04-15",
        "bank_reference": "PP-X", "converted_currency": "", "contribution": "no-such-thing"}))
    assert "Not a valid choice" in body
    assert seeded.exec(select(Payment)).all() == []


def _give_to_the_contribution(seeded, slug, amount, ref):
    from models.dues import TargetedContribution
    from workflow import payments

    city = seeded.exec(select(City).where(City.slug == slug)).one()
    account = ledger.open_account(seeded, city=city, on=date(2023, 1, 1))
    seeded.commit()
    contribution = seeded.exec(select(TargetedContribution)).one()
    payments.record_payment(seeded, account=account, amount=amount, currency="RUB",
                            paid_on=date(2023, 7, 20), bank_reference=ref, actor=None,
                            contribution=contribution, today=date(2023, 7, 21))
    return account


def _plain(body):
    return body.replace("\xa0", " ").replace("\u202f", " ")


def test_contributions_page_shows_the_contribution_and_what_each_city_gave(
        client, auth, seeded):
    _give_to_the_contribution(seeded, "kazan", "300000.50", "PP-K1")
    _give_to_the_contribution(seeded, "kazan", "20000", "PP-K2")
    _give_to_the_contribution(seeded, "moscow", "50000", "PP-M1")  # not recommended, still given
    auth.login("audit@demo.magflow")
    body = _plain(_text(client.get("/dues/contributions?lang=en")))
    assert "preparing and holding MAG" in body and "XXIX:2.6" in body
    assert "RUB250,000" in body and "no maximum" in body and "July 2023" in body
    for name in ("Kazan", "Perm", "Ufa", "Chelyabinsk", "Ulan-Ude", "Yakutsk"):
        assert f'<td class="city">{name}</td>' in body
    kazan = body.index('<td class="city">Kazan</td>')
    assert "RUB320,000.50" in body[kazan:kazan + 200]
    moscow = body.index('<td class="city">Moscow</td>')
    assert "not among the recommended cities" in body[moscow:moscow + 200]
    assert body.index('<td class="city">Yakutsk</td>') < moscow  # the recommended come first
    assert "Total paid" in body and "RUB370,000.50" in body
    assert "Support the initiative of the city of Khabarovsk" in body
    assert "Decision of the XXIX session (Khabarovsk, 25 May 2023), item 2.5" in body
    russian = _plain(_text(client.get("/dues/contributions?lang=ru")))
    assert "250 000 ₽" in russian and "июль 2023" in russian and "Казань" in russian
    assert "Хабаровска" in russian


def test_dues_dashboard_links_to_the_contributions(client, auth, seeded):
    auth.login(SECRETARIAT)
    assert 'href="/dues/contributions"' in _text(client.get("/dues/?lang=en"))


def test_ledger_shows_the_citys_recommended_contribution(client, auth, seeded):
    account = _give_to_the_contribution(seeded, "kazan", "100000", "PP-K3")
    auth.login(SECRETARIAT)
    body = _plain(_text(client.get(f"/dues/accounts/{account.id}?lang=en")))
    assert "Recommended targeted contributions" in body
    assert "preparing and holding MAG" in body and "RUB250,000" in body
    assert "July 2023" in body and "RUB100,000" in body


def test_ledger_of_a_city_without_a_recommendation_says_nothing_of_it(client, auth, osh):
    auth.login(SECRETARIAT)
    assert "Recommended targeted contributions" not in _text(
        client.get(f"/dues/accounts/{osh.id}?lang=en"))
