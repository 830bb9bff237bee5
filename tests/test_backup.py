"""`magflow backup`: a consistent SQLite copy, restorable, taken while others write."""

import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel, func, select

from models import City, User
from models.backup import BackupError, backup_sqlite
from models.database import make_engine, new_session
from models.migrate import upgrade
from seeding.loader import load_seed
from webapp import create_app
from webapp.cli import main


@pytest.fixture
def sqlite_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    with new_session(engine) as session:
        load_seed(session, demo=True)
    yield url, engine
    engine.dispose()


def _count(engine, model):
    with new_session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _every_row(engine):
    """Every table's rows, in a stable order: the whole database as data."""
    with engine.connect() as connection:
        return {table.name: sorted(map(repr, connection.execute(table.select()).all()))
                for table in SQLModel.metadata.sorted_tables}


def test_backup_restores_everything(sqlite_db, tmp_path):
    url, engine = sqlite_db
    copy = backup_sqlite(url, tmp_path / "backup.sqlite3")
    restored = make_engine(f"sqlite:///{copy}")
    assert _every_row(restored) == _every_row(engine)
    assert _count(restored, City) == _count(engine, City) == 57
    assert _count(restored, User) == 9
    app = create_app({"DATABASE_URL": f"sqlite:///{copy}", "TESTING": True})
    assert "Брест" in app.test_client().get("/cities").get_data(as_text=True)
    restored.dispose()


def test_backup_while_writes_continue_is_consistent(sqlite_db, tmp_path):
    url, engine = sqlite_db
    stop = threading.Event()

    def write():
        n = 0
        while not stop.is_set():
            with engine.begin() as connection:
                connection.execute(text(
                    "INSERT INTO failed_attempts (scope, key, count, last_at) "
                    "VALUES ('t', :k, 1, :t)"
                ), {"k": f"writer-{n}", "t": "2026-01-01 00:00:00"})
            n += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copy = backup_sqlite(url, tmp_path / "during.sqlite3")
    finally:
        stop.set()
        writer.join()
    restored = make_engine(f"sqlite:///{copy}")
    with restored.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        keys = connection.execute(text(
            "SELECT key FROM failed_attempts WHERE key LIKE 'writer-%'")).scalars().all()
    # One moment's snapshot: the writes up to some point, all of them, none after.
    assert sorted(int(key.removeprefix("writer-")) for key in keys) == list(range(len(keys)))
    assert _count(restored, City) == 57
    restored.dispose()


def test_backup_refuses_postgresql_missing_and_existing_files(sqlite_db, tmp_path):
    url, _engine = sqlite_db
    with pytest.raises(BackupError, match="pg_dump"):
        backup_sqlite("postgresql+psycopg://postgres@127.0.0.1/x", tmp_path / "x")
    with pytest.raises(BackupError, match="no database"):
        backup_sqlite(f"sqlite:///{tmp_path / 'missing.db'}", tmp_path / "y")
    existing = tmp_path / "exists.sqlite3"
    existing.write_bytes(b"")
    with pytest.raises(BackupError, match="exists"):
        backup_sqlite(url, existing)
    assert existing.read_bytes() == b""


def test_cli_backup_reports_errors_with_exit_2(sqlite_db, tmp_path):
    url, _engine = sqlite_db
    app = create_app({"DATABASE_URL": url, "TESTING": True})
    runner = app.test_cli_runner()
    ok = runner.invoke(main, ["backup", str(tmp_path / "cli.sqlite3")])
    assert ok.exit_code == 0 and Path(tmp_path / "cli.sqlite3").exists()
    again = runner.invoke(main, ["backup", str(tmp_path / "cli.sqlite3")])
    assert again.exit_code == 2 and "exists" in again.output
