"""What the Secretariat does to a draft decision before the session adopts it.

Add an item, edit an item's wording, move an item within its section, remove
one of its own items, leave an account out of an escalation list with a
reason (and take it back), and move a city within a list. Every operation
refuses on an adopted decision, refuses empty text, and commits once.
"""

from calendar import monthrange
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from models import AssemblySession, User
from models.decisions import DeadlinePrecision, Decision, DecisionItem, DecisionStatus, ItemKind
from workflow.drafting import _already_adopted, items_of, refresh_text, touch
from workflow.engine import Refusal
from workflow.officer_names import Day

SECTIONS = (1, 2, 3)
MAX_TEXT = 20000


def _editable(session: Session, item_or_decision: Any) -> Decision:
    decision = item_or_decision
    if isinstance(item_or_decision, DecisionItem):
        decision = session.get(Decision, item_or_decision.decision_id)
    if decision is None or decision.status != DecisionStatus.draft:
        raise Refusal("already_adopted", _already_adopted())
    return decision


def _clean(text_ru: str | None, text_en: str | None) -> tuple[str, str]:
    ru, en = (text_ru or "").strip(), (text_en or "").strip()
    if not ru or not en:
        raise Refusal("empty_item", _l("An item needs its text in Russian and in English."))
    if len(ru) > MAX_TEXT or len(en) > MAX_TEXT:
        raise Refusal("too_long", _l("An item's text is too long."))
    return ru, en


def add_item(session: Session, *, decision: Decision, section: int, text_ru: str, text_en: str,
             actor: User, executor_ru: str | None = None, executor_en: str | None = None,
             executor_roles: list[str] | None = None, deadline: date | None = None,
             deadline_precision: DeadlinePrecision = DeadlinePrecision.day) -> DecisionItem:
    """A plain item the Secretariat writes, numbered last in its section."""
    _editable(session, decision)
    if section not in SECTIONS:
        raise Refusal("bad_section", _l("Choose section 1, 2 or 3."))
    ru, en = _clean(text_ru, text_en)
    number = 1 + max((i.number for i in items_of(session, decision) if i.section == section),
                     default=0)
    item = DecisionItem(decision_id=decision.id, section=section, number=number,  # type: ignore[arg-type]
                        kind=ItemKind.plain, text_ru=ru, text_en=en)
    _set_execution(item, executor_ru, executor_en, executor_roles, deadline, deadline_precision,
                   held_on=_held_on(session, decision))
    session.add(item)
    touch(session, decision)
    session.commit()
    return item


def _held_on(session: Session, decision: Decision) -> date | None:
    assembly = session.get(AssemblySession, decision.session_id)
    return assembly.held_on if assembly else None


def _set_execution(item: DecisionItem, executor_ru: str | None, executor_en: str | None,
                   roles: list[str] | None, deadline: date | None,
                   precision: DeadlinePrecision, *, held_on: date | None) -> None:
    if deadline is not None and not (executor_ru and executor_ru.strip()):
        raise Refusal("half_control", _l("A deadline needs an executor who reports to it."))
    if deadline is not None and held_on is not None and _last_day(deadline, precision) < held_on:
        raise Refusal("deadline_before_session", _l(
            "The deadline %(deadline)s is before the session of %(day)s that sets it.",
            deadline=Day(deadline), day=Day(held_on)), field="deadline")
    item.executor_ru = (executor_ru or "").strip() or None
    item.executor_en = (executor_en or "").strip() or item.executor_ru
    item.executor_roles = list(roles or ([] if deadline is None else ["secretariat"]))
    if deadline is not None:
        deadline = _last_day(deadline, precision)
    item.deadline, item.deadline_precision = deadline, precision


def _last_day(deadline: date, precision: DeadlinePrecision) -> date:
    """The day a deadline is met by: "in July 2023" by the month's last day
    (calendars.deadlines, the sweep)."""
    if precision == DeadlinePrecision.month:
        return deadline.replace(day=monthrange(deadline.year, deadline.month)[1])
    return deadline


def edit_item(session: Session, *, item: DecisionItem, text_ru: str, text_en: str, actor: User,
              executor_ru: str | None = None, executor_en: str | None = None,
              executor_roles: list[str] | None = None, deadline: date | None = None,
              deadline_precision: DeadlinePrecision = DeadlinePrecision.day) -> DecisionItem:
    """New wording for an item; a bound item's wording is no longer regenerated."""
    decision = _editable(session, item)
    ru, en = _clean(text_ru, text_en)
    if (ru, en) != (item.text_ru, item.text_en):
        item.text_ru, item.text_en, item.text_edited = ru, en, True
    _set_execution(item, executor_ru, executor_en, executor_roles or item.executor_roles,
                   deadline, deadline_precision, held_on=_held_on(session, decision))
    session.add(item)
    touch(session, decision)
    session.commit()
    return item


def move_item(session: Session, *, item: DecisionItem, delta: int, actor: User) -> None:
    """Move an item up (-1) or down (+1) within its section; the numbers follow."""
    decision = _editable(session, item)
    section = [i for i in items_of(session, decision) if i.section == item.section]
    index = next(n for n, i in enumerate(section) if i.id == item.id)
    target = index + delta
    if not 0 <= target < len(section):
        raise Refusal("cannot_move", _l("The item is already at the edge of its section."))
    section[index], section[target] = section[target], section[index]
    for number, each in enumerate(section, start=1):
        each.number = number
        session.add(each)
    touch(session, decision)
    session.commit()


def remove_item(session: Session, *, item: DecisionItem, actor: User) -> None:
    """Remove an item from the draft; the others in its section close up."""
    decision = _editable(session, item)
    session.delete(item)
    session.flush()
    for number, each in enumerate(
            [i for i in items_of(session, decision) if i.section == item.section], start=1):
        each.number = number
        session.add(each)
    touch(session, decision)
    session.commit()


def _find(item: DecisionItem, subject_id: int, workflow: str | None = None) -> int:
    for index, subject in enumerate(item.subjects):
        if subject["subject_id"] == subject_id and workflow in (None, subject["workflow"]):
            return index
    raise Refusal("unknown_subject", _l("This item does not list that subject."))


def leave_out(session: Session, *, item: DecisionItem, subject_id: int, reason: str,
              actor: User) -> DecisionItem:
    """Take a subject off the item's list, saying why; the reason stays in the annex."""
    decision = _editable(session, item)
    if not (reason or "").strip():
        raise Refusal("missing_reason", _l("Say why this subject is left out."))
    index = _find(item, subject_id)
    subjects = [dict(s) for s in item.subjects]
    subjects[index].update(left_out=True, reason=reason.strip()[:500])
    return _save_subjects(session, decision, item, subjects)


def include_again(session: Session, *, item: DecisionItem, subject_id: int,
                  actor: User) -> DecisionItem:
    """Put a subject that was left out back on the list."""
    decision = _editable(session, item)
    subjects = [dict(s) for s in item.subjects]
    subjects[_find(item, subject_id)].update(left_out=False, reason=None)
    return _save_subjects(session, decision, item, subjects)


def move_subject(session: Session, *, item: DecisionItem, subject_id: int, delta: int,
                 actor: User) -> DecisionItem:
    """Move a city or person up or down the item's list (the text follows)."""
    decision = _editable(session, item)
    subjects = [dict(s) for s in item.subjects]
    index = _find(item, subject_id)
    target = index + delta
    if not 0 <= target < len(subjects):
        raise Refusal("cannot_move", _l("The entry is already at the edge of the list."))
    subjects[index], subjects[target] = subjects[target], subjects[index]
    return _save_subjects(session, decision, item, subjects)


def _save_subjects(session: Session, decision: Decision, item: DecisionItem,
                   subjects: list[dict[str, Any]]) -> DecisionItem:
    item.subjects = subjects  # a new list, so the JSON column is written
    refresh_text(session, item)
    touch(session, decision)
    session.commit()
    return item
