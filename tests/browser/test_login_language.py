"""A person logs in, switches to English and back, in headless Chromium."""

import pytest

from tests.browser.actions import submit

pytestmark = pytest.mark.browser


def test_secretariat_logs_in_and_switches_language(browser, live_server, seeded, screenshot):
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server}/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.get_by_role("link", name="Войти").first.click()
    page.get_by_label("Электронная почта").fill("secretariat@demo.magflow")
    page.get_by_label("Пароль").fill("magflow-demo-2024")
    screenshot(page, "login-ru")
    submit(page.get_by_role("button", name="Войти"))
    assert "Ваша роль: Секретариат" in page.content()
    screenshot(page, "home-ru")
    submit(page.get_by_role("link", name="EN"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "You are logged in as: Secretariat" in page.content()
    submit(page.get_by_role("link", name="Cities", exact=True))
    assert page.locator("#members").get_by_text("Moscow").is_visible()
    screenshot(page, "cities-en")
    submit(page.get_by_role("link", name="RU"))
    assert page.locator("html").get_attribute("lang") == "ru"
    context.close()
