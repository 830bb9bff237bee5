"""An event goes from the form to the public feed, through every approval step, in Chromium."""

import pytest

from tests.browser.actions import submit
from tests.calendars.conftest import parse_both

pytestmark = pytest.mark.browser
PASSWORD = "magflow-demo-2024"


def log_in(page, base, email):
    page.goto(f"{base}/login?lang=en")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def take_step(page, base, event_url, email, button):
    log_in(page, base, email)
    page.goto(event_url)
    submit(page.get_by_role("button", name=button))
    assert page.locator(".flash.success").is_visible()
    log_out(page)


def test_secretariat_enters_and_publishes_an_event_that_reaches_the_feed(
        browser, live_server, seeded, screenshot):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    log_in(page, live_server, "secretariat@demo.magflow")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plan of events").click()
    page.get_by_role("link", name="Enter an event").click()
    page.get_by_label("Title in Russian").fill("Форум молодёжи городов")
    page.get_by_label("Title in English").fill("Youth forum of cities")
    page.get_by_label("Kind").select_option("forum")
    page.get_by_label("City", exact=True).select_option("minsk")
    page.get_by_label("Date precision").select_option("day_range")
    page.get_by_label("Day (or first day of a range)").fill("2025-09-08")
    page.get_by_label("Last day of a range").fill("2025-09-09")
    screenshot(page, "event-form")
    submit(page.get_by_role("button", name="Save"))
    assert page.locator("#event-state").inner_text() == "Proposed"
    event_url = page.url
    page.get_by_role("button", name="Consolidate").click()
    submit(page.get_by_role("button", name="Submit to the President"))
    assert page.locator("#event-state").inner_text() == "Submitted to the President"
    log_out(page)

    take_step(page, live_server, event_url, "president@demo.magflow", "Approve")
    log_in(page, live_server, "secretariat@demo.magflow")
    page.goto(event_url)
    submit(page.get_by_role("button", name="Publish"))
    assert page.locator("#event-state").inner_text() == "Published"
    screenshot(page, "event-published")
    log_out(page)

    page.goto(f"{live_server}/calendar?year=2025&month=9&lang=en")
    assert page.get_by_role("link", name="Youth forum of cities").first.is_visible()
    https = page.locator("#subscribe-https-en").get_attribute("href")
    assert page.locator("#subscribe-webcal-en").get_attribute("href").startswith("webcal://")
    screenshot(page, "calendar")
    feed = page.request.get(https)
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    strict, _loose = parse_both(feed.body())
    (found,) = [e for e in strict.events if e.summary == "Youth forum of cities"]
    assert (found.dtstart.isoformat(), found.dtend.isoformat()) == ("2025-09-08", "2025-09-10")
    context.close()
