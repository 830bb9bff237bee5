"""Sending a document's kept PDF: a download with a file name that says what it is."""

from collections.abc import Callable
from pathlib import Path

from flask import Response, current_app
from flask_babel import gettext

from webapp.errors import refuse
from workflow import pdf_files
from workflow.engine import Refusal


def document_dir() -> Path:
    return Path(current_app.config["DOCUMENT_DIR"])


def download(data: bytes, filename: str) -> Response:
    """The PDF as a download named ``filename`` (ASCII: the names are made so)."""
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_bytes(make: Callable[[Path], bytes]) -> bytes:
    """The bytes ``make`` reads from the document folder (or renders).

    A render that fails is a 503 that says why; a kept file that is missing or
    not the one kept (its SHA-256 differs) is a 500 that never sends it.
    """
    try:
        return make(document_dir())
    except Refusal as error:
        raise refuse(503, str(error.message)) from error
    except pdf_files.Altered as error:
        current_app.logger.error("kept PDF refused: %s", error)
        raise refuse(500, gettext(
            "The kept PDF of this document is missing or does not match the checksum "
            "recorded when it was made, so it is not sent. Tell the Secretariat.")) from error
