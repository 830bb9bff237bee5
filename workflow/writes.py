"""A transition's two writes (guarded UPDATE, history INSERT), through the driver.

These run once per transition, so their cost is the engine's cost: through
SQLAlchemy's Core each statement spent more time in Python than in SQLite.
The SQL is written once per table and dialect; values are converted the way
the columns' types would (UTC text for SQLite timestamps, JSON text).
Dialects other than SQLite and PostgreSQL take the Core statements.
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, insert, update
from sqlalchemy.exc import DBAPIError

from models.workflow import HistoryEntry

HISTORY_COLUMNS = ("workflow", "subject_id", "transition", "from_state", "to_state",
                   "actor_id", "at", "comment", "decision_ref", "payload")
FAST = ("sqlite", "postgresql")


@cache
def _update_sql(table: str, dialect: str) -> str:
    mark = "?" if dialect == "sqlite" else "%s"
    return (f'UPDATE "{table}" SET state = {mark}, version = version + 1, '
            f"state_changed_at = {mark} WHERE id = {mark} AND version = {mark} "
            f"AND state = {mark}")


@cache
def _insert_sql(dialect: str) -> str:
    names = ", ".join(HISTORY_COLUMNS)
    if dialect == "sqlite":
        return f"INSERT INTO workflow_history ({names}) VALUES ({', '.join('?' * 10)})"
    marks = ", ".join(["%s"] * 9 + ["%s::json"])
    return f"INSERT INTO workflow_history ({names}) VALUES ({marks}) RETURNING id"


@lru_cache(maxsize=8)  # a transition writes the same moment twice (state and history)
def _moment(at: datetime, dialect: str) -> Any:
    if dialect == "sqlite":
        return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return at.astimezone(UTC)


def _cursor(connection: Connection) -> Any:
    """A cursor on the session's own DBAPI connection: the same transaction."""
    return connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]


def _execute(connection: Connection, cursor: Any, sql: str, params: Sequence[Any]) -> None:
    """Driver errors come out as SQLAlchemy's (IntegrityError, OperationalError, ...)."""
    dbapi = connection.dialect.loaded_dbapi
    try:
        cursor.execute(sql, params)
    except dbapi.Error as error:
        raise DBAPIError.instance(sql, params, error, dbapi.Error,
                                  dialect=connection.dialect) from error


def _new_id(cursor: Any, dialect: str) -> int:
    return int(cursor.lastrowid if dialect == "sqlite" else cursor.fetchone()[0])


def _history_row(values: dict[str, Any], at: Any) -> list[Any]:
    row = [values[name] for name in HISTORY_COLUMNS]
    row[6] = at
    row[9] = json.dumps(values["payload"]) if values["payload"] else "{}"
    return row


@cache
def _core_update(model: Any) -> Any:
    table = model.__table__
    return (
        update(table)
        .where(table.c.id == bindparam("_id"), table.c.version == bindparam("_version"),
               table.c.state == bindparam("_from"))
        .values(state=bindparam("_to"), version=table.c.version + 1,
                state_changed_at=bindparam("_at"))
    )


def change_state(
    connection: Connection, model: Any, *, subject_id: int, version: int,
    from_state: str, to_state: str, at: datetime,
) -> bool:
    """Move one subject if it is still at this version and state; False if not."""
    dialect = connection.dialect.name
    if dialect not in FAST:
        result = connection.execute(_core_update(model), {
            "_id": subject_id, "_version": version, "_from": from_state,
            "_to": to_state, "_at": at})
        return bool(result.rowcount == 1)
    params = (to_state, _moment(at, dialect), subject_id, version, from_state)
    cursor = _cursor(connection)
    try:
        _execute(connection, cursor, _update_sql(model.__tablename__, dialect), params)
        return bool(cursor.rowcount == 1)
    finally:
        cursor.close()


def insert_history(connection: Connection, values: dict[str, Any]) -> int:
    """Append one history row; returns its id."""
    dialect = connection.dialect.name
    if dialect not in FAST:
        result = connection.execute(insert(HistoryEntry.__table__), values)  # type: ignore[attr-defined]
        return int(result.inserted_primary_key[0])  # type: ignore[index]
    cursor = _cursor(connection)
    try:
        _execute(connection, cursor, _insert_sql(dialect),
                 _history_row(values, _moment(values["at"], dialect)))
        return _new_id(cursor, dialect)
    finally:
        cursor.close()


def move(
    connection: Connection, model: Any, *, version: int, from_state: str,
    values: dict[str, Any],
) -> int | None:
    """``change_state`` then ``insert_history`` for one transition, on one cursor;
    the history row's id, or None (nothing written) if the subject had moved."""
    dialect = connection.dialect.name
    if dialect not in FAST:
        if not change_state(connection, model, subject_id=values["subject_id"],
                            version=version, from_state=from_state,
                            to_state=values["to_state"], at=values["at"]):
            return None
        return insert_history(connection, values)
    at = _moment(values["at"], dialect)
    update_params = (values["to_state"], at, values["subject_id"], version, from_state)
    cursor = _cursor(connection)
    try:
        _execute(connection, cursor, _update_sql(model.__tablename__, dialect), update_params)
        if cursor.rowcount != 1:
            return None
        _execute(connection, cursor, _insert_sql(dialect), _history_row(values, at))
        return _new_id(cursor, dialect)
    finally:
        cursor.close()
