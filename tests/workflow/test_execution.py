"""Execution control: the executor reports, the Board accepts or returns; deadlines lapse."""

from datetime import date

import pytest
from sqlmodel import select

from models import Role
from models.decisions import DeadlinePrecision, ExecutionTask
from workflow.engine import NotAllowed, Refusal, fire
from workflow.execution import EXECUTION
from workflow.sweep import sweep


@pytest.fixture
def task(db):
    made = ExecutionTask(state="assigned", decision_ref="XXIX:2.1", summary_ru="План",
                         summary_en="Plan", executor_ru="Секретариат МАГ",
                         executor_en="MAG Secretariat", executor_roles=["secretariat"],
                         due_on=date(2023, 7, 1), due_precision=DeadlinePrecision.day)
    db.add(made)
    db.commit()
    return made


def test_secretariat_reports_and_the_board_accepts(db, task, make_user):
    fire(db, EXECUTION, task, "report", actor=make_user(Role.secretariat), comment="Plan sent")
    assert (task.state, task.report) == ("reported", "Plan sent")
    fire(db, EXECUTION, task, "accept", actor=make_user(Role.board))
    assert task.state == "accepted"


def test_board_returns_a_report_with_a_comment(db, task, make_user):
    fire(db, EXECUTION, task, "report", actor=make_user(Role.secretariat), comment="Done")
    with pytest.raises(Refusal):
        fire(db, EXECUTION, task, "return_report", actor=make_user(Role.board))
    fire(db, EXECUTION, task, "return_report", actor=make_user(Role.board), comment="Too thin")
    assert task.state == "returned"


@pytest.mark.parametrize("role", [Role.audit, Role.board])
def test_only_the_executor_reports(db, task, make_user, role):
    with pytest.raises((Refusal, NotAllowed)):
        fire(db, EXECUTION, task, "report", actor=make_user(role), comment="Done")
    assert task.state == "assigned"


def test_sweep_marks_a_lapsed_deadline_overdue_once(db, task):
    sweep(db, as_of=date(2023, 7, 1), workflows=["execution"])
    db.refresh(task)
    assert task.state == "assigned"
    done = sweep(db, as_of=date(2023, 7, 2), workflows=["execution"])
    again = sweep(db, as_of=date(2023, 7, 3), workflows=["execution"])
    assert [s.subject_ids for s in done if s.transition == "make_overdue"] == [(task.id,)]
    assert all(not s.subject_ids for s in again if s.transition == "make_overdue")
    db.expire_all()
    assert db.exec(select(ExecutionTask)).one().state == "overdue"
