"""URL rules for logging in and out and for invitations."""

from urllib.parse import unquote, urlsplit

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
from flask_babel import force_locale, gettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from models import City, User
from webapp.access import SECRETARIAT, roles_required
from webapp.accounts import operations as accounts
from webapp.auth import operations
from webapp.auth import throttle as throttling
from webapp.auth.forms import AcceptInvitationForm, InvitationForm, LoginForm
from webapp.errors import refuse
from webapp.extensions import db
from webapp.i18n import current_language

bp = Blueprint("auth", __name__)


def account_message(error: operations.AccountError) -> str:
    """The reader's sentence for an AccountError."""
    messages = {
        "bad_credentials": gettext("The e-mail or password is not correct."),
        "throttled": gettext(
            "Too many failed attempts. Try again in %(seconds)s seconds.",
            seconds=error.params.get("seconds", 0),
        ),
        "invitation_unknown": gettext("This invitation link is not valid."),
        "invitation_used": gettext("This invitation link has already been used."),
        "invitation_expired": gettext(
            "This invitation link has expired. Ask the Secretariat for a new one."
        ),
        "email_taken": gettext("An account with this e-mail already exists."),
        "password_too_short": gettext(
            "The password must have at least %(length)s characters.",
            length=error.params.get("length", operations.MIN_PASSWORD_LENGTH),
        ),
        "city_required": gettext("This role needs a city."),
        "city_listed": gettext(
            "%(city)s is a member of the association or was excluded from it: it is not "
            "invited to apply.", city=error.params.get("city", "")),
    }
    return messages.get(error.code, gettext("This could not be done."))


def _throttle() -> operations.LoginThrottle:
    config = current_app.config
    return operations.LoginThrottle(
        free_failures=config["LOGIN_FAILURES_BEFORE_DELAY"],
        delay_seconds=config["LOGIN_DELAY_SECONDS"],
        lock_seconds=config["LOGIN_LOCK_SECONDS"],
    )


def _safe_next(target: str | None) -> str:
    """Only paths of this site may be redirected to after login."""
    return target if target and is_local_path(target) else url_for("public.home")


def is_local_path(target: str) -> bool:
    """Whether a browser sent to ``target`` stays on this site.

    Browsers read ``//host`` (with any number of slashes) as another site, a
    backslash as a slash, and skip tabs and newlines: a path with none of these,
    no scheme and no host, stays here; so it must once its %-escapes are read,
    for a proxy or a browser that decodes them.
    """
    for _ in range(3):
        if not target.startswith("/") or target.startswith("//"):
            return False
        if not target.isprintable() or "\\" in target:
            return False
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            return False
        decoded = unquote(target)
        if decoded == target:
            return True
        target = decoded
    return False


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    try:
        user = operations.authenticate(
            db.session, email=form.email.data, password=form.password.data, throttle=_throttle(),
            client=throttling.client_key(request.remote_addr),
        )
    except operations.AccountError as error:
        status = 429 if error.code == "throttled" else 200
        flash(account_message(error), "error")
        return render_template("auth/login.html", form=form), status
    login_user(user)
    greet(user)
    return redirect(_safe_next(request.args.get("next")))


def greet(user: User) -> None:
    """Note the login and greet the user in their preferred language, which the site then speaks."""
    accounts.record_login(db.session, user)
    language = user.locale if user.locale in current_app.config["LANGUAGES"] else None
    if language:
        session["lang"] = language
    with force_locale(language or current_language()):
        # "Кравчук С.А." ends a sentence with its own full stop.
        flash(gettext("Welcome, %(name)s.", name=user.display_name.rstrip(".")), "info")


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    accounts.log_out_everywhere(db.session, current_user)
    logout_user()
    flash(gettext("You have logged out."), "info")
    return redirect(url_for("public.home"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> str | Response | tuple[str, int]:
    try:
        invitation = operations.find_invitation(db.session, token)
    except operations.AccountError as error:
        status = 404 if error.code == "invitation_unknown" else 410
        raise refuse(status, account_message(error)) from error
    city = db.session.get(City, invitation.city_id) if invitation.city_id is not None else None
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = operations.accept_invitation(
                db.session,
                token=token,
                display_name=form.display_name.data,
                password=form.password.data,
                locale=current_language(),
            )
        except operations.AccountError as error:
            flash(account_message(error), "error")
        else:
            login_user(user)
            accounts.record_login(db.session, user)
            flash(gettext("Your account is ready."), "info")
            return redirect(url_for("public.home"))
    return render_template("auth/invitation.html", form=form, invitation=invitation, city=city)


@bp.route("/office/invitations", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def invitations() -> str | Response:
    form = InvitationForm()
    link = None
    if form.validate_on_submit():
        try:
            _invitation, token = operations.invite_city(
                db.session,
                name_ru=form.name_ru.data,
                name_en=form.name_en.data,
                email=form.email.data,
                issued_by=current_user,
                days=current_app.config["INVITATION_DAYS"],
            )
        except operations.AccountError as error:
            db.session.rollback()
            field = form.email if error.code == "email_taken" else form.name_ru
            field.errors = [account_message(error)]
        else:
            link = url_for("auth.accept_invitation", token=token, _external=True)
            flash(gettext("Invitation created. Send this link to the city's representative."),
                  "info")
            form = InvitationForm(formdata=None)
    recent = operations.recent_invitations(db.session)
    return render_template(
        "auth/invitations.html", form=form, link=link, recent=recent
    )
