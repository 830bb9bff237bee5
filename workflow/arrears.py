"""The arrears ladder: an account's standing, declared on the engine.

    good_standing -> overdue -> reminded -> warned -> audit_control
                  -> board_proposal -> suspended -> excluded

``overdue`` and ``reminded`` are timed (the sweep): a charge unpaid after its
due date, then ``DELAYS.reminder_days`` later a reminder letter. The other
steps record what a body decided: ``warned``, ``audit_control`` and
``excluded`` a session item (``XXIX:1.3``) recorded by the secretariat;
``board_proposal`` the Audit Commission's own proposal; ``suspended`` a Board
minute (``board:2024-03-01:5``) recorded by the secretariat. The Board
decides in its meetings, so the minute is the authority and the app does not
hold a second vote on it.

Paying the arrears (every charge past its due date, including a debt whose
amount nobody has entered) fires ``settle`` back to good standing from any
step but exclusion, which is final (a city comes back only through
admission). A charge not yet due may stay open: it is not arrears.
An agreed payment plan sets ``Account.paused``: the timers skip paused
accounts and escalations are refused; a missed instalment resumes the ladder
(a ``resume_<state>`` timer that keeps the state and restarts its clock).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, update
from sqlmodel import Session, col, select

from models import City, CityStatus, Role
from models.admission import Membership
from models.dues import Account, Instalment, LetterKind, PaymentPlan, PlanStatus
from models.sessions import parse_decision
from workflow.admission import decision_day
from workflow.engine import Context, State, Timer, Transition, Workflow, register

OFFICE_RECORDS = [Role.secretariat, Role.admin]


@dataclass
class Delays:
    """The ladder's delays in days (settings: app config ``ARREARS_*_DAYS``)."""

    reminder_days: int = 30
    instalment_grace_days: int = 0


DELAYS = Delays()


def configure(
    *, reminder_days: int | None = None, instalment_grace_days: int | None = None
) -> None:
    """Change the delays (the web app and the CLI call this from their config)."""
    if reminder_days is not None:
        DELAYS.reminder_days = int(reminder_days)
    if instalment_grace_days is not None:
        DELAYS.instalment_grace_days = int(instalment_grace_days)


STATES = [
    State("good_standing", _l("Good standing")),
    State("overdue", _l("Overdue")),
    State("reminded", _l("Reminded")),
    State("warned", _l("Warned by the session")),
    State("audit_control", _l("Under Audit Commission control")),
    State("board_proposal", _l("Proposed to the Board")),
    State("suspended", _l("Suspended")),
    State("excluded", _l("Excluded"), final=True),
]
LADDER = [s.name for s in STATES if not s.final]
IN_ARREARS = LADDER[1:]


# ------------------------------------------------------------------ guards ----


def ladder_not_paused(ctx: Context) -> Any:
    if ctx.subject.paused:
        return _l("A payment plan pauses the ladder until an instalment is missed.")
    return None


def has_arrears(account: Account, as_of: date) -> bool:
    """A charge is still open after its due date (an unknown amount counts)."""
    due = account.oldest_open_due_on
    return due is not None and due < as_of


def _as_of(ctx: Context) -> date:
    """The day the payment is recorded for (``payload["as_of"]``), else today."""
    given = ctx.payload.get("as_of")
    return date.fromisoformat(given) if given else ctx.now.date()


def arrears_are_paid(ctx: Context) -> Any:
    if has_arrears(ctx.subject, _as_of(ctx)):
        return _l("The account still has charges past due.")
    return None


def _decision_of(body: str, message: Any) -> Any:
    def check(ctx: Context) -> Any:
        if ctx.decision and parse_decision(ctx.decision).body != body:
            return message
        return None

    check.__name__ = f"decision_is_{body}"
    return check


decision_is_session = _decision_of(
    "session", _l("This step needs a session decision, e.g. XXIX:1.3."))
decision_is_board = _decision_of(
    "board", _l("This step needs a Board minute, e.g. board:2024-03-01:5."))


# ------------------------------------------------------------------ timers ----


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def charge_past_due(as_of: date) -> Any:
    return (col(Account.oldest_open_due_on) < as_of) & col(Account.paused).is_(False)


def reminder_due(as_of: date) -> Any:
    cutoff = _midnight(as_of - timedelta(days=DELAYS.reminder_days))
    return (col(Account.state_changed_at) <= cutoff) & charge_past_due(as_of)


def nothing_past_due(as_of: date) -> Any:
    """Every open charge (if any) falls due on or after ``as_of``: the arrears are paid."""
    due = col(Account.oldest_open_due_on)
    return or_(due.is_(None), due >= as_of)


def instalment_missed(as_of: date) -> Any:
    cutoff = as_of - timedelta(days=DELAYS.instalment_grace_days)
    missed = exists(
        select(Instalment.id).join(PaymentPlan, col(PaymentPlan.id) == Instalment.plan_id)
        .where(PaymentPlan.account_id == Account.id, PaymentPlan.status == PlanStatus.active,
               col(Instalment.met_on).is_(None), col(Instalment.due_on) < cutoff)
    )
    return col(Account.paused).is_(True) & missed


# ----------------------------------------------------------- side effects ----


def write_reminders(session: Session, ids: list[int], as_of: date) -> None:
    from workflow.letters import write_letters

    write_letters(session, ids, kind=LetterKind.reminder, transition="remind", as_of=as_of)


def write_warning(ctx: Context) -> None:
    from workflow.letters import write_letter_for

    write_letter_for(ctx.session, ctx.subject, kind=LetterKind.warning, entry=ctx.entry,  # type: ignore[arg-type]
                     decision=ctx.decision, as_of=ctx.now.date())


def mark_city_excluded(ctx: Context) -> None:
    """The session excludes the city: it is listed so, and its membership ends that day."""
    city = ctx.session.get(City, ctx.subject.city_id)
    city.status = CityStatus.excluded  # type: ignore[union-attr]
    ctx.session.add(city)
    assert ctx.decision is not None  # the transition asks for it
    ended = decision_day(ctx.session, ctx.decision, ctx.now.date())
    ctx.session.execute(
        update(Membership)
        .where(col(Membership.city_id) == ctx.subject.city_id, col(Membership.ended_on).is_(None))
        .values(ended_on=ended))


def close_plan(ctx: Context) -> None:
    """Arrears paid: an active plan is completed and the ladder is no longer paused."""
    ctx.session.execute(
        update(PaymentPlan)
        .where(col(PaymentPlan.account_id) == ctx.subject.id,
               col(PaymentPlan.status) == PlanStatus.active)
        .values(status=PlanStatus.completed)
    )
    ctx.subject.paused = False
    ctx.session.add(ctx.subject)


def complete_plans(session: Session, ids: list[int], as_of: date) -> None:
    """The sweep found these accounts' arrears paid: their plans are completed."""
    session.execute(
        update(PaymentPlan)
        .where(col(PaymentPlan.account_id).in_(ids), col(PaymentPlan.status) == PlanStatus.active)
        .values(status=PlanStatus.completed)
    )
    session.execute(update(Account).where(col(Account.id).in_(ids)).values(paused=False))


def break_plans(session: Session, ids: list[int], as_of: date) -> None:
    """A missed instalment: the plan is broken and the ladder runs again."""
    session.execute(
        update(PaymentPlan)
        .where(col(PaymentPlan.account_id).in_(ids), col(PaymentPlan.status) == PlanStatus.active)
        .values(status=PlanStatus.broken)
    )
    session.execute(update(Account).where(col(Account.id).in_(ids)).values(paused=False))


# ------------------------------------------------------------- declaration ----


def _resume(state: str) -> Transition:
    return Transition(f"resume_{state}", [state], state, _l("Instalment missed: ladder resumed"),
                      timer=Timer(due=instalment_missed, after=break_plans))


def _recorded(name: str, sources: list[str], dest: str, label: Any, decision: Any,
              **extra: Any) -> Transition:
    return Transition(name, sources, dest, label, roles=OFFICE_RECORDS, asks=["decision"],
                      conditions=[ladder_not_paused, decision], **extra)


def account_url(account: Account) -> str:
    return f"/dues/accounts/{account.id}"


def account_title(account: Account, language: str) -> str:
    from sqlalchemy.orm import object_session

    session = object_session(account)
    city = session.get(City, account.city_id) if session is not None else None
    name = city.name(language) if city is not None else str(account.city_id)
    return f"{name}: {'dues account' if language == 'en' else 'счёт взносов'}"


ARREARS = register(Workflow(
    name="arrears",
    label=_l("Dues standing"),
    model=Account,
    owner_column="city_id",
    states=STATES,
    initial="good_standing",
    subject_url=account_url,
    subject_title=account_title,
    transitions=[
        *[_resume(state) for state in LADDER],
        Transition("become_overdue", ["good_standing"], "overdue", _l("A charge is overdue"),
                   timer=Timer(due=charge_past_due)),
        Transition("remind", ["overdue"], "reminded", _l("Reminder sent"),
                   timer=Timer(due=reminder_due, after=write_reminders)),
        _recorded("warn", ["overdue", "reminded"], "warned", _l("Record the session's warning"),
                  decision_is_session, effects=[write_warning]),
        _recorded("put_under_audit", ["warned"], "audit_control",
                  _l("Record the instruction to the Audit Commission"), decision_is_session),
        Transition("propose_to_board", ["audit_control"], "board_proposal",
                   _l("Propose a measure to the Board"), roles=[Role.audit], asks=["comment"],
                   conditions=[ladder_not_paused]),
        _recorded("suspend", ["board_proposal"], "suspended", _l("Record the Board's suspension"),
                  decision_is_board, destructive=True),
        _recorded("exclude", ["suspended"], "excluded", _l("Record the session's exclusion"),
                  decision_is_session, destructive=True, effects=[mark_city_excluded]),
        Transition("settle", IN_ARREARS, "good_standing", _l("Paid in full"),
                   roles=OFFICE_RECORDS, conditions=[arrears_are_paid], effects=[close_plan],
                   timer=Timer(due=nothing_past_due, after=complete_plans),
                   awaited_in=()),  # by hand only to catch up: the payment or sweep settles
    ],
))
