"""Who may read a dues account: office roles, and the users of the account's own city."""

from flask_babel import gettext
from flask_login import current_user

from models.dues import Account
from webapp.access import holds_office, refuse_lapsed_office
from webapp.errors import refuse


def may_read(account: Account) -> bool:
    if not current_user.is_authenticated:
        return False
    if holds_office():
        return True
    return bool(current_user.role.city_bound and current_user.city_id == account.city_id)


def require_reader(account: Account) -> None:
    """Office roles and the city's own users read it; another city's users find nothing.

    For a city-bound user another city's account does not exist (404, as another
    city's application): a 403 would tell them which account ids there are.
    """
    if may_read(account):
        return
    if current_user.is_authenticated and current_user.is_office:
        refuse_lapsed_office()
    if current_user.is_authenticated and current_user.role.city_bound:
        raise refuse(404, gettext("There is no such dues account."))
    raise refuse(403, gettext("Only the office and the city's own users may see this account."))
