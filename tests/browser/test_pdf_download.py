"""The decision's page offers its PDF; the browser downloads the signed document."""

from pathlib import Path

import pytest

from tests.pdf_reading import assert_a4_with_embedded_fonts, text

pytestmark = pytest.mark.browser


def test_the_decision_page_downloads_its_pdf(browser, live_server, seeded, screenshot):
    context = browser.new_context(locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server}/sessions/29/decision")
    screenshot(page, "decision-with-pdf-links")
    with page.expect_download() as download:
        page.locator("a.pdf-download[hreflang=en]").click()
    assert download.value.suggested_filename == "MAG-decision-XXIX-2023-05-25-en.pdf"
    data = Path(download.value.path()).read_bytes()
    assert_a4_with_embedded_fonts(data)
    assert "To warn the heads of the cities of Astrakhan, Barnaul" in text(data)
    context.close()
