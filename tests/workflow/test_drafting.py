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
