"""The decision of a session as a PDF, in Russian and in English, with its annex.

The PDF is the decision's own template (``sessions/_decision_document.html``,
which its page shows) followed by the list of what each item changed
(``sessions/_changes.html``, the changes page). It is made when the President
signs, in the signing's transaction, and kept. An adopted decision not yet
signed (it says "not signed yet" where the signature goes), or one signed
before PDFs were kept, is rendered on each request and kept nowhere.
"""

from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale, gettext
from sqlmodel import Session

from models import AssemblySession
from models.decisions import Decision, DecisionStatus
from models.pdfs import PdfFile
from webapp.sessions import labels
from workflow import decision_queries, pdf, pdf_files


def _stylesheet() -> str:
    return (Path(current_app.static_folder or "") / "sessions.css").read_text(encoding="utf-8")


def render(session: Session, assembly: AssemblySession, language: str) -> pdf.Pdf:
    """The decision and its annex in one language (needs an app context)."""
    shown = decision_queries.document(session, assembly)
    assert shown is not None, "the session has a decision"
    with force_locale(language):
        body = render_template(
            "sessions/decision_pdf.html", lang=language, pdf=True,
            rows=decision_queries.changes(session, shown["decision"], language),
            **labels.template_globals(), **shown)
        title = gettext("Decision of the %(roman)s session", roman=assembly.roman)
    return pdf.render(body, language=language, title=title, stylesheets=[_stylesheet()])


def _keep(session: Session, assembly: AssemblySession, decision: Decision, language: str,
          root: Path) -> PdfFile:
    try:
        made = render(session, assembly, language)
    except pdf.RenderFailed as error:
        raise pdf_files.render_refused(error) from error
    return pdf_files.keep(session, made, root=root, language=language, decision_id=decision.id)


def keep_signed(session: Session, assembly: AssemblySession, decision: Decision,
                root: Path) -> None:
    """Both PDFs of the decision being signed (no commit; a failed render refuses)."""
    for language in pdf.LANGUAGES:
        _keep(session, assembly, decision, language, root)
    session.flush()


def pdf_bytes(session: Session, assembly: AssemblySession, decision: Decision, language: str,
              root: Path) -> bytes:
    """The signed decision's kept PDF, checked against its SHA-256; an adopted one awaiting
    signature, or one signed before PDFs were kept, is rendered for this request."""
    found = pdf_files.kept(session, language=language, decision_id=decision.id)
    if found is not None:
        return pdf_files.read(root, found)
    try:
        return render(session, assembly, language).data
    except pdf.RenderFailed as error:
        raise pdf_files.render_refused(error) from error


def filename(assembly: AssemblySession, decision: Decision, language: str) -> str:
    """``MAG-decision-XXIX-2023-05-25-ru.pdf`` (``-unsigned`` before the President signs)."""
    day = f"-{assembly.held_on.isoformat()}" if assembly.held_on else ""
    state = "" if decision.status == DecisionStatus.signed else "-unsigned"
    return f"MAG-decision-{assembly.roman}{day}{state}-{language}.pdf"
