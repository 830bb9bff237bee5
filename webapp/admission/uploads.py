"""Reading an upload from a request, and sending a stored document back.

Documents always leave as attachments with ``nosniff``: a browser never
renders them inline, whatever their bytes say.
"""

from flask import current_app, send_file
from flask_babel import gettext
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from models.admission import ApplicationDocument
from webapp.errors import refuse
from webapp.extensions import db
from workflow.documents import MAX_BYTES, document_path, download_name, version_of


def read_upload(upload: FileStorage | None) -> tuple[bytes, str | None] | None:
    """The uploaded bytes (at most one byte past the limit) and the file's name."""
    if upload is None or not upload.filename:
        return None
    try:
        return upload.stream.read(MAX_BYTES + 1), upload.filename
    finally:
        upload.close()


def send_document(document: ApplicationDocument) -> Response:
    """The document as a download, never inline, under a name the app makes.

    The uploader's file name (``poly.html``) is shown on the page but never sent:
    the download is ``application-12-letter.pdf``, plain ASCII in the header.
    """
    path = document_path(current_app.config["UPLOAD_DIR"], document)
    if not path.is_file():
        raise refuse(404, gettext("The file of this document is missing."))
    name = download_name(document, version_of(db.session, document))
    response = send_file(path, mimetype="application/pdf", as_attachment=True,
                         download_name=name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
