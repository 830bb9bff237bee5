"""Who may open a view: role checks shared by every blueprint."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask_babel import gettext
from flask_login import current_user, login_required

from models import Role
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
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


OFFICE = (Role.secretariat, Role.board, Role.audit, Role.president, Role.admin)
SECRETARIAT = (Role.secretariat, Role.admin)
