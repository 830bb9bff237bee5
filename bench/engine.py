"""The workflow engine's speed, each figure beside a baseline measured in the same run.

* transitions per second through ``engine.fire`` against raw SQL doing the same
  guarded UPDATE + INSERT of the history row in one transaction, through the
  database driver alone, on SQLite (a temporary file) and PostgreSQL (a
  temporary database on 127.0.0.1:5432; skipped if unreachable). Goal: ratio >= 0.5.
  Both keep one connection for the whole run; a third figure shows the engine
  returning its connection to the pool after every transaction, as a web
  request's session does.
* a six-step path (draft → submitted → in review → with the Board → recommended →
  admitted → member) over 300 subjects round-robin, each step loading its subject
  by id in a fresh session and firing, one transaction each, as a web request does,
  against the same guarded UPDATE + INSERT per step through the driver alone, on
  SQLite and PostgreSQL. Goal: ratio >= 0.6.
* a sweep over 250 000 subjects of which 10% are due, on SQLite, in a fresh
  process (time and peak RSS), against one raw set-wise UPDATE + INSERT ... SELECT
  on a copy of the same file. Goal: under 10 s and 500 MB.
* the inbox page with a million history rows, median latency through the Flask
  test client, against a bare Flask route of the same app. Goal: median under 50 ms.

``python -m bench.engine [transitions] [subjects] [history]``
"""

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, insert, text
from sqlmodel import Field, Session, SQLModel, select

from models import Role, User
from models.database import make_engine, new_session
from models.migrate import upgrade
from models.workflow import HistoryEntry, StatefulMixin, waiting_index
from workflow import engine as wf
from workflow.engine import State, Timer, Transition, Workflow, register

TRANSITIONS = 2000
SWEEP_SUBJECTS = 250_000
HISTORY_ROWS = 1_000_000
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"
AS_OF = date(2024, 6, 1)

BENCH_METADATA = MetaData()


class BenchBase(SQLModel):
    metadata = BENCH_METADATA


# A subject table for the benchmarks only, beside the app's tables.
class BenchItem(BenchBase, StatefulMixin, table=True):
    __tablename__ = "bench_items"
    __table_args__ = (waiting_index("bench_items"),)

    id: int | None = Field(default=None, primary_key=True)
    city_id: int = 0


def _waiting_too_long(as_of: date) -> object:
    cutoff = datetime.combine(as_of - timedelta(days=30), clock(), UTC)
    return BenchItem.state_changed_at < cutoff  # type: ignore[operator]


FLOW = register(
    Workflow(
        name="bench", label="Bench items", model=BenchItem, initial="open",
        owner_column="city_id", subject_url=lambda item: f"/bench/{item.id}",
        states=[State("open", "Open"), State("done", "Done"),
                State("waiting", "Waiting"), State("expired", "Expired")],
        transitions=[
            Transition("close", ["open"], "done", "Close", roles=[Role.secretariat]),
            Transition("expire", ["waiting"], "expired", "Expire",
                       timer=Timer(due=_waiting_too_long)),
        ],
    )
)


# ------------------------------------------------------------ databases ----


@contextmanager
def sqlite_database() -> Iterator[str]:
    folder = tempfile.mkdtemp(prefix="magflow-bench-")
    try:
        yield f"sqlite:///{folder}/bench.sqlite3"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def postgres_database() -> Iterator[str | None]:
    name = f"magflow_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(f"{POSTGRES}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - no server: the figure is skipped
        print(f"PostgreSQL unreachable ({type(error).__name__}); its figures are skipped.")
        admin.dispose()
        yield None
        return
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def prepare(url: str) -> int:
    """Migrate, create the bench table, add a secretariat user; returns its id."""
    upgrade(url)
    engine = make_engine(url)
    BENCH_METADATA.create_all(engine)
    with new_session(engine) as session:
        user = User(email="bench@bench.local", password_hash="x", display_name="Bench",
                    role=Role.secretariat)
        session.add(user)
        session.commit()
        user_id = user.id
    engine.dispose()
    assert user_id is not None
    return user_id


# ------------------------------------------------------- (a) transitions ----


def _add_items(url: str, count: int, state: str, when: datetime, city_id: int = 0) -> list[int]:
    engine = make_engine(url)
    with engine.begin() as connection:
        first = connection.execute(text("SELECT coalesce(max(id), 0) FROM bench_items")).scalar()
        connection.execute(insert(BenchItem), [
            {"state": state, "version": 1, "state_changed_at": when, "city_id": city_id}
            for _ in range(count)
        ])
    engine.dispose()
    return list(range(first + 1, first + count + 1))


@contextmanager
def _session(url: str, held: bool) -> Iterator[Session]:
    """A session that keeps one connection for all its transactions, as the raw
    baseline does, or (``held=False``) returns it to the pool after each commit,
    as a web request's session does."""
    engine = make_engine(url)
    connection = engine.connect() if held else None
    session = Session(bind=connection or engine, expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        if connection is not None:
            connection.close()
        engine.dispose()


def _check_done(url: str, ids: list[int]) -> None:
    """Every subject of the run was persisted as moved, with its history entry."""
    engine = make_engine(url)
    with engine.connect() as connection:
        done, entries = connection.execute(text(
            "SELECT (SELECT count(*) FROM bench_items WHERE id BETWEEN :a AND :b "
            "AND state = 'done'), (SELECT count(*) FROM workflow_history WHERE "
            "workflow = 'bench' AND subject_id BETWEEN :a AND :b)"), {"a": ids[0], "b": ids[-1]}
        ).one()
    engine.dispose()
    if (done, entries) != (len(ids), len(ids)):
        raise RuntimeError(f"expected {len(ids)} moved subjects and entries, "
                           f"found {done} and {entries}")


def _engine_rate(url: str, user_id: int, count: int, held: bool) -> float:
    ids = _add_items(url, count, "open", datetime.now(UTC))
    with _session(url, held) as session:
        actor = session.get(User, user_id)
        items = session.exec(select(BenchItem).where(BenchItem.id.in_(ids))).all()  # type: ignore[union-attr]
        session.commit()
        start = time.perf_counter()
        for item in items:
            wf.fire(session, FLOW, item, "close", actor=actor, comment="bench")
        elapsed = time.perf_counter() - start
    _check_done(url, ids)
    return count / elapsed


def engine_rate(url: str, user_id: int, count: int) -> float:
    """Transitions per second through engine.fire, each in its own transaction, on one
    connection for the whole run, like the raw baseline."""
    return _engine_rate(url, user_id, count, held=True)


def engine_pooled_rate(url: str, user_id: int, count: int) -> float:
    """The same, the connection going back to the pool after each transaction."""
    return _engine_rate(url, user_id, count, held=False)


def _raw_sql(postgres: bool) -> tuple[str, str]:
    mark, json_mark = ("%s", "%s::json") if postgres else ("?", "?")
    update_sql = (f"UPDATE bench_items SET state = {mark}, version = version + 1, "
                  f"state_changed_at = {mark} WHERE id = {mark} AND version = {mark} "
                  f"AND state = {mark}")
    insert_sql = ("INSERT INTO workflow_history (workflow, subject_id, transition, from_state, "
                  "to_state, actor_id, at, comment, decision_ref, payload) VALUES "
                  f"({', '.join([mark] * 9)}, {json_mark})")
    return update_sql, insert_sql


def _raw_transition(cursor: Any, sql: tuple[str, str], postgres: bool, subject_id: int,
                    user_id: int) -> None:
    now = datetime.now(UTC)
    at = now if postgres else now.strftime("%Y-%m-%d %H:%M:%S.%f")
    cursor.execute(sql[0], ("done", at, subject_id, 1, "open"))
    if cursor.rowcount != 1:
        raise RuntimeError("the guarded update missed")
    cursor.execute(sql[1], ("bench", subject_id, "close", "open", "done", user_id,
                            at, "bench", None, "{}"))


def raw_rate(url: str, user_id: int, count: int) -> float:
    """The same guarded UPDATE + INSERT per transaction, through the driver alone."""
    ids = _add_items(url, count, "open", datetime.now(UTC))
    engine = make_engine(url)
    postgres = engine.dialect.name == "postgresql"
    sql = _raw_sql(postgres)
    with engine.connect() as connection:
        dbapi = connection.connection.dbapi_connection
        cursor = dbapi.cursor()  # type: ignore[union-attr]
        start = time.perf_counter()
        for subject_id in ids:
            _raw_transition(cursor, sql, postgres, subject_id, user_id)
            dbapi.commit()  # type: ignore[union-attr]
        elapsed = time.perf_counter() - start
        cursor.close()
    engine.dispose()
    _check_done(url, ids)
    return count / elapsed


def session_rate(url: str, user_id: int, count: int) -> float:
    """The same SQL on a SQLAlchemy session's connection (held, as above), committed
    by the session: what one transaction costs any SQLAlchemy code before the
    engine does anything."""
    ids = _add_items(url, count, "open", datetime.now(UTC))
    postgres = url.startswith("postgresql")
    sql = _raw_sql(postgres)
    with _session(url, held=True) as session:
        start = time.perf_counter()
        for subject_id in ids:
            cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            _raw_transition(cursor, sql, postgres, subject_id, user_id)
            cursor.close()
            session.commit()
        elapsed = time.perf_counter() - start
    _check_done(url, ids)
    return count / elapsed


RATES = (raw_rate, session_rate, engine_rate, engine_pooled_rate)


def transitions_figures(count: int, rounds: int = 20) -> list[tuple[str, str, str, str]]:
    """Raw, session and engine runs interleaved in rounds, so all see the same load.

    Many short rounds: SQLite's WAL checkpoints and this machine's noise stall
    whichever run they fall in; with four rounds the SQLite ratio wandered from
    0.36 to 0.54 between runs, with twenty it stays within a few hundredths.
    """
    rows = []
    share = max(count // rounds, 1)
    for name, database in (("SQLite", sqlite_database), ("PostgreSQL", postgres_database)):
        with database() as url:
            if url is None:
                continue
            user_id = prepare(url)
            for rate in RATES:  # warm up
                rate(url, user_id, min(200, count))
            seconds = dict.fromkeys(RATES, 0.0)
            for _round in range(rounds):
                for rate in RATES:
                    seconds[rate] += share / rate(url, user_id, share)
            raw, floor, ours, pooled = (share * rounds / seconds[r] for r in RATES)
            ratio = ours / raw
            print(f"{name}: raw {raw:,.0f}/s, session {floor:,.0f}/s, engine {ours:,.0f}/s, "
                  f"engine pooled {pooled:,.0f}/s")
            rows += [
                (f"transitions/s, {name} ({share * rounds:,} each, one connection)",
                 f"{ours:,.0f}", f"{raw:,.0f} (raw SQL through the driver)",
                 f"{ratio:.2f} (goal >= 0.5){'' if ratio >= 0.5 else ' MISSED'}"),
                (f"transitions/s, {name}: same SQL in a SQLAlchemy session",
                 f"{ours:,.0f}", f"{floor:,.0f} (session, no engine)",
                 f"{ours / floor:.2f} (engine's own share)"),
                (f"transitions/s, {name}: connection back to the pool after each",
                 f"{pooled:,.0f}", f"{raw:,.0f} (raw SQL through the driver)",
                 f"{pooled / raw:.2f} (as one per web request)"),
            ]
    return rows


# ------------------------------------------------- (a2) a six-step path ----

# Admission's path, as a web request walks it: each step loads its subject by id
# in a session of its own and fires, one transaction each. Not registered, so the
# inbox figure still counts one workflow.
PATH = ["draft", "submitted", "in_review", "board_review", "recommended", "admitted", "member"]
PATH_FLOW = Workflow(
    name="bench_path", label="Bench path", model=BenchItem, initial="draft",
    owner_column="city_id", states=[State(name, name) for name in PATH],
    transitions=[Transition(f"to_{dest}", [source], dest, dest, roles=[Role.secretariat])
                 for source, dest in pairwise(PATH)],
)
PATH_SUBJECTS = 300
PATH_ROUNDS = 3


def _check_path(url: str, ids: list[int]) -> None:
    """Every subject walked the whole path: at its end, with one entry per step."""
    engine = make_engine(url)
    with engine.connect() as connection:
        done, entries = connection.execute(text(
            "SELECT (SELECT count(*) FROM bench_items WHERE id BETWEEN :a AND :b "
            "AND state = 'member' AND version = :v), (SELECT count(*) FROM workflow_history "
            "WHERE workflow = 'bench_path' AND subject_id BETWEEN :a AND :b)"),
            {"a": ids[0], "b": ids[-1], "v": len(PATH)}).one()
    engine.dispose()
    steps = len(ids) * (len(PATH) - 1)
    if (done, entries) != (len(ids), steps):
        raise RuntimeError(f"expected {len(ids)} subjects at the end and {steps} entries, "
                           f"found {done} and {entries}")


def path_engine_rate(url: str, user_id: int, subjects: int) -> float:
    """Steps per second through engine.fire, the subjects taken round-robin, each step
    loading its subject by id in a fresh session on the one held connection."""
    ids = _add_items(url, subjects, "draft", datetime.now(UTC))
    engine = make_engine(url)
    with engine.connect() as connection:
        with Session(bind=connection, expire_on_commit=False) as session:
            actor = session.get(User, user_id)
            session.commit()
        start = time.perf_counter()
        for dest in PATH[1:]:
            for subject_id in ids:
                with Session(bind=connection, expire_on_commit=False) as session:
                    item = session.get(BenchItem, subject_id)
                    wf.fire(session, PATH_FLOW, item, f"to_{dest}", actor=actor, comment="bench")
        elapsed = time.perf_counter() - start
    engine.dispose()
    _check_path(url, ids)
    return subjects * (len(PATH) - 1) / elapsed


def path_raw_rate(url: str, user_id: int, subjects: int) -> float:
    """The same steps as one guarded UPDATE + INSERT each, through the driver alone."""
    ids = _add_items(url, subjects, "draft", datetime.now(UTC))
    engine = make_engine(url)
    postgres = engine.dialect.name == "postgresql"
    update_sql, insert_sql = _raw_sql(postgres)
    with engine.connect() as connection:
        dbapi = connection.connection.dbapi_connection
        cursor = dbapi.cursor()  # type: ignore[union-attr]
        start = time.perf_counter()
        for version, (source, dest) in enumerate(pairwise(PATH), start=1):
            for subject_id in ids:
                now = datetime.now(UTC)
                at = now if postgres else now.strftime("%Y-%m-%d %H:%M:%S.%f")
                cursor.execute(update_sql, (dest, at, subject_id, version, source))
                if cursor.rowcount != 1:
                    raise RuntimeError("the guarded update missed")
                cursor.execute(insert_sql, ("bench_path", subject_id, f"to_{dest}", source, dest,
                                            user_id, at, "bench", None, "{}"))
                dbapi.commit()  # type: ignore[union-attr]
        elapsed = time.perf_counter() - start
        cursor.close()
    engine.dispose()
    _check_path(url, ids)
    return subjects * (len(PATH) - 1) / elapsed


def path_figures(subjects: int, rounds: int = PATH_ROUNDS) -> list[tuple[str, str, str, str]]:
    """The six-step path through the engine and raw, interleaved in rounds."""
    rows = []
    for name, database in (("SQLite", sqlite_database), ("PostgreSQL", postgres_database)):
        with database() as url:
            if url is None:
                continue
            user_id = prepare(url)
            path_raw_rate(url, user_id, min(50, subjects))  # warm up
            path_engine_rate(url, user_id, min(50, subjects))
            seconds = {"raw": 0.0, "engine": 0.0}
            for _round in range(rounds):
                seconds["raw"] += 1 / path_raw_rate(url, user_id, subjects)
                seconds["engine"] += 1 / path_engine_rate(url, user_id, subjects)
            raw, ours = rounds / seconds["raw"], rounds / seconds["engine"]
            ratio = ours / raw
            print(f"{name} path: raw {raw:,.0f} steps/s, engine {ours:,.0f} steps/s")
            rows.append((
                f"six-step path steps/s, {name} ({subjects} subjects round-robin, "
                "each loaded by id)", f"{ours:,.0f}", f"{raw:,.0f} (raw SQL through the driver)",
                f"{ratio:.2f} (goal >= 0.6){'' if ratio >= 0.6 else ' MISSED'}"))
    return rows


# ------------------------------------------------------------- (b) sweep ----


def fill_sweep(url: str, subjects: int) -> None:
    """Subjects waiting for the timer; every tenth is older than 30 days (due)."""
    engine = make_engine(url)
    old = datetime.combine(AS_OF - timedelta(days=60), clock(), UTC)
    recent = datetime.combine(AS_OF - timedelta(days=3), clock(), UTC)
    with engine.begin() as connection:
        for start in range(0, subjects, 50_000):
            connection.execute(insert(BenchItem), [
                {"state": "waiting", "version": 1, "city_id": n % 100,
                 "state_changed_at": old if n % 10 == 0 else recent}
                for n in range(start, min(start + 50_000, subjects))
            ])
    engine.dispose()


def sweep_child(url: str) -> None:
    """Run in a fresh process: the sweep's time and this process's peak memory."""
    from workflow.sweep import sweep

    engine = make_engine(url)
    session = new_session(engine)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    done = sweep(session, as_of=AS_OF, workflows=["bench"])
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": elapsed, "changed": sum(len(s.subject_ids) for s in done),
                      "peak_mb": peak / 1024, "before_mb": before / 1024}))


def raw_sweep(url: str) -> tuple[float, int]:
    """The same change set-wise in two statements: the floor for any sweep."""
    engine = make_engine(url)
    cutoff = datetime.combine(AS_OF - timedelta(days=30), clock(), UTC)
    cut = cutoff.strftime("%Y-%m-%d %H:%M:%S.%f")
    moment = datetime.combine(AS_OF, clock(), UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    start = time.perf_counter()
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO workflow_history (workflow, subject_id, transition, from_state, "
            "to_state, actor_id, at, comment, decision_ref, payload) "
            "SELECT 'bench', id, 'expire', state, 'expired', NULL, ?, NULL, NULL, '{}' "
            "FROM bench_items WHERE state = 'waiting' AND state_changed_at < ?",
            (moment, cut))
        changed = connection.exec_driver_sql(
            "UPDATE bench_items SET state = 'expired', version = version + 1, "
            "state_changed_at = ? WHERE state = 'waiting' AND state_changed_at < ?",
            (moment, cut)).rowcount
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed, changed


def sweep_figures(subjects: int) -> list[tuple[str, str, str, str]]:
    with sqlite_database() as url:
        prepare(url)
        fill_sweep(url, subjects)
        copy_path = url.removeprefix("sqlite:///") + ".copy"
        shutil.copy(url.removeprefix("sqlite:///"), copy_path)
        result = subprocess.run(
            [sys.executable, "-m", "bench.engine", "--sweep-child", url],
            check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent,
        )
        child = json.loads(result.stdout.strip().splitlines()[-1])
        raw_seconds, raw_changed = raw_sweep(f"sqlite:///{copy_path}")
    assert child["changed"] == raw_changed == subjects // 10, (child, raw_changed)
    ok_time = child["seconds"] < 10
    ok_memory = child["peak_mb"] < 500
    return [
        (f"sweep of {subjects:,} subjects ({raw_changed:,} due), SQLite",
         f"{child['seconds']:.2f} s", f"{raw_seconds:.2f} s (2 raw set-wise statements)",
         f"goal < 10 s{'' if ok_time else ' MISSED'}"),
        ("sweep peak memory (whole process)", f"{child['peak_mb']:.0f} MB",
         f"{child['before_mb']:.0f} MB before the sweep", f"goal < 500 MB"
         f"{'' if ok_memory else ' MISSED'}"),
    ]


# ------------------------------------------------------------- (c) inbox ----


def fill_history(url: str, rows: int, user_id: int) -> None:
    """50 000 subjects, half waiting for the secretariat; ``rows`` history entries
    by 200 actors (the bench user among them), spread over every subject."""
    engine = make_engine(url)
    base = datetime(2023, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(insert(User), [
            {"email": f"actor{n}@bench.local", "password_hash": "x", "display_name": f"Actor {n}",
             "role": Role.board, "active": True, "created_at": base} for n in range(199)])
        connection.execute(insert(BenchItem), [
            {"state": "open" if n % 2 else "done", "version": 1, "city_id": n % 100,
             "state_changed_at": base + timedelta(minutes=n)} for n in range(50_000)])
        actors = [user_id, *range(user_id + 1, user_id + 200)]
        for start in range(0, rows, 50_000):
            connection.execute(insert(HistoryEntry), [
                {"workflow": "bench", "subject_id": n % 50_000 + 1, "transition": "comment",
                 "from_state": "open", "to_state": "open", "actor_id": actors[n % 200],
                 "at": base + timedelta(seconds=n), "comment": "c", "decision_ref": None,
                 "payload": {}} for n in range(start, min(start + 50_000, rows))])
    engine.dispose()


def _median_ms(client, url: str, runs: int) -> float:
    for _ in range(5):
        client.get(url).close()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        response.close()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def inbox_figures(rows: int, runs: int = 60) -> list[tuple[str, str, str, str]]:
    from webapp import create_app

    with sqlite_database() as url:
        user_id = prepare(url)
        fill_history(url, rows, user_id)
        app = create_app({"DATABASE_URL": url, "TESTING": True, "WTF_CSRF_ENABLED": False,
                          "SECRET_KEY": "bench"})
        app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")
        client = app.test_client()
        with new_session(make_engine(url)) as db_session:
            stamp = db_session.get(User, user_id).session_stamp  # type: ignore[union-attr]
        with client.session_transaction() as session:
            session["_user_id"] = f"{user_id}.{stamp}"  # as User.get_id writes it
            session["_fresh"] = True
        page = client.get("/inbox").get_data(as_text=True)
        assert "Bench items" in page and "Actor" not in page[:0], "inbox did not render"
        bare = _median_ms(client, "/bench-bare", runs)
        inbox = _median_ms(client, "/inbox", runs)
        later = _median_ms(client, "/inbox?workflow=bench&page=400", runs)
    ok = inbox < 50
    return [
        (f"inbox page, {rows:,} history rows (median)", f"{inbox:.1f} ms",
         f"{bare:.1f} ms (bare Flask route)", f"goal < 50 ms{'' if ok else ' MISSED'}"),
        ("inbox page 400 of its group (median)", f"{later:.1f} ms",
         f"{bare:.1f} ms (bare Flask route)", f"goal < 50 ms{'' if later < 50 else ' MISSED'}"),
    ]


# -------------------------------------------------------------- report ----


def table(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["| figure | magflow | baseline (same run) | ratio / goal |",
             "| --- | ---: | ---: | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[tuple[str, str, str, str]]:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--sweep-child"]:
        sweep_child(args[1])
        return []
    numbers = [int(a) for a in args] + [TRANSITIONS, SWEEP_SUBJECTS, HISTORY_ROWS][len(args):]
    count, subjects, history = numbers[:3]
    print(f"## Workflow engine ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n")
    rows = transitions_figures(count)
    rows += path_figures(PATH_SUBJECTS)
    rows += sweep_figures(subjects)
    rows += inbox_figures(history)
    print(table(rows))
    return rows


if __name__ == "__main__":
    main()
