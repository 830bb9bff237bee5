"""URL rules: the profile, forgotten passwords and the administration of accounts."""

from datetime import date
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from models import Person, Role, User
from models.users import OFFICE_ROLES
from webapp.access import roles_required
from webapp.accounts import administration, operations
from webapp.accounts.forms import (
    LANGUAGES,
    ActiveForm,
    ForgotForm,
    InviteForm,
    LinkPersonForm,
    PasswordForm,
    ProfileForm,
    ResetForm,
    RoleForm,
)
from webapp.auth.blueprint import _throttle, account_message, greet
from webapp.auth.operations import AccountError
from webapp.errors import refuse
from webapp.extensions import db
from webapp.i18n import current_language
from webapp.labels import ROLES
from workflow.officer_accounts import elected_without_account
from workflow.officers_queries import people as all_people

bp = Blueprint("accounts", __name__)

ADMIN = (Role.admin,)
READERS = (Role.admin, Role.secretariat)


def message(error: AccountError) -> str:
    """The reader's sentence for an error of these pages."""
    messages = {
        "wrong_password": gettext("The current password is not correct."),
        "reset_unknown": gettext("This link to set a new password is not valid. "
                                 "Check that the whole link was copied, or ask for a new one."),
        "reset_used": gettext("This link has already been used or a newer one was sent. "
                              "Ask for a new one if you need it."),
        "reset_expired": gettext("This link has expired. Ask for a new one."),
        "last_admin": gettext("This is the last active administrator: make another account "
                              "an administrator first."),
        "role_not_office": gettext("Only office accounts change roles here; applicants and "
                                   "members come by the city's invitation."),
        "person_taken": gettext("Another account is already linked to this person."),
    }
    return messages.get(error.code) or account_message(error)


# ------------------------------------------------------------------ profile ----


@bp.route("/account", methods=["GET"])
@login_required
def profile() -> str:
    user = current_user
    return render_template(
        "accounts/profile.html",
        form=ProfileForm(obj=user, locale=user.locale or "ru"), password_form=PasswordForm())


@bp.post("/account")
@login_required
def save_profile() -> str | Response | tuple[str, int]:
    form = ProfileForm()
    if not form.validate_on_submit():
        return render_template("accounts/profile.html", form=form,
                               password_form=PasswordForm(formdata=None)), 400
    operations.update_profile(db.session, current_user, display_name=form.display_name.data,
                              locale=form.locale.data)
    session["lang"] = form.locale.data
    flash(gettext("Your profile is saved."), "info")
    return redirect(url_for("accounts.profile"))


@bp.post("/account/password")
@login_required
def change_password() -> str | Response | tuple[str, int]:
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            operations.change_password(db.session, current_user, current=form.current.data,
                                       new=form.password.data)
        except AccountError as error:
            db.session.rollback()
            form.current.errors = [message(error)]
        else:
            login_user(current_user._get_current_object())  # this session takes the new stamp
            flash(gettext("Your password is changed. Your other sessions have ended."), "info")
            return redirect(url_for("accounts.profile"))
    user = current_user
    return render_template("accounts/profile.html", password_form=form,
                           form=ProfileForm(formdata=None, obj=user, locale=user.locale)), 400


# ------------------------------------------------------- forgotten passwords ----


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot() -> str | tuple[str, int]:
    form = ForgotForm()
    if not form.validate_on_submit():
        return render_template("accounts/forgot.html", form=form, sent=False)
    hours = current_app.config["PASSWORD_RESET_HOURS"]
    try:
        operations.request_reset(
            db.session, email=form.email.data, client=request.remote_addr or "",
            throttle=_throttle(), hours=hours,
            link=lambda token: url_for("accounts.reset", token=token, _external=True))
    except AccountError as error:
        flash(message(error), "error")
        return render_template("accounts/forgot.html", form=form, sent=False), 429
    return render_template("accounts/forgot.html", form=form, sent=True, hours=hours)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset(token: str) -> str | Response | tuple[str, int]:
    try:
        operations.find_reset(db.session, token)
    except AccountError as error:
        raise refuse(404 if error.code == "reset_unknown" else 410, message(error)) from error
    form = ResetForm()
    if form.validate_on_submit():
        try:
            user = operations.complete_reset(db.session, token=token, password=form.password.data)
        except AccountError as error:
            db.session.rollback()
            form.password.errors = [message(error)]
        else:
            login_user(user)
            greet(user)
            flash(gettext("Your new password is set. Every other session has ended."), "info")
            return redirect(url_for("public.home"))
    status = 400 if form.errors else 200
    return render_template("accounts/reset.html", form=form), status


# --------------------------------------------------------- administration ----


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, str(ROLES[role])) for role in Role
            if role in OFFICE_ROLES]


def _person_name(person: Person) -> str:
    return person.full_name(current_language())


def _people_choices() -> list[SelectChoice]:
    return [SelectChoice("", gettext("nobody"))] + [
        SelectChoice(str(p.id), _person_name(p)) for p in all_people(db.session)]


def _invite_form() -> InviteForm:
    form = InviteForm()
    form.role.choices = _role_choices()
    form.person.choices = _people_choices()
    return form


def _users_page(invite: InviteForm, link: str | None = None, status: int = 200) -> Any:
    today = date.today()
    return render_template(
        "accounts/users.html", rows=administration.accounts(db.session, today),
        elected=elected_without_account(db.session, today), form=invite, link=link,
        invitations=administration.open_office_invitations(db.session),
        may_change=current_user.role == Role.admin), status


@bp.get("/office/users")
@roles_required(*READERS)
def users() -> Any:
    return _users_page(_invite_form())


@bp.post("/office/users/invite")
@roles_required(*ADMIN)
def invite() -> Any:
    form = _invite_form()
    if not form.validate_on_submit():
        return _users_page(form, status=400)
    person = db.session.get(Person, int(form.person.data)) if form.person.data else None
    try:
        _invitation, token = administration.invite_office_user(
            db.session, email=form.email.data, role=Role(form.role.data), person=person,
            issued_by=current_user, days=current_app.config["INVITATION_DAYS"])
    except AccountError as error:
        db.session.rollback()
        (form.person if error.code == "person_taken" else form.email).errors = [message(error)]
        return _users_page(form, status=400)
    flash(gettext("Invitation created. Send this link to the person."), "info")
    link = url_for("auth.accept_invitation", token=token, _external=True)
    return _users_page(_blank_invite_form(), link=link)


def _blank_invite_form() -> InviteForm:
    form = InviteForm(formdata=None)
    form.role.choices = _role_choices()
    form.person.choices = _people_choices()
    return form


def _account(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise refuse(404, gettext("There is no such account."))
    return user


def _account_forms(user: User) -> dict[str, Any]:
    role_form = RoleForm(formdata=None, role=user.role.value)
    role_form.role.choices = _role_choices()
    person_form = LinkPersonForm(formdata=None, person=str(user.person_id or ""))
    person_form.person.choices = _people_choices()
    return {"role_form": role_form, "person_form": person_form, "active_form": ActiveForm()}


def _account_page(user: User, status: int = 200, **forms: Any) -> Any:
    people = {p.id: _person_name(p) for p in all_people(db.session) if p.id is not None}
    log = [(change, actor, administration.describe(change, people))
           for change, actor in administration.history(db.session, user)]
    row = next(r for r in administration.accounts(db.session, date.today()) if r.user.id == user.id)
    return render_template("accounts/user.html", row=row, log=log,
                           may_change=current_user.role == Role.admin,
                           **{**_account_forms(user), **forms}), status


@bp.get("/office/users/<int:user_id>")
@roles_required(*READERS)
def user_page(user_id: int) -> Any:
    return _account_page(_account(user_id))


def _done(user: User) -> Response:
    flash(gettext("The account is changed."), "info")
    return redirect(url_for("accounts.user_page", user_id=user.id))


def _refused(user: User, form: Any, field: Any, error: AccountError, name: str) -> Any:
    db.session.rollback()
    field.errors = [message(error)]
    return _account_page(user, 400, **{name: form})


@bp.post("/office/users/<int:user_id>/role")
@roles_required(*ADMIN)
def change_role(user_id: int) -> Any:
    user = _account(user_id)
    form = RoleForm()
    form.role.choices = _role_choices()
    if not form.validate_on_submit():
        return _account_page(user, 400, role_form=form)
    try:
        administration.change_role(db.session, user, role=Role(form.role.data), actor=current_user)
    except AccountError as error:
        return _refused(user, form, form.role, error, "role_form")
    return _done(user)


@bp.post("/office/users/<int:user_id>/active")
@roles_required(*ADMIN)
def set_active(user_id: int) -> Any:
    user = _account(user_id)
    form = ActiveForm()
    if not form.validate_on_submit():
        raise refuse(400, gettext("Choose whether the account is active."))
    try:
        administration.set_active(db.session, user, active=form.active.data == "1",
                                  actor=current_user)
    except AccountError as error:
        flash(message(error), "error")
        return _account_page(user, 400)
    return _done(user)


@bp.post("/office/users/<int:user_id>/person")
@roles_required(*ADMIN)
def link_person(user_id: int) -> Any:
    user = _account(user_id)
    form = LinkPersonForm()
    form.person.choices = _people_choices()
    if not form.validate_on_submit():
        return _account_page(user, 400, person_form=form)
    person = db.session.get(Person, int(form.person.data)) if form.person.data else None
    try:
        administration.link_person(db.session, user, person=person, actor=current_user)
    except AccountError as error:
        return _refused(user, form, form.person, error, "person_form")
    return _done(user)


# -------------------------------------------------------- the account's log ----

CHANGE_LABELS = {
    "role": _l("role"),
    "active": _l("active"),
    "person": _l("linked person"),
    "password": _l("password"),
    "display_name": _l("name"),
    "locale": _l("preferred language"),
}
PASSWORD_WAYS = {"profile": _l("changed on the profile page"), "reset": _l("set by a reset link")}


def change_value(what: str, value: Any) -> str:
    """A logged value in words."""
    if value is None:
        return gettext("nobody") if what == "person" else "—"
    if what == "role":
        return str(ROLES.get(Role(value), value)) if value in Role.__members__ else str(value)
    if what == "active":
        return gettext("yes") if value else gettext("deactivated")
    if what == "password":
        return str(PASSWORD_WAYS.get(value, value))
    if what == "locale":
        return LANGUAGES.get(value, value)
    return str(value)


bp.add_app_template_global(CHANGE_LABELS, "CHANGE_LABELS")  # type: ignore[arg-type]
bp.add_app_template_global(change_value, "change_value")
