"""The workflow engine: workflows declared once as data, run on ``transitions``.

This is the only module that knows the ``transitions`` library. A workflow
module declares its graph and calls ``register``::

    ADMISSION = register(Workflow(
        name="admission",
        label=_l("Admission of a city"),
        model=Application,                      # a table with StatefulMixin
        owner=lambda app: app.city_id,          # city-bound roles act on their city only
        states=[State("draft", _l("Draft")), State("submitted", _l("Submitted")), ...],
        initial="draft",
        transitions=[
            Transition("submit", ["draft"], "submitted", _l("Submit"),
                       roles=[Role.applicant], conditions=[is_complete]),
            Transition("recommend", ["board_review"], "recommended", _l("Approve"),
                       roles=BOARD_ROLES, quorum=Quorum()),           # majority of the Board
            Transition("request_info", ["in_review"], "info_requested", _l("Ask"),
                       roles=[Role.secretariat], asks=["comment"]),
            Transition("make_overdue", ["good_standing"], "overdue", _l("Overdue"),
                       timer=Timer(due=lambda as_of: Account.due_on < as_of)),
        ],
    ))

Then, in one database transaction each::

    fire(session, ADMISSION, application, "submit", actor=user, comment="...",
         expected_version=form.version.data)
    vote(session, ADMISSION, application, "recommend", actor=board_member, approve=True)
    comment(session, ADMISSION, application, actor=user, text="...")

and for the pages::

    actions(ADMISSION, application, user)     # what this user may do now (the buttons)
    explain(ADMISSION, application, user)     # why each other action is not possible, and who can

A condition is ``f(ctx) -> str | None``: None when satisfied, otherwise a
translatable message (lazy_gettext). A side effect is ``f(ctx) -> None``,
run inside the transaction after the state changed; raising ``Refusal``
(or any error) rolls everything back. ``notify`` returns ``Notice``s that
go to the outbox in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from sqlalchemy import and_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import instance_state
from sqlmodel import Session, SQLModel, col, select
from transitions import Machine

from models import Role, User, utcnow
from models.users import BOARD_ROLES
from models.workflow import HistoryEntry, OutboxMessage, Vote
from workflow import writes

# Inputs a transition's form can ask for.
ASKABLE = frozenset({"comment", "decision", "reason"})
SYSTEM = None  # the actor of timed transitions


class WorkflowError(Exception):
    """A transition that cannot happen; ``code`` names why, ``params`` say more.

    ``status`` is the HTTP status the web layer answers with.
    """

    status = 400

    def __init__(self, code: str, message: Any = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.params = params


class NotAllowed(WorkflowError):
    """The actor's role or city does not allow this transition."""

    status = 403


class WrongState(WorkflowError):
    """The transition does not start from the subject's state."""

    status = 409


class StaleVersion(WorkflowError):
    """Someone changed the subject since the page was loaded."""

    status = 409


class Refusal(WorkflowError):
    """A condition or a side effect refused; ``message`` says why."""

    status = 400


@dataclass(frozen=True)
class State:
    name: str
    label: Any
    final: bool = False


@dataclass(frozen=True)
class Electorate:
    """Whom a quorum is counted on, on one day.

    ``seats`` is the n of the majority: the body's members, whether or not they
    have an account here; ``voters`` are the ids of the accounts that may vote.
    """

    seats: int
    voters: frozenset[int]

    @property
    def without_account(self) -> int:
        """Seats no account can vote for: they count towards n all the same."""
        return max(self.seats - len(self.voters), 0)


@dataclass(frozen=True)
class Quorum:
    """Approvals needed from the members of a body: a majority of its seats unless ``required``.

    ``members(session, day)``, when given, says who the body is on that day (an
    ``Electorate``): how many seats it has and which accounts sit in them. Only
    active accounts holding ``roles`` vote even then. Without it, or when it
    returns None (no records of the body are kept), the body is the active
    accounts holding ``roles``.
    """

    roles: tuple[Role, ...] = BOARD_ROLES
    required: int | None = None
    members: Callable[[Session, date], Electorate | None] | None = None

    def holder(self) -> Any:
        """The SQL condition on ``User`` of an account that may hold a seat."""
        return and_(col(User.role).in_(self.roles), col(User.active).is_(True))

    def needed(self, holders: int) -> int:
        if self.required is not None:
            return self.required
        return holders // 2 + 1


@dataclass(frozen=True)
class Timer:
    """A transition the sweep fires.

    ``due(as_of)`` is a SQL condition on the subject table; ``after(session,
    ids, as_of)`` runs set-wise side effects for the subjects just changed,
    in the same transaction.
    """

    due: Callable[[date], Any]
    after: Callable[[Session, list[int], date], None] | None = None


@dataclass(frozen=True)
class Notice:
    """A message for one user, by message id and parameters."""

    recipient: User
    template: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """What conditions, side effects and notifications receive."""

    session: Session
    workflow: Workflow
    subject: Any
    transition: Transition
    actor: User | None
    comment: str | None = None
    decision: str | None = None
    reason: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    now: datetime = field(default_factory=utcnow)
    entry: HistoryEntry | None = None


Condition = Callable[[Context], Any]
Effect = Callable[[Context], None]


@dataclass(frozen=True)
class Transition:
    name: str
    sources: Sequence[str]
    dest: str
    label: Any
    roles: Sequence[Role] = ()
    asks: Sequence[str] = ()
    conditions: Sequence[Condition] = ()
    effects: Sequence[Effect] = ()
    notify: Callable[[Context], Iterable[Notice]] | None = None
    quorum: Quorum | None = None
    # Fired by one person, but only by a member of this body (as ``quorum`` counts
    # them): a Board member records what the Board's majority decided.
    body: Quorum | None = None
    timer: Timer | None = None
    # Shown in red, and confirmed, in forms (decline, withdraw, exclude).
    destructive: bool = False
    # The source states in which a subject waits for this action, so the inbox
    # lists it there; None: every source. () for actions one may take but nobody
    # waits for: withdrawing, cancelling, settling by hand.
    awaited_in: Sequence[str] | None = None

    def __post_init__(self) -> None:
        unknown = set(self.asks) - ASKABLE
        if unknown:
            raise ValueError(f"{self.name}: unknown inputs {sorted(unknown)}")
        if self.timer is None and not self.roles:
            raise ValueError(f"{self.name}: a transition needs roles or a timer")
        if self.quorum is not None and set(self.roles) != set(self.quorum.roles):
            # One list of who decides: the declaration must not read otherwise.
            raise ValueError(f"{self.name}: its roles must be its quorum's roles")
        if self.body is not None and set(self.roles) != set(self.body.roles):
            raise ValueError(f"{self.name}: its roles must be its body's roles")

    @cached_property  # read by every fire()
    def deciders(self) -> tuple[Role, ...]:
        """Who may act: the quorum's roles when a body decides collectively."""
        return tuple(self.quorum.roles if self.quorum is not None else self.roles)

    @property
    def seated_by(self) -> Quorum | None:
        """The body whose sitting members alone may act (vote, or fire for it)."""
        return self.quorum if self.quorum is not None else self.body

    @property
    def automatic(self) -> bool:
        return self.timer is not None and not self.roles

    @property
    def awaited_sources(self) -> tuple[str, ...]:
        """The states in which a subject waits for this action (see ``awaited_in``)."""
        return tuple(self.sources if self.awaited_in is None else self.awaited_in)


@dataclass
class Workflow:
    name: str
    label: Any
    model: type[SQLModel]
    states: Sequence[State]
    transitions: Sequence[Transition]
    initial: str
    owner: Callable[[Any], int | None] | None = None
    # The subject table's column holding the owner city, so the inbox filters in SQL;
    # when set, ``owner`` defaults to reading it.
    owner_column: str | None = None
    # For the inbox and notifications: the subject's page and its title in a language.
    subject_url: Callable[[Any], str] | None = None
    subject_title: Callable[[Any, str], str] | None = None
    # Reasons recorded as codes ("moved_to_other_work") and their translated labels.
    reason_labels: dict[str, Any] = field(default_factory=dict)
    _machine: Machine | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        names = {s.name for s in self.states}
        for transition in self.transitions:
            missing = ({transition.dest, *transition.sources}) - names
            if missing:
                raise ValueError(f"{self.name}.{transition.name}: unknown states {missing}")
            if set(transition.awaited_sources) - set(transition.sources):
                raise ValueError(f"{self.name}.{transition.name}: awaited in a state it "
                                 "does not start from")
        if len({t.name for t in self.transitions}) != len(self.transitions):
            raise ValueError(f"{self.name}: transition names must be unique")
        if self.owner is None and self.owner_column is not None:
            column = self.owner_column
            self.owner = lambda subject: getattr(subject, column)

    @property
    def machine(self) -> Machine:
        """One ``transitions`` machine for the whole workflow, built on first use."""
        if self._machine is None:
            self._machine = Machine(
                model=None,
                states=[s.name for s in self.states],
                transitions=[
                    {"trigger": t.name, "source": list(t.sources), "dest": t.dest}
                    for t in self.transitions
                ],
                initial=self.initial,
                auto_transitions=False,
                send_event=True,
            )
        return self._machine

    def transition(self, name: str) -> Transition:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise WorkflowError("unknown_transition", name=name)

    def state(self, name: str) -> State:
        for state in self.states:
            if state.name == name:
                return state
        raise WorkflowError("unknown_state", name=name)

    def destination(self, name: str, state: str) -> str:
        """Where the machine takes ``name`` from ``state``; ``WrongState`` if nowhere.

        Read from the machine's own transition table: triggering it on a
        wrapper cost more than the UPDATE and INSERT together.
        """
        found = self.machine.events[name].transitions.get(state)
        if not found:
            raise WrongState("wrong_state", state=state, transition=name)
        return str(found[0].dest)

    def triggers(self, state: str) -> list[Transition]:
        """The transitions that leave ``state``, as the machine knows them."""
        return [self.transition(name) for name in self.machine.get_triggers(state)]


REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    """Make a workflow known to the sweep, the inbox and the diagrams."""
    REGISTRY[workflow.name] = workflow
    return workflow


# ---------------------------------------------------------------- guards ----


def role_allows(transition: Transition, actor: User | None) -> bool:
    if actor is None:
        return transition.timer is not None
    return actor.role in transition.deciders


def owner_allows(workflow: Workflow, subject: Any, actor: User | None) -> bool:
    """City-bound roles act on their own city's subjects only."""
    if actor is None or not actor.role.city_bound:
        return True
    if workflow.owner is None:
        return False
    return workflow.owner(subject) == actor.city_id


def failed_conditions(ctx: Context) -> list[Any]:
    """The messages of the conditions that do not hold."""
    return [m for m in (check(ctx) for check in ctx.transition.conditions) if m]


def explain(
    workflow: Workflow, subject: Any, actor: User | None, session: Session | None = None
) -> list[tuple[Transition, list[Any]]]:
    """Every transition out of the current state, with why this actor cannot fire it."""
    result = []
    for transition in workflow.triggers(subject.state):
        if transition.automatic:
            continue
        reasons: list[Any] = []
        if not role_allows(transition, actor):
            reasons.append(("roles", list(transition.deciders)))
        elif not owner_allows(workflow, subject, actor):
            reasons.append(("owner", None))
        elif (transition.seated_by is not None and session is not None and actor is not None
              and not sits(session, transition.seated_by, actor)):
            reasons.append(("not_sitting", None))
        else:
            ctx = Context(session, workflow, subject, transition, actor)  # type: ignore[arg-type]
            reasons.extend(("condition", m) for m in failed_conditions(ctx))
        result.append((transition, reasons))
    return result


def actions_for(
    workflow: Workflow, subject: Any, actor: User | None, session: Session | None = None
) -> list[Transition]:
    """The transitions this actor may fire now: the buttons a page shows."""
    return [t for t, reasons in explain(workflow, subject, actor, session) if not reasons]


actions = actions_for


# ------------------------------------------------------------------ firing ----


def _check_inputs(transition: Transition, ctx: Context) -> None:
    for name in transition.asks:
        value = getattr(ctx, name)
        if value is None or not str(value).strip():
            raise Refusal(f"missing_{name}", field=name)


def authorize(
    workflow: Workflow, subject: Any, transition: Transition, actor: User | None
) -> None:
    """Raise ``NotAllowed`` unless the actor's role and city allow this transition.

    A quorum transition is open to the holders of its quorum's roles.
    """
    if not role_allows(transition, actor):
        raise NotAllowed("role", roles=[r.value for r in transition.deciders])
    if not owner_allows(workflow, subject, actor):
        raise NotAllowed("owner")


def _last_change(session: Session, workflow: Workflow, subject_id: int) -> HistoryEntry | None:
    return session.exec(
        select(HistoryEntry)
        .where(HistoryEntry.workflow == workflow.name, HistoryEntry.subject_id == subject_id)
        .where(HistoryEntry.from_state != HistoryEntry.to_state)
        .order_by(col(HistoryEntry.id).desc())
        .limit(1)
    ).first()


def _stale(session: Session, workflow: Workflow, subject: Any) -> StaleVersion:
    session.rollback()
    last = _last_change(session, workflow, subject.id)
    who = session.get(User, last.actor_id) if last and last.actor_id else None
    return StaleVersion(
        "stale",
        by=who.display_name if who else None,
        at=last.at if last else None,
        state=last.to_state if last else None,
    )


def fire(
    session: Session,
    workflow: Workflow,
    subject: Any,
    name: str,
    *,
    actor: User | None,
    comment: str | None = None,
    decision: str | None = None,
    reason: str | None = None,
    payload: dict[str, Any] | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
    commit: bool = True,
    _skip_quorum: bool = False,
) -> HistoryEntry:
    """Fire a transition: state, history, side effects and outbox in one transaction."""
    transition = workflow.transition(name)
    authorize(workflow, subject, transition, actor)
    if transition.quorum is not None and not _skip_quorum:
        raise WorkflowError("needs_votes")
    if transition.body is not None and actor is not None and not sits(
            session, transition.body, actor):
        raise NotAllowed("not_sitting")
    if expected_version is not None and expected_version != subject.version:
        raise _stale(session, workflow, subject)
    ctx = Context(
        session, workflow, subject, transition, actor, comment or None, decision or None,
        reason or None, dict(payload or {}), now or utcnow(),
    )
    _check_inputs(transition, ctx)
    cited = None
    if ctx.decision:
        from workflow.decisions import check_decision

        cited = check_decision(session, ctx.decision, today=ctx.now.date(),
                               subject=(workflow.name, subject.id))
        ctx.decision = str(cited)
    failures = failed_conditions(ctx)
    if failures:
        raise Refusal("condition", failures[0])
    dest = workflow.destination(name, subject.state)
    try:
        if cited is not None and cited.body == "board":
            from workflow.minutes import enter_cited

            enter_cited(session, cited, workflow=workflow.name, transition=name,
                        subject_id=subject.id, actor=actor)
        entry = _apply(ctx, subject.state, dest)
        for effect in transition.effects:
            effect(ctx)
        if transition.notify is not None:
            queue(session, transition.notify(ctx), workflow=workflow, subject=subject)
        if commit:
            session.commit()
    except WorkflowError:
        session.rollback()
        raise
    except IntegrityError as error:
        session.rollback()
        raise Refusal("conflict", str(error.orig)) from error
    except Exception:
        # A side effect's bug must not leave a half transition for the caller to commit.
        session.rollback()
        raise
    return entry


_MOVED = ("state", "version", "state_changed_at")


def _apply(ctx: Context, from_state: str, to_state: str) -> HistoryEntry:
    """The guarded UPDATE of the state column and its history entry."""
    subject = ctx.subject
    ctx.session.flush()  # the caller's own pending changes go first, as before
    values = _history_values(ctx, from_state, to_state)
    version = subject.version
    entry_id = writes.move(ctx.session.connection(), ctx.workflow.model, version=version,
                           from_state=from_state, values=values)
    if entry_id is None:
        raise _stale(ctx.session, ctx.workflow, subject)
    # Already written: set as loaded values (what set_committed_value does, for the
    # three at once), without marking the row dirty, so no second UPDATE follows.
    state = instance_state(subject)
    state.dict.update(state=to_state, version=version + 1, state_changed_at=ctx.now)
    state._commit(state.dict, _MOVED)
    ctx.entry = _detached_entry(entry_id, values)
    return ctx.entry


def _history_values(
    ctx: Context, from_state: str, to_state: str, transition: str | None = None
) -> dict[str, Any]:
    return {
        "workflow": ctx.workflow.name,
        "subject_id": ctx.subject.id,
        "transition": transition or ctx.transition.name,
        "from_state": from_state,
        "to_state": to_state,
        "actor_id": ctx.actor.id if ctx.actor else None,
        "at": ctx.now,
        "comment": ctx.comment,
        "decision_ref": ctx.decision,
        "payload": {**ctx.payload, **({"reason": ctx.reason} if ctx.reason else {})},
    }


def record(
    ctx: Context, from_state: str, to_state: str, transition: str | None = None,
) -> HistoryEntry:
    """Append a history entry for ``ctx`` (no commit), written at once.

    One INSERT through the driver (``workflow.writes``) rather than a
    unit-of-work flush; the entry returned is detached, and stays append-only
    if someone adds it back to a session.
    """
    values = _history_values(ctx, from_state, to_state, transition)
    entry_id = writes.insert_history(ctx.session.connection(), values)
    return _detached_entry(entry_id, values)


def _detached_entry(entry_id: int, values: dict[str, Any]) -> HistoryEntry:
    """The written row as a detached HistoryEntry, filled the way the ORM loads rows.

    Validating a SQLModel in __init__ cost more than writing the row, and
    ``make_transient_to_detached`` a twentieth of a transition: its identity key
    is read back through every column's attribute. The key is known here, so it
    is set directly.
    """
    mapper = HistoryEntry.__mapper__  # type: ignore[attr-defined]
    entry = mapper.class_manager.new_instance()
    state = instance_state(entry)
    state.dict.update(values, id=entry_id)
    # A new state has nothing pending or expired: with its key it is as if loaded.
    state.key = mapper.identity_key_from_primary_key((entry_id,))
    return entry


def comment(
    session: Session, workflow: Workflow, subject: Any, *, actor: User, text: str
) -> HistoryEntry:
    """A comment without a state change, kept in the history."""
    if not text or not text.strip():
        raise Refusal("missing_comment", field="comment")
    if not owner_allows(workflow, subject, actor):
        raise NotAllowed("owner")
    note = Transition("comment", [subject.state], subject.state, "", roles=[actor.role])
    ctx = Context(session, workflow, subject, note, actor, comment=text.strip())
    entry = record(ctx, subject.state, subject.state)
    session.commit()
    return entry


def queue(
    session: Session, notices: Iterable[Notice], *, workflow: Workflow | None, subject: Any
) -> list[OutboxMessage]:
    """Write notices to the outbox (no commit): sent later in each recipient's language."""
    rows = [
        OutboxMessage(
            recipient_id=n.recipient.id,
            email=n.recipient.email,
            locale=n.recipient.locale or "ru",
            template=n.template,
            params=n.params,
            workflow=workflow.name if workflow else None,
            subject_id=getattr(subject, "id", None),
        )
        for n in notices
    ]
    session.add_all(rows)
    return rows


# ------------------------------------------------------------------ quorum ----


@dataclass(frozen=True)
class Tally:
    """The votes of a pass; ``holders`` is n (the seats), ``can_vote`` the accounts among them."""

    approvals: int
    objections: int
    needed: int
    holders: int
    voters: frozenset[int]
    fired: HistoryEntry | None = None
    can_vote: int = 0

    @property
    def without_account(self) -> int:
        """Seats that count towards n but have no account to vote with."""
        return max(self.holders - self.can_vote, 0)

    @property
    def reachable(self) -> bool:
        """Whether the accounts that may vote can make the majority at all."""
        return self.can_vote >= self.needed


def electorate(session: Session, quorum: Quorum, day: date | None = None) -> Electorate:
    """Who the quorum's body is on ``day`` (today): its seats and the accounts that vote."""
    accounts = frozenset(session.exec(select(User.id).where(quorum.holder())).all())
    found = None if quorum.members is None else quorum.members(session, day or utcnow().date())
    if found is None:
        return Electorate(seats=len(accounts), voters=accounts)
    return Electorate(seats=found.seats, voters=found.voters & accounts)


def sits(session: Session, quorum: Quorum, actor: User) -> bool:
    """Whether the actor holds a seat of the quorum's body today (its role is not enough)."""
    if actor.role not in quorum.roles:
        return False
    return actor.id in electorate(session, quorum).voters


def tally(session: Session, workflow: Workflow, subject: Any, name: str) -> Tally:
    """The votes counted towards a quorum transition in the subject's current pass.

    Only the votes of those who sit today count; the majority is of the seats.
    """
    transition = workflow.transition(name)
    assert transition.quorum is not None
    body = electorate(session, transition.quorum)
    votes = [v for v in ballots(session, workflow, subject, name) if v.voter_id in body.voters]
    return Tally(
        approvals=sum(1 for v in votes if v.approve),
        objections=sum(1 for v in votes if not v.approve),
        needed=transition.quorum.needed(body.seats),
        holders=body.seats,
        voters=frozenset(v.voter_id for v in votes),
        can_vote=len(body.voters),
    )


def vote(
    session: Session,
    workflow: Workflow,
    subject: Any,
    name: str,
    *,
    actor: User,
    approve: bool,
    comment: str | None = None,
    decision: str | None = None,
    expected_version: int | None = None,
) -> Tally:
    """Record an approval or objection; fire the transition when the quorum is reached.

    Votes on one subject are counted one at a time (``_one_voter_at_a_time``).
    """
    transition = workflow.transition(name)
    if transition.quorum is None:
        raise WorkflowError("no_quorum", name=name)
    if actor.role not in transition.quorum.roles:
        raise NotAllowed("role", roles=[r.value for r in transition.quorum.roles])
    if not sits(session, transition.quorum, actor):
        raise NotAllowed("not_sitting")
    with _one_voter_at_a_time(session, subject):
        _check_pass(session, workflow, subject, name, expected_version)
        if not approve and not (comment and comment.strip()):
            raise Refusal("missing_comment", field="comment")
        _cast(session, workflow, subject, name, actor=actor, approve=approve, comment=comment)
        ctx = Context(session, workflow, subject, transition, actor, comment=comment)
        ctx.payload = {"approve": approve}
        record(ctx, subject.state, subject.state, transition=f"vote:{name}")
        return _count(session, workflow, subject, name, ctx, decision)


def _count(
    session: Session, workflow: Workflow, subject: Any, name: str, ctx: Context,
    decision: str | None,
) -> Tally:
    """Commit the vote just recorded, firing the transition if it completes the quorum."""
    try:
        session.flush()
    except IntegrityError as error:
        raise WorkflowError("already_voted", approve=ctx.payload["approve"]) from error
    current = tally(session, workflow, subject, name)
    if current.approvals < current.needed:
        session.commit()
        return current
    entry = fire(
        session, workflow, subject, name, actor=ctx.actor, comment=ctx.comment,
        decision=decision, payload={"approvals": current.approvals, "holders": current.holders},
        _skip_quorum=True,
    )
    return Tally(**{**current.__dict__, "fired": entry})


@contextmanager
def _one_voter_at_a_time(session: Session, subject: Any) -> Iterator[None]:
    """Re-read the subject and hold its row until the vote is committed.

    Counted without the lock, two deciding votes cast at once on PostgreSQL
    each miss the other's uncommitted row, and the quorum is reached but never
    fires. (SQLite ignores FOR UPDATE: its single writer already serialises.)
    Any error rolls back, so a refused vote never keeps the row locked.
    """
    try:
        session.flush()  # the caller's pending changes are kept, not refreshed away
        session.refresh(subject, with_for_update=True)
        yield
    except Exception:
        session.rollback()
        raise


def _check_pass(
    session: Session, workflow: Workflow, subject: Any, name: str, expected_version: int | None
) -> None:
    """Refuse a vote on a subject past the quorum transition's state, or changed since read."""
    if name not in workflow.machine.get_triggers(subject.state):
        raise WrongState("wrong_state", state=subject.state, transition=name)
    if expected_version is not None and expected_version != subject.version:
        raise _stale(session, workflow, subject)


def _cast(
    session: Session, workflow: Workflow, subject: Any, name: str, *, actor: User,
    approve: bool, comment: str | None,
) -> Vote:
    """Add the actor's vote for this pass, or cast their withdrawn one again.

    The unique key allows one row per voter and pass, withdrawn or not, so a
    member who took their vote back gets that row reactivated.
    """
    row = session.exec(
        select(Vote).where(
            Vote.workflow == workflow.name, Vote.subject_id == subject.id,
            Vote.transition == name, Vote.stage == subject.version, Vote.voter_id == actor.id,
        )
    ).first()
    if row is not None and row.withdrawn_at is None:
        raise WorkflowError("already_voted", approve=row.approve)
    if row is None:
        row = Vote(
            workflow=workflow.name, subject_id=subject.id, transition=name,
            stage=subject.version, voter_id=actor.id, approve=approve, comment=comment,  # type: ignore[arg-type]
        )
    else:
        row.approve, row.comment, row.at, row.withdrawn_at = approve, comment, utcnow(), None
    session.add(row)
    return row


def ballots(session: Session, workflow: Workflow, subject: Any, name: str) -> list[Vote]:
    """The votes that count towards a quorum transition now, oldest first."""
    return list(
        session.exec(
            select(Vote)
            .where(
                Vote.workflow == workflow.name, Vote.subject_id == subject.id,
                Vote.transition == name, Vote.stage == subject.version,
                col(Vote.withdrawn_at).is_(None),
            )
            .order_by(col(Vote.id))
        ).all()
    )


def _active_vote(
    session: Session, workflow: Workflow, subject: Any, name: str, actor: User
) -> Vote | None:
    return session.exec(
        select(Vote).where(
            Vote.workflow == workflow.name, Vote.subject_id == subject.id,
            Vote.transition == name, Vote.stage == subject.version,
            Vote.voter_id == actor.id, col(Vote.withdrawn_at).is_(None),
        )
    ).first()


def withdraw_vote(
    session: Session, workflow: Workflow, subject: Any, name: str, *, actor: User,
    expected_version: int | None = None,
) -> None:
    """Take back one's vote before the transition fired."""
    transition = workflow.transition(name)
    with _one_voter_at_a_time(session, subject):
        _check_pass(session, workflow, subject, name, expected_version)
        existing = _active_vote(session, workflow, subject, name, actor)
        if existing is None:
            raise WorkflowError("no_vote")
        existing.withdrawn_at = utcnow()
        session.add(existing)
        ctx = Context(session, workflow, subject, transition, actor)
        record(ctx, subject.state, subject.state, transition=f"withdraw:{name}")
        session.commit()


# ----------------------------------------------------------------- reading ----


def history(session: Session, workflow: Workflow, subject_id: int) -> list[HistoryEntry]:
    """A subject's whole history, oldest first."""
    return list(
        session.exec(
            select(HistoryEntry)
            .where(HistoryEntry.workflow == workflow.name, HistoryEntry.subject_id == subject_id)
            .order_by(col(HistoryEntry.id))
        ).all()
    )


def path_taken(entries: Sequence[HistoryEntry]) -> list[tuple[str, str]]:
    """The state changes a subject went through, for drawing its path."""
    return [(e.from_state, e.to_state) for e in entries if e.from_state != e.to_state]
