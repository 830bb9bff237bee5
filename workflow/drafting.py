"""Drafting the decision of the next session from what waits for it.

Section 1 (organisation): the applicants whose organisational work goes on
(as item 1.1 of the XXIX session), the admissions the Board recommended and
the ones it declined, the accounts to warn with the Audit Commission's
instruction (item 1.3), and the Board's proposals to exclude suspended
members. Section 3 (governing bodies): the pending releases, grouped by
position and reason (items 3.1–3.2), then the endorsed nominations made by
the session's date, grouped by position (3.3–3.4). Section 2 is what the
Secretariat writes.

Each bound item keeps its subjects with the version seen now; adoption
fires their transitions only if nobody moved them on in between. Cities and
people are listed in Russian alphabetical order.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from models import AssemblySession, City, Person, Position, User, utcnow
from models.decisions import Decision, DecisionItem, DecisionStatus, ItemKind
from models.sessions import SessionStatus
from workflow import decision_text
from workflow.engine import REGISTRY, Refusal
from workflow.officers_queries import nominated_in_time
from workflow.wording import sort_key

# What each kind of item fires on its subjects at adoption (in this order).
FIRES: dict[ItemKind, list[str]] = {
    ItemKind.continue_admission: [],
    ItemKind.admissions: ["admit"],
    ItemKind.rejections: ["reject"],
    ItemKind.warnings: ["warn", "put_under_audit"],
    ItemKind.board_proposals: ["exclude"],
    ItemKind.releases: ["release"],
    ItemKind.elections: ["elect"],
}
# Where each kind's subjects wait: workflow and states.
WAITING: dict[ItemKind, tuple[str, tuple[str, ...]]] = {
    ItemKind.continue_admission: ("admission", ("submitted", "in_review", "info_requested",
                                                "board_review")),
    ItemKind.admissions: ("admission", ("recommended",)),
    ItemKind.rejections: ("admission", ("declined",)),
    ItemKind.warnings: ("arrears", ("reminded",)),
    ItemKind.board_proposals: ("arrears", ("suspended",)),
    ItemKind.releases: ("appointments", ("release_requested",)),
    ItemKind.elections: ("appointments", ("endorsed",)),
}
SECTION_OF = {kind: 3 if kind in (ItemKind.releases, ItemKind.elections) else 1
              for kind in WAITING}
# Body slugs whose positions one person holds one at a time: electing someone
# to the Board releases their other Board seat by the same item (Yalalov, XXIX 3.3).
ONE_SEAT_BODIES = ("board",)


def default_headings(assembly: AssemblySession) -> dict[str, Any]:
    """Section titles as the XXIX decision gives them, for the session's year."""
    year = assembly.held_on.year if assembly.held_on else utcnow().year
    return {
        "1": {"ru": "Организационные вопросы", "en": "Organisational matters"},
        "2": {"ru": f"О работе МАГ за {year - 1} г. и плане работы на {year} г.",
              "en": f"On the work of MAG in {year - 1} and the work plan for {year}"},
        "3": {"ru": "О руководящих органах МАГ", "en": "On the governing bodies of MAG",
              "preamble_ru": "В соответствии с п. 4 Устава МАГ:",
              "preamble_en": "In accordance with clause 4 of the MAG Charter:"},
    }


CLOSING = ("Контроль за реализацией принятых решений возложить на Правление МАГ.",
           "Control over the implementation of the decisions taken is entrusted to the MAG Board.")


@dataclass
class Group:
    """The subjects of one bound item to be drafted."""

    kind: ItemKind
    subjects: list[dict[str, Any]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------- queries ----


def _rows(session: Session, kind: ItemKind, *conditions: Any) -> list[Any]:
    workflow_name, states = WAITING[kind]
    workflow = REGISTRY.get(workflow_name)
    if workflow is None:  # that workflow is not installed
        return []
    model: Any = workflow.model
    query = select(model).where(col(model.state).in_(states), *conditions)
    if kind in (ItemKind.warnings, ItemKind.board_proposals) and hasattr(model, "paused"):
        query = query.where(col(model.paused).is_(False))
    return list(session.exec(query.order_by(model.id)).all())


def _subject(kind: ItemKind, row: Any, **extra: Any) -> dict[str, Any]:
    return {"workflow": WAITING[kind][0], "subject_id": row.id, "transitions": FIRES[kind],
            "version": row.version, "left_out": False, "reason": None, **extra}


def city_groups(session: Session) -> list[Group]:
    """The section 1 items: cities waiting for the session, alphabetically."""
    groups = []
    for kind in (ItemKind.continue_admission, ItemKind.admissions, ItemKind.rejections,
                 ItemKind.warnings, ItemKind.board_proposals):
        rows = _rows(session, kind)
        cities = {c.id: c for c in session.exec(
            select(City).where(col(City.id).in_([r.city_id for r in rows]))).all()}
        rows.sort(key=lambda r: sort_key(cities[r.city_id].name_ru))
        if rows:
            groups.append(Group(kind, [_subject(kind, r, city_id=r.city_id) for r in rows]))
    return groups


def officer_groups(session: Session, assembly: AssemblySession | None = None) -> list[Group]:
    """The section 3 items: releases by position and reason, then elections by position.

    Nominations made after ``assembly``'s date wait for a later session, as on the
    pending page: their election would be refused as predating them.
    """
    positions = {p.id: p for p in session.exec(select(Position)).all()}
    people = {p.id: p for p in session.exec(select(Person)).all()}
    in_time = {ItemKind.releases: [], ItemKind.elections: [nominated_in_time(assembly)]}
    groups = []
    for kind in (ItemKind.releases, ItemKind.elections):
        rows = _rows(session, kind, *in_time[kind])
        keyed: dict[tuple[Any, ...], list[Any]] = {}
        for row in rows:
            reason = _reason_code(row) if kind == ItemKind.releases else None
            keyed.setdefault((positions[row.position_id].rank, row.position_id, reason),
                             []).append(row)
        for (_rank, position_id, reason), members in sorted(keyed.items(), key=_group_order):
            members.sort(key=lambda r: sort_key(people[r.person_id].full_name("ru")))
            subjects = [_subject(kind, r, person_id=r.person_id, reason_code=reason)
                        for r in members]
            if kind == ItemKind.elections:
                subjects = _with_seats_left(session, members, subjects, positions)
            groups.append(Group(kind, subjects, {"position_id": position_id, "reason": reason}))
    return groups


def _group_order(entry: tuple[tuple[Any, ...], list[Any]]) -> tuple[int, int, str]:
    (rank, position_id, reason), _members = entry
    return rank, position_id, reason or ""


def _reason_code(row: Any) -> str:
    reason: Any = getattr(row, "release_reason", None)
    return str(reason.value if hasattr(reason, "value") else reason or "other")


def _with_seats_left(session: Session, members: list[Any], subjects: list[dict[str, Any]],
                     positions: dict[int | None, Position]) -> list[dict[str, Any]]:
    """Releases of the other Board seats the elected hold, placed before the elections."""
    from models.officers import Appointment

    board_positions = [p.id for p in positions.values()
                       if p.body_id in _body_ids(session, ONE_SEAT_BODIES)]
    released = []
    for row in members:
        others = session.exec(select(Appointment).where(
            Appointment.person_id == row.person_id, Appointment.state == "in_office",
            col(Appointment.position_id).in_(board_positions),
            Appointment.position_id != row.position_id)).all()
        released += [{"workflow": "appointments", "subject_id": o.id, "transitions": ["release"],
                      "version": o.version, "left_out": False, "reason": None,
                      "person_id": o.person_id, "reason_code": "elected_to_other_office",
                      "silent": True} for o in others]
    return released + subjects


def _body_ids(session: Session, slugs: Iterable[str]) -> list[int]:
    from models import Body

    return [b.id for b in session.exec(select(Body).where(col(Body.slug).in_(list(slugs))))
            if b.id is not None]


# ------------------------------------------------------------------ text ----

TextBuilder = Callable[[Session, DecisionItem], tuple[str, str]]


@dataclass(frozen=True)
class NamedCity:
    """A city as a decision names it: an applicant by the name its application gives."""

    id: int | None
    name_ru: str
    name_en: str
    country_ru: str | None
    country_en: str | None
    ru_forms: dict[str, Any]


def _cities_of(session: Session, item: DecisionItem) -> list[Any]:
    subjects = item.active_subjects()
    ids = [s["city_id"] for s in subjects]
    found = {c.id: c for c in session.exec(select(City).where(col(City.id).in_(ids))).all()}
    return [_as_named(session, found[s["city_id"]], s) for s in subjects]


def _as_named(session: Session, city: City, subject: dict[str, Any]) -> Any:
    """The application's spelling; the city's stored case forms where they are of that
    spelling (a form of another spelling would name the city twice over)."""
    from models.admission import Application

    if subject.get("workflow") != "admission":
        return city
    application = session.get(Application, subject["subject_id"])
    name_ru = (application.name_ru or "").strip() if application else ""
    name_en = (application.name_en or "").strip() if application else ""
    if not name_ru and not name_en:
        return city
    forms = dict(city.ru_forms or {})
    if name_ru and name_ru != city.name_ru:
        forms = {k: v for k, v in forms.items() if k == "country"}
    return NamedCity(city.id, name_ru or city.name_ru, name_en or city.name_en,
                     city.country_ru, city.country_en, forms)


def _people_of(session: Session, item: DecisionItem) -> list[Any]:
    from models.officers import Appointment

    subjects = [s for s in item.active_subjects() if not s.get("silent")]
    rows = [session.get(Appointment, s["subject_id"]) for s in subjects]
    return [(session.get(Person, s["person_id"]), row) for s, row in zip(subjects, rows,
                                                                          strict=True)]


def render(session: Session, item: DecisionItem) -> tuple[str, str]:
    """The item's Russian and English text, generated from its active subjects."""
    if item.kind == ItemKind.plain:
        return item.text_ru, item.text_en
    if item.kind in (ItemKind.releases, ItemKind.elections):
        pairs = _people_of(session, item)
        if not pairs:
            return "", ""
        position = session.get(Position, item.params["position_id"])
        people = [p for p, _row in pairs]
        if item.kind == ItemKind.releases:
            return decision_text.releases(position, people, item.params.get("reason") or "other")
        titles = [(row.title_ru, row.title_en) for _p, row in pairs]
        return decision_text.elections(position, people, titles)
    cities = _cities_of(session, item)
    if not cities:
        return "", ""
    builder = getattr(decision_text, item.kind.value)
    return builder(cities)  # type: ignore[no-any-return]


def refresh_text(session: Session, item: DecisionItem) -> None:
    """Regenerate the wording from the subjects, unless someone wrote it by hand."""
    if not item.text_edited and item.kind != ItemKind.plain:
        item.text_ru, item.text_en = render(session, item)
    session.add(item)


# ------------------------------------------------------------- operations ----


def decision_of(session: Session, assembly: AssemblySession) -> Decision | None:
    """The session's decision, if one was drafted."""
    return session.exec(select(Decision).where(Decision.session_id == assembly.id)).first()


def items_of(session: Session, decision: Decision) -> list[DecisionItem]:
    """The decision's items, in section and number order."""
    return list(session.exec(
        select(DecisionItem).where(DecisionItem.decision_id == decision.id)
        .order_by(col(DecisionItem.section), col(DecisionItem.number))
    ).all())


def generate_draft(session: Session, *, assembly: AssemblySession, actor: User) -> Decision:
    """Draft (or redraft) the decision: bound items anew, the Secretariat's items kept."""
    decision = decision_of(session, assembly)
    if decision is not None and decision.status != DecisionStatus.draft:
        raise Refusal("already_adopted", _already_adopted())
    if decision is None:
        decision = Decision(session_id=assembly.id, headings=default_headings(assembly),  # type: ignore[arg-type]
                            closing_ru=CLOSING[0], closing_en=CLOSING[1])
        session.add(decision)
        session.flush()
    previous = _drop_bound_items(session, decision)
    drafted, places = [], {}
    for order, group in enumerate([*city_groups(session), *officer_groups(session, assembly)]):
        item = _add_group(session, decision, group)
        before = previous.get(_key(item))
        _carry_over(before, item)
        refresh_text(session, item)
        drafted.append(item)  # keeps id(item) valid until the items are renumbered
        places[id(item)] = ((before["number"], 0) if before
                            else (_after_bound(previous, item), 1 + order))
    _renumber(session, decision, places)
    touch(session, decision)
    if assembly.status == SessionStatus.planned:
        assembly.status = SessionStatus.agenda_prepared
        session.add(assembly)
    session.commit()
    return decision


def _already_adopted() -> Any:
    from flask_babel import lazy_gettext as _l

    return _l("This decision has already been adopted; it cannot be changed.")


CARRIED = ("executor_ru", "executor_en", "executor_roles", "deadline", "deadline_precision")


def _key(item: DecisionItem) -> tuple[str, str]:
    """What makes a bound item "the same item" in two drafts: its kind and shared params."""
    return str(item.kind), json.dumps(item.params or {}, sort_keys=True)


def _drop_bound_items(session: Session, decision: Decision) -> dict[tuple[str, str], dict]:
    """Delete the bound items; what the Secretariat decided on them, by ``_key``."""
    previous = {}
    for item in items_of(session, decision):
        if item.kind != ItemKind.plain:
            previous[_key(item)] = {
                "section": item.section, "number": item.number, "subjects": item.subjects,
                "text": (item.text_ru, item.text_en) if item.text_edited else None,
                **{name: getattr(item, name) for name in CARRIED},
            }
            session.delete(item)
    session.flush()
    return previous


def _add_group(session: Session, decision: Decision, group: Group) -> DecisionItem:
    section = SECTION_OF[group.kind]
    item = DecisionItem(decision_id=decision.id, section=section,  # type: ignore[arg-type]
                        number=0, kind=group.kind, subjects=group.subjects, params=group.params)
    if group.kind == ItemKind.warnings:
        item.executor_ru, item.executor_en = "Ревизионная комиссия МАГ", "MAG Audit Commission"
        item.executor_roles = ["audit"]
    session.add(item)
    return item


def _carry_over(before: dict | None, item: DecisionItem) -> None:
    """Keep what the Secretariat decided on the previous draft of this item.

    Subjects left out keep their reason, the list keeps the order it was moved into
    (new subjects keep their alphabetical place), and executor and deadline stay. A
    hand-written wording stays while the list is the same; a changed list gets the
    generated wording, since the old one names other cities or people.
    """
    if before is None:
        return
    def ident(subject: dict[str, Any]) -> tuple[str, int]:
        return subject["workflow"], subject["subject_id"]

    old = {ident(s): s for s in before["subjects"]}
    subjects = [dict(s) for s in item.subjects]
    for subject in subjects:
        if old.get(ident(subject), {}).get("left_out"):
            subject.update(left_out=True, reason=old[ident(subject)]["reason"])
    known = [n for n, s in enumerate(subjects) if ident(s) in old]
    rank = {key: n for n, key in enumerate(old)}
    moved = sorted((subjects[n] for n in known), key=lambda s: rank[ident(s)])
    for slot, subject in zip(known, moved, strict=True):
        subjects[slot] = subject
    item.subjects = subjects
    for name in CARRIED:
        setattr(item, name, before[name])
    if before["text"] is not None and [ident(s) for s in subjects] == list(old):
        item.text_ru, item.text_en = before["text"]
        item.text_edited = True


def _after_bound(previous: dict[tuple[str, str], dict], item: DecisionItem) -> int:
    """Where a new bound item goes: after the section's bound items of the last draft."""
    numbers = [p["number"] for p in previous.values() if p["section"] == item.section]
    return max(numbers, default=0)


def _renumber(session: Session, decision: Decision,
              places: dict[int, tuple[int, int]] | None = None) -> None:
    """Number each section's items 1, 2, 3 … in their current order.

    ``places`` gives the drafted items' positions among the kept ones: the old number
    of an item drafted again, or just after the previous draft's bound items.
    """
    places = places or {}
    for section in (1, 2, 3):
        items = [i for i in items_of(session, decision) if i.section == section]
        items.sort(key=lambda i: places.get(id(i), (i.number, 0)))
        for number, item in enumerate(items, start=1):
            item.number = number
            session.add(item)
    session.flush()


def touch(session: Session, decision: Decision) -> None:
    """Mark the draft as changed: adoption must act on the text people last read."""
    decision.version += 1
    decision.updated_at = utcnow()
    session.add(decision)
