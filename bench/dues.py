"""The dues area's speed over 250 000 accounts on SQLite, each beside a same-run baseline.

* the arrears sweep (``workflow.sweep`` on the ``arrears`` workflow) as of a date
  where 10% of the accounts fall overdue and 2% are reminded (a letter each),
  against raw SQL doing the same guarded UPDATEs and history INSERT ... SELECTs
  on a copy of the same file (rolled back). Goal: the sweep in well under a minute.
* the debtors report's first page (``workflow.dues_reports.debtors``), sorted
  by oldest debt and by city, against one raw SQL statement selecting the same
  page plus its COUNT(*). Goal: under 1 s.

``python -m bench.dues [accounts]``
"""

import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from models.database import make_engine, new_session
from models.migrate import upgrade

Row = tuple[str, str, str, str]

ACCOUNTS = 250_000
AS_OF = date(2024, 6, 1)


def _populate(path: Path, accounts: int) -> None:
    """Cities, accounts, one open charge for a third of them, and their balances."""
    connection = sqlite3.connect(path)
    now = datetime(2024, 1, 1, tzinfo=UTC).isoformat(sep=" ")
    old = datetime(2024, 4, 1, tzinfo=UTC).isoformat(sep=" ")
    connection.executemany(
        "INSERT INTO cities (id, slug, name_ru, name_en, ru_forms, status, sources,"
        " city_day_approximate, created_at) VALUES (?, ?, ?, ?, '{}', 'member', '[]', 0, ?)",
        ((i, f"c{i}", f"Город {i:06d}", f"City {i:06d}", now) for i in range(1, accounts + 1)),
    )

    def account(i: int) -> tuple[Any, ...]:
        kind = i % 50
        if kind < 5:      # 10%: a charge past due, still in good standing -> overdue
            return (i, i, "good_standing", now, date(2024, 3, 31), 0)
        if kind == 5:     # 2%: overdue since April -> reminded, with a letter
            return (i, i, "overdue", old, date(2024, 3, 31), 0)
        if kind < 17:     # 22%: further up the ladder, nothing timed to do
            return (i, i, "audit_control", old, date(2023, 3, 31), 0)
        return (i, i, "good_standing", now, None, 0)

    rows = [account(i) for i in range(1, accounts + 1)]
    connection.executemany(
        "INSERT INTO dues_accounts (id, city_id, state, version, state_changed_at, opened_on,"
        " oldest_open_due_on, unknown_debts, paused) VALUES (?, ?, ?, 1, ?, '2020-01-01', ?, ?, 0)",
        rows,
    )
    debtors = [(r[0], r[4]) for r in rows if r[4] is not None]
    connection.executemany(
        "INSERT INTO dues_charges (account_id, kind, key, year, amount, currency, amount_known,"
        " paid, is_open, due_on, created_at) VALUES (?, 'annual', 'annual:2024', 2024,"
        " 4000, 'EUR', 1, 0, 1, ?, '2024-01-01 00:00:00')",
        debtors,
    )
    connection.executemany(
        "INSERT INTO dues_balances (account_id, currency, owed, credit)"
        " VALUES (?, 'EUR', ?, 0)",
        ((a, 4000 + a % 997) for a, _due in debtors),
    )
    connection.commit()
    connection.execute("ANALYZE")
    connection.close()


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


RAW_SWEEP = [
    "UPDATE dues_accounts SET state='overdue', version=version+1, state_changed_at=:now"
    " WHERE state='good_standing' AND oldest_open_due_on < :as_of AND paused=0",
    "INSERT INTO workflow_history (workflow, subject_id, transition, from_state, to_state, at,"
    " payload) SELECT 'arrears', id, 'become_overdue', 'good_standing', 'overdue', :now, '{}'"
    " FROM dues_accounts WHERE state='overdue' AND state_changed_at=:now",
    "UPDATE dues_accounts SET state='reminded', version=version+1, state_changed_at=:now"
    " WHERE state='overdue' AND state_changed_at <= :cutoff AND paused=0",
    "INSERT INTO workflow_history (workflow, subject_id, transition, from_state, to_state, at,"
    " payload) SELECT 'arrears', id, 'remind', 'overdue', 'reminded', :now, '{}'"
    " FROM dues_accounts WHERE state='reminded' AND state_changed_at=:now",
]


def _raw_sweep(path: Path) -> float:
    connection = sqlite3.connect(path)
    params = {"now": "2024-06-01 00:00:00.000000", "as_of": AS_OF.isoformat(),
              "cutoff": "2024-05-02 00:00:00.000000"}
    start = time.perf_counter()
    for statement in RAW_SWEEP:
        connection.execute(statement, params)
    elapsed = time.perf_counter() - start
    connection.rollback()
    connection.close()
    return elapsed


RAW_PAGE = (
    "SELECT a.id, c.name_ru, c.name_en, a.state, a.oldest_open_due_on, a.unknown_debts,"
    " b.currency, b.owed FROM (SELECT a.id FROM dues_accounts a JOIN cities c ON c.id = a.city_id"
    " WHERE a.oldest_open_due_on < :as_of ORDER BY {order} LIMIT 50) page"
    " JOIN dues_accounts a ON a.id = page.id JOIN cities c ON c.id = a.city_id"
    " LEFT JOIN dues_balances b ON b.account_id = a.id"
)
RAW_COUNT = "SELECT count(*) FROM dues_accounts WHERE oldest_open_due_on < :as_of"


def _raw_page(path: Path, order: str) -> float:
    connection = sqlite3.connect(path)
    start = time.perf_counter()
    connection.execute(RAW_PAGE.format(order=order), {"as_of": AS_OF.isoformat()}).fetchall()
    connection.execute(RAW_COUNT, {"as_of": AS_OF.isoformat()}).fetchone()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def _report_page(rows: list[Row], engine: Any, path: Path, sort: str, order: str, debtors: Any,
                 chosen: Any) -> None:
    """The best of three runs of each, after one warm-up run of each."""
    session = new_session(engine)
    debtors(session, chosen(as_of=AS_OF, sort=sort))
    _raw_page(path, order)
    baseline = min(_raw_page(path, order) for _ in range(3))
    runs = [_timed(lambda: debtors(session, chosen(as_of=AS_OF, sort=sort))) for _ in range(3)]
    session.close()
    ours, page = min(runs, key=lambda run: run[0])
    _line(rows, f"debtors first page, sort={sort}", ours, baseline,
          f"({page.total} debtors, goal < 1000 ms)")


def _line(rows: list[Row], name: str, ours: float, baseline: float, note: str = "") -> None:
    ratio = ours / baseline if baseline else float("inf")
    print(f"  {name:<38} {ours * 1000:9.1f} ms   baseline {baseline * 1000:9.1f} ms"
          f"   ratio {ratio:6.1f}x  {note}")
    rows.append((name, f"{ours * 1000:.1f} ms", f"{baseline * 1000:.1f} ms (raw SQL)",
                 f"{ratio:.1f}x {note}".strip()))


def main(accounts: int = ACCOUNTS) -> list[Row]:
    import workflow.arrears  # noqa: F401 - registers the workflow
    from workflow.dues_reports import DebtorFilter, debtors
    from workflow.sweep import sweep

    print(f"dues: {accounts} accounts on SQLite")
    rows: list[Row] = []
    folder = Path(tempfile.mkdtemp(prefix="magflow-bench-dues-"))
    try:
        path = folder / "dues.sqlite3"
        upgrade(f"sqlite:///{path}")
        seconds, _ = _timed(lambda: _populate(path, accounts))
        print(f"  (populated in {seconds:.1f} s)")
        engine = make_engine(f"sqlite:///{path}")
        for sort, order in (("oldest", "a.oldest_open_due_on, a.id"), ("city", "c.name_ru, a.id")):
            _report_page(rows, engine, path, sort, order, debtors, DebtorFilter)
        copy = folder / "baseline.sqlite3"
        shutil.copy(path, copy)
        baseline = _raw_sweep(copy)
        session = new_session(engine)
        ours, steps = _timed(lambda: sweep(session, as_of=AS_OF, workflows=["arrears"]))
        session.close()
        moved = {s.transition: len(s.subject_ids) for s in steps if s.subject_ids}
        _line(rows, f"arrears sweep over {accounts} accounts", ours, baseline, f"{moved}")
        engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ACCOUNTS)
