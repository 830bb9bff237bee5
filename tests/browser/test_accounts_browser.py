"""A Board member resets a forgotten password from the outbox's message; the admin
deactivates another user, whose open browser session is refused at its next click."""

import re

import pytest
from sqlmodel import select

from models import OutboxMessage
from seeding.loader import demo_password
from tests.browser.actions import submit
from webapp.accounts.operations import RESET_TEMPLATE

pytestmark = pytest.mark.browser

NEW = "a-brand-new-password-2024"


def _log_in(page, base, email, password):
    page.goto(f"{base}/login?lang=en")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    submit(page.get_by_role("button", name="Log in"))


def _reset_link(db):
    db.expire_all()
    message = db.exec(select(OutboxMessage).where(OutboxMessage.template == RESET_TEMPLATE)
                      .order_by(OutboxMessage.id.desc())).first()
    return re.search(r"https?://\S+/password/reset/[\w-]+", message.params["url"]).group(0)


def test_board_member_resets_the_password_from_the_message(browser, live_server, seeded,
                                                           screenshot):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/login?lang=en")
    submit(page.get_by_role("link", name="Forgot your password?"))
    page.get_by_label("E-mail").fill("board2@demo.magflow")
    submit(page.get_by_role("button", name="Send the link"))
    assert "If an account has this address" in page.content()
    link = _reset_link(seeded)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(NEW)
    page.get_by_label("Repeat the new password").fill(NEW)
    screenshot(page, "password-reset")
    submit(page.get_by_role("button", name="Set the password"))
    assert "Your new password is set" in page.content()
    assert "Log out" in page.content()
    page.goto(link)
    assert "already been used" in page.content()
    context.close()
    fresh = browser.new_context(locale="en-GB").new_page()
    _log_in(fresh, live_server, "board2@demo.magflow", NEW)
    assert "Welcome" in fresh.content()
    fresh.context.close()


def test_deactivated_users_open_session_is_refused_at_its_next_click(browser, live_server,
                                                                     seeded, screenshot):
    member = browser.new_context(locale="en-GB").new_page()
    _log_in(member, live_server, "audit@demo.magflow", demo_password())
    member.goto(f"{live_server}/dues/?lang=en")
    assert "Log out" in member.content()
    admin = browser.new_context(locale="en-GB").new_page()
    _log_in(admin, live_server, "admin@demo.magflow", demo_password())
    admin.goto(f"{live_server}/office/users?lang=en")
    submit(admin.get_by_role("link", name="Ревизионная комиссия"))
    submit(admin.get_by_role("button", name="Deactivate the account"))
    assert "The account is changed." in admin.content()
    screenshot(admin, "account-deactivated")
    submit(member.get_by_role("link", name="Dues", exact=True))
    assert "/login" in member.url
    assert "Log out" not in member.content()
    admin.context.close()
    member.context.close()
