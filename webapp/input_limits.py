"""What no view is asked to read: NUL characters, and ids beyond any column.

PostgreSQL refuses a NUL in text, and SQLite and PostgreSQL refuse a number
wider than their integer columns; either reached the database from a form,
a query string or an address and came back as a 500. Both are refused here,
before any view runs, so every route is covered the same way on both backends.
"""

from collections.abc import Iterator
from typing import Any

from flask import Flask, abort, request
from flask_babel import gettext
from werkzeug.routing import IntegerConverter

from webapp.errors import refuse

# The largest value of an INTEGER column in PostgreSQL (ids are such columns).
LARGEST_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:...>`` in a URL rule: a number no id can have matches no route (404)."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)


def _request_texts() -> Iterator[str]:
    for source in (request.args, request.form):
        for key, value in source.items(multi=True):
            yield key
            yield value
    for key, upload in request.files.items(multi=True):
        yield key
        yield upload.filename or ""


def refuse_nul() -> None:
    """No page's address has a NUL (404), and no field accepts one (400)."""
    if "\x00" in request.path:
        abort(404)
    if any("\x00" in text for text in _request_texts()):
        raise refuse(400, gettext("The request contains a NUL character, which no field "
                                  "accepts. Nothing was changed."))


def init_app(app: Flask) -> None:
    """Install the id converter (before any blueprint adds its rules) and the NUL check."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul)
