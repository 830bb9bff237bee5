"""A secretary takes an example ticket into review through the workflow panel in Chromium."""

import pytest
from flask import render_template_string

from models import City, Role
from tests.workflow.conftest import tickets  # noqa: F401 - fixtures
from tests.workflow.example import TICKETS, Ticket

pytestmark = pytest.mark.browser

PAGE = """{% extends "base.html" %}{% block content %}<h1>{{ ticket.title }}</h1>
{% from "workflows/_panel.html" import workflow_panel %}{{ workflow_panel(workflow, ticket) }}
{% endblock %}"""


@pytest.fixture
def app(app):
    def ticket_page(ticket_id):
        from webapp.extensions import db

        ticket = db.session.get(Ticket, ticket_id)
        return render_template_string(PAGE, workflow=TICKETS, ticket=ticket)

    app.add_url_rule("/example/tickets/<int:ticket_id>", "ticket_page", ticket_page)
    return app


def test_secretary_takes_a_ticket_into_review_through_the_panel(
    browser, live_server, db, tickets, make_user, screenshot  # noqa: F811
):
    city = City(slug="brest", name_ru="Брест", name_en="Brest")
    db.add(city)
    db.commit()
    ticket = tickets(city_id=city.id, state="submitted", title="Letter of intent")
    make_user(Role.secretariat, email="clerk@test.magflow", display_name="Clerk Petrova",
              locale="en")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill("clerk@test.magflow")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/example/tickets/{ticket.id}")
    assert page.locator(".workflow-panel .state-label").inner_text() == "Submitted"
    assert page.locator("svg .state.current").get_attribute("data-state") == "submitted"
    screenshot(page, "before")

    form = page.locator('form[data-transition="take"]')
    form.get_by_role("button", name="Take into review").click()
    # The comment is required: the browser keeps the form until it is filled.
    assert page.locator(".workflow-panel .state-label").inner_text() == "Submitted"
    form.get_by_label("Comment").fill("The application is complete.")
    form.get_by_role("button", name="Take into review").click()

    page.wait_for_selector(".flash")
    assert "Done: Take into review." in page.locator(".flashes").inner_text()
    assert page.locator(".workflow-panel .state-label").inner_text() == "In review"
    step = page.locator(".workflow-timeline li.change").first
    assert "Submitted → In review" in step.inner_text()
    assert "Clerk Petrova" in step.inner_text()
    assert "The application is complete." in step.inner_text()
    current = page.locator("svg .state.current")
    assert current.get_attribute("data-state") == "review"
    assert current.locator("rect").first.get_attribute("fill") == "#0b5cad"
    assert page.locator('svg .edge.taken[data-from="submitted"][data-to="review"]').count() == 1
    assert page.locator('form[data-transition="take"]').count() == 0
    screenshot(page, "after")
    context.close()
