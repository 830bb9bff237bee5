"""Documents attached to applications: PDF checked by content, stored under random names.

Nothing here trusts the file's name or the browser's content type: a file is
a PDF when a PDF parser reads it and finds no active content in it
(``workflow/pdf_safety.py``). Files live in ``UPLOAD_DIR`` (outside the web
root) under a random name; the table keeps the original name, size and
SHA-256, and each leaves under a name the app makes
(``application-12-letter.pdf``). A new letter replaces the one before, which
stays as an earlier version; an application keeps at most ``Quota`` documents.
"""

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import User, utcnow
from models.admission import Application, ApplicationDocument
from workflow.engine import Refusal
from workflow.pdf_safety import check_pdf_content

MAX_BYTES = 10 * 1024 * 1024
SUBFOLDER = "applications"
# The word for each kind of document in the names the files leave under.
FILE_WORDS = {"letter_of_intent": "letter"}


@dataclass(frozen=True)
class Quota:
    """The most an application keeps: documents (earlier versions included) and bytes."""

    documents: int = 10
    total_bytes: int = 40 * 1024 * 1024


DEFAULT_QUOTA = Quota()


def check_pdf(data: bytes) -> None:
    """Refuse anything that is empty, too large, not a PDF, or a PDF with active content."""
    if not data:
        raise Refusal("empty_file", _l("The file is empty."), field="letter")
    if len(data) > MAX_BYTES:
        raise Refusal("too_large", _l("The file is larger than 10 MB."), field="letter")
    check_pdf_content(data)


def check_quota(session: Session, application_id: int, size: int, quota: Quota) -> None:
    """Refuse one more document when the application keeps as many, or as many bytes,
    as it may."""
    count, total = session.exec(
        select(func.count(col(ApplicationDocument.id)),
               func.coalesce(func.sum(ApplicationDocument.size), 0))
        .where(ApplicationDocument.application_id == application_id)
    ).one()
    if count >= quota.documents:
        raise Refusal("too_many_documents", _l(
            "The application already keeps %(count)s documents, earlier versions included: "
            "the most it may. Write to the Secretariat to attach another.",
            count=count), field="letter")
    if total + size > quota.total_bytes:
        raise Refusal("quota_exceeded", _l(
            "With this file the application's documents would take more than %(mb)s MB "
            "together, the most they may. Attach a smaller file or write to the Secretariat.",
            mb=quota.total_bytes // (1024 * 1024)), field="letter")


def download_name(document: ApplicationDocument, version: int) -> str:
    """The name a document leaves under: ``application-12-letter.pdf``, then ``-v2``…"""
    word = FILE_WORDS.get(document.kind, "document")
    suffix = "" if version <= 1 else f"-v{version}"
    return f"application-{document.application_id}-{word}{suffix}.pdf"


def version_of(session: Session, document: ApplicationDocument) -> int:
    """Which version of its kind the document is, the first being 1."""
    return session.exec(select(func.count(col(ApplicationDocument.id))).where(
        ApplicationDocument.application_id == document.application_id,
        ApplicationDocument.kind == document.kind,
        col(ApplicationDocument.id) <= document.id)).one()


def named(documents: list[ApplicationDocument]) -> list[tuple[ApplicationDocument, str]]:
    """All of an application's documents, in their order, with the names they leave under."""
    versions: dict[int, int] = {}
    counts: dict[str, int] = {}
    for document in sorted(documents, key=lambda d: d.id or 0):
        counts[document.kind] = counts.get(document.kind, 0) + 1
        versions[document.id or 0] = counts[document.kind]
    return [(d, download_name(d, versions[d.id or 0])) for d in documents]


def clean_name(filename: str | None) -> str:
    """The original name, reduced to its last part and printable characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return (name or "letter.pdf")[:255]


def document_path(upload_dir: str | Path, document: ApplicationDocument) -> Path:
    """Where a document's bytes are on disk."""
    return Path(upload_dir) / SUBFOLDER / document.stored_name


def _write(folder: Path, data: bytes) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    stored = secrets.token_hex(20)
    partial = folder / f".{stored}.part"
    partial.write_bytes(data)
    os.replace(partial, folder / stored)
    return stored


def current_document(session: Session, application_id: int, kind: str
                     ) -> ApplicationDocument | None:
    """The application's document of this kind in force (the latest one)."""
    return session.exec(
        select(ApplicationDocument)
        .where(ApplicationDocument.application_id == application_id,
               ApplicationDocument.kind == kind)
        .order_by(col(ApplicationDocument.id).desc())
    ).first()


def store_document(
    session: Session,
    *,
    application: Application,
    actor: User,
    data: bytes,
    filename: str | None,
    upload_dir: str | Path,
    kind: str = "letter_of_intent",
    quota: Quota = DEFAULT_QUOTA,
) -> ApplicationDocument:
    """Check and store a PDF for an application; the row and the file together.

    The new document replaces the one of its kind before, which stays as an earlier
    version; the same file sent again adds nothing.
    """
    check_pdf(data)
    # Locks the application, so two uploads at once count each other's documents.
    session.exec(select(Application.id).where(Application.id == application.id)
                 .with_for_update()).first()
    digest = hashlib.sha256(data).hexdigest()
    current = current_document(session, application.id or 0, kind)
    if current is not None and current.sha256 == digest:
        session.commit()
        return current
    try:
        check_quota(session, application.id or 0, len(data), quota)
    except Refusal:
        session.rollback()
        raise
    folder = Path(upload_dir) / SUBFOLDER
    stored = _write(folder, data)
    document = ApplicationDocument(
        application_id=application.id,  # type: ignore[arg-type]
        kind=kind,
        stored_name=stored,
        original_name=clean_name(filename),
        size=len(data),
        sha256=digest,
        uploaded_by_id=actor.id,
    )
    try:
        if current is not None:
            current.replaced_at = utcnow()
            session.add(current)
        session.add(document)
        session.commit()
    except Exception:
        session.rollback()
        (folder / stored).unlink(missing_ok=True)
        raise
    return document
