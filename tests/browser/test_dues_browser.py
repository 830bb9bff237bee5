"""The secretariat records a payment in the browser and sees the standing change."""

import pytest
from sqlmodel import select

from models import City
from tests.browser.actions import submit
from workflow import ledger

pytestmark = pytest.mark.browser


def test_secretariat_records_a_payment_and_the_account_returns_to_good_standing(
    browser, live_server, seeded, screenshot
):
    ledger.charge_annual_fees(seeded, year=2024)
    moscow = ledger.account_for(seeded, seeded.exec(select(City).where(City.slug == "moscow")).one())
    moscow.state = "reminded"
    seeded.add(moscow)
    seeded.commit()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/login?lang=en")
    page.get_by_label("E-mail").fill("secretariat@demo.magflow")
    page.get_by_label("Password").fill("magflow-demo-2024")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/dues/accounts/{moscow.id}")
    assert page.locator(".standing .step").inner_text() == "Reminded"
    screenshot(page, "ledger-reminded")
    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Amount").fill("4000.001")
    page.get_by_label("Paid on").fill("2024-04-15")
    page.get_by_label("Bank reference").fill("PP-2024-118")
    submit(page.get_by_role("button", name="Record the payment"))
    assert page.get_by_text("Amounts have at most two decimal places, e.g. 1,000.50.").is_visible()
    screenshot(page, "payment-refused")
    page.get_by_label("Amount").fill("4000.00")
    submit(page.get_by_role("button", name="Record the payment"))
    assert page.get_by_text("The payment is recorded.").is_visible()
    assert page.locator(".standing .step").inner_text() == "Good standing"
    assert page.get_by_text("PP-2024-118").is_visible()
    screenshot(page, "ledger-good-standing")
    context.close()
