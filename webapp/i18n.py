"""Choosing the reader's language and formatting for it."""

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, current_app, flash, request, session
from flask_babel import get_locale, gettext
from flask_login import current_user

View = TypeVar("View", bound=Callable[..., Any])

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"


def select_locale() -> str:
    """``?lang=``, then the saved choice, then Accept-Language, then Russian.

    Pages save a ``?lang=`` (``remember_language``) before this runs; a feed's
    is read here, so its error messages speak the language asked for.
    """
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages and _is_stateless():
        return str(asked)
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    if current_user.is_authenticated and current_user.locale in languages:
        return str(current_user.locale)
    best = request.accept_languages.best_match(languages)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def stateless(view: View) -> View:
    """Mark a view (a feed) whose ``?lang=`` is a parameter, never a saved choice.

    Such responses set no cookie, so caches and calendar clients can share them.
    """
    view.magflow_stateless = True  # type: ignore[attr-defined]
    return view


def _is_stateless() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "magflow_stateless", False))


def remember_language() -> None:
    """Store a ``?lang=`` choice; warn about a language we do not have."""
    asked = request.args.get("lang")
    if asked is None:
        return
    if _is_stateless():
        return
    if asked in current_app.config["LANGUAGES"]:
        session["lang"] = asked
        if current_user.is_authenticated and current_user.locale != asked:
            from webapp.auth.operations import save_locale
            from webapp.extensions import db

            save_locale(db.session, current_user, asked)
        return
    flash(gettext("This language is not available; the site is in Russian and English."), "error")


def current_language() -> str:
    """The language of the current request, as a two-letter code."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def init_app(app: Flask) -> None:
    app.before_request(remember_language)
    app.jinja_env.globals["current_language"] = current_language
