"""Keeping PDF documents: files outside the web root, their SHA-256 in ``pdf_files``.

The running app's ``DOCUMENT_DIR`` (``MAGFLOW_DOCUMENT_DIR``, by default
``instance/documents``) holds the files under random names. Code running
without an app (a bare script on the models) keeps no files; a document that
has none is rendered from its kept text whenever it is asked for.
Reading a file back checks it against the SHA-256 stored when it was made.
"""

import hashlib
import os
import secrets
from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from models import utcnow
from models.pdfs import PdfFile
from workflow.engine import Refusal
from workflow.pdf import Pdf, RenderFailed

SUBFOLDER = "pdf"


class Reason:
    """A refusal's message and its reason, formatted when shown (in the reader's language)."""

    def __init__(self, text: Any, reason: str) -> None:
        self.text, self.reason = text, reason

    def __str__(self) -> str:
        return str(self.text) % {"reason": self.reason}


def render_refused(error: RenderFailed) -> Refusal:
    """What a caller says when a document could not be made: nothing was recorded."""
    return Refusal("render_failed", Reason(
        _l("The PDF document could not be made, so nothing was recorded: %(reason)s"),
        str(error)))


def folder() -> Path | None:
    """Where the running app keeps documents, or None outside an app."""
    from flask import current_app, has_app_context

    if not has_app_context() or not current_app.config.get("DOCUMENT_DIR"):
        return None
    return Path(current_app.config["DOCUMENT_DIR"])


def path_of(root: Path, row: PdfFile) -> Path:
    return root / SUBFOLDER / row.stored_name


def _write(root: Path, data: bytes) -> str:
    target = root / SUBFOLDER
    target.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(20)}.pdf"
    partial = target / f".{stored}.part"
    partial.write_bytes(data)
    os.replace(partial, target / stored)
    return stored


def keep(session: Session, pdf: Pdf, *, root: Path, language: str,
         letter_id: int | None = None, decision_id: int | None = None) -> PdfFile:
    """Write the file and add its row (no commit)."""
    row = PdfFile(letter_id=letter_id, decision_id=decision_id, language=language,
                  stored_name=_write(root, pdf.data), size=len(pdf.data), pages=pdf.pages,
                  sha256=hashlib.sha256(pdf.data).hexdigest(), created_at=utcnow())
    session.add(row)
    return row


def kept(session: Session, *, language: str, letter_id: int | None = None,
         decision_id: int | None = None) -> PdfFile | None:
    """The document's stored PDF in one language, if it was made."""
    query = select(PdfFile).where(PdfFile.language == language)
    if letter_id is not None:
        query = query.where(PdfFile.letter_id == letter_id)
    else:
        query = query.where(PdfFile.decision_id == decision_id)
    return session.exec(query).first()


class Altered(Exception):
    """The file on disk is missing or is not the one whose SHA-256 was stored."""


def read(root: Path, row: PdfFile) -> bytes:
    """The file's bytes, checked against the stored SHA-256."""
    try:
        data = path_of(root, row).read_bytes()
    except OSError as error:
        raise Altered(f"{row!r}: {error.strerror}") from error
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise Altered(f"{row!r}: the file does not match its SHA-256")
    return data
