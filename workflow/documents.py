"""Documents attached to applications: PDF checked by content, stored under random names.

Nothing here trusts the file's name or the browser's content type: a file is
a PDF when its bytes start with the ``%PDF-`` header and end with the
``%%EOF`` marker. Files live in ``UPLOAD_DIR`` (outside the web root) under a
random name; the table keeps the original name, size and SHA-256.
"""

import hashlib
import os
import re
import secrets
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from models import User
from models.admission import Application, ApplicationDocument
from workflow.engine import Refusal

MAX_BYTES = 10 * 1024 * 1024
_HEADER = re.compile(rb"^%PDF-[12]\.\d")
_TAIL = 2048
SUBFOLDER = "applications"


def check_pdf(data: bytes) -> None:
    """Refuse anything that is empty, too large, or not a PDF by its content."""
    if not data:
        raise Refusal("empty_file", _l("The file is empty."), field="letter")
    if len(data) > MAX_BYTES:
        raise Refusal("too_large", _l("The file is larger than 10 MB."), field="letter")
    if not _HEADER.match(data) or b"%%EOF" not in data[-_TAIL:]:
        raise Refusal("not_pdf", _l("The file is not a PDF document."), field="letter")


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


def store_document(
    session: Session,
    *,
    application: Application,
    actor: User,
    data: bytes,
    filename: str | None,
    upload_dir: str | Path,
    kind: str = "letter_of_intent",
) -> ApplicationDocument:
    """Check and store a PDF for an application; the row and the file together."""
    check_pdf(data)
    folder = Path(upload_dir) / SUBFOLDER
    stored = _write(folder, data)
    document = ApplicationDocument(
        application_id=application.id,  # type: ignore[arg-type]
        kind=kind,
        stored_name=stored,
        original_name=clean_name(filename),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=actor.id,
    )
    try:
        session.add(document)
        session.commit()
    except Exception:
        session.rollback()
        (folder / stored).unlink(missing_ok=True)
        raise
    return document
