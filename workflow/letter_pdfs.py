"""The PDF of each ladder letter, in Russian and in English, made once.

A letter's sheet (the association's letterhead above the letter's kept body)
is the same markup on its web page and in its PDF. The PDFs are rendered when
the history entry that produces the letter is written, in the transaction
that writes it, and kept (``workflow/pdf_files.py``): the file sent is the
file shown later, whatever becomes of the templates. A render that fails
refuses the whole step.
"""

from pathlib import Path
from typing import Any

from markupsafe import Markup
from sqlmodel import Session

from models import City
from models.dues import Account, Letter
from models.pdfs import PdfFile
from workflow import pdf, pdf_files
from workflow.letter_mail import plain_text
from workflow.letters import TEMPLATES


def sheet(body: str, language: str) -> Markup:
    """The letter as its page and its PDF show it: letterhead, then the body."""
    return Markup(TEMPLATES.get_template("_sheet.html").render(
        lang=language, heading=pdf.HEADINGS[language], body=Markup(body)))


def title(body: str, city: str) -> str:
    """"Предупреждение: Астрахань" — the letter's heading and its city."""
    heading = plain_text(body)[0]
    return f"{heading}: {city}" if heading else city


def render(body: str, city: str, language: str) -> pdf.Pdf:
    return pdf.render(sheet(body, language), language=language, title=title(body, city))


def _facts_city(facts: dict[str, Any], language: str) -> str:
    return str(facts.get("city_en" if language == "en" else "city_ru") or "")


def keep_pdfs(session: Session, letters: list[dict[str, Any]]) -> int:
    """Render and keep both PDFs of each letter (dicts with id, body_ru, body_en, facts).

    No commit; outside an app nothing is kept. A failed render raises the
    refusal that undoes the step.
    """
    root = pdf_files.folder()
    if root is None:
        return 0
    made = 0
    for letter in letters:
        for language in pdf.LANGUAGES:
            _keep(session, root, letter["id"], letter[f"body_{language}"],
                  _facts_city(letter["facts"], language), language)
            made += 1
    session.flush()
    return made


def _keep(session: Session, root: Path, letter_id: int, body: str, city: str,
          language: str) -> PdfFile:
    try:
        made = render(body, city, language)
    except pdf.RenderFailed as error:
        raise pdf_files.render_refused(error) from error
    return pdf_files.keep(session, made, root=root, language=language, letter_id=letter_id)


def pdf_bytes(session: Session, letter: Letter, language: str, root: Path) -> bytes:
    """The letter's kept PDF, checked against its SHA-256; one written where no PDFs were
    kept (before they were, or outside the app) is rendered from its kept text."""
    found = pdf_files.kept(session, language=language, letter_id=letter.id)
    if found is not None:
        return pdf_files.read(root, found)
    try:
        return render(letter.body(language), _facts_city(letter.facts, language), language).data
    except pdf.RenderFailed as error:
        raise pdf_files.render_refused(error) from error


def filename(session: Session, letter: Letter, language: str) -> str:
    """``MAG-warning-astrakhan-2023-05-25-ru.pdf``: what, to whom, when, in which language."""
    account = session.get(Account, letter.account_id)
    city = session.get(City, account.city_id) if account is not None else None
    slug = city.slug if city is not None else f"account-{letter.account_id}"
    return f"MAG-{letter.kind.value}-{slug}-{letter.issued_on.isoformat()}-{language}.pdf"
