"""Engines and sessions, shared by the web app, the CLI, tests and benchmarks."""

import time
from typing import Any

from sqlalchemy import Engine, event, exc
from sqlmodel import Session, create_engine


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys, a busy timeout and a Unicode
    ``lower()``, and other databases' pooled connections are tested before use once
    they have been idle."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 30, "check_same_thread": False})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    engine = create_engine(url, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        event.listen(engine, "checkout", _ping_if_idle)
        event.listen(engine, "checkin", _note_checkin)
    return engine


# A pooled connection idle for longer than this is tested before use. SQLAlchemy's
# pool_pre_ping tests every checkout: one more round trip per transaction, a third
# of a short transition's time. Connections that were just used are alive; those
# that waited may have been closed by a server restart or a firewall.
IDLE_BEFORE_PING = 10.0


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    if record is not None:
        record.info["magflow_idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Test a connection that has been idle; a dead one makes the pool connect anew."""
    since = record.info.get("magflow_idle_since")
    if since is not None and time.monotonic() - since < IDLE_BEFORE_PING:
        return
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()
    except Exception as error:  # the driver's own error types differ
        raise exc.DisconnectionError(f"stale pooled connection: {error}") from error


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # SQLite's own lower() folds only ASCII: «Элиста» would never match «элиста».
    # This one folds like PostgreSQL's, for every query (deterministic: usable in indexes).
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def new_session(engine: Engine) -> Session:
    """A session whose objects stay readable after commit."""
    return Session(engine, expire_on_commit=False)
