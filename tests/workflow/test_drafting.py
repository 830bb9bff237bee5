"""Drafting the next session's decision from what waits for it."""

from sqlmodel import select

from models.decisions import ItemKind
from models.officers import Appointment
from tests.workflow.xxix import before_xxix
from workflow.drafting import generate_draft, items_of


def draft(db):
    state = before_xxix(db)
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    return state, decision, items_of(db, decision)


def test_draft_lists_waiting_applicants_releases_and_elections(db):
    _state, _decision, items = draft(db)
    kinds = [(i.label, i.kind) for i in items]
    assert ("1.1", ItemKind.continue_admission) in kinds
    assert [k for _l, k in kinds if k == ItemKind.releases] == [ItemKind.releases] * 2
    assert [k for _l, k in kinds if k == ItemKind.elections] == [ItemKind.elections] * 2
    for item in items:
        print(item.label, item.text_ru, "\n   ", item.text_en)


def test_drafting_changes_no_subject(db):
    state = before_xxix(db)
    before = [(a.id, a.state, a.version) for a in db.exec(select(Appointment)).all()]
    generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    after = [(a.id, a.state, a.version) for a in db.exec(select(Appointment)).all()]
    assert before == after


def test_redrafting_keeps_what_the_secretariat_decided(db):
    from workflow import draft_editing

    state, decision, items = draft(db)
    actor = state["secretariat"]
    warnings = next(i for i in items if i.kind == ItemKind.warnings)
    admission = next(i for i in items if i.kind == ItemKind.continue_admission)
    left = warnings.subjects[2]["subject_id"]
    draft_editing.leave_out(db, item=warnings, subject_id=left, reason="Paid on 24 May",
                            actor=actor)
    first = admission.subjects[0]["subject_id"]
    draft_editing.move_subject(db, item=admission, subject_id=first, delta=1, actor=actor)
    moved_order = [s["subject_id"] for s in admission.subjects]
    report = draft_editing.add_item(db, decision=decision, section=1, text_ru="Принять отчёт.",
                                    text_en="To accept the report.", actor=actor)
    for _ in range(len([i for i in items_of(db, decision) if i.section == 1]) - 1):
        draft_editing.move_item(db, item=report, delta=-1, actor=actor)
    draft_editing.edit_item(db, item=admission, text_ru="Продолжить работу с городами.",
                            text_en="To continue the work with the cities.", actor=actor)
    before = [(i.label, i.kind, i.text_ru) for i in items_of(db, decision)]

    generate_draft(db, assembly=state["session"], actor=actor)

    after = items_of(db, decision)
    assert [(i.label, i.kind, i.text_ru) for i in after] == before
    assert after[0].text_ru == "Принять отчёт."
    warnings = next(i for i in after if i.kind == ItemKind.warnings)
    kept = next(s for s in warnings.subjects if s["subject_id"] == left)
    assert (kept["left_out"], kept["reason"]) == (True, "Paid on 24 May")
    admission = next(i for i in after if i.kind == ItemKind.continue_admission)
    assert [s["subject_id"] for s in admission.subjects] == moved_order
    assert admission.text_edited


def test_a_first_draft_puts_the_bound_items_first_in_each_section(db):
    _state, _decision, items = draft(db)
    for section in (1, 3):
        kinds = [i.kind for i in items if i.section == section]
        assert kinds and ItemKind.plain not in kinds
    assert [i.number for i in items if i.section == 1] == list(range(1, 1 + len(
        [i for i in items if i.section == 1])))
