"""The officers of mag.toml: terms, reasons, decisions, and the Board on both sides of 25 May."""

from datetime import date

import pytest
from sqlmodel import select

from models import Body, Person, Position
from models.officers import AdoptedDocument, Appointment, ReleaseReason
from models.workflow import HistoryEntry
from seeding.decision_xxix import ENGLISH
from seeding.decisions import document_path, russian_items
from seeding.loader import load_seed
from workflow.officers_queries import composition
from workflow.wording import decline_phrase, person_line_en, person_name

BEFORE = [
    ("president", "kravchuk"), ("first-vice-president", "kulginov"),
    ("vice-president", "volkov"), ("vice-president", "kochiev"), ("vice-president", "marutyan"),
    ("vice-president", "shulepov"), ("vice-president", "yalalov"),
]
AFTER = [
    ("president", "kravchuk"), ("first-vice-president", "yalalov"),
    ("vice-president", "kasymbek"), ("vice-president", "kobets"), ("vice-president", "kulemzin"),
    ("vice-president", "molchanov"), ("vice-president", "pilavov"), ("vice-president", "khugaev"),
]


def board_on(db, day):
    board = db.exec(select(Body).where(Body.slug == "board")).one()
    return [(s.position.slug, s.person.slug) for s in composition(db, board, day)]


def terms(db, slug):
    return db.exec(
        select(Appointment, Position).join(Position, Position.id == Appointment.position_id)
        .join(Person, Person.id == Appointment.person_id).where(Person.slug == slug)
    ).all()


@pytest.mark.parametrize(("day", "expected"), [
    (date(2023, 5, 1), BEFORE), (date(2023, 5, 24), BEFORE),
    (date(2023, 5, 25), AFTER), (date(2023, 5, 26), AFTER),
])
def test_the_board_before_and_after_the_29th_session(seeded, day, expected):
    assert board_on(seeded, day) == expected


@pytest.mark.parametrize("slug", ["kulginov", "volkov", "kochiev", "marutyan", "shulepov"])
def test_released_officers_moved_to_other_work_on_25_may(seeded, slug):
    [(term, _position)] = terms(seeded, slug)
    assert (term.state, term.ended_on, term.started_on) == ("released", date(2023, 5, 25), None)
    assert term.release_reason == ReleaseReason.moved_to_other_work
    assert term.release_decision == ("XXIX:3.1" if slug == "kulginov" else "XXIX:3.2")


def test_yalalov_leaves_his_vice_presidency_as_he_becomes_first_vice_president(seeded):
    by_position = {p.slug: t for t, p in terms(seeded, "yalalov")}
    vice, first = by_position["vice-president"], by_position["first-vice-president"]
    assert (vice.ended_on, vice.release_reason) == (
        date(2023, 5, 25), ReleaseReason.elected_to_other_office)
    assert (first.state, first.started_on, first.election_decision) == (
        "in_office", date(2023, 5, 25), "XXIX:3.3")
    assert first.seat_position_id == first.position_id


# Item 3.4: each new Vice-President with the title the decision gives (nominative here).
TITLES_3_4 = {
    "kasymbek": ("аким города Астаны", "Akim of Astana"),
    "kobets": ("глава администрации города Херсона", "Head of the Administration of Kherson"),
    "kulemzin": ("глава администрации города Донецка", "Head of the Administration of Donetsk"),
    "molchanov": ("мэр города Ярославля", "Mayor of Yaroslavl"),
    "pilavov": ("глава администрации города Луганска", "Head of the Administration of Lugansk"),
    "khugaev": ("глава администрации города Цхинвал", "Head of the Administration of Tskhinval"),
}


def decision_item(label):
    """The Russian of one item of the seed decision, and its English (seeding/decision_xxix)."""
    return russian_items(document_path().read_text(encoding="utf-8"))[label], ENGLISH[label]


def said_in(item, term, person):
    """Whether the decision's item names the person with the term's title, in both languages."""
    text_ru, text_en = decision_item(item)
    line_ru = f"{person_name(person, 'accs')} – {decline_phrase(term.title_ru, 'accs')}"
    line_en = person_line_en(person, title=term.title_en)
    return line_ru in text_ru and line_en in text_en


@pytest.mark.parametrize("slug", list(TITLES_3_4))
def test_the_six_vice_presidents_of_3_4_keep_their_titles(seeded, slug):
    [(term, position)] = terms(seeded, slug)
    person = seeded.get(Person, term.person_id)
    assert (position.slug, term.started_on, term.election_decision) == (
        "vice-president", date(2023, 5, 25), "XXIX:3.4")
    assert (term.title_ru, term.title_en) == TITLES_3_4[slug]
    assert said_in("3.4", term, person)


def test_yalalov_keeps_the_title_item_3_3_gives_him(seeded):
    """The decision itself calls him «вице-президента МАГ» as it elects him First VP."""
    first = next(t for t, p in terms(seeded, "yalalov") if p.slug == "first-vice-president")
    text_ru, text_en = decision_item("3.3")
    assert decline_phrase(first.title_ru, "accs") in text_ru
    assert first.title_en in text_en


def test_president_and_executive_vice_president_have_no_known_start(seeded):
    for slug in ("kravchuk", "selivanov"):
        [(term, position)] = terms(seeded, slug)
        assert (term.state, term.started_on, term.ended_on) == ("in_office", None, None)
        assert term.seat_position_id == position.id


def test_every_seeded_term_has_history_citing_its_decision(seeded):
    for term in seeded.exec(select(Appointment)).all():
        entries = seeded.exec(select(HistoryEntry).where(
            HistoryEntry.workflow == "appointments", HistoryEntry.subject_id == term.id)).all()
        assert entries, term
        decision = term.release_decision or term.election_decision
        if decision:
            assert {e.decision_ref for e in entries} == {decision}
            assert entries[-1].to_state == term.state


def test_the_prize_regulation_is_a_document_adopted_by_the_29th_session(seeded):
    document = seeded.exec(select(AdoptedDocument)).one()
    assert (document.decision, document.adopted_on) == ("XXIX:3.5", date(2023, 5, 25))
    assert "Лужкова" in document.title_ru


def test_loading_twice_adds_no_terms(seeded):
    before = len(seeded.exec(select(Appointment)).all())
    created = load_seed(seeded)
    assert created["appointments"] == 0 and created["adopted_documents"] == 0
    assert len(seeded.exec(select(Appointment)).all()) == before == 15
