"""The whole admission of a city in headless Chromium, one browser context per person.

The applicant arrives by invitation and submits; the Secretariat asks for
information; the applicant answers; the Secretariat forwards; two of three
Board members approve; the Secretariat records session XXX's decision and
the entrance fee payment (on the dues page); the city is listed as a member.
"""

from datetime import date

import pytest
from sqlmodel import select

from models import AssemblySession, City, Role, User
from models.admission import Application
from models.dues import Account
from tests.browser.actions import submit
from tests.workflow.admission_factories import COMPLETE, PDF
from webapp.auth.operations import invite_city
from workflow import ledger

pytestmark = pytest.mark.browser
DEMO = "magflow-demo-2024"


@pytest.fixture
def invitation(seeded):
    """Session XXX (held today: a session may decide only on what was submitted before it),
    this year's fees, and Tver's invitation link."""
    today = date.today()
    seeded.add(AssemblySession(number=30, held_on=today))
    seeded.commit()
    if ledger.fee_schedule(seeded, today.year) is None:
        ledger.set_fee_schedule(seeded, year=today.year, entrance="1000", annual="4000",
                                currency="EUR", actor=None)
    office = seeded.exec(select(User).where(User.role == Role.secretariat)).first()
    _invitation, token = invite_city(seeded, name_ru="Тверь", name_en="Tver",
                                     email="tver@city.example", issued_by=office, days=14)
    return token


def _person(browser, live_server, email=None, screenshot=None):
    """A browser context of one person, logged in through the form when ``email`` is given."""
    page = browser.new_context(locale="en-GB").new_page()
    if email:
        page.goto(f"{live_server}/login")
        page.fill("[name=email]", email)
        page.fill("[name=password]", DEMO)
        page.locator("main form button[type=submit]").click()
        if screenshot is not None:
            screenshot(page, f"{email.split('@')[0]}-home")
    return page


def _board_account(db, make_user, slug):
    """An account, with the demo password, for a seated Board member; its e-mail."""
    from models import Person

    user = make_user(Role.board, password=DEMO, email=f"{slug}@test.magflow")
    user.person_id = db.exec(select(Person.id).where(Person.slug == slug)).one()
    db.add(user)
    db.commit()
    return user.email


def _act(page, transition, **inputs):
    form = page.locator(f"form[data-transition='{transition}']")
    for name, value in inputs.items():
        form.locator(f"[name=fire-{transition}-{name}]").fill(value)
    form.locator("button[type=submit]").click()


def _state(page):
    return page.locator("#application-state").inner_text()


def test_a_city_is_admitted_from_invitation_to_membership(
    browser, live_server, seeded, invitation, screenshot, make_user
):
    applicant = _person(browser, live_server)
    applicant.goto(f"{live_server}/invitation/{invitation}")
    applicant.fill("[name=display_name]", "Tver representative")
    applicant.fill("[name=password]", "tver-password-2024")
    applicant.fill("[name=confirm]", "tver-password-2024")
    screenshot(applicant, "applicant-invitation")
    applicant.locator("main form button[type=submit]").click()
    applicant.goto(f"{live_server}/admission")
    screenshot(applicant, "applicant-start")
    applicant.get_by_role("button", name="Open the application").click()
    for name, value in COMPLETE.items():
        if isinstance(value, bool) or name == "fees_year":
            continue
        applicant.fill(f"[name={name}]", str(value))
    applicant.check("[name=charter_accepted]")
    applicant.check("[name=fees_accepted]")
    assert "€1,000" in applicant.content() and "€4,000" in applicant.content()
    applicant.set_input_files("[name=letter]", files=[
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    screenshot(applicant, "applicant-form")
    submit(applicant.get_by_role("button", name="Submit the application"))
    assert _state(applicant) == "Submitted"
    screenshot(applicant, "applicant-submitted")
    url = applicant.url

    office = _person(browser, live_server, "secretariat@demo.magflow", screenshot)
    office.goto(f"{live_server}/office/admission")
    screenshot(office, "office-list")
    office.get_by_role("link", name="Tver").click()
    screenshot(office, "office-submitted")
    _act(office, "take")
    screenshot(office, "office-in-review")
    _act(office, "request_info", comment="Please state the region's <b>population</b>.")
    assert _state(office) == "Information requested"
    screenshot(office, "office-requested")

    applicant.goto(url)
    assert "Please state the region's <b>population</b>." in applicant.inner_text("main")
    screenshot(applicant, "applicant-request")
    applicant.get_by_role("link", name="Answer and resubmit").click()
    applicant.fill("[name=answer]", "The region has 1.2 million people.")
    screenshot(applicant, "applicant-answer")
    submit(applicant.get_by_role("button", name="Answer and resubmit"))
    assert _state(applicant) == "In review by the Secretariat"
    screenshot(applicant, "applicant-resubmitted")

    office.goto(url)
    screenshot(office, "office-answered")
    _act(office, "forward")
    assert _state(office) == "With the Board"
    screenshot(office, "office-forwarded")

    # The Board has eight members and the demo accounts for four: its majority (five)
    # needs the account the Secretariat makes for a fifth member, Kobets.
    voters = ["board1@demo.magflow", "board2@demo.magflow", "board3@demo.magflow",
              "president@demo.magflow", "kobets"]
    for n, email in enumerate(voters, start=1):
        if email == "kobets":
            email = _board_account(seeded, make_user, "kobets")
        board = _person(browser, live_server, email, screenshot)
        board.goto(url)
        if n == 1:
            assert "only 4 members can vote on this site" in board.inner_text("main")
        screenshot(board, f"board{n}-before")
        submit(board.locator("form.workflow-vote button[value=approve]"))
        screenshot(board, f"board{n}-after")
        board.context.close()
    office.goto(url)
    assert _state(office) == "Recommended by the Board"
    screenshot(office, "office-recommended")
    _act(office, "admit", decision="XXX:1.1")
    assert _state(office) == "Admitted by the session"
    screenshot(office, "office-admitted")

    seeded.expire_all()
    tver = seeded.exec(select(City).where(City.name_en == "Tver")).one()
    account = seeded.exec(select(Account).where(Account.city_id == tver.id)).one()
    office.goto(f"{live_server}/dues/accounts/{account.id}/payment")
    office.fill("[name=amount]", "1000")
    office.select_option("[name=currency]", "EUR")
    office.fill("[name=paid_on]", date.today().isoformat())
    office.fill("[name=bank_reference]", "TVER-ENTRANCE-1")
    screenshot(office, "office-payment")
    submit(office.get_by_role("button", name="Record the payment"))
    screenshot(office, "office-paid")
    office.goto(url)
    assert _state(office) == "Member"
    screenshot(office, "office-member")

    visitor = _person(browser, live_server)
    visitor.goto(f"{live_server}/cities")
    assert visitor.locator("#members").get_by_text("Tver").is_visible()
    screenshot(visitor, "public-members")
    seeded.expire_all()
    assert seeded.get(Application, seeded.exec(
        select(Application.id).where(Application.city_id == tver.id)).one()).state == "member"
    for page in (applicant, office, visitor):
        page.context.close()
