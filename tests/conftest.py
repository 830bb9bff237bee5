"""Fixtures: every test runs once on SQLite and once on PostgreSQL.

Each test run migrates a database of its own (a temporary SQLite file, and a
PostgreSQL database it creates on 127.0.0.1:5432 and drops at the end); each
test starts from empty tables. ``MAGFLOW_REQUIRE_POSTGRES=1`` turns an
unreachable PostgreSQL server into a failure instead of a skip.
"""

import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

# Imported now, not by hypothesis' own summary hook at the end of a run that had no
# property test: that late import is rewritten by pytest while CPython 3.11's AST
# recursion counter may have been left unbalanced by threads, and crashes the run.
import hypothesis  # noqa: F401
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel

from models import Role, User
from models.database import make_engine, new_session
from models.migrate import upgrade
from seeding.loader import demo_password, load_seed
from tests.workflow.example import EXAMPLE_METADATA
from webapp import create_app

POSTGRES_SERVER = os.environ.get(
    "MAGFLOW_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432"
)
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashes() -> Iterator[None]:
    """scrypt costs ~50 ms a login; the suite logs in thousands of times."""
    from webapp.auth import operations

    saved = operations.HASH_METHOD
    operations.HASH_METHOD = "pbkdf2:sha256:1000"
    yield
    operations.HASH_METHOD = saved


def _postgres_database() -> Iterator[str]:
    name = f"magflow_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(f"{POSTGRES_SERVER}/test", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            # A throwaway database: commits need not wait for the disk.
            connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit TO off'))
    except Exception as error:  # noqa: BLE001 - any failure means "no server"
        admin.dispose()
        message = f"PostgreSQL at {POSTGRES_SERVER} is unreachable: {error}"
        if os.environ.get("MAGFLOW_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: Any) -> Iterator[str]:
    """A freshly migrated database for this test run, on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'magflow.sqlite3'}"
        upgrade(url)
        yield url
        return
    for url in _postgres_database():
        upgrade(url)
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """The test database, with the example workflow's table beside the app's.

    Every worker collects ``tests/workflow/example.py``, which registers the
    example workflow for the whole run, so whatever reads every registered
    workflow (the inbox, a sweep, the concurrency scenario) queries its table;
    it lives outside the migrations, so it is created here for every database.
    """
    engine = make_engine(database_url)
    EXAMPLE_METADATA.create_all(engine)
    yield engine
    engine.dispose()


def _empty_tables(engine: Engine) -> None:
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # A session a test forgot to close would hold its locks and make
            # TRUNCATE wait for ever: end such connections (this test database only).
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state LIKE 'idle in transaction%'"
            ))
            connection.execute(text("SET LOCAL lock_timeout = '20s'"))
            names = ", ".join(f'"{name}"' for name in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session on empty tables; whatever the test wrote is removed after it."""
    session = new_session(engine)
    yield session
    session.close()
    _empty_tables(engine)


# Rows of every table right after seeding, per database: loading the seed
# through the ORM once per run and restoring it with one INSERT per table
# afterwards keeps the hundreds of seeded tests fast.
_SEED_SNAPSHOTS: dict[str, list[tuple[Any, list[dict[str, Any]]]]] = {}


def _snapshot(engine: Engine) -> list[tuple[Any, list[dict[str, Any]]]]:
    with engine.connect() as connection:
        return [
            (table, [dict(row) for row in connection.execute(table.select()).mappings()])
            for table in SQLModel.metadata.sorted_tables
        ]


def _restore(engine: Engine, snapshot: list[tuple[Any, list[dict[str, Any]]]]) -> None:
    with engine.begin() as connection:
        for table, rows in snapshot:
            if not rows:
                continue
            connection.execute(table.insert(), rows)
            if engine.dialect.name == "postgresql" and "id" in table.c:
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                         f"(SELECT max(id) FROM \"{table.name}\"))")
                )


@pytest.fixture
def seeded(db: Session, database_url: str) -> Session:
    """The session, with the association's seed data and demo accounts loaded."""
    snapshot = _SEED_SNAPSHOTS.get(database_url)
    if snapshot is None:
        load_seed(db, demo=True)
        _SEED_SNAPSHOTS[database_url] = _snapshot(db.get_bind())
    else:
        _restore(db.get_bind(), snapshot)
    return db


@pytest.fixture
def reseed(engine: Engine, database_url: str, seeded: Session) -> Callable[[], None]:
    """Put the database back to the freshly seeded state."""

    def reset() -> None:
        seeded.rollback()
        _empty_tables(engine)
        _restore(engine, _SEED_SNAPSHOTS[database_url])

    return reset


@pytest.fixture
def app(engine: Engine, database_url: str, db: Session, tmp_path: Any) -> Flask:
    """The web app on the test database, in testing mode."""
    return create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "DATABASE_URL": database_url,
            "ENGINE": engine,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "OUTBOX_DIR": str(tmp_path / "outbox"),
            "DOCUMENT_DIR": str(tmp_path / "documents"),
            "LOGIN_DELAY_SECONDS": 0.2,
        }
    )


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    """The same app with CSRF checks on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


class Auth:
    """Logs a test client in and out as a given account."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, email: str, password: str | None = None) -> Any:
        return self.client.post(
            "/login", data={"email": email, "password": password or demo_password()}
        )

    def logout(self) -> Any:
        return self.client.post("/logout")


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


@pytest.fixture
def make_user(db: Session) -> Callable[..., User]:
    """A factory of accounts: ``make_user(role=Role.board)``."""
    from webapp.auth.operations import create_user

    def make(role: Role = Role.secretariat, city: Any = None, **fields: Any) -> User:
        n = uuid.uuid4().hex[:8]
        return create_user(
            db,
            email=fields.pop("email", f"{role.value}-{n}@test.magflow"),
            password=fields.pop("password", "a-long-test-password"),
            display_name=fields.pop("display_name", f"{role.value} {n}"),
            role=role,
            city=city,
            **fields,
        )

    return make
