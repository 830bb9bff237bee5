"""The inbox: subjects waiting for an action a user may take, and what they acted on.

One indexed query per workflow: the subjects whose state awaits a transition
the user's role may take (``Transition.awaited_in``: withdrawing or
cancelling is possible, not awaited) and, when a body decides it, whose body
the user sits on today, for a city-bound user of their own city only
(``Workflow.owner_column`` filters in SQL), less those on which the user has
already cast a vote that still counts, oldest first by ``state_changed_at``.
Conditions are not evaluated here; the subject's page
explains a failed one.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, or_
from sqlmodel import Session, col, func, select

from models import Role, User
from models.workflow import HistoryEntry, Vote
from workflow.engine import Workflow, owner_allows, sits

# How many history rows "acted on" reads per subject it lists.
ACTED_SCAN = 4


@dataclass(frozen=True)
class Group:
    """One workflow's waiting subjects: the total and one page of them."""

    workflow: Workflow
    count: int
    items: list[Any]
    page: int
    pages: int


@dataclass(frozen=True)
class Acted:
    workflow: Workflow
    subject: Any
    transition: str
    at: datetime


def waiting_states(workflow: Workflow, role: Role) -> list[str]:
    """The states in which a subject awaits a transition this role may take."""
    states: list[str] = []
    for transition in workflow.transitions:
        if role in transition.deciders:
            states.extend(s for s in transition.awaited_sources if s not in states)
    return states


_STATES: dict[tuple[int, Role], tuple[str, ...]] = {}


def _states(workflow: Workflow, role: Role) -> tuple[str, ...]:
    """waiting_states, remembered per workflow object and role (declarations are fixed)."""
    key = (id(workflow), role)
    if key not in _STATES:
        _STATES[key] = tuple(waiting_states(workflow, role))
    return _STATES[key]


def _open_states(session: Session, workflow: Workflow, user: User) -> tuple[str, ...]:
    """The waiting states in which this user may act: a Board item waits for those
    who sit on the Board, not for every account holding a Board role."""
    states = _states(workflow, user.role)
    sitting: dict[Any, bool] = {}
    open_states: set[str] = set()
    for transition in workflow.transitions:
        body = transition.seated_by
        if user.role not in transition.deciders:
            continue
        if body is not None and body not in sitting:
            sitting[body] = sits(session, body, user)
        if body is None or sitting[body]:
            open_states.update(transition.awaited_sources)
    return tuple(s for s in states if s in open_states)


def _mine(session: Session, workflow: Workflow, user: User, query: Any) -> Any:
    model: Any = workflow.model
    query = query.where(col(model.state).in_(_open_states(session, workflow, user)))
    if user.role.city_bound and workflow.owner_column is not None:
        query = query.where(getattr(model, workflow.owner_column) == user.city_id)
    for transition in workflow.transitions:
        if transition.quorum and user.role in transition.quorum.roles:
            query = query.where(or_(col(model.state).not_in(transition.sources),
                                    ~exists(_votes_by(user, workflow, transition))))
    return query


def _votes_by(user: User, workflow: Workflow, transition: Any) -> Any:
    """The user's vote on the subject's current pass: having voted, they have acted."""
    model: Any = workflow.model
    return select(Vote.id).where(
        Vote.workflow == workflow.name, Vote.subject_id == model.id,
        Vote.transition == transition.name, Vote.stage == model.version,
        Vote.voter_id == user.id, col(Vote.withdrawn_at).is_(None))


def _page(session: Session, workflow: Workflow, user: User, page: int, per_page: int) -> list:
    model: Any = workflow.model
    query = _mine(session, workflow, user, select(model)).order_by(model.state_changed_at, model.id)
    if user.role.city_bound and workflow.owner_column is None:
        # No column to filter on: filter in Python (small workflows only).
        rows = [s for s in session.exec(query).all() if owner_allows(workflow, s, user)]
        return rows[(page - 1) * per_page : page * per_page]
    # The page's ids from the index alone, then their rows: OFFSET skips index
    # entries instead of reading (and discarding) whole rows.
    ids = (
        _mine(session, workflow, user, select(model.id))
        .order_by(model.state_changed_at, model.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return list(session.exec(
        select(model).where(col(model.id).in_(ids.scalar_subquery()))
        .order_by(model.state_changed_at, model.id)
    ).all())


def _count(session: Session, workflow: Workflow, user: User) -> int:
    model: Any = workflow.model
    if user.role.city_bound and workflow.owner_column is None:
        rows = session.exec(_mine(session, workflow, user, select(model))).all()
        return sum(1 for s in rows if owner_allows(workflow, s, user))
    return int(session.exec(
        _mine(session, workflow, user, select(func.count()).select_from(model))).one())


def waiting(
    session: Session,
    user: User,
    workflows: Iterable[Workflow],
    *,
    page: int = 1,
    per_page: int = 25,
    expanded: str | None = None,
) -> list[Group]:
    """Per workflow, how many subjects wait for this user, and one page of the oldest."""
    groups = []
    for workflow in sorted(workflows, key=lambda w: w.name):
        if not _states(workflow, user.role):
            continue
        count = _count(session, workflow, user)
        if not count:
            continue
        shown = page if workflow.name == expanded else 1
        pages = max(1, -(-count // per_page))
        shown = min(shown, pages)
        items = _page(session, workflow, user, shown, per_page)
        groups.append(Group(workflow, count, items, shown, pages))
    return groups


def waiting_count(session: Session, user: User, workflows: Iterable[Workflow]) -> int:
    """How many subjects wait for this user, over all these workflows."""
    return sum(_count(session, flow, user) for flow in workflows if _states(flow, user.role))


def acted_on(
    session: Session, user: User, registry: Mapping[str, Workflow], *, limit: int = 25
) -> list[Acted]:
    """The subjects this user acted on most recently (started, moved, voted, commented)."""
    recent = session.exec(
        select(HistoryEntry.workflow, HistoryEntry.subject_id, HistoryEntry.transition,
               HistoryEntry.at)
        .where(HistoryEntry.actor_id == user.id)
        .order_by(col(HistoryEntry.id).desc())
        .limit(limit * ACTED_SCAN)
    ).all()
    latest: dict[tuple[str, int], tuple[str, datetime]] = {}
    for name, subject_id, transition, at in recent:
        if name in registry and (name, subject_id) not in latest:
            latest[(name, subject_id)] = (transition, at)
        if len(latest) >= limit:
            break
    return _with_subjects(session, registry, latest)


def _with_subjects(
    session: Session, registry: Mapping[str, Workflow], latest: dict
) -> list[Acted]:
    by_workflow: dict[str, list[int]] = {}
    for name, subject_id in latest:
        by_workflow.setdefault(name, []).append(subject_id)
    found: dict[tuple[str, int], Any] = {}
    for name, ids in by_workflow.items():
        model: Any = registry[name].model
        for subject in session.exec(select(model).where(col(model.id).in_(ids))).all():
            found[(name, subject.id)] = subject
    return [
        Acted(registry[key[0]], found[key], transition, at)
        for key, (transition, at) in latest.items()
        if key in found
    ]
