"""axe-core finds no serious or critical violation on the main pages, in both languages.

Each area adds its main pages to PAGES (anonymous), OFFICE_PAGES (seen by
the secretariat after logging in) or APPLICANT_PAGES (Brest's applicant);
one browser context per role and language visits them all.
"""

import pytest

from models import City, CityStatus, Role
from tests.browser.a11y import field_errors, violations

pytestmark = pytest.mark.browser

DEMO = "magflow-demo-2024"
PAGES = ["/", "/cities", "/cities/yerevan", "/login", "/no-such-page",
         "/officers", "/officers/bodies/board?on=2023-05-24", "/officers?on=bad",
         "/officers/people/yalalov", "/officers/documents",
         "/calendar", "/calendar/events/1", "/workflows", "/workflows/admission",
         "/password/forgot"]
OFFICE_PAGES = ["/", "/office/invitations", "/officers/pending", "/officers/appointments/1",
                "/officers/nominate", "/officers/people/new",
                "/calendar/events/1", "/calendar/plan", "/calendar/events/new",
                "/dues/", "/dues/accounts/1", "/dues/accounts/1/payment", "/dues/fees",
                "/dues/debtors", "/dues/contributions",
                "/admission/2", "/office/admission", "/inbox",
                "/account", "/office/users", "/office/users/4"]
# Brest's application is in review: /admission shows where it stands.
APPLICANT_PAGES = ["/", "/admission", "/admission/2", "/dues/mine", "/inbox"]


@pytest.fixture
def context(browser):
    # axe-core is injected as a script; the app's CSP (rightly) forbids that.
    context = browser.new_context(bypass_csp=True)
    yield context
    context.close()


def log_in(page, live_server, email, password=DEMO, language="en"):
    page.goto(f"{live_server}/login?lang={language}")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def _visit(page, live_server, urls, language):
    found = {}
    for url in urls:
        page.goto(f"{live_server}{url}")
        assert page.locator("html").get_attribute("lang") == language, url
        found[url] = violations(page)
    return {url: v for url, v in found.items() if v}


@pytest.mark.parametrize("language", ["ru", "en"])
def test_public_pages_have_no_serious_violations(context, live_server, seeded, language):
    page = context.new_page()
    found = {}
    for url in PAGES:
        page.goto(f"{live_server}{url}{'&' if '?' in url else '?'}lang={language}")
        found[url] = violations(page)
    assert {url: v for url, v in found.items() if v} == {}


@pytest.mark.parametrize("language", ["ru", "en"])
def test_office_pages_have_no_serious_violations(context, live_server, seeded, language):
    page = context.new_page()
    log_in(page, live_server, "secretariat@demo.magflow", language=language)
    assert _visit(page, live_server, OFFICE_PAGES, language) == {}


@pytest.fixture
def tver(seeded, make_user):
    """A newly invited city's applicant, who has not opened an application yet."""
    city = City(slug="tver", name_ru="Тверь", name_en="Tver", status=CityStatus.applicant)
    seeded.add(city)
    seeded.commit()
    return make_user(Role.applicant, city=city, email="tver@test.magflow",
                     password="a-long-test-password")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_applicant_pages_have_no_serious_violations(context, live_server, tver, language):
    page = context.new_page()
    log_in(page, live_server, "brest@demo.magflow", language=language)
    found = _visit(page, live_server, APPLICANT_PAGES, language)
    page.context.clear_cookies()
    # A city without an application: the start page, then the application form.
    log_in(page, live_server, tver.email, "a-long-test-password", language)
    found |= _visit(page, live_server, ["/admission"], language)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/edit")
    found[page.url] = violations(page)
    assert {url: v for url, v in found.items() if v} == {}


def test_form_errors_are_announced_next_to_their_fields(context, live_server, seeded):
    page = context.new_page()
    page.goto(f"{live_server}/login?lang=en")
    page.click("button[type=submit]")
    email = page.locator("#email")
    assert email.get_attribute("aria-invalid") == "true"
    described = email.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").get_attribute("role") == "alert"
    assert violations(page) == []


def _bad_submit(page, url, button, prepare=lambda page: None):
    page.goto(url)
    prepare(page)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    return field_errors(page)


def test_office_form_errors_are_next_to_their_fields_and_linked(context, live_server, seeded):
    """The payment form and the event form, submitted empty: each error is at its field."""
    page = context.new_page()
    log_in(page, live_server, "secretariat@demo.magflow")
    found = {
        "payment": _bad_submit(page, f"{live_server}/dues/accounts/1/payment",
                               "Record the payment"),
        "payment violations": violations(page),
        # An exact day without the day, and no title in either language.
        "event": _bad_submit(page, f"{live_server}/calendar/events/new", "Save",
                             lambda page: page.select_option("#precision", "day")),
        "event violations": violations(page),
    }
    assert found == {
        "payment": {"invalid": {"amount": [], "paid_on": [], "bank_reference": []},
                    "orphans": []},
        "payment violations": [],
        "event": {"invalid": {"title_ru": [], "starts_on": []}, "orphans": []},
        "event violations": [],
    }


def test_application_form_errors_are_next_to_their_fields_and_linked(context, live_server,
                                                                     tver):
    page = context.new_page()
    log_in(page, live_server, tver.email, "a-long-test-password")
    page.goto(f"{live_server}/admission")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the application").click()
    found = _bad_submit(page, page.url, "Submit the application")
    assert {"head_name", "contact_email", "motivation", "letter", "charter_accepted",
            "fees_accepted"} <= set(found["invalid"])
    assert {name: wrong for name, wrong in found["invalid"].items() if wrong} == {}
    assert found["orphans"] == []
    assert violations(page) == []
