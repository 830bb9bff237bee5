"""The check against the real document: the XXIX session's decision, drafted and adopted.

From the state of 24 May 2023 (tests/workflow/xxix.py) the software drafts the
decision; the Secretariat adds the items it writes itself (1.2, 2.1–2.11, 3.5)
as the document has them. Items 1.1, 1.3 and 3.1–3.4 must then read as the
document reads, word for word, and adopting the draft must leave exactly the
state that seeding/mag.toml records after the session.

The document lists two pairs of cities out of alphabetical order (Брест before
Биробиджан in 1.1, Владикавказа before Владивостока in 1.3). The draft lists
them alphabetically; the Secretariat moves those two entries, as it may, and
the text then matches the document.
"""

from datetime import date

import pytest
from sqlmodel import select

import workflow.registry  # noqa: F401 - every workflow registered, arrears included
from models import AssemblySession, Body, City, Person, Position
from models.admission import Application
from models.decisions import DecisionStatus, ExecutionTask, ItemKind
from models.dues import Account
from models.officers import Appointment
from models.sessions import SessionStatus
from models.workflow import HistoryEntry
from seeding.decision_xxix import ENGLISH, EXECUTION
from seeding.decisions import document_path, russian_items
from seeding.loader import load_seed, read_seed
from tests.conftest import _empty_tables
from tests.workflow.xxix import before_xxix, user
from workflow import draft_editing
from workflow.adoption import adopt, sign
from workflow.drafting import generate_draft, items_of
from workflow.officers_queries import composition
from workflow.sweep import sweep

GENERATED = ["1.1", "1.3", "3.1", "3.2", "3.3", "3.4"]
SLIPS = {"1.1": "brest", "1.3": "vladikavkaz"}  # entries the document puts one place earlier


@pytest.fixture
def document():
    return russian_items(document_path().read_text(encoding="utf-8"))


@pytest.fixture
def draft(db, document):
    state = before_xxix(db)
    if not state["arrears"]:
        pytest.fail("the arrears workflow is not registered: item 1.3 cannot be drafted")
    decision = generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    secretariat = state["secretariat"]
    for label, text in document.items():
        if label not in GENERATED:
            control = EXECUTION.get(label, {})
            draft_editing.add_item(
                db, decision=decision, section=int(label[0]), text_ru=text,
                text_en=ENGLISH[label], actor=secretariat,
                executor_ru=control.get("executor_ru"), executor_en=control.get("executor_en"),
                executor_roles=control.get("roles"), deadline=control.get("deadline"))
    conference = next(i for i in items_of(db, decision) if i.text_ru == document["1.2"])
    draft_editing.move_item(db, item=conference, delta=-1, actor=secretariat)
    return {**state, "decision": decision}


def by_label(db, decision):
    return {i.label: i for i in items_of(db, decision)}


def follow_the_document(db, draft):
    """The Secretariat moves the two entries the document lists out of order."""
    items = by_label(db, draft["decision"])
    for label, slug in SLIPS.items():
        city = db.exec(select(City).where(City.slug == slug)).one()
        subject = next(s for s in items[label].subjects if s["city_id"] == city.id)
        draft_editing.move_subject(db, item=items[label], subject_id=subject["subject_id"],
                                   delta=-1, actor=draft["secretariat"])


@pytest.mark.parametrize("label", ["3.1", "3.2", "3.3", "3.4"])
def test_officer_items_read_word_for_word_as_the_document(db, draft, document, label):
    assert by_label(db, draft["decision"])[label].text_ru == document[label]


@pytest.mark.parametrize("label", ["3.1", "3.2", "3.3", "3.4"])
def test_officer_items_read_in_english_as_the_decisions_translation(db, draft, label):
    assert by_label(db, draft["decision"])[label].text_en == ENGLISH[label]


@pytest.mark.parametrize("label", ["1.1", "1.3"])
def test_city_items_name_the_same_cities_in_the_same_forms(db, draft, document, label):
    text = by_label(db, draft["decision"])[label].text_ru
    assert sorted(text.split(", ")) == sorted(document[label].split(", "))
    assert text != document[label]  # alphabetical, where the document slipped twice


def test_after_two_moves_every_item_reads_as_the_document(db, draft, document):
    follow_the_document(db, draft)
    items = by_label(db, draft["decision"])
    assert list(items) == list(document)
    assert {label: item.text_ru for label, item in items.items()} == document
    assert items["1.3"].kind == ItemKind.warnings and items["3.4"].kind == ItemKind.elections


def test_section_headings_are_the_documents(db, draft):
    text = document_path().read_text(encoding="utf-8")
    headings = draft["decision"].headings
    assert f"2. {headings['2']['ru']}" in text and f"3. {headings['3']['ru']}" in text
    assert headings["3"]["preamble_ru"] in text


def seed_record(seed, person, position, state):
    return next(r for r in seed["appointments"] if (r["person"], r["position"], r["state"])
                == (person, position, state))


def appointment(db, person, position, state):
    return db.exec(select(Appointment)
                   .join(Person, Person.id == Appointment.person_id)
                   .join(Position, Position.id == Appointment.position_id)
                   .where(Person.slug == person, Position.slug == position,
                          Appointment.state == state)).one()


def test_adopting_the_draft_yields_the_state_the_seed_records(db, draft):
    follow_the_document(db, draft)
    adopt(db, decision=draft["decision"], actor=draft["secretariat"])
    sweep(db, as_of=date(2023, 5, 25), workflows=["appointments"])  # elected take office
    sign(db, decision=draft["decision"], actor=user(db, "president@demo.magflow"))
    seed = read_seed()
    for record in seed["appointments"]:
        if record.get("decision") is None:
            continue
        found = appointment(db, record["person"], record["position"], record["state"])
        if record["state"] == "released":
            assert found.release_decision == record["decision"], record["person"]
            assert found.release_reason.value == record["release_reason"], record["person"]
            assert found.ended_on == record["ended_on"]
        else:
            assert found.election_decision == record["decision"], record["person"]
            assert found.started_on == record["started_on"]
    _accounts_as_seeded(db, seed["arrears"])
    _applications_as_seeded(db, seed["admissions"])
    assembly = db.exec(select(AssemblySession)).one()
    assert assembly.status == SessionStatus(seed["sessions"][0]["status"])
    assert draft["decision"].status == DecisionStatus.signed
    assert db.get(Person, draft["decision"].signed_by_id).slug == seed["sessions"][0]["signed_by"]
    refs = sorted(t.decision_ref for t in db.exec(select(ExecutionTask)).all())
    assert refs == ["XXIX:1.3", "XXIX:2.1", "XXIX:2.3", "XXIX:2.6"]
    adopted = officers(db)
    db.close()  # the seed goes into the emptied tables, with an empty identity map
    _empty_tables(db.get_bind())
    load_seed(db)
    assert adopted == officers(db)


def officers(db):
    """What the officers' pages show of the 29th session: terms, titles, the Board."""
    rows = db.exec(select(Appointment, Person, Position)
                   .join(Person, Person.id == Appointment.person_id)
                   .join(Position, Position.id == Appointment.position_id)).all()
    board = db.exec(select(Body).where(Body.slug == "board")).one()
    return {
        "appointments": len(rows),
        "titles of the elected": sorted(
            (person.slug, position.slug, term.title_ru, term.title_en)
            for term, person, position in rows if term.election_decision),
        **{f"Board on {day}": [(s.position.slug, s.person.slug)
                               for s in composition(db, board, day)]
           for day in (date(2023, 5, 24), date(2023, 5, 26))},
    }


def _accounts_as_seeded(db, section):
    for slug in section["cities"]:
        city = db.exec(select(City).where(City.slug == slug)).one()
        account = db.exec(select(Account).where(Account.city_id == city.id)).one()
        assert account.state == section["state"], slug
        refs = {h.decision_ref for h in db.exec(select(HistoryEntry).where(
            HistoryEntry.workflow == "arrears", HistoryEntry.subject_id == account.id,
            HistoryEntry.decision_ref.is_not(None))).all()}
        assert refs == {section["decision"]}, slug


def _applications_as_seeded(db, section):
    rows = db.exec(select(Application)).all()
    cities = {db.get(City, a.city_id).slug: a for a in rows}
    assert set(cities) == set(section["cities"])
    for slug, application in cities.items():
        assert application.state == section["state"], slug
        refs = {h.decision_ref for h in db.exec(select(HistoryEntry).where(
            HistoryEntry.workflow == "admission", HistoryEntry.subject_id == application.id))}
        assert refs == {section["decision"]}, slug
