"""Admission of a city (decision item 1.1), on the workflow engine.

draft → submitted (the applicant) → in_review (the Secretariat takes it)
⇄ info_requested (the Secretariat asks; the applicant answers and resubmits)
→ board_review (forwarded) → recommended (a majority of the sitting Board
approves) or declined (once a majority has objected, with a reason) →
admitted or rejected (the session's decision, by reference) → member (the
entrance fee is paid in full; fired by the ledger's hook). The applicant may
withdraw until the session decides. Admission starts a membership on the
decision's date and charges the fees through ``workflow.ledger``.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from models import City, CityStatus, Role, User
from models.admission import Application, ApplicationDocument, Membership
from models.dues import Account, Charge, ChargeKind
from models.events import bump_revision
from models.sessions import AssemblySession, parse_decision, to_roman
from models.users import BOARD_ROLES
from models.workflow import HistoryEntry
from workflow.engine import (
    SYSTEM,
    Context,
    Notice,
    Quorum,
    State,
    Timer,
    Transition,
    Workflow,
    electorate,
    fire,
    register,
    tally,
)
from workflow.ledger import ENTRANCE_PAID_HOOKS, charge_admission
from workflow.officer_names import Day
from workflow.officers_queries import board_members
from workflow.outbox import register_message

OFFICE = (Role.secretariat, Role.admin)
APPLICANT = (Role.applicant,)
BEFORE_DECISION = [
    "draft", "submitted", "in_review", "info_requested", "board_review", "recommended", "declined",
]

STATES = [
    State("draft", _l("Draft")),
    State("submitted", _l("Submitted")),
    State("in_review", _l("In review by the Secretariat")),
    State("info_requested", _l("Information requested")),
    State("board_review", _l("With the Board")),
    State("recommended", _l("Recommended by the Board")),
    State("declined", _l("Declined by the Board")),
    State("admitted", _l("Admitted by the session")),
    State("rejected", _l("Rejected by the session"), final=True),
    State("member", _l("Member"), final=True),
    State("withdrawn", _l("Withdrawn"), final=True),
]

# What each state waits for, as the applicant and the office read it.
WAITING_FOR = {
    "draft": _l("The applicant completes and submits the application."),
    "submitted": _l("The Secretariat takes the application into work."),
    "in_review": _l("The Secretariat reviews the application."),
    "info_requested": _l("The applicant answers the Secretariat's request and resubmits."),
    "board_review": _l("The Board approves or declines: a majority of its sitting members."),
    "recommended": _l("The session of the Assembly decides on admission."),
    "declined": _l("The session of the Assembly decides on admission."),
    "admitted": _l("The entrance fee is paid in full."),
    "rejected": _l("Nothing: the session rejected the application."),
    "member": _l("Nothing: the city is a member."),
    "withdrawn": _l("Nothing: the application was withdrawn."),
}


# ---------------------------------------------------------------- guards ----


def is_complete(ctx: Context) -> object:
    """Every required field of the form is filled in."""
    if ctx.subject.missing():
        return _l("Some required fields of the application are empty.")
    return None


def charter_is_accepted(ctx: Context) -> object:
    return None if ctx.subject.charter_accepted else _l("The Charter has not been accepted.")


def fees_are_accepted(ctx: Context) -> object:
    if ctx.subject.fees_accepted:
        return None
    return _l("The entrance and annual fees have not been accepted.")


def letter_is_attached(ctx: Context) -> object:
    """The official letter of intent is uploaded (checked when a session is at hand)."""
    if ctx.session is None or letter_of_intent(ctx.session, ctx.subject.id) is not None:
        return None
    return _l("The official letter of intent (PDF) is not attached.")


def board_majority_objects(ctx: Context) -> object:
    """A majority of the sitting Board has objected to recommending the application."""
    if ctx.session is None:
        return None
    current = tally(ctx.session, ADMISSION, ctx.subject, "recommend")
    if current.objections >= current.needed:
        return None
    return _l("A majority of the Board has not objected to the application.")


READY = [is_complete, charter_is_accepted, fees_are_accepted, letter_is_attached]


def letter_of_intent(session: Session, application_id: int) -> ApplicationDocument | None:
    """The latest letter of intent uploaded for an application."""
    return session.exec(
        select(ApplicationDocument)
        .where(ApplicationDocument.application_id == application_id,
               ApplicationDocument.kind == "letter_of_intent")
        .order_by(col(ApplicationDocument.id).desc())
    ).first()


# --------------------------------------------------------------- effects ----


def _city(ctx: Context) -> City:
    city = ctx.session.get(City, ctx.subject.city_id)
    assert city is not None
    return city


def _set_city_status(ctx: Context, status: CityStatus) -> None:
    city = _city(ctx)
    city.status = status
    ctx.session.add(city)


def _held_on(session: Session, number: int | None) -> date | None:
    """The day session ``number`` was (or is to be) held, if it has one."""
    return session.exec(
        select(col(AssemblySession.held_on)).where(AssemblySession.number == number)
    ).first()


def decision_day(session: Session, decision: str, fallback: date) -> date:
    """The day the session named by a decision reference was held."""
    return _held_on(session, parse_decision(decision).session_number) or fallback


def is_a_dated_session_decision(ctx: Context) -> object:
    """A session admits or refuses a city, on its day: a Board minute will not do."""
    if not ctx.decision:
        return None
    ref = parse_decision(ctx.decision)
    if ref.body != "session":
        return _l("A city is admitted or refused by a session: cite its decision as "
                  "session and item, for example XXIX:1.1.")
    if _held_on(ctx.session, ref.session_number) is None:
        return _l("Session %(number)s has no date yet, so the membership cannot be dated.",
                  number=ref.session_number)
    return None


def submitted_on(session: Session, application_id: int) -> date | None:
    """The day the application was first submitted, from its history."""
    first = session.exec(
        select(func.min(HistoryEntry.at)).where(
            HistoryEntry.workflow == "admission", HistoryEntry.subject_id == application_id,
            HistoryEntry.transition == "submit")
    ).first()
    return first.date() if isinstance(first, datetime) else None


def is_not_before_submission(ctx: Context) -> object:
    """The session that decides on an application sat after it was submitted."""
    ref = parse_decision(ctx.decision) if ctx.decision else None
    if ref is None or ref.body != "session":
        return None
    held, submitted = _held_on(ctx.session, ref.session_number), submitted_on(
        ctx.session, ctx.subject.id)
    if held is None or submitted is None or held >= submitted:
        return None
    return _l("Session %(number)s sat on %(day)s, before the application was submitted on "
              "%(submitted)s: cite the session that decided on it.",
              number=to_roman(ref.session_number or 1), day=Day(held), submitted=Day(submitted))


def start_membership(ctx: Context) -> None:
    """Admission: a membership from the decision's day, and the fees charged."""
    assert ctx.decision is not None
    started = decision_day(ctx.session, ctx.decision, ctx.now.date())
    ctx.session.add(Membership(city_id=ctx.subject.city_id, application_id=ctx.subject.id,
                               started_on=started, decision_ref=ctx.decision))
    charge_admission(ctx.session, city=_city(ctx), on=started, decision=ctx.decision,
                     commit=False)


def make_member(ctx: Context) -> None:
    """The entrance fee is paid: the city is listed as a member, its applicants too."""
    _set_city_status(ctx, CityStatus.member)
    for user in city_users(ctx.session, ctx.subject.city_id, (Role.applicant,)):
        user.role = Role.member
        ctx.session.add(user)


def entrance_is_paid() -> object:
    """SQL: the application's city has paid its entrance fee (the sweep's catch-up)."""
    paid = (
        select(Account.city_id).join(Charge, col(Charge.account_id) == Account.id)
        .where(Charge.kind == ChargeKind.entrance, col(Charge.is_open).is_(False))
    )
    return col(Application.city_id).in_(paid)


def members_from_sweep(session: Session, ids: list[int], as_of: date) -> None:
    """What ``make_member`` does, set-wise, for applications the sweep moved."""
    cities = select(Application.city_id).where(col(Application.id).in_(ids))
    session.execute(update(City).where(col(City.id).in_(cities))
                    .values(status=CityStatus.member))
    bump_revision(session, datetime.now(UTC))  # a bulk UPDATE passes no flush listener
    session.execute(update(User).where(col(User.city_id).in_(cities),
                                       col(User.role) == Role.applicant).values(role=Role.member))


def leave_applicants(ctx: Context) -> None:
    """Withdrawn or rejected: the city is no longer listed as an applicant."""
    _set_city_status(ctx, CityStatus.other)


# --------------------------------------------------------- notifications ----


def city_users(session: Session, city_id: int, roles: tuple[Role, ...]) -> list[User]:
    return list(session.exec(
        select(User).where(User.city_id == city_id, col(User.role).in_(roles),
                           col(User.active).is_(True))
    ).all())


def office_users(session: Session, roles: tuple[Role, ...]) -> list[User]:
    return list(session.exec(
        select(User).where(col(User.role).in_(roles), col(User.active).is_(True))
    ).all())


def _params(ctx: Context) -> dict[str, object]:
    city = _city(ctx)
    return {
        "application": ctx.subject.id, "city_ru": city.name_ru, "city_en": city.name_en,
        "state": ctx.transition.dest, "comment": ctx.comment or "",
        "reason": ctx.reason or "", "decision": ctx.decision or "",
    }


def _notices(*audiences: str) -> Callable[[Context], list[Notice]]:
    """A ``notify`` that writes to the applicant city, the Secretariat and/or the Board
    (its sitting members' accounts: a released member is no longer written to)."""

    def notify(ctx: Context) -> list[Notice]:
        people: list[User] = []
        if "city" in audiences:
            people += city_users(ctx.session, ctx.subject.city_id, (Role.applicant, Role.member))
        if "secretariat" in audiences:
            people += office_users(ctx.session, (Role.secretariat,))
        if "board" in audiences:
            sitting = electorate(ctx.session, BOARD).voters
            people += [u for u in office_users(ctx.session, BOARD_ROLES) if u.id in sitting]
        actor_id = ctx.actor.id if ctx.actor else None
        template = f"admission.{ctx.transition.dest}"
        return [Notice(p, template, _params(ctx)) for p in people if p.id != actor_id]

    return notify


# What each notice says; rendered in the recipient's language on sending.
NOTICES = {
    "admission.submitted": _l("The application of %(city)s has been submitted."),
    "admission.in_review": _l("The Secretariat is reviewing the application of %(city)s."),
    "admission.info_requested": _l(
        "The Secretariat asks for more information on the application of %(city)s: %(comment)s"),
    "admission.board_review": _l("The application of %(city)s is with the Board."),
    "admission.recommended": _l("The Board recommends admitting %(city)s."),
    "admission.declined": _l("The Board declined the application of %(city)s: %(reason)s"),
    "admission.admitted": _l("The session admitted %(city)s (decision %(decision)s)."),
    "admission.rejected": _l("The session rejected the application of %(city)s "
                             "(decision %(decision)s)."),
    "admission.member": _l("%(city)s is now a member of the Assembly."),
    "admission.withdrawn": _l("The application of %(city)s was withdrawn."),
}


for _template, _body in NOTICES.items():
    register_message(_template, subject=_l("Application of %(city)s"), body=_body)


def notice_text(template: str, params: dict[str, object], language: str) -> str:
    """A notice in a language (call inside ``flask_babel.force_locale``)."""
    city = params.get("city_en") if language == "en" else params.get("city_ru")
    values = {k: v or "" for k, v in params.items()}
    return str(NOTICES[template]) % {**values, "city": city}


# ----------------------------------------------------------- declaration ----

# The Board decides by a majority of the members sitting that day.
BOARD = Quorum(members=board_members)

TRANSITIONS = [
    Transition("submit", ["draft"], "submitted", _l("Submit the application"),
               roles=APPLICANT, conditions=READY, notify=_notices("secretariat")),
    Transition("take", ["submitted"], "in_review", _l("Take into work"),
               roles=OFFICE, notify=_notices("city")),
    Transition("request_info", ["in_review"], "info_requested", _l("Request information"),
               roles=OFFICE, asks=["comment"], notify=_notices("city")),
    Transition("resubmit", ["info_requested"], "in_review", _l("Answer and resubmit"),
               roles=APPLICANT, asks=["comment"], conditions=READY,
               notify=_notices("secretariat")),
    Transition("forward", ["in_review"], "board_review", _l("Forward to the Board"),
               roles=OFFICE, notify=_notices("city", "board")),
    Transition("recommend", ["board_review"], "recommended", _l("Approve"),
               roles=BOARD_ROLES, quorum=BOARD,
               notify=_notices("city", "secretariat")),
    Transition("decline", ["board_review"], "declined", _l("Decline"),
               roles=BOARD_ROLES, body=BOARD, asks=["reason"], conditions=[board_majority_objects],
               notify=_notices("city", "secretariat"), destructive=True),
    Transition("admit", ["recommended", "declined"], "admitted",
               _l("Record the session's admission"), roles=OFFICE, asks=["decision"],
               conditions=[is_a_dated_session_decision, is_not_before_submission],
               effects=[start_membership],
               notify=_notices("city", "board")),
    Transition("reject", ["recommended", "declined"], "rejected",
               _l("Record the session's rejection"), roles=OFFICE, asks=["decision"],
               conditions=[is_a_dated_session_decision, is_not_before_submission],
               effects=[leave_applicants],
               notify=_notices("city", "board"), destructive=True),
    # Fired by the ledger when the entrance fee is paid in full, never by a person.
    Transition("become_member", ["admitted"], "member", _l("Entrance fee paid"),
               timer=Timer(due=lambda as_of: entrance_is_paid(), after=members_from_sweep),
               effects=[make_member],
               notify=_notices("city", "secretariat")),
    Transition("withdraw", BEFORE_DECISION, "withdrawn", _l("Withdraw the application"),
               roles=APPLICANT, effects=[leave_applicants], notify=_notices("secretariat"),
               destructive=True, awaited_in=()),
]


def _url(application: Application) -> str:
    return f"/admission/{application.id}"


def _title(application: Application, language: str) -> str:
    name = application.name_en if language == "en" else application.name_ru
    return str(_l("Application of %(city)s", city=name or f"#{application.id}"))


ADMISSION = register(Workflow(
    name="admission",
    label=_l("Admission of a city"),
    model=Application,
    owner_column="city_id",
    states=STATES,
    transitions=TRANSITIONS,
    initial="draft",
    subject_url=_url,
    subject_title=_title,
))


def entrance_fee_paid(session: Session, account: Account, charge: Charge) -> None:
    """The ledger's hook: a fully paid entrance fee makes the admitted city a member."""
    application = session.exec(
        select(Application).where(Application.city_id == account.city_id,
                                  Application.state == "admitted")
    ).first()
    if application is not None:
        fire(session, ADMISSION, application, "become_member", actor=SYSTEM,
             payload={"charge": charge.id}, commit=False)


if entrance_fee_paid not in ENTRANCE_PAID_HOOKS:
    ENTRANCE_PAID_HOOKS.append(entrance_fee_paid)
