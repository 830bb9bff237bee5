"""Each role's home page: how much waits for the reader, and the pages of their work."""

from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l

from models import Role, User
from webapp.extensions import db
from workflow import inbox
from workflow.engine import REGISTRY

APPLICATIONS = ("admission.queue", _l("Applications"))
SESSIONS = ("sessions.index", _l("Sessions and their decisions"))
PENDING = ("officers.pending", _l("Nominations and releases for the next session"))
EXECUTION = ("sessions.execution", _l("Execution of decisions"))
PLAN = ("calendar.plan", _l("Plan of events"))
DUES = ("dues.dashboard", _l("Dues and arrears"))
DEBTORS = ("dues.debtors", _l("Debtors"))

SECRETARIAT = [APPLICATIONS, ("auth.invitations", _l("Invitations for applicant cities")),
               DUES, DEBTORS, ("dues.fees", _l("Fee schedule")), SESSIONS, PENDING,
               EXECUTION, PLAN]

# The pages of each role's work, most used first (each role may open every one).
PAGES: dict[Role, list[tuple[str, Any]]] = {
    Role.applicant: [("admission.mine", _l("My city's application"))],
    Role.member: [("dues.mine", _l("My city's dues")),
                  ("calendar.index", _l("Calendar of events"))],
    Role.secretariat: SECRETARIAT,
    Role.board: [APPLICATIONS, PENDING, EXECUTION, SESSIONS, DEBTORS, PLAN],
    Role.audit: [DUES, DEBTORS, EXECUTION, SESSIONS],
    Role.president: [PLAN, SESSIONS, EXECUTION, PENDING, APPLICATIONS],
    Role.admin: [*SECRETARIAT, ("workflows.index", _l("Workflows"))],
}


def role_home(user: User) -> dict[str, Any]:
    """What the home page shows a logged-in user: the waiting count and their pages."""
    return {
        "waiting": inbox.waiting_count(db.session, user, REGISTRY.values()),
        "role_links": [(label, url_for(endpoint)) for endpoint, label in PAGES[user.role]],
    }
