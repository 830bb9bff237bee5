"""The Board endorses a nomination in the browser; the Board's composition before and after."""

from datetime import date

import pytest
from sqlmodel import select

from models import AssemblySession, Person, Role, SessionStatus
from tests.browser.actions import submit

pytestmark = pytest.mark.browser

PASSWORD = "magflow-demo-2024"


def login(page, base, email):
    page.goto(f"{base}/login?lang=en")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def logout(page):
    page.get_by_role("button", name="Log out").click()


def board_on(page, base, day):
    page.goto(f"{base}/officers/bodies/board?lang=en")
    page.fill("#on", day)
    submit(page.get_by_role("button", name="Show"))
    return page.locator("table.composition tbody tr").all_inner_texts()


def test_board_endorses_and_the_session_elects(browser, live_server, seeded, screenshot,
                                               make_user):
    seeded.add(AssemblySession(number=30, held_on=date(2024, 5, 20),
                               status=SessionStatus.planned))
    seeded.commit()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()

    before = board_on(page, live_server, "2023-05-24")
    after = board_on(page, live_server, "2023-05-26")
    assert any("Kulginov" in row for row in before) and not any("Kulginov" in r for r in after)
    assert any("Khugaev" in row for row in after) and not any("Khugaev" in r for r in before)
    screenshot(page, "board-26-may-2023")

    login(page, live_server, "secretariat@demo.magflow")
    page.goto(f"{live_server}/officers/nominate")
    page.select_option("#person", label="Kulginov Altai Seidirovich")
    page.select_option("#position", label="Member of the Board – Vice-President of MAG")
    page.fill("#nominated_on", "2024-04-01")
    page.get_by_role("button", name="Nominate", exact=True).click()
    appointment_url = page.url
    assert "Nominated" in page.locator(".appointment-state").inner_text()
    logout(page)

    # Five of the eight sitting members: the four demo accounts and one made for Kobets.
    kobets = make_user(Role.board, password=PASSWORD, email="kobets@test.magflow")
    kobets.person_id = seeded.exec(select(Person.id).where(Person.slug == "kobets")).one()
    seeded.add(kobets)
    seeded.commit()
    for email in ("board1@demo.magflow", "board2@demo.magflow", "board3@demo.magflow",
                  "president@demo.magflow", kobets.email):
        login(page, live_server, email)
        page.goto(appointment_url)
        vote = page.locator(".workflow-quorum[data-transition=endorse]")
        submit(vote.get_by_role("button", name="Approve"))
        screenshot(page, f"vote-{email.split('@')[0]}")
        logout(page)
    page.goto(appointment_url)
    login(page, live_server, "secretariat@demo.magflow")
    page.goto(appointment_url)
    assert page.locator(".appointment-state").inner_text() == "Endorsed by the Board"

    page.goto(f"{live_server}/officers/pending")
    assert "Kulginov" in page.locator(".pending-nominations").inner_text()
    assert not any("Kulginov" in row for row in board_on(page, live_server, "2024-05-20"))
    screenshot(page, "board-before-session-xxx")

    page.goto(appointment_url)
    elect = page.locator("form.workflow-action[data-transition=elect]")
    elect.get_by_label("Decision reference").fill("XXX:3.4")
    submit(elect.get_by_role("button", name="Record the election"))
    assert page.locator(".appointment-state").inner_text() == "Elected by the session"

    assert any("Kulginov" in row for row in board_on(page, live_server, "2024-05-20"))
    screenshot(page, "board-after-session-xxx")
    assert not any("Kulginov" in row for row in board_on(page, live_server, "2024-05-19"))
    context.close()
