"""Execution control of decision items: assigned → reported → accepted, or returned.

The executor (the Secretariat, the Audit Commission, ...) reports what was
done; the Board accepts the report or returns it with a comment. A task
whose deadline passed without an accepted report becomes overdue in the
sweep; reporting it later still works.
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlmodel import col

from models import Role
from models.decisions import ExecutionTask
from workflow.engine import Context, State, Timer, Transition, Workflow, register

EXECUTORS = (Role.secretariat, Role.audit, Role.admin)
CONTROLLERS = (Role.board, Role.president)
OPEN_STATES = ("assigned", "returned")


def past_deadline(as_of: date) -> object:
    """Tasks whose deadline is before ``as_of``."""
    return col(ExecutionTask.due_on) < as_of


def actor_is_executor(ctx: Context) -> object:
    """City roles never execute; office roles only report tasks given to their role."""
    roles = ctx.subject.executor_roles or []
    if ctx.actor is None or ctx.actor.role == Role.admin or not roles:
        return None
    if ctx.actor.role.value in roles:
        return None
    return _l("This task is given to another body.")


def keep_report(ctx: Context) -> None:
    """The report's text stays on the task for the Board to read."""
    ctx.subject.report = ctx.comment
    ctx.session.add(ctx.subject)


EXECUTION = register(Workflow(
    name="execution",
    label=_l("Execution of a decision"),
    model=ExecutionTask,
    states=[
        State("assigned", _l("Assigned")),
        State("reported", _l("Reported")),
        State("returned", _l("Returned")),
        State("overdue", _l("Overdue")),
        State("accepted", _l("Accepted"), final=True),
    ],
    initial="assigned",
    transitions=[
        Transition("report", ["assigned", "returned", "overdue"], "reported", _l("Report"),
                   roles=EXECUTORS, asks=["comment"], conditions=[actor_is_executor],
                   effects=[keep_report]),
        Transition("accept", ["reported"], "accepted", _l("Accept the report"),
                   roles=CONTROLLERS),
        Transition("return_report", ["reported"], "returned", _l("Return the report"),
                   roles=CONTROLLERS, asks=["comment"], destructive=True),
        Transition("make_overdue", list(OPEN_STATES), "overdue", _l("Deadline passed"),
                   timer=Timer(due=past_deadline)),
    ],
    subject_url=lambda task: f"/sessions/execution#task-{task.id}",
    subject_title=lambda task, lang: f"{task.decision_ref} — "
    + (task.summary_en if lang == "en" else task.summary_ru),
))
