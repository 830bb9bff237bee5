"""Adopting a decision fires every bound item in one transaction, or nothing at all."""

from datetime import date

import pytest
from sqlmodel import select

from models import AssemblySession, Person
from models.admission import Application
from models.decisions import DecisionStatus, ExecutionTask, ItemKind
from models.dues import Account
from models.officers import Appointment
from models.sessions import SessionStatus
from models.workflow import HistoryEntry
from tests.workflow.xxix import before_xxix, by_slug
from workflow import draft_editing
from workflow.adoption import AdoptionFailed, adopt, sign
from workflow.appointments import APPOINTMENTS
from workflow.drafting import generate_draft, items_of
from workflow.engine import Refusal, fire


@pytest.fixture
def drafted(db):
    state = before_xxix(db)
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    return {**state, "decision": decision}


def states(db):
    return sorted((a.id, a.state, a.version) for a in db.exec(select(Appointment)).all())


def appointment(db, slug, state):
    person = by_slug(db, Person, slug)
    return db.exec(select(Appointment).where(Appointment.person_id == person.id,
                                             Appointment.state == state)).one()


def item(db, decision, label):
    return next(i for i in items_of(db, decision) if i.label == label)


def test_adoption_fires_every_bound_item_with_its_reference(db, drafted):
    adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    assert appointment(db, "kulginov", "released").release_decision == "XXIX:3.1"
    assert appointment(db, "volkov", "released").release_reason.value == "moved_to_other_work"
    elected = appointment(db, "yalalov", "elected")
    assert elected.election_decision == "XXIX:3.3" and elected.started_on == date(2023, 5, 25)
    seat = appointment(db, "yalalov", "released")
    assert seat.release_reason.value == "elected_to_other_office"
    assert seat.release_decision == "XXIX:3.3"
    assert appointment(db, "khugaev", "elected").election_decision == "XXIX:3.4"
    notes = db.exec(select(HistoryEntry).where(HistoryEntry.workflow == "admission")).all()
    assert {n.decision_ref for n in notes} == {"XXIX:1.1"} and len(notes) == 6
    assert {a.state for a in db.exec(select(Application)).all()} == {"in_review"}
    assert db.get(AssemblySession, drafted["session"].id).status == SessionStatus.held


def test_each_item_records_what_it_changed(db, drafted):
    adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    changes = item(db, drafted["decision"], "3.2").outcome
    assert [(c["from"], c["to"]) for c in changes] == [("release_requested", "released")] * 4


def test_adopting_twice_is_refused_and_changes_nothing(db, drafted):
    adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    before = states(db)
    with pytest.raises(Refusal) as error:
        adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    assert error.value.code == "already_adopted"
    assert states(db) == before


def test_subject_moved_on_since_the_draft_blocks_the_whole_adoption(db, drafted):
    volkov = appointment(db, "volkov", "release_requested")
    fire(db, APPOINTMENTS, volkov, "cancel_release", actor=drafted["secretariat"],
         comment="He stays")
    before = states(db)
    with pytest.raises(AdoptionFailed) as error:
        adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    assert error.value.item == "3.2" and error.value.code == "moved_on"
    assert states(db) == before
    assert drafted["decision"].status == DecisionStatus.draft
    assert not db.exec(select(HistoryEntry).where(HistoryEntry.decision_ref == "XXIX:1.1")).all()


def test_a_guard_refusing_names_the_item_and_rolls_everything_back(db, drafted):
    draft_editing.remove_item(db, item=item(db, drafted["decision"], "3.1"),
                              actor=drafted["secretariat"])
    before = states(db)
    with pytest.raises(AdoptionFailed) as error:
        adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    assert error.value.item == "3.2"  # the First VP's election, renumbered after 3.1 went
    assert "Кульгинов" in str(error.value.message) or "Kulginov" in str(error.value.message)
    assert states(db) == before


def test_an_item_whose_subjects_were_all_left_out_cannot_be_adopted(db, drafted):
    first = item(db, drafted["decision"], "3.1")
    subject = first.subjects[0]["subject_id"]
    draft_editing.leave_out(db, item=first, subject_id=subject, reason="Stays until autumn",
                            actor=drafted["secretariat"])
    with pytest.raises(AdoptionFailed) as error:
        adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    assert error.value.code == "empty_item" and error.value.item == "3.1"


def test_items_with_executor_and_deadline_become_tasks(db, drafted):
    added = draft_editing.add_item(
        db, decision=drafted["decision"], section=2, text_ru="Составить план.",
        text_en="Draw up a plan.", actor=drafted["secretariat"],
        executor_ru="Секретариат МАГ", executor_en="MAG Secretariat",
        executor_roles=["secretariat"], deadline=date(2023, 7, 1))
    adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    task = db.exec(select(ExecutionTask).where(ExecutionTask.decision_ref == "XXIX:2.1")).one()
    assert (task.decision_ref, task.due_on, task.state) == ("XXIX:2.1", date(2023, 7, 1),
                                                            "assigned")
    assert task.item_id == added.id
    # The warnings item (1.2 here: no plain item precedes it) instructs the Audit Commission.
    audit = db.exec(select(ExecutionTask).where(ExecutionTask.decision_ref == "XXIX:1.2")).one()
    assert audit.executor_roles == ["audit"] and audit.due_on is None


def test_a_month_deadline_is_met_by_the_months_last_day(db, drafted):
    """"In December": the task is not overdue on 2 December, and is on 1 January."""
    from models.decisions import DeadlinePrecision
    from workflow.sweep import plan

    draft_editing.add_item(
        db, decision=drafted["decision"], section=2, text_ru="Подготовить отчёт.",
        text_en="Prepare a report.", actor=drafted["secretariat"],
        executor_ru="Секретариат МАГ", executor_en="MAG Secretariat",
        executor_roles=["secretariat"], deadline=date(2023, 12, 1),
        deadline_precision=DeadlinePrecision.month)
    adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    task = db.exec(select(ExecutionTask).where(ExecutionTask.decision_ref == "XXIX:2.1")).one()
    assert (task.due_on, task.due_precision) == (date(2023, 12, 31), DeadlinePrecision.month)

    def due(day):
        return [s.subject_ids for s in plan(db, as_of=day, workflows=["execution"])
                if s.transition == "make_overdue"]

    assert all(task.id not in ids for ids in due(date(2023, 12, 2)))
    assert any(task.id in ids for ids in due(date(2024, 1, 1)))


def test_president_signs_the_adopted_decision(db, drafted):
    from tests.workflow.xxix import user

    adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    signed = sign(db, decision=drafted["decision"], actor=user(db, "president@demo.magflow"))
    assert signed.status == DecisionStatus.signed
    assert db.get(Person, signed.signed_by_id).surname_ru == "Кравчук"
    assert db.get(AssemblySession, drafted["session"].id).status == SessionStatus.decision_signed


def test_empty_plain_item_is_refused(db, drafted):
    with pytest.raises(Refusal) as error:
        draft_editing.add_item(db, decision=drafted["decision"], section=2, text_ru="  ",
                               text_en="x", actor=drafted["secretariat"])
    assert error.value.code == "empty_item"
    assert all(i.kind != ItemKind.plain for i in items_of(db, drafted["decision"]))


def test_an_election_placed_before_the_release_of_the_seats_holder_is_adopted(db, drafted):
    election = item(db, drafted["decision"], "3.3")
    for _ in range(2):  # the First VP's election moved above both releases
        draft_editing.move_item(db, item=election, delta=-1, actor=drafted["secretariat"])
    assert item(db, drafted["decision"], "3.1").kind == ItemKind.elections
    adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    assert appointment(db, "kulginov", "released").release_decision == "XXIX:3.2"
    first = appointment(db, "yalalov", "elected")
    assert first.election_decision == "XXIX:3.1" and first.seat_position_id == first.position_id
    assert [(c["from"], c["to"]) for c in item(db, drafted["decision"], "3.1").outcome] == [
        ("in_office", "released"), ("endorsed", "elected")]  # in the item's own order


def test_generating_the_draft_prepares_the_sessions_agenda(db, drafted):
    assert drafted["arrears"]
    assert db.get(AssemblySession, drafted["session"].id).status == SessionStatus.agenda_prepared


def history_of(db, account_id):
    return [(h.id, h.transition, h.to_state) for h in db.exec(
        select(HistoryEntry).where(HistoryEntry.workflow == "arrears",
                                   HistoryEntry.subject_id == account_id)
        .order_by(HistoryEntry.id)).all()]


def test_an_account_left_out_of_the_warnings_is_left_alone_at_adoption(db, drafted):
    warnings = next(i for i in items_of(db, drafted["decision"]) if i.kind == ItemKind.warnings)
    spared = warnings.subjects[0]["subject_id"]
    draft_editing.leave_out(db, item=warnings, subject_id=spared, reason="Paid on 24 May",
                            actor=drafted["secretariat"])
    before = (db.get(Account, spared).state, db.get(Account, spared).version,
              history_of(db, spared))
    adopt(db, decision=drafted["decision"], actor=drafted["secretariat"])
    db.expire_all()
    after = db.get(Account, spared)
    assert (after.state, after.version, history_of(db, spared)) == before
    assert before[0] == "reminded"
    others = [s["subject_id"] for s in warnings.subjects if s["subject_id"] != spared]
    assert len(others) == 21
    ref = f"XXIX:{warnings.label}"
    for account_id in others:
        assert db.get(Account, account_id).state == "audit_control"
        assert [(t, s) for _id, t, s in history_of(db, account_id)][-2:] == [
            ("warn", "warned"), ("put_under_audit", "audit_control")]
        assert {h.decision_ref for h in db.exec(select(HistoryEntry).where(
            HistoryEntry.subject_id == account_id, HistoryEntry.workflow == "arrears",
            HistoryEntry.decision_ref.is_not(None)))} == {ref}
    assert [c["subject_id"] for c in warnings.outcome] == others


def test_a_decision_is_not_adopted_before_its_sessions_day(app, db, drafted):
    from datetime import UTC, datetime

    before = states(db)
    with pytest.raises(Refusal) as error:
        adopt(db, decision=drafted["decision"], actor=drafted["secretariat"],
              now=datetime(2023, 5, 24, 12, tzinfo=UTC))
    assert error.value.code == "session_not_held"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(error.value.message) == (
            "Session XXIX sits on 25 May 2023: its decision cannot be adopted before then.")
    assert states(db) == before
    db.refresh(drafted["decision"])
    assert drafted["decision"].status == DecisionStatus.draft
    adopted = adopt(db, decision=drafted["decision"], actor=drafted["secretariat"],
                    now=datetime(2023, 5, 25, 9, tzinfo=UTC))
    assert adopted.status == DecisionStatus.adopted


@pytest.mark.parametrize(("deadline", "precision", "refused"), [
    (date(2023, 5, 24), "day", True),
    (date(2023, 5, 25), "day", False),
    (date(2023, 5, 1), "month", False),  # "in May 2023" is met by 31 May
    (date(2023, 4, 1), "month", True),
])
def test_an_execution_deadline_cannot_precede_its_session(app, db, drafted, deadline, precision,
                                                          refused):
    from models.decisions import DeadlinePrecision

    count = len(items_of(db, drafted["decision"]))
    add = lambda: draft_editing.add_item(  # noqa: E731
        db, decision=drafted["decision"], section=2, text_ru="Составить план.",
        text_en="Draw up a plan.", actor=drafted["secretariat"],
        executor_ru="Секретариат МАГ", executor_en="MAG Secretariat",
        executor_roles=["secretariat"], deadline=deadline,
        deadline_precision=DeadlinePrecision(precision))
    if not refused:
        assert add().deadline >= date(2023, 5, 25)
        return
    with pytest.raises(Refusal) as error:
        add()
    assert (error.value.code, error.value.params.get("field")) == ("deadline_before_session",
                                                     "deadline")
    with app.test_request_context("/?lang=ru"):
        assert "раньше сессии 25 мая 2023" in str(error.value.message)
    db.rollback()
    assert len(items_of(db, drafted["decision"])) == count
