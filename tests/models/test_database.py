"""Engines: a pooled PostgreSQL connection that died while idle is replaced, not used."""

import pytest
from sqlalchemy import text

from models import database


def test_a_connection_killed_while_idle_is_replaced(database_url, monkeypatch):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no server to lose the connection")
    engine = database.make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as connection:
            first = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        other = database.make_engine(database_url)
        with other.begin() as admin:
            assert admin.execute(text("SELECT pg_terminate_backend(:pid)"),
                                 {"pid": first}).scalar_one()
        other.dispose()
        monkeypatch.setattr(database, "IDLE_BEFORE_PING", 0.0)
        with engine.connect() as connection:
            second = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        assert second != first
    finally:
        engine.dispose()
