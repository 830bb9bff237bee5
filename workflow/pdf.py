"""PDF documents with WeasyPrint: an HTML body on A4 pages of the association.

``render(body, language=, title=)`` puts a document's HTML (the same markup
its web page shows) on A4 with the association's heading on the following
pages and "page N of M" in the document's own language, and returns the
bytes with the page count. The fonts are Debian's Liberation Serif, with
DejaVu Serif for the signs it lacks (₽); WeasyPrint embeds the subsets used.
Nothing is fetched: a document that names an outside resource renders
without it. Any failure of WeasyPrint is a ``RenderFailed`` saying why.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

FOLDER = Path(__file__).resolve().parent / "pdf_templates"
TEMPLATES = Environment(loader=FileSystemLoader(FOLDER), autoescape=select_autoescape(["html"]))
HEADINGS = {
    "ru": "Ассоциация «Международная Ассамблея столиц и крупных городов» (МАГ)",
    "en": 'Association "International Assembly of Capitals and Major Cities" (MAG)',
}
PAGE_OF = {
    "ru": '"Страница " counter(page) " из " counter(pages)',
    "en": '"Page " counter(page) " of " counter(pages)',
}
LANGUAGES = tuple(HEADINGS)


class RenderFailed(Exception):
    """WeasyPrint could not make the document; the message says why."""


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


@lru_cache(maxsize=1)
def _fonts() -> Any:
    # One font configuration per process: fontconfig's scan is the slow part of a first render.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=8)
def _stylesheet(css: str) -> Any:
    from weasyprint import CSS

    return CSS(string=css, font_config=_fonts())


@lru_cache(maxsize=1)
def _no_fetching() -> Any:
    """A URL fetcher that fetches nothing: a document's resources are all inline."""
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"a document fetches nothing: {url}")

    return NoFetching()


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def page(body: str, *, language: str, title: str) -> str:
    """The whole HTML page a document is printed from."""
    from markupsafe import Markup

    return TEMPLATES.get_template("page.html").render(
        language=language, title=title, heading=HEADINGS[language],
        heading_css=_css_string(HEADINGS[language]),
        page_of=PAGE_OF[language], body=Markup(body))


def render(body: str, *, language: str, title: str, stylesheets: Sequence[str] = ()) -> Pdf:
    """The document as PDF bytes: ``body`` is trusted HTML (rendered from a template)."""
    if language not in HEADINGS:
        raise RenderFailed(f"no such document language: {language!r}")
    try:
        from weasyprint import HTML

        sheets = [_stylesheet((FOLDER / "document.css").read_text(encoding="utf-8")),
                  *(_stylesheet(css) for css in stylesheets)]
        document = HTML(string=page(body, language=language, title=title),
                        url_fetcher=_no_fetching()).render(stylesheets=sheets,
                                                          font_config=_fonts())
        return Pdf(document.write_pdf(), len(document.pages))
    except Exception as error:  # noqa: BLE001 - any failure of the renderer is said as such
        raise RenderFailed(f"{type(error).__name__}: {error}") from error
