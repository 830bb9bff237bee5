"""The deadlines of decision items as an iCalendar feed for the office roles.

Pure builder functions, reusing the calendar's shell (``calendars.ics``) and
its catalog-backed wording: one all-day VEVENT per execution task that has a
deadline. A month deadline ("in July 2023") falls on the month's last day
and says so. DTSTAMP is when the task last changed state, so the same tasks
give the same bytes.
"""

from collections.abc import Iterable
from datetime import timedelta

from icalendar import Event as VEvent

from calendars.ics import calendar_shell
from calendars.wording import _, translate
from models.decisions import DeadlinePrecision, ExecutionTask
from models.formatting import format_month

DEADLINES_NAME = _("MAG decision deadlines")
DEADLINES_DESCRIPTION = _("Deadlines set by the decisions of the MAG sessions")
DEADLINE_TITLE = _("Deadline %(ref)s: %(executor)s")
MONTH_DEADLINE_NOTE = _("To be done in %(month)s.")
STATE_NOTE = _("State: %(state)s")
STATE_NAMES = {
    "assigned": _("Assigned"), "reported": _("Reported"), "returned": _("Returned"),
    "overdue": _("Overdue"), "accepted": _("Accepted"),
}


def deadline_vevent(task: ExecutionTask, language: str) -> VEvent:
    """One task's deadline as an all-day event."""
    assert task.due_on is not None
    english = language == "en"
    component = VEvent()
    component.add("uid", f"execution-task-{task.id}@magflow")
    component.add("dtstamp", task.state_changed_at)
    component.add("dtstart", task.due_on)
    component.add("dtend", task.due_on + timedelta(days=1))
    component.add("summary", translate(DEADLINE_TITLE, language, ref=task.decision_ref,
                                       executor=task.executor_en if english else task.executor_ru))
    lines = [task.summary_en if english else task.summary_ru]
    if task.due_precision == DeadlinePrecision.month:
        month = format_month(task.due_on.year, task.due_on.month, language)
        lines.insert(0, translate(MONTH_DEADLINE_NOTE, language, month=month))
    lines.append(translate(STATE_NOTE, language,
                           state=translate(STATE_NAMES.get(task.state, task.state), language)))
    component.add("description", "\n".join(lines))
    component.add("status", "CONFIRMED")
    component.add("transp", "TRANSPARENT")
    return component


def deadlines_feed(tasks: Iterable[ExecutionTask], language: str) -> bytes:
    """Every dated task's deadline as one calendar (valid even when empty)."""
    shell = calendar_shell(translate(DEADLINES_NAME, language),
                           translate(DEADLINES_DESCRIPTION, language), language)
    for task in tasks:
        if task.due_on is not None:
            shell.add_component(deadline_vevent(task, language))
    return shell.to_ical()
