"""The Secretariat drafts, edits and adopts a decision; the President signs; it prints."""

import pytest

from tests.browser.actions import submit
from tests.workflow.xxix import before_xxix

pytestmark = pytest.mark.browser


def login(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("Электронная почта").fill(email)
    page.get_by_label("Пароль").fill("magflow-demo-2024")
    page.get_by_role("button", name="Войти").click()


def test_secretariat_drafts_edits_adopts_and_the_decision_prints(browser, live_server, db,
                                                                  screenshot):
    state = before_xxix(db)
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    login(page, live_server, "secretariat@demo.magflow")
    page.goto(f"{live_server}/sessions/29")
    submit(page.get_by_role("button", name="Составить проект решения"))
    assert "Кульгинова Алтая Сейдировича" in page.content()

    page.get_by_label("Раздел").select_option("2")
    page.get_by_label("Текст на русском языке").fill("Утвердить бюджет МАГ на 2023 г.")
    page.get_by_label("Текст на английском языке").fill("To approve the MAG budget for 2023.")
    submit(page.get_by_role("button", name="Добавить пункт"))
    assert "Пункт добавлен." in page.content()

    page.get_by_role("link", name="Изменить текст пункта 2.1").click()
    page.get_by_label("Текст на русском языке").fill("Утвердить:\nбюджет МАГ на 2023 г.")
    submit(page.get_by_role("button", name="Сохранить пункт"))
    assert "Пункт сохранён." in page.content()

    if state["arrears"]:
        reason = page.get_by_label("Причина исключения: Элиста: счёт взносов")
        reason.fill("Погасила задолженность накануне сессии")
        submit(reason.locator("xpath=..").get_by_role("button", name="Исключить"))
        assert "исключено: Погасила задолженность" in page.content()
        assert "Шымкента о необходимости" in page.content()
    screenshot(page, "draft")

    submit(page.get_by_role("button", name="Принять решение"))
    assert "Решение сессии принято" in page.content()
    screenshot(page, "changes")

    context.clear_cookies()
    login(page, live_server, "president@demo.magflow")
    page.goto(f"{live_server}/sessions/29")
    submit(page.get_by_role("button", name="Подписать решение"))
    assert "Решение подписано." in page.content()

    page.goto(f"{live_server}/sessions/29/decision")
    page.emulate_media(media="print")
    assert page.get_by_text("С.А. Кравчук").is_visible()
    assert page.locator("header.site").is_hidden()
    screenshot(page, "decision-print-ru")
    page.goto(f"{live_server}/sessions/29/decision?lang=en")
    assert page.get_by_text("S.A. Kravchuk").is_visible()
    screenshot(page, "decision-print-en")
    context.close()
