"""axe-core finds no serious or critical violation on the main pages, in both languages.

Each area adds its main pages to PAGES (anonymous) or OFFICE_PAGES (seen by
the secretariat after logging in).
"""

import pytest

from tests.browser.a11y import violations

pytestmark = pytest.mark.browser

PAGES = ["/", "/cities", "/cities/yerevan", "/login", "/no-such-page",
         "/officers", "/officers/bodies/board?on=2023-05-24", "/officers?on=bad",
         "/officers/people/yalalov", "/officers/documents"]
OFFICE_PAGES = ["/", "/office/invitations", "/officers/pending", "/officers/appointments/1",
                "/officers/nominate", "/officers/people/new"]


@pytest.fixture
def context(browser):
    # axe-core is injected as a script; the app's CSP (rightly) forbids that.
    context = browser.new_context(bypass_csp=True)
    yield context
    context.close()


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
    page.goto(f"{live_server}/login?lang={language}")
    page.fill("#email", "secretariat@demo.magflow")
    page.fill("#password", "magflow-demo-2024")
    page.click("button[type=submit]")
    found = {}
    for url in OFFICE_PAGES:
        page.goto(f"{live_server}{url}")
        found[url] = violations(page)
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
