"""Error pages in the site's layout, in the reader's language; never a trace."""

from flask import Flask, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

# What each status code says to the reader.
MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have permission to do this."),
    404: _l("This page does not exist."),
    405: _l("This action is not possible here."),
    409: _l("Someone else changed this in the meantime."),
    413: _l("The upload is too large."),
    429: _l("Too many attempts. Please wait and try again."),
    500: _l("Something went wrong on our side. Nothing was changed."),
}


def render_error(code: int, message: str | None = None) -> tuple[str, int]:
    """The error page for a status code, with an optional specific message."""
    text = message or MESSAGES.get(code, MESSAGES[500])
    return render_template("error.html", code=code, message=text), code


class Refused(HTTPException):
    """An HTTP error carrying a translated message meant for the reader."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(description=message)
        self.code = code


def refuse(code: int, message: str) -> Refused:
    """Build a ``Refused`` to raise: ``raise refuse(403, gettext("..."))``."""
    return Refused(code, message)


def _http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
    if error.code is None or error.code < 400:
        return error
    specific = error.description if isinstance(error, Refused) else None
    return render_error(error.code, specific)


def _csrf_error(_error: CSRFError) -> tuple[str, int]:
    return render_error(400, str(_l("The form has expired or was not sent from this site. "
                                     "Please reload the page and try again.")))


def _server_error(error: Exception) -> tuple[str, int]:
    current_app.logger.exception("unhandled error", exc_info=error)
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    if not app.testing:
        # Tests see the real exception; users never do.
        app.register_error_handler(Exception, _server_error)
