"""URL rule of the health check.

200 when the database answers and its schema is at the newest migration, else
503; the body says only "ok" or what is wrong, never a URL or an error's text.
It reads no session and sets no cookie, and costs one small query: the
migrations' heads are read from the files once per process.
"""

from functools import cache

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from models.migrate import heads
from webapp.extensions import db

bp = Blueprint("health", __name__)


@cache
def _expected() -> frozenset[str]:
    return heads()


def schema_state() -> str:
    """"ok", "database unavailable" or "schema not at the latest migration"."""
    try:
        with db.engine.connect() as connection:
            found = {row[0] for row in connection.execute(
                text("SELECT version_num FROM alembic_version"))}
    except SQLAlchemyError:
        current_app.logger.warning("health check: the database does not answer")
        return "database unavailable"
    return "ok" if found == _expected() else "schema not at the latest migration"


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    state = schema_state()
    response = jsonify(status=state)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if state == "ok" else 503
