"""Amounts and dates typed as people type them; a refused form keeps what was typed (400)."""

import html
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from models import AssemblySession, City, Event
from models.decisions import Decision
from models.dues import Charge, Instalment, Payment
from tests.workflow.xxix import before_xxix
from workflow import ledger
from workflow.drafting import generate_draft, items_of

SECRETARIAT = "secretariat@demo.magflow"
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture
def moscow(seeded):
    """Moscow owes its 2024 annual fee (4 000 EUR)."""
    ledger.charge_annual_fees(seeded, year=2024)
    city = seeded.exec(select(City).where(City.slug == "moscow")).one()
    return ledger.account_for(seeded, city)


@pytest.fixture
def drafted(db):
    state = before_xxix(db)
    generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    return state


def _text(response):
    body = response.get_data(as_text=True)
    response.close()
    return body


def _input(body, name):
    """The value an ``<input name=...>`` of the page holds."""
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', body)
    assert tag, f"no input {name}"
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


def _textarea(body, name):
    found = re.search(rf'<textarea[^>]*\bname="{name}"[^>]*>\r?\n?(.*?)</textarea>', body, re.S)
    assert found, f"no textarea {name}"
    return html.unescape(found.group(1))


def _selected(body, name):
    select_ = re.search(rf'<select[^>]*\bname="{name}"[^>]*>(.*?)</select>', body, re.S)
    assert select_, f"no select {name}"
    chosen = re.search(r'<option selected value="([^"]*)"', select_.group(1))
    return chosen.group(1) if chosen else None


def _payment(**fields):
    return {"amount": "100", "currency": "EUR", "paid_on": "2024-04-15",
            "bank_reference": "PP-1", "converted_currency": "", **fields}


# ------------------------------------------------------------- amounts ----


@pytest.mark.parametrize(("lang", "typed"), [
    ("ru", "1 000,50"),
    ("ru", f"1{NBSP}000,50"),
    ("ru", f"1{NNBSP}000,50"),
    ("ru", "1000,50"),
    ("ru", "1000.50"),
    ("en", "1,000.50"),
    ("en", "1000.50"),
])
def test_a_payment_is_recorded_as_the_page_language_writes_it(client, auth, seeded, moscow,
                                                               lang, typed):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/accounts/{moscow.id}/payment?lang={lang}",
                           data=_payment(amount=typed))
    assert response.status_code == 302
    assert seeded.exec(select(Payment)).one().amount == Decimal("1000.50")


@pytest.mark.parametrize(("lang", "typed", "message"), [
    ("en", "1e3", "Enter the amount in figures, e.g. 1,000 or 1,000.50."),
    ("en", "1_000", "Enter the amount in figures, e.g. 1,000 or 1,000.50."),
    ("en", "１０００", "Enter the amount in figures, e.g. 1,000 or 1,000.50."),
    ("en", "١٠٠٠", "Enter the amount in figures, e.g. 1,000 or 1,000.50."),
    ("en", "1000,50", "Enter the amount in figures, e.g. 1,000 or 1,000.50."),
    ("ru", "1e3", "Укажите сумму цифрами, например 1 000 или 1 000,50."),
    ("ru", "1_000", "Укажите сумму цифрами, например 1 000 или 1 000,50."),
    ("ru", "１０００", "Укажите сумму цифрами, например 1 000 или 1 000,50."),
    ("ru", "١٠٠٠", "Укажите сумму цифрами, например 1 000 или 1 000,50."),
    ("ru", "1.000", "Это можно прочесть двояко"),
    ("ru", "10,123", "У суммы не больше двух знаков после запятой"),
])
def test_what_is_not_an_amount_is_refused_at_its_field_and_kept(client, auth, seeded, moscow,
                                                                 lang, typed, message):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/accounts/{moscow.id}/payment?lang={lang}",
                           data=_payment(amount=typed, bank_reference="PP-ref 7", note="April"))
    body = _text(response)
    assert response.status_code == 400
    assert message in html.unescape(body)
    assert 'id="amount-errors"' in body
    assert _input(body, "amount") == typed
    assert _input(body, "bank_reference") == "PP-ref 7" and _input(body, "note") == "April"
    assert _input(body, "paid_on") == "2024-04-15"
    assert seeded.exec(select(Payment)).all() == []


@pytest.mark.parametrize(("paid_on", "message"), [
    ("0001-01-01", "a payment cannot be dated earlier"),
    ("2999-01-01", "cannot be in the future"),
])
def test_a_payment_date_lies_between_the_opening_and_today(client, auth, seeded, moscow,
                                                           paid_on, message):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/accounts/{moscow.id}/payment?lang=en",
                           data=_payment(paid_on=paid_on))
    body = _text(response)
    assert response.status_code == 400
    assert message in body and 'id="paid_on-errors"' in body
    assert seeded.exec(select(Payment)).all() == []


def test_a_payment_the_day_before_the_opening_is_refused_in_russian(client, auth, seeded,
                                                                     moscow):
    auth.login(SECRETARIAT)
    before = moscow.opened_on - timedelta(days=1)
    body = _text(client.post(f"/dues/accounts/{moscow.id}/payment",
                             data=_payment(paid_on=before.strftime("%d.%m.%Y"))))
    assert "платёж не может быть датирован более ранним днём" in body
    assert seeded.exec(select(Payment)).all() == []


def test_a_russian_date_is_read_in_a_date_field(client, auth, seeded, moscow):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/accounts/{moscow.id}/payment",
                           data=_payment(paid_on="15.04.2024"))
    assert response.status_code == 302
    assert seeded.exec(select(Payment)).one().paid_on == date(2024, 4, 15)


def test_a_rate_is_read_and_shown_in_the_page_language(client, auth, seeded, moscow):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/accounts/{moscow.id}/payment", data=_payment(
        amount="100 000", currency="RUB", rate="0,0105", converted_currency="EUR"))
    assert response.status_code == 302
    payment = seeded.exec(select(Payment)).one()
    assert payment.rate == Decimal("0.0105") and payment.converted_amount == Decimal("1050.00")
    russian = _text(client.get(f"/dues/accounts/{moscow.id}"))
    english = _text(client.get(f"/dues/accounts/{moscow.id}?lang=en"))
    assert "курс 0,0105" in russian and "0.010500" not in russian
    assert "rate 0.0105)" in english and "0.010500" not in english


@pytest.mark.parametrize(("lang", "entrance", "annual"), [
    ("ru", "1 100", f"4{NBSP}200,50"),
    ("en", "1,100", "4,200.50"),
])
def test_fees_are_read_as_the_page_language_writes_them(client, auth, seeded, lang, entrance,
                                                        annual):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/fees?lang={lang}", data={
        "year": "2025", "entrance": entrance, "annual": annual, "currency": "EUR"})
    assert response.status_code == 302
    schedule = ledger.fee_schedule(seeded, 2025)
    assert (schedule.entrance, schedule.annual) == (Decimal("1100"), Decimal("4200.50"))


def test_a_refused_fee_keeps_what_was_typed(client, auth, seeded):
    auth.login(SECRETARIAT)
    response = client.post("/dues/fees?lang=en", data={
        "year": "2025", "entrance": "1e3", "annual": "4,200", "currency": "USD",
        "decision": "XXX:2.5"})
    body = _text(response)
    assert response.status_code == 400
    assert (_input(body, "entrance"), _input(body, "annual")) == ("1e3", "4,200")
    assert _input(body, "decision") == "XXX:2.5" and _selected(body, "currency") == "USD"
    assert ledger.fee_schedule(seeded, 2025) is None


def test_a_plan_takes_russian_dates_and_amounts(client, auth, seeded, moscow):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/accounts/{moscow.id}/plan", data={
        "currency": "EUR", "instalments": "30.06.2024 2 000,50\n2024-09-30 1 999,50"})
    assert response.status_code == 302
    rows = seeded.exec(select(Instalment).order_by(Instalment.due_on)).all()
    assert [(r.due_on, r.amount) for r in rows] == [
        (date(2024, 6, 30), Decimal("2000.50")), (date(2024, 9, 30), Decimal("1999.50"))]


def test_a_refused_plan_keeps_its_lines(client, auth, seeded, moscow):
    auth.login(SECRETARIAT)
    lines = "30.06.2024 2 000\n30.09.2024 1e3"
    response = client.post(f"/dues/accounts/{moscow.id}/plan?lang=en", data={
        "currency": "EUR", "instalments": lines, "comment": "As agreed by phone"})
    body = _text(response)
    assert response.status_code == 400
    assert "Each line needs a date and an amount" in html.unescape(body)
    assert _textarea(body, "instalments") == lines
    assert _input(body, "comment") == "As agreed by phone"
    seeded.refresh(moscow)
    assert not moscow.paused


def _unknown_debt(seeded):
    osh = ledger.account_for(seeded, seeded.exec(select(City).where(City.slug == "osh")).one())
    return seeded.exec(select(Charge).where(Charge.account_id == osh.id)).one()


def test_a_refused_debt_amount_stays_at_its_charge_as_typed(client, auth, seeded):
    auth.login(SECRETARIAT)
    debt = _unknown_debt(seeded)
    response = client.post(f"/dues/charges/{debt.id}/amount?lang=en",
                           data={"amount": "8e3", "currency": "RUB"})
    body = _text(response)
    assert response.status_code == 400
    assert _input(body, "amount") == "8e3" and _selected(body, "currency") == "RUB"
    assert "Enter the amount in figures" in body
    seeded.refresh(debt)
    assert not debt.amount_known


def test_a_debt_amount_is_read_in_russian(client, auth, seeded):
    auth.login(SECRETARIAT)
    debt = _unknown_debt(seeded)
    response = client.post(f"/dues/charges/{debt.id}/amount",
                           data={"amount": f"8{NNBSP}000", "currency": "EUR"})
    assert response.status_code == 302
    seeded.refresh(debt)
    assert debt.amount == Decimal("8000")


# ------------------------------------------------------------ sessions ----


def test_a_refused_item_keeps_everything_typed(client, auth, db, drafted):
    auth.login(SECRETARIAT)
    decision = db.exec(select(Decision)).one()
    count = len(items_of(db, decision))
    response = client.post("/sessions/29/items?lang=en", data={
        "section": "3", "text_ru": "Поручить Секретариату подготовить план.", "text_en": "",
        "executor_ru": "Секретариат", "executor_en": "Secretariat",
        "executor_role": "audit", "deadline": "31.12.2023", "deadline_precision": "month"})
    body = _text(response)
    assert response.status_code == 400
    assert 'id="text_en-errors"' in body
    assert _textarea(body, "text_ru") == "Поручить Секретариату подготовить план."
    assert _input(body, "executor_ru") == "Секретариат"
    assert _selected(body, "section") == "3" and _selected(body, "executor_role") == "audit"
    assert _selected(body, "deadline_precision") == "month"
    assert _input(body, "deadline") == "31.12.2023"  # not read on an English page: kept
    assert 'id="deadline-errors"' in body
    db.expire_all()
    assert len(items_of(db, decision)) == count


def test_an_item_takes_a_russian_deadline(client, auth, db, drafted):
    auth.login(SECRETARIAT)
    decision = db.exec(select(Decision)).one()
    response = client.post("/sessions/29/items", data={
        "section": "2", "text_ru": "Поручить.", "text_en": "To instruct.",
        "executor_ru": "Секретариат", "executor_role": "secretariat",
        "deadline": "31.12.2023", "deadline_precision": "day"})
    assert response.status_code == 302
    db.expire_all()
    assert any(i.deadline == date(2023, 12, 31) for i in items_of(db, decision))


def test_a_refused_session_plan_keeps_the_city_and_date(client, auth, db, drafted):
    auth.login(SECRETARIAT)
    response = client.post("/sessions?lang=en", data={"city": "moscow", "held_on": "2023-05-01"})
    body = _text(response)
    assert response.status_code == 400
    assert "after the last session" in body and 'id="held_on-errors"' in body
    assert _selected(body, "city") == "moscow" and _input(body, "held_on") == "2023-05-01"
    assert db.exec(select(AssemblySession).where(AssemblySession.number == 30)).first() is None


def test_an_unreadable_session_date_is_said_at_its_field(client, auth, db, drafted):
    auth.login(SECRETARIAT)
    response = client.post("/sessions", data={"city": "moscow", "held_on": "31.02.2024"})
    body = _text(response)
    assert response.status_code == 400
    assert "Такого дня нет" in body and _input(body, "held_on") == "31.02.2024"
    assert _selected(body, "city") == "moscow"


def test_a_session_is_planned_with_a_russian_date(client, auth, db, drafted):
    auth.login(SECRETARIAT)
    response = client.post("/sessions", data={"city": "moscow", "held_on": "20.05.2024"})
    assert response.status_code == 302
    planned = db.exec(select(AssemblySession).where(AssemblySession.number == 30)).one()
    assert planned.held_on == date(2024, 5, 20)


def test_a_refused_reason_to_leave_out_is_said_next_to_it(client, auth, db, drafted):
    auth.login(SECRETARIAT)
    item = items_of(db, db.exec(select(Decision)).one())[0]
    subject = item.subjects[0]["subject_id"]
    url = f"/sessions/29/items/{item.id}/subjects/{subject}/leave-out?lang=en"
    too_long = "Paid on the eve of the session. " * 20
    response = client.post(url, data={"reason": too_long})
    body = _text(response)
    assert response.status_code == 400
    reason_id = f"reason-{item.id}-{subject}"
    assert f'id="{reason_id}-errors"' in body
    assert _input(body, "reason") == too_long
    db.expire_all()
    assert not items_of(db, db.exec(select(Decision)).one())[0].subjects[0]["left_out"]


# -------------------------------------------------- officers, calendar ----


def test_the_composition_on_a_russian_date(client, seeded):
    assert client.get("/officers?on=24.05.2023").status_code == 200
    assert client.get("/officers?on=24.05.2023&lang=en").status_code == 400


def test_an_event_takes_a_russian_day_and_keeps_a_refused_one(client, auth, seeded):
    from tests.webapp.test_calendar_views import event_form

    auth.login(SECRETARIAT)
    refused = client.post("/calendar/events/new", data=event_form(starts_on="31.06.2025"))
    body = _text(refused)
    assert refused.status_code == 400
    assert "Такого дня нет" in body and _input(body, "starts_on") == "31.06.2025"
    assert _input(body, "title_ru") == "Форум городов"
    response = client.post("/calendar/events/new", data=event_form(starts_on="12.06.2025"))
    assert response.status_code == 302
    made = seeded.exec(select(Event).where(Event.title_ru == "Форум городов")).one()
    assert made.starts_on == date(2025, 6, 12)


def test_spaces_alone_are_no_session_date(client, auth, db, drafted):
    auth.login(SECRETARIAT)
    response = client.post("/sessions?lang=en", data={"city": "moscow", "held_on": "   "})
    body = _text(response)
    assert response.status_code == 400 and "This field is required." in body
    assert db.exec(select(AssemblySession).where(AssemblySession.number == 30)).first() is None


@pytest.mark.parametrize("blank", ["amount", "paid_on"])
def test_spaces_alone_are_no_amount_or_payment_date(client, auth, seeded, moscow, blank):
    auth.login(SECRETARIAT)
    response = client.post(f"/dues/accounts/{moscow.id}/payment?lang=en",
                           data=_payment(**{blank: f" {NBSP} "}))
    body = _text(response)
    assert response.status_code == 400
    assert f'id="{blank}-errors"' in body and "This field is required." in body
    assert seeded.exec(select(Payment)).all() == []
