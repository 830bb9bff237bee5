"""Checking the decision references that transitions record."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, col, select

from models.decisions import Decision, DecisionItem, DecisionStatus
from models.sessions import AssemblySession, DecisionRef, parse_decision
from workflow.engine import Refusal

# The subject a transition acts on: (workflow name, subject id).
Subject = tuple[str, int]


def check_decision(session: Session, text: str, *, today: date | None = None,
                   subject: Subject | None = None) -> DecisionRef:
    """The parsed reference; Refusal when it is malformed, names no known session or no
    item of that session's recorded decision, a draft item not bound to ``subject``, or
    is a minute dated after ``today`` (the day it is recorded)."""
    try:
        ref = parse_decision(text)
    except ValueError as error:
        raise Refusal(
            "bad_decision",
            _l("Write the decision as session and item (XXIX:1.3) or as "
               "board:YYYY-MM-DD:number for a Board minute."),
            field="decision",
        ) from error
    if ref.body == "session":
        found = session.exec(
            select(AssemblySession).where(AssemblySession.number == ref.session_number)
        ).first()
        if found is None:
            raise Refusal(
                "unknown_session",
                _l("There is no session number %(number)s.", number=ref.session_number),
                field="decision",
            )
        check_item(session, found, ref, subject)
    if ref.minute_date is not None and ref.minute_date > (today or date.today()):
        raise Refusal(
            "future_minute",
            _l("A minute dated %(day)s has not been taken yet: check its date.",
               day=ref.minute_date.isoformat()),
            field="decision",
        )
    return ref


def check_item(session: Session, assembly: AssemblySession, ref: DecisionRef,
               subject: Subject | None) -> None:
    """Refuse an item the session's recorded decision does not have, or a draft item
    that does not concern the subject. A session whose decision is not recorded here
    is taken at its word."""
    decision = session.exec(select(Decision).where(Decision.session_id == assembly.id)).first()
    if decision is None:
        return
    items = list(session.exec(select(DecisionItem).where(DecisionItem.decision_id == decision.id)
                              .order_by(col(DecisionItem.section), col(DecisionItem.number))))
    item = next((i for i in items if i.label == ref.item), None)
    if item is None:
        raise Refusal("unknown_item", _l(
            "The decision of session %(session)s has no item %(item)s (its items: %(items)s).",
            session=assembly.roman, item=ref.item, items=item_ranges(items) or "—"),
            field="decision")
    if decision.status == DecisionStatus.draft and subject is not None and subject not in bound(
            session, decision, item):
        raise Refusal("item_not_bound", _l(
            "Item %(item)s of the draft decision of session %(session)s does not concern "
            "this case: cite the item that lists it.", session=assembly.roman, item=ref.item),
            field="decision")


def bound(session: Session, decision: Decision, item: DecisionItem) -> frozenset[Subject]:
    """The subjects the item acts on (not those left out). Kept for the draft's version,
    which every edit bumps: adoption fires each of an item's subjects, and scanning the
    list each time would cost its length squared."""
    cache = session.info.setdefault("decisions.bound", {})
    key = (item.id, decision.version)
    if key not in cache:
        cache[key] = frozenset((s.get("workflow"), s.get("subject_id"))
                               for s in item.active_subjects())
    found: frozenset[Subject] = cache[key]
    return found


def item_ranges(items: list[DecisionItem]) -> str:
    """«1.1–1.3, 2.1–2.8, 3.1–3.5»: each section's run of numbers, gaps shown."""
    runs: list[list[DecisionItem]] = []
    for item in items:
        last = runs[-1][-1] if runs else None
        if last is not None and last.section == item.section and item.number == last.number + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    return ", ".join(run[0].label if len(run) == 1 else f"{run[0].label}–{run[-1].label}"
                     for run in runs)
