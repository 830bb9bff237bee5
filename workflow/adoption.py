"""Adopting a session's decision: every bound item fires at once, or none does.

``adopt`` fires each bound item's transitions with the item as their
decision reference ("XXIX:1.3"), all in one database transaction, and
commits once. If any subject moved on since the draft (its version changed)
or a guard refuses, everything is rolled back and ``AdoptionFailed`` names
the item and the reason. Releases fire before every other transition of the
decision, whatever the items' order: electing into a single seat is allowed
when the same decision releases its holder, and the seat's guards (the check
and the unique seat column) then find it free. Items with an executor and a
deadline become execution tasks. ``sign`` records the President's signature.

The session's own life is kept in ``AssemblySession.status`` by these plain
operations (not an engine workflow: nobody fires it by hand):
planned → agenda_prepared (a draft exists) → held (adopted) → decision_signed.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from models import AssemblySession, Person, User, utcnow
from models.decisions import Decision, DecisionItem, DecisionStatus, ExecutionTask
from models.sessions import SessionStatus, to_roman
from workflow.drafting import _already_adopted, items_of
from workflow.engine import REGISTRY, Context, Refusal, Transition, WorkflowError, fire, record
from workflow.officer_names import Day

# Transitions that free what other items of the same decision take (a seat): fired first.
FIRST = ("release",)


class AdoptionFailed(Refusal):
    """One item could not act: ``item`` is its label, ``message`` says why."""

    def __init__(self, item: str, message: Any, code: str = "item_failed") -> None:
        super().__init__(code, message, item=item)
        self.item = item


def reference(assembly: AssemblySession, item: DecisionItem) -> str:
    """The item as a decision reference: «XXIX:1.3»."""
    return f"{to_roman(assembly.number)}:{item.label}"


def adopt(session: Session, *, decision: Decision, actor: User,
          expected_version: int | None = None, now: datetime | None = None) -> Decision:
    """Adopt the draft: fire every bound item, create the execution tasks, in one commit."""
    if decision.status != DecisionStatus.draft:
        raise Refusal("already_adopted", _already_adopted())
    if expected_version is not None and expected_version != decision.version:
        raise Refusal("stale_draft", _l(
            "The draft was changed since you opened it. Read it again before adopting."))
    assembly = session.get(AssemblySession, decision.session_id)
    assert assembly is not None
    items = items_of(session, decision)
    _check_not_empty(items)
    moment = now or utcnow()
    _check_held(assembly, moment)
    try:
        _fire_items(session, assembly, items, actor, moment)
        for item in items:
            _create_task(session, assembly, item)
    except AdoptionFailed:
        session.rollback()
        raise
    decision.status, decision.adopted_at, decision.adopted_by_id = (
        DecisionStatus.adopted, moment, actor.id)
    assembly.status = SessionStatus.held
    session.add_all([decision, assembly])
    session.commit()
    return decision


def _check_held(assembly: AssemblySession, moment: datetime) -> None:
    """A session adopts its decision when it sits, not before its own date."""
    if assembly.held_on is not None and moment.date() < assembly.held_on:
        raise Refusal("session_not_held", _l(
            "Session %(number)s sits on %(day)s: its decision cannot be adopted before then.",
            number=assembly.roman, day=Day(assembly.held_on)))


def _check_not_empty(items: list[DecisionItem]) -> None:
    if not items:
        raise Refusal("no_items", _l("The decision has no items."))
    for item in items:
        if not item.text_ru.strip() or not item.text_en.strip():
            raise AdoptionFailed(item.label, _l(
                "The item has no text (every subject was left out?). Write it or remove it."),
                code="empty_item")


def _fire_items(session: Session, assembly: AssemblySession, items: list[DecisionItem],
                actor: User, moment: datetime) -> None:
    """Fire every subject, releases first; each item's outcome keeps its subjects' order."""
    work = [(item, index, subject) for item in items
            for index, subject in enumerate(item.active_subjects())]
    outcomes: dict[int, dict[int, dict[str, Any]]] = {id(item): {} for item in items}
    for item, index, subject in sorted(work, key=lambda w: not _fires_first(w[2])):
        outcomes[id(item)][index] = _fire_subject(session, assembly, item, subject, actor,
                                                  moment)
    for item in items:
        item.outcome = [outcomes[id(item)][index] for index in sorted(outcomes[id(item)])]
        session.add(item)


def _fires_first(subject: dict[str, Any]) -> bool:
    return any(name in FIRST for name in subject["transitions"])


def _fire_subject(session: Session, assembly: AssemblySession, item: DecisionItem,
                  subject: dict[str, Any], actor: User, moment: datetime) -> dict[str, Any]:
    """Fire one subject's transitions (or note the decision in its history)."""
    workflow = REGISTRY.get(subject["workflow"])
    if workflow is None:
        raise AdoptionFailed(item.label, _l("The workflow %(name)s is not installed.",
                                            name=subject["workflow"]))
    row: Any = session.get(workflow.model, subject["subject_id"])
    if row is None or row.version != subject["version"]:
        raise AdoptionFailed(item.label, _l(
            "%(subject)s changed since the draft was made (now: %(state)s). "
            "Redraft the decision.", subject=_title(workflow, row, subject),
            state=workflow.state(row.state).label if row is not None else "—"),
            code="moved_on")
    ref, before = reference(assembly, item), row.state
    entries = [_fire_one(session, workflow, row, name, item, subject, actor, ref, moment)
               for name in subject["transitions"]] or [
        _note(session, workflow, row, actor, ref, moment)]
    return {"workflow": workflow.name, "subject_id": row.id, "from": before,
            "to": row.state, "history": [e.id for e in entries]}


def _title(workflow: Any, row: Any, subject: dict[str, Any]) -> str:
    from flask_babel import get_locale

    if row is None or workflow.subject_title is None:
        return f"{subject['workflow']} #{subject['subject_id']}"
    try:
        language = str(get_locale() or "ru")
    except RuntimeError:  # outside a request
        language = "ru"
    return workflow.subject_title(row, language)  # type: ignore[no-any-return]


def _fire_one(session: Session, workflow: Any, row: Any, name: str, item: DecisionItem,
              subject: dict[str, Any], actor: User, ref: str, moment: datetime) -> Any:
    reason = subject.get("reason_code") if "reason" in workflow.transition(name).asks else None
    try:
        return fire(session, workflow, row, name, actor=actor, decision=ref, reason=reason,
                    now=moment, commit=False)
    except WorkflowError as error:
        raise AdoptionFailed(item.label, _why(workflow, row, name, error),
                             code=error.code) from error


def _why(workflow: Any, row: Any, name: str, error: WorkflowError) -> Any:
    """The reader's sentence for a transition that refused."""
    if error.message is not None:
        return error.message
    label = workflow.transition(name).label
    if error.code == "wrong_state":
        return _l("«%(action)s» is not possible from the state «%(state)s».", action=label,
                  state=workflow.state(error.params.get("state", "")).label)
    if error.code == "role":
        return _l("Your role may not do «%(action)s».", action=label)
    return _l("«%(action)s» was refused (%(code)s).", action=label, code=error.code)


def _note(session: Session, workflow: Any, row: Any, actor: User, ref: str,
          moment: datetime) -> Any:
    """An item that changes no state still leaves its mark in the subject's history."""
    note = Transition("session_decision", [row.state], row.state, "", roles=[actor.role])
    return record(Context(session, workflow, row, note, actor, decision=ref, now=moment),
                  row.state, row.state)


def _create_task(session: Session, assembly: AssemblySession, item: DecisionItem) -> None:
    if not item.executor_ru:
        return
    session.add(ExecutionTask(
        state="assigned", item_id=item.id, decision_ref=reference(assembly, item),
        summary_ru=_summary(item.text_ru), summary_en=_summary(item.text_en),
        executor_ru=item.executor_ru, executor_en=item.executor_en or item.executor_ru,
        executor_roles=item.executor_roles, due_on=item.deadline,
        due_precision=item.deadline_precision, sources=[f"decision:{assembly.number}"],
    ))


def _summary(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 500 else flat[:497] + "…"


def president(session: Session, day: Any = None) -> Person | None:
    """The person in office as President (who signs decisions)."""
    from models import Position
    from models.officers import Appointment

    return session.exec(
        select(Person).join(Appointment, Appointment.person_id == Person.id)  # type: ignore[arg-type]
        .join(Position, Position.id == Appointment.position_id)  # type: ignore[arg-type]
        .where(Position.slug == "president", Appointment.state == "in_office")
    ).first()


def sign(session: Session, *, decision: Decision, actor: User,
         signer: Person | None = None,
         documents: Callable[[], None] | None = None) -> Decision:
    """The President signs the adopted decision; the session's decision is then final.

    ``documents`` makes and keeps the signed decision's PDFs in the same
    transaction (the web app passes it): if it refuses, nothing is signed.
    """
    if decision.status == DecisionStatus.signed:
        raise Refusal("already_signed", _l("This decision is already signed."))
    if decision.status != DecisionStatus.adopted:
        raise Refusal("not_adopted", _l("Only an adopted decision can be signed."))
    signer = signer or president(session)
    if signer is None:
        raise Refusal("no_president", _l("Nobody is in office as President to sign."))
    assembly = session.get(AssemblySession, decision.session_id)
    assert assembly is not None
    decision.status, decision.signed_at, decision.signed_by_id = (
        DecisionStatus.signed, utcnow(), signer.id)
    assembly.status = SessionStatus.decision_signed
    session.add_all([decision, assembly])
    if documents is not None:
        session.flush()
        documents()
    session.commit()
    return decision
