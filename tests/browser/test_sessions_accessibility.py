"""axe-core finds no serious violation on the sessions pages, in both languages."""

import pytest

from tests.browser.a11y import violations
from tests.workflow.xxix import before_xxix
from workflow.drafting import generate_draft, items_of

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser):
    # axe-core is injected as a script; the app's CSP (rightly) forbids that.
    context = browser.new_context(bypass_csp=True)
    yield context
    context.close()


def log_in(page, live_server, language):
    page.goto(f"{live_server}/login?lang={language}")
    page.fill("#email", "secretariat@demo.magflow")
    page.fill("#password", "magflow-demo-2024")
    page.click("button[type=submit]")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_draft_pages_have_no_serious_violations(context, live_server, db, language):
    state = before_xxix(db)
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    item = items_of(db, decision)[0]
    page = context.new_page()
    log_in(page, live_server, language)
    found = {}
    for url in ["/sessions", "/sessions/29", "/sessions/29/draft",
                f"/sessions/29/items/{item.id}"]:
        page.goto(f"{live_server}{url}")
        found[url] = violations(page)
    assert {url: v for url, v in found.items() if v} == {}


@pytest.mark.parametrize("language", ["ru", "en"])
def test_signed_decision_and_control_pages_have_no_serious_violations(context, live_server,
                                                                      seeded, language):
    page = context.new_page()
    log_in(page, live_server, language)
    found = {}
    for url in ["/sessions/29/decision", "/sessions/29/draft", "/sessions/29/changes",
                "/sessions/execution"]:
        page.goto(f"{live_server}{url}")
        found[url] = violations(page)
    assert {url: v for url, v in found.items() if v} == {}
