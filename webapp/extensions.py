"""Extensions, created unbound here and bound in ``create_app``."""

from typing import Any

from flask import Flask, current_app, g
from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy import Engine
from sqlmodel import Session

from models.database import make_engine, new_session


class Database:
    """One engine per app, one session per app context."""

    def init_app(self, app: Flask) -> None:
        engine = app.config.get("ENGINE")  # tests and benchmarks share one engine
        if engine is None:
            engine = make_engine(app.config["DATABASE_URL"], **app.config.get("ENGINE_OPTIONS", {}))
        app.extensions["magflow.engine"] = engine
        app.teardown_appcontext(self._close)

    @property
    def engine(self) -> Engine:
        engine: Engine = current_app.extensions["magflow.engine"]
        return engine

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = new_session(self.engine)
        session: Session = g.db_session
        return session

    def _close(self, _error: Any = None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


db = Database()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
