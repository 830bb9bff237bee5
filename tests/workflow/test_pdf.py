"""The PDF renderer: A4 pages of the association, numbered in the document's language."""

import re

import pytest

from tests.pdf_reading import assert_a4_with_embedded_fonts, reader
from workflow import pdf


def _pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", (page.extract_text() or "").replace("\xa0", " "))
            for page in reader(data).pages]


def test_a_long_table_breaks_between_rows_with_its_header_on_every_page():
    rows = "".join(f"<tr><td>взнос {n}<br>за год {n}</td><td>{n} ₽</td></tr>" for n in range(70))
    made = pdf.render(f"<table><thead><tr><th>Взнос</th><th>Сумма</th></tr></thead>"
                      f"<tbody>{rows}</tbody></table>", language="ru", title="Таблица")
    pages = _pages(made.data)
    assert made.pages == len(pages) > 1
    assert_a4_with_embedded_fonts(made.data)
    for n in range(70):  # both lines of a row on the same page: no row cut in two
        assert [i for i, t in enumerate(pages) if f"взнос {n} " in t] == \
               [i for i, t in enumerate(pages) if f"за год {n} " in t]
    for number, words in enumerate(pages, start=1):
        assert "Взнос Сумма" in words and f"Страница {number} из {len(pages)}" in words
    assert "Международная Ассамблея" not in pages[0]  # the running heading: after page one
    assert "Ассоциация «Международная Ассамблея столиц и крупных городов» (МАГ)" in pages[1]


def test_an_english_document_is_numbered_in_english():
    made = pdf.render("<p>" + "A line of the decision. " * 400 + "</p>", language="en",
                      title="Decision")
    pages = _pages(made.data)
    assert len(pages) > 1 and f"Page 1 of {len(pages)}" in pages[0]
    assert f"Page 2 of {len(pages)}" in pages[1] and "Страница" not in " ".join(pages)
    assert 'Association "International Assembly of Capitals and Major Cities" (MAG)' in pages[1]


def test_a_document_fetches_nothing_and_an_unknown_language_is_refused():
    made = pdf.render('<p>Текст</p><img src="http://127.0.0.1:9/logo.png">', language="ru",
                      title="t")
    assert "Текст" in _pages(made.data)[0]
    with pytest.raises(pdf.RenderFailed, match="no such document language"):
        pdf.render("<p>Text</p>", language="de", title="t")
