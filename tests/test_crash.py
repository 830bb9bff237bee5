"""A sweep or an adoption killed part way (SIGKILL) leaves no half step, and a rerun finishes it.

The operation runs in a child process (tests/crash_child.py) on the test
database and says where it is; the parent kills it there, then reads the
database: every subject either took its step whole (state, version, one
history entry, its letter) or not at all, and the decision was adopted
entirely or not at all. Running the operation again does the rest once.
"""

import os
import queue
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select
from sqlmodel import SQLModel

from models import AssemblySession, City, CityStatus
from models.decisions import DeadlinePrecision, Decision, DecisionItem, ExecutionTask
from models.dues import Account, Letter
from models.workflow import HistoryEntry
from tests.workflow.xxix import before_xxix
from webapp.cli import main
from workflow.adoption import adopt
from workflow.drafting import generate_draft
from workflow.engine import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2024, 6, 1)
BATCH = 125
TASKS = 500  # execution tasks past their deadline: four batches, swept first
ACCOUNTS = 1500  # dues accounts overdue since January: twelve batches of reminders
LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)


class Child:
    """A running tests.crash_child whose printed lines arrive on a queue."""

    def __init__(self, args: list[str], log: Path) -> None:
        self.log = log
        with log.open("wb") as errors:  # the child keeps its own copy of the file
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.crash_child", *args], cwd=ROOT,
                stdout=subprocess.PIPE, stderr=errors, text=True,
            )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def wait_for(self, wanted: str, times: int = 1, timeout: float = 60) -> None:
        """Block until the child has printed ``wanted`` this many times."""
        while times:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"no {wanted!r} from the child in {timeout} s")
            if line is None:
                pytest.fail(f"the child ended before {wanted!r}:\n{self.log.read_text()}")
            times -= line.startswith(wanted)

    def kill(self) -> None:
        """SIGKILL: no handler, no rollback, no atexit; the OS just ends the process."""
        os.kill(self.process.pid, signal.SIGKILL)
        assert self.process.wait(timeout=30) == -signal.SIGKILL

    def reap(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def spawn(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Child]]:
    """Start a child on the test database; every child is killed and reaped afterwards."""
    children: list[Child] = []

    def start(operation: str, *args: Any) -> Child:
        log = tmp_path / f"child-{len(children)}.log"
        children.append(Child([operation, database_url, *map(str, args)], log))
        return children[-1]

    yield start
    for child in children:
        child.reap()


# ------------------------------------------------------------------ the sweep ----


def _due_subjects(engine: Engine) -> None:
    """Execution tasks past their deadline and accounts due a reminder, written in bulk."""
    with engine.begin() as connection:
        connection.execute(insert(City), [
            {"slug": f"c{i}", "name_ru": f"Город {i}", "name_en": f"City {i}", "ru_forms": {},
             "status": CityStatus.member, "sources": [], "city_day_approximate": False,
             "created_at": LONG_AGO} for i in range(ACCOUNTS)])
        cities = connection.execute(select(City.id)).scalars().all()
        connection.execute(insert(Account), [
            {"city_id": city, "state": "overdue", "version": 1, "state_changed_at": LONG_AGO,
             "opened_on": date(2020, 1, 1), "oldest_open_due_on": date(2024, 3, 31),
             "unknown_debts": 0, "paused": False} for city in cities])
        connection.execute(insert(ExecutionTask), [
            {"state": "assigned", "version": 1, "state_changed_at": LONG_AGO,
             "decision_ref": f"XXIX:9.{i}", "summary_ru": "Отчёт", "summary_en": "Report",
             "executor_ru": "Секретариат", "executor_en": "Secretariat",
             "executor_roles": ["secretariat"], "due_on": date(2024, 5, 1),
             "due_precision": DeadlinePrecision.day, "sources": [], "created_at": LONG_AGO}
            for i in range(TASKS)])


def _stepped(connection: Any, model: Any, workflow: str, step: tuple[str, str, str]) -> int:
    """How many subjects took the step; fails on any subject that took it in part or twice."""
    transition, start, end = step
    rows = connection.execute(select(model.id, model.state, model.version)).all()
    entries = connection.execute(
        select(HistoryEntry.subject_id, HistoryEntry.transition, HistoryEntry.from_state,
               HistoryEntry.to_state).where(HistoryEntry.workflow == workflow)).all()
    assert {tuple(e[1:]) for e in entries} <= {step}
    count = Counter(e.subject_id for e in entries)
    assert set(count) <= {r.id for r in rows}
    half = [r for r in rows if (r.state, r.version, count[r.id]) not in {(start, 1, 0),
                                                                          (end, 2, 1)}]
    assert half == []
    return sum(r.state == end for r in rows)


def swept(engine: Engine) -> tuple[int, int]:
    """Tasks made overdue and accounts reminded, after checking each did so whole."""
    with engine.connect() as connection:
        tasks = _stepped(connection, ExecutionTask, "execution",
                         ("make_overdue", "assigned", "overdue"))
        accounts = _stepped(connection, Account, "arrears", ("remind", "overdue", "reminded"))
        letters = connection.execute(select(Letter.account_id, Letter.history_id)).all()
        reminders = connection.execute(select(HistoryEntry.subject_id, HistoryEntry.id).where(
            HistoryEntry.workflow == "arrears")).all()
    assert sorted(map(tuple, letters)) == sorted(map(tuple, reminders))  # one letter each
    return tasks, accounts


def sweep_again(app: Any) -> str:
    """The operator's rerun: ``magflow sweep`` for the same date."""
    # Named, since other test modules of this process may have registered test workflows.
    result = app.test_cli_runner().invoke(main, ["sweep", "--as-of", AS_OF.isoformat(),
                                                 "--workflow", "execution",
                                                 "--workflow", "arrears"])
    assert result.exit_code == 0, result.output
    return str(result.output)


def test_sweep_killed_inside_a_batch_keeps_committed_batches_and_rerun_does_the_rest(
        app, engine, spawn):
    _due_subjects(engine)
    batches_of_tasks = TASKS // BATCH
    child = spawn("sweep", AS_OF, BATCH, batches_of_tasks + 2)  # the 2nd batch of reminders
    child.wait_for("inside")
    child.kill()
    assert swept(engine) == (TASKS, BATCH)
    output = sweep_again(app)
    assert "execution.make_overdue: 0" in output
    assert f"Applied {ACCOUNTS - BATCH} transitions" in output
    assert swept(engine) == (TASKS, ACCOUNTS)


def test_sweep_killed_while_running_leaves_whole_batches_and_rerun_does_the_rest(
        app, engine, spawn):
    _due_subjects(engine)
    child = spawn("sweep", AS_OF, BATCH, 0)
    child.wait_for("committed", times=TASKS // BATCH + 1)  # the first reminders committed
    child.kill()
    tasks, accounts = swept(engine)
    assert tasks == TASKS and BATCH <= accounts < ACCOUNTS and accounts % BATCH == 0
    assert f"Applied {ACCOUNTS - accounts} transitions" in sweep_again(app)
    assert swept(engine) == (TASKS, ACCOUNTS)


# ---------------------------------------------------------------- the adoption ----


@pytest.fixture
def drafted(db):
    state = before_xxix(db)
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    db.rollback()  # hold no transaction open while the child writes
    return {**state, "decision": decision}


def picture(engine: Engine) -> dict[str, Any]:
    """Everything adoption may change: subjects, history, tasks, decision, session."""
    with engine.connect() as connection:
        subjects = {
            (name, row.id): (row.state, row.version)
            for name, workflow in REGISTRY.items()
            if workflow.model.metadata is SQLModel.metadata  # not a test's own workflow
            for row in connection.execute(select(workflow.model.id, workflow.model.state,
                                                 workflow.model.version))
        }
        history = connection.execute(select(
            HistoryEntry.id, HistoryEntry.workflow, HistoryEntry.subject_id,
            HistoryEntry.transition, HistoryEntry.decision_ref)).all()
        return {
            "subjects": subjects, "history": sorted(map(tuple, history)),
            "tasks": connection.execute(select(ExecutionTask.item_id)).scalars().all(),
            "items": sorted((item, bool(executor), outcome) for item, executor, outcome in
                            connection.execute(select(DecisionItem.id, DecisionItem.executor_ru,
                                                      DecisionItem.outcome))),
            "decision": connection.execute(select(Decision.status)).scalars().all(),
            "session": connection.execute(select(AssemblySession.status)).scalars().all(),
        }


def assert_adopted_once(before: dict[str, Any], after: dict[str, Any]) -> None:
    """Each subject moved by as many versions as it got state-changing entries; nothing twice."""
    new = [entry for entry in after["history"] if entry not in before["history"]]
    assert new and all(ref and ref.startswith("XXIX:") for *_, ref in new)
    assert max(Counter(entry[1:] for entry in new).values()) == 1
    steps = Counter((workflow, subject) for _, workflow, subject, transition, _ in new
                    if transition != "session_decision")
    for key, (_state, version) in after["subjects"].items():
        assert version == before["subjects"].get(key, (None, 1))[1] + steps[key], key
    executed = [item for item, has_executor, _ in after["items"] if has_executor]
    assert sorted(after["tasks"]) == executed and executed  # one task per item with an executor
    assert all(outcome for *_, outcome in after["items"])  # every item recorded its changes
    assert after["decision"] == ["adopted"] and after["session"] == ["held"]


@pytest.mark.parametrize("pause", ["item", "commit"])
def test_adoption_killed_part_way_changes_nothing_and_adopting_again_applies_once(
        db, engine, spawn, drafted, pause):
    before = picture(engine)
    child = spawn("adopt", drafted["decision"].id, drafted["secretariat"].id, pause)
    child.wait_for("inside")
    child.kill()
    assert picture(engine) == before
    adopt(db, decision=db.get(Decision, drafted["decision"].id),
          actor=drafted["secretariat"])
    assert_adopted_once(before, picture(engine))
