"""Every main page fits a phone: no sideways scrolling at 360 and 390 px, in both languages.

PAGES is the one table of the pages each role uses; one browser context per
role visits them in Russian and English, measures
``document.documentElement.scrollWidth`` and the buttons lower than 44 px at
each phone's width, and saves a screenshot of each (test-artifacts/phone-layout/,
with widths.json).
"""

import json

import pytest
from sqlmodel import select

from models import Role, User
from models.admission import Application
from tests.browser.actions import submit
from tests.browser.conftest import ARTIFACTS
from workflow import engine
from workflow.admission import ADMISSION

pytestmark = pytest.mark.browser

DEMO = "magflow-demo-2024"
PHONES = {"360": {"width": 360, "height": 740}, "390": {"width": 390, "height": 844}}
LANGUAGES = ("ru", "en")

# (who, login or None, pages). Seeded: Brest's application is no. 2, Moscow is a member,
# session XXIX has a signed decision, account 1 has letters.
PAGES = [
    ("public", None, [
        "/", "/cities", "/cities/moscow", "/calendar", "/calendar/events/1", "/officers",
        "/officers/bodies/board", "/officers/people/yalalov", "/officers/documents",
        "/workflows", "/workflows/admission", "/workflows/arrears", "/login",
    ]),
    ("applicant", "brest@demo.magflow", ["/", "/admission", "/admission/2", "/dues/mine",
                                         "/inbox"]),
    ("member", "moscow@demo.magflow", ["/", "/cities/moscow", "/dues/mine", "/inbox"]),
    ("secretariat", "secretariat@demo.magflow", [
        "/", "/inbox", "/office/admission", "/admission/1", "/office/invitations",
        "/dues/", "/dues/debtors", "/dues/accounts/1", "/dues/accounts/1/payment",
        "/dues/accounts/1/plan", "/dues/fees", "/dues/contributions", "/dues/letters/1/ru",
        "/sessions", "/sessions/29", "/sessions/29/decision", "/sessions/29/changes",
        "/sessions/execution", "/calendar", "/calendar/plan", "/calendar/events/new",
        "/calendar/events/1", "/officers", "/officers/bodies/board", "/officers/pending",
        "/officers/appointments/1", "/officers/nominate", "/officers/people/new",
    ]),
    ("board", "board1@demo.magflow", ["/", "/inbox", "/office/admission", "/admission/1",
                                      "/sessions", "/sessions/execution", "/dues/debtors"]),
    ("audit", "audit@demo.magflow", ["/", "/inbox", "/dues/debtors", "/dues/accounts/1",
                                     "/sessions/execution"]),
    ("president", "president@demo.magflow", ["/", "/inbox", "/sessions/29/decision",
                                             "/calendar/plan", "/sessions/execution"]),
]

# The page's width, and the buttons on it lower than a thumb (44 px): link-styled ones aside.
MEASURE = """() => ({width: document.documentElement.scrollWidth,
  small: [...document.querySelectorAll('main button:not(.link)')]
    .filter(b => b.getClientRects().length && b.getBoundingClientRect().height < 44)
    .map(b => b.textContent.trim())})"""


def log_in(page, live_server, email):
    page.goto(f"{live_server}/login")
    page.fill("#email", email)
    page.fill("#password", DEMO)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/login" not in page.url, email


def _with_language(url, language):
    return f"{url}{'&' if '?' in url else '?'}lang={language}"


def _shot_name(who, phone, language, url):
    slug = url.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "home"
    return f"{phone}-{language}-{who}-{slug}.png"


def _measure(browser, live_server, who, email, urls):
    """Width and small buttons of each page in each language on each phone, for one role.

    One phone-sized context per role: each page is loaded once and laid out again at
    each width (the viewport changes, the media queries follow), which halves the loads.
    """
    folder = ARTIFACTS / "phone-layout"
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=PHONES["390"], is_mobile=True, has_touch=True)
    page = context.new_page()
    widths = {}
    try:
        if email:
            log_in(page, live_server, email)
        for language in LANGUAGES:
            for url in urls:
                response = page.goto(f"{live_server}{_with_language(url, language)}")
                assert response.status == 200, (who, url, response.status)
                assert page.locator("html").get_attribute("lang") == language, (who, url)
                for phone, size in PHONES.items():
                    page.set_viewport_size(size)
                    widths[(who, phone, language, url)] = page.evaluate(MEASURE)
                    # The whole page at 390 px; the first screen at 360 px, which is quicker.
                    page.screenshot(path=str(folder / _shot_name(who, phone, language, url)),
                                    full_page=phone == "390")
    finally:
        context.close()
    return widths


def test_every_main_page_fits_a_phone_in_both_languages(browser, live_server, seeded,
                                                        database_url):
    if database_url.startswith("postgresql"):
        pytest.skip("the layout does not depend on the database: measured once, on SQLite")
    widths = {}
    for who, email, urls in PAGES:
        widths |= _measure(browser, live_server, who, email, urls)
    (ARTIFACTS / "phone-layout" / "widths.json").write_text(json.dumps(
        {" ".join(key): found["width"] for key, found in widths.items()}, indent=0))
    too_wide = {key: found["width"] for key, found in widths.items()
                if found["width"] > PHONES[key[1]]["width"]}
    assert too_wide == {}
    assert {key: found["small"] for key, found in widths.items() if found["small"]} == {}


def _on_screen(control, width):
    """``control`` scrolled into view lies wholly inside the screen's width."""
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    return control


def test_board_member_approves_an_application_on_a_phone(browser, live_server, seeded):
    arkadag = seeded.exec(select(Application).where(Application.id == 1)).one()
    office = seeded.exec(select(User).where(User.role == Role.secretariat)).first()
    engine.fire(seeded, ADMISSION, arkadag, "forward", actor=office)
    context = browser.new_context(viewport=PHONES["390"], is_mobile=True, has_touch=True,
                                  locale="en-GB")
    page = context.new_page()
    log_in(page, live_server, "board1@demo.magflow")
    page.goto(f"{live_server}/?lang=en")
    _on_screen(page.locator("header .menu > summary"), 390).click()
    submit(_on_screen(page.get_by_role("link", name="Inbox"), 390))
    submit(_on_screen(page.get_by_role("link", name="Application of Arkadag"), 390))
    vote = page.locator(".workflow-quorum[data-transition=recommend] form.workflow-vote")
    approve = _on_screen(vote.get_by_role("button", name="Approve"), 390)
    objection = _on_screen(vote.get_by_role("button", name="Object"), 390)
    for button in (approve, objection):
        assert button.bounding_box()["height"] >= 44
    apart = objection.bounding_box()["y"] - (approve.bounding_box()["y"]
                                             + approve.bounding_box()["height"])
    assert apart >= 8  # far enough apart for a thumb
    _on_screen(vote.get_by_label("Comment"), 390).fill("The documents are in order.")
    submit(approve)
    assert page.locator(".workflow-quorum[data-transition=recommend] .my-vote").inner_text() \
        == "You approved."
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "phone-layout" / "board-approves.png"), full_page=True)
    context.close()
