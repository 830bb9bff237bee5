"""The sweep: fire every timed transition that is due, set-wise.

``sweep(session, as_of=date(2024, 3, 1))`` selects the due subjects of each
timed transition with one query, changes them with guarded UPDATEs in
batches (``WHERE state IN sources``, so a concurrent sweep or user action
never gets a step applied twice) and writes their history rows in bulk.
A dry run returns exactly the same plan without writing anything.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import insert, update
from sqlmodel import Session, col, select

from models.workflow import HistoryEntry
from workflow.engine import REGISTRY, Transition, Workflow

BATCH = 2000


@dataclass(frozen=True)
class Step:
    """One timed transition and the subjects it applies to."""

    workflow: str
    transition: str
    from_states: tuple[str, ...]
    to_state: str
    subject_ids: tuple[int, ...]


def timed(workflows: Iterable[Workflow]) -> list[tuple[Workflow, Transition]]:
    """Every transition with a timer, in declaration order."""
    return [(w, t) for w in workflows for t in w.transitions if t.timer is not None]


def _chosen(names: Iterable[str] | None) -> list[Workflow]:
    if not names:
        return list(REGISTRY.values())
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise KeyError(unknown[0])
    return [REGISTRY[n] for n in names]


def plan(session: Session, *, as_of: date, workflows: Iterable[str] | None = None) -> list[Step]:
    """What a sweep as of this date would do, without doing it."""
    steps = []
    for workflow, transition in timed(_chosen(workflows)):
        model: Any = workflow.model
        ids = session.exec(
            select(model.id)
            .where(col(model.state).in_(transition.sources), transition.timer.due(as_of))  # type: ignore[union-attr]
            .order_by(model.id)
        ).all()
        steps.append(
            Step(workflow.name, transition.name, tuple(transition.sources), transition.dest,
                 tuple(ids))
        )
    return steps


def sweep(
    session: Session,
    *,
    as_of: date,
    workflows: Iterable[str] | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> list[Step]:
    """Apply what is due as of a date; returns the steps actually applied."""
    planned = plan(session, as_of=as_of, workflows=workflows)
    if dry_run:
        return planned
    done = []
    for step in planned:
        workflow = REGISTRY[step.workflow]
        transition = workflow.transition(step.transition)
        changed: list[int] = []
        for start in range(0, len(step.subject_ids), BATCH):
            batch = step.subject_ids[start : start + BATCH]
            try:
                changed.extend(_apply_batch(session, workflow, transition, batch, as_of))
            except Exception:
                # A side effect that fails (a letter that cannot be rendered) undoes its batch.
                session.rollback()
                raise
            session.commit()
            progress(len(batch))
        done.append(Step(step.workflow, step.transition, step.from_states, step.to_state,
                         tuple(changed)))
    return done


def _apply_batch(
    session: Session, workflow: Workflow, transition: Transition, ids: tuple[int, ...], as_of: date
) -> list[int]:
    model: Any = workflow.model
    moment = datetime.combine(as_of, time(), UTC)
    due = transition.timer.due(as_of)  # type: ignore[union-attr]
    before = dict(
        session.exec(
            select(model.id, model.state)
            .where(col(model.id).in_(ids), col(model.state).in_(transition.sources), due)
            .with_for_update()
        ).all()
    )
    if not before:
        return []
    changed = session.execute(
        update(model)
        .where(col(model.id).in_(list(before)), col(model.state).in_(transition.sources), due)
        .values(state=transition.dest, version=model.version + 1, state_changed_at=moment)
        .returning(model.id)
        .execution_options(synchronize_session=False)
    ).scalars().all()
    now = datetime.now(UTC)
    if changed:
        session.execute(
            insert(HistoryEntry),
            [
                {
                    "workflow": workflow.name, "subject_id": subject_id,
                    "transition": transition.name, "from_state": before[subject_id],
                    "to_state": transition.dest, "actor_id": None, "at": now,
                    "comment": None, "decision_ref": None,
                    "payload": {"as_of": as_of.isoformat()},
                }
                for subject_id in changed
            ],
        )
    if transition.timer.after is not None and changed:  # type: ignore[union-attr]
        transition.timer.after(session, list(changed), as_of)  # type: ignore[union-attr]
    return list(changed)
