"""The magflow web application: ``create_app`` builds it."""

import hmac
from pathlib import Path
from typing import Any

from flask import Flask

from webapp import config as settings


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then the environment, then ``config``, then extensions."""
    app = Flask(__name__, instance_path=str(_instance_path()), instance_relative_config=True)
    app.config.update(settings.DEFAULTS)
    app.config.update(settings.from_environment())
    if config:
        app.config.update(config)
    settings.complete(app.config, app.instance_path)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _init_extensions(app)
    _register_blueprints(app)
    _trust_proxies(app, app.config["TRUSTED_PROXIES"])
    if app.config["BASE_URL"] is None:
        app.logger.warning("MAGFLOW_BASE_URL is not set: notification e-mails carry no link")
    return app


def _trust_proxies(app: Flask, hops: int) -> None:
    """Behind a TLS proxy, take scheme, host and client address from its headers.

    Only as many hops as are configured: trusting headers no proxy of ours
    sets would let any client claim to be https or another address.
    """
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _instance_path() -> Path:
    import os

    configured = os.environ.get("MAGFLOW_INSTANCE_PATH")
    if configured:
        return Path(configured).resolve()
    return Path(__file__).resolve().parent.parent / "instance"


def _init_extensions(app: Flask) -> None:
    from webapp import errors, i18n, input_limits, security, templating
    from webapp.extensions import babel, csrf, db, login_manager

    input_limits.init_app(app)  # first: its check runs before any other hook reads input
    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(i18n.TRANSLATIONS_DIR),
    )
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.user_loader(_load_user)
    i18n.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    security.init_app(app)


def _load_user(user_id: str) -> Any:
    from models import User
    from models.formatting import whole_number
    from webapp.extensions import db

    # "id.stamp" (User.get_id): a session made before the account's stamp changed has ended.
    number_text, _dot, stamp = user_id.partition(".")
    number = whole_number(number_text)
    if number is None or not stamp:
        return None
    user = db.session.get(User, number)
    if user is None or not user.active or not hmac.compare_digest(user.session_stamp, stamp):
        return None
    return user


def _register_blueprints(app: Flask) -> None:
    from webapp.accounts.blueprint import bp as accounts
    from webapp.admission.blueprint import bp as admission
    from webapp.auth.blueprint import bp as auth
    from webapp.calendar.blueprint import bp as calendar
    from webapp.dues.blueprint import bp as dues
    from webapp.health.blueprint import bp as health
    from webapp.officers.blueprint import bp as officers
    from webapp.public.blueprint import bp as public
    from webapp.sessions.blueprint import bp as sessions
    from webapp.workflows.blueprint import bp as workflows

    app.register_blueprint(public)
    app.register_blueprint(auth)
    app.register_blueprint(sessions)
    app.register_blueprint(admission)
    app.register_blueprint(workflows)
    app.register_blueprint(calendar)
    app.register_blueprint(dues)
    app.register_blueprint(officers)
    app.register_blueprint(accounts)
    app.register_blueprint(health)
