"""Who may open a view: role checks shared by every blueprint."""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from flask import g
from flask_babel import gettext
from flask_login import current_user, login_required

from models import Role, User
from models.users import OFFICE_ROLES
from webapp.errors import refuse

View = TypeVar("View", bound=Callable[..., Any])


def roles_required(*roles: Role) -> Callable[[View], View]:
    """Let only logged-in users with one of these roles through (403 otherwise)."""

    def decorate(view: View) -> View:
        @wraps(view)
        @login_required
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                raise refuse(403, gettext("Your role does not allow this page."))
            if current_user.role in OFFICE_ROLES:
                refuse_lapsed_office()
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


OFFICE = (Role.secretariat, Role.board, Role.audit, Role.president, Role.admin)
SECRETARIAT = (Role.secretariat, Role.admin)


def office_lapse(user: User | None = None) -> Any:
    """The Lapse of the user's office rights today, or None while they hold (once a request)."""
    from webapp.extensions import db
    from workflow.officer_accounts import office_lapse as lapse_on

    user = user if user is not None else current_user
    if not user.is_authenticated:
        return None
    cache = g.setdefault("office_lapses", {})
    if user.id not in cache:
        cache[user.id] = lapse_on(db.session, user, date.today())
    return cache[user.id]


def holds_office(user: User | None = None) -> bool:
    """An office account whose office rights hold today (see workflow/officer_accounts.py)."""
    user = user if user is not None else current_user
    return bool(user.is_authenticated and user.is_office and office_lapse(user) is None)


def lapse_message(lapse: Any) -> str:
    from webapp.templating import day

    if lapse.ended_on is None:
        return gettext("Your account is linked to a person who holds no office: the office "
                       "pages are closed to it. The administrator can change this.")
    return gettext("Your office ended on %(date)s: the office pages are closed to this "
                   "account.", date=day(lapse.ended_on))


def refuse_lapsed_office() -> None:
    """403 for an office account whose office has ended."""
    lapse = office_lapse()
    if lapse is not None:
        raise refuse(403, lapse_message(lapse))
