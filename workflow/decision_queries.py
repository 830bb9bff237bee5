"""What the sessions pages read: sessions, their decisions, annexes, changes, tasks."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from models import AssemblySession, City, Person
from models.decisions import Decision, DecisionItem, ExecutionTask
from workflow.drafting import decision_of, items_of
from workflow.engine import REGISTRY


@dataclass(frozen=True)
class Listed:
    """One subject of an item, as the draft page and the annex show it."""

    workflow: str
    subject_id: int
    title: str
    state: Any
    moved_on: bool
    left_out: bool
    reason: str | None
    silent: bool


def sessions_with_decisions(session: Session) -> list[tuple[AssemblySession, Decision | None,
                                                             City | None]]:
    """Every session, latest first, with its decision and city."""
    rows = session.exec(select(AssemblySession).order_by(col(AssemblySession.number).desc()))
    out = []
    for assembly in rows.all():
        city = session.get(City, assembly.city_id) if assembly.city_id else None
        out.append((assembly, decision_of(session, assembly), city))
    return out


def cities_to_host(session: Session) -> list[City]:
    """The cities a session may be held in, alphabetically."""
    from workflow.wording import sorted_ru

    return sorted_ru(session.exec(select(City)).all(), key=lambda c: c.name_ru)


def listed(session: Session, item: DecisionItem, language: str) -> list[Listed]:
    """The item's subjects, with their current state and whether they moved on."""
    out = []
    for subject in item.subjects:
        workflow = REGISTRY.get(subject["workflow"])
        row: Any = session.get(workflow.model, subject["subject_id"]) if workflow else None
        title = (workflow.subject_title(row, language)
                 if workflow and row is not None and workflow.subject_title
                 else f"{subject['workflow']} #{subject['subject_id']}")
        out.append(Listed(
            subject["workflow"], subject["subject_id"], title,
            workflow.state(row.state).label if workflow and row is not None else "—",
            row is None or row.version != subject["version"],
            bool(subject.get("left_out")), subject.get("reason"), bool(subject.get("silent")),
        ))
    return out


def signer(session: Session, decision: Decision) -> Person | None:
    """Who signed the decision."""
    return session.get(Person, decision.signed_by_id) if decision.signed_by_id else None


def document(session: Session, assembly: AssemblySession) -> dict[str, Any] | None:
    """Everything the printed decision shows."""
    decision = decision_of(session, assembly)
    if decision is None:
        return None
    items = items_of(session, decision)
    sections = sorted({i.section for i in items})
    return {
        "decision": decision, "assembly": assembly,
        "city": session.get(City, assembly.city_id) if assembly.city_id else None,
        "sections": [(s, [i for i in items if i.section == s]) for s in sections],
        "signer": signer(session, decision),
    }


def changes(session: Session, decision: Decision, language: str) -> list[tuple[DecisionItem,
                                                                               list[Any]]]:
    """For each bound item of an adopted decision, what happened to each subject."""
    out = []
    for item in items_of(session, decision):
        rows = []
        for change in item.outcome:
            workflow = REGISTRY.get(change["workflow"])
            row = session.get(workflow.model, change["subject_id"]) if workflow else None
            title = (workflow.subject_title(row, language)
                     if workflow and row is not None and workflow.subject_title else "—")
            rows.append({"title": title,
                         "from": workflow.state(change["from"]).label if workflow else "",
                         "to": workflow.state(change["to"]).label if workflow else "",
                         "url": workflow.subject_url(row) if workflow and row is not None
                         and workflow.subject_url else None})
        if rows:
            out.append((item, rows))
    return out


def tasks(session: Session) -> list[ExecutionTask]:
    """Every execution task, the nearest deadline first."""
    return list(session.exec(
        select(ExecutionTask).order_by(col(ExecutionTask.due_on), col(ExecutionTask.id))).all())


def item_of(session: Session, decision: Decision, item_id: int) -> DecisionItem | None:
    """An item of this decision, if the id belongs to it."""
    item = session.get(DecisionItem, item_id)
    return item if item is not None and item.decision_id == decision.id else None
