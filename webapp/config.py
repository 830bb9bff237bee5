"""Configuration: safe defaults, overridden by MAGFLOW_* environment variables."""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_SECRET_KEY = "magflow-development-key-not-for-production"
# Where `make run` serves: the links of development e-mails lead there.
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"

DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "SECRET_KEY": DEFAULT_SECRET_KEY,
    "DATABASE_URL": None,  # instance/magflow.sqlite3 unless set
    "UPLOAD_DIR": None,  # instance/uploads unless set
    "OUTBOX_DIR": None,  # instance/outbox unless set
    "DOCUMENT_DIR": None,  # instance/documents unless set: the PDFs of letters and decisions
    "SMTP_URL": None,
    "INVITATION_DAYS": 14,
    # How long a link to set a new password works.
    "PASSWORD_RESET_HOURS": 2,
    # The site's address as its users reach it, for links in e-mails (no request to ask).
    "BASE_URL": None,
    "LOGIN_FAILURES_BEFORE_DELAY": 3,
    "LOGIN_DELAY_SECONDS": 2,
    "LOGIN_LOCK_SECONDS": 300,
    "BABEL_DEFAULT_LOCALE": "ru",
    "LANGUAGES": ("ru", "en"),
    "MAX_CONTENT_LENGTH": 10 * 1024 * 1024 + 64 * 1024,
    "WTF_CSRF_TIME_LIMIT": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PAGE_SIZE": 50,
    # How many proxies in front set X-Forwarded-For/-Proto/-Host (0: trust none).
    "TRUSTED_PROXIES": 0,
    # The arrears ladder: days from overdue to the reminder, and grace after a missed instalment.
    "ARREARS_REMINDER_DAYS": 30,
    "ARREARS_INSTALMENT_GRACE_DAYS": 0,
    # The clock pages show times on (an IANA name), unless a user's profile gives their own.
    "TIMEZONE": "Europe/Moscow",
    # What one application keeps: documents (earlier versions of its letter included), MB.
    "APPLICATION_MAX_DOCUMENTS": 10,
    "APPLICATION_MAX_MEGABYTES": 40,
}

# Settings read from the environment, with the type each is converted to.
ENVIRONMENT: dict[str, type] = {
    "ENV": str,
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "UPLOAD_DIR": str,
    "OUTBOX_DIR": str,
    "DOCUMENT_DIR": str,
    "SMTP_URL": str,
    "INVITATION_DAYS": int,
    "PASSWORD_RESET_HOURS": float,
    "BASE_URL": str,
    "LOGIN_DELAY_SECONDS": float,
    "TRUSTED_PROXIES": int,
    "ARREARS_REMINDER_DAYS": int,
    "ARREARS_INSTALMENT_GRACE_DAYS": int,
    "TIMEZONE": str,
    "APPLICATION_MAX_DOCUMENTS": int,
    "APPLICATION_MAX_MEGABYTES": int,
}

# Delays in days: whole numbers up to ten years (a typo of 10**9 days would crash the sweep).
DAY_SETTINGS = ("ARREARS_REMINDER_DAYS", "ARREARS_INSTALMENT_GRACE_DAYS")
MAX_DAYS = 3650
# The upload quota of an application: whole numbers from 1 (0 would refuse every letter).
QUOTA_SETTINGS = ("APPLICATION_MAX_DOCUMENTS", "APPLICATION_MAX_MEGABYTES")


class ConfigurationError(RuntimeError):
    """The configuration would make the app unsafe or unusable."""


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """The MAGFLOW_* variables that are set, converted to their types."""
    environ = dict(os.environ) if environ is None else environ
    found: dict[str, Any] = {}
    for key, kind in ENVIRONMENT.items():
        raw = environ.get(f"MAGFLOW_{key}")
        if raw is None or raw == "":
            continue
        try:
            found[key] = kind(raw)
        except ValueError as error:
            raise ConfigurationError(f"MAGFLOW_{key}: {error}") from error
    return found


def _check_whole(key: str, value: Any, *, most: int | None = None, unit: str = "") -> None:
    """A whole number from 0 (to ``most``), or a ConfigurationError naming the variable."""
    if (isinstance(value, bool) or not isinstance(value, int) or value < 0
            or (most is not None and value > most)):
        limit = f"from 0 to {most}" if most is not None else "0 or more"
        raise ConfigurationError(
            f"MAGFLOW_{key} must be a whole number{unit} {limit}, not {value!r}"
        )


def base_url(value: str | None, env: str) -> str | None:
    """The site's address without a trailing slash; None (no links) in production when unset.

    Links in e-mails cannot be taken from a request's Host header (a client chooses
    it, and the outbox is sent from the command line): the address is configured.
    """
    if not value:
        return None if env == "production" else DEVELOPMENT_BASE_URL
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment or parts.username or parts.password:
        raise ConfigurationError(
            f"MAGFLOW_BASE_URL must be the site's address, such as https://mag.example, "
            f"not {value!r}")
    return value.strip().rstrip("/")


def _check_zone(name: Any) -> None:
    """An IANA time zone name (Europe/Moscow, Asia/Vladivostok), or a ConfigurationError."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigurationError(
            f"MAGFLOW_TIMEZONE must be a time zone name such as Europe/Moscow, not {name!r}"
        ) from error


def complete(config: dict[str, Any], instance_path: str) -> None:
    """Fill the paths derived from the instance folder and check production safety."""
    instance = Path(instance_path)
    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{instance / 'magflow.sqlite3'}"
    config.setdefault("UPLOAD_DIR", None)
    config["UPLOAD_DIR"] = config["UPLOAD_DIR"] or str(instance / "uploads")
    config["OUTBOX_DIR"] = config.get("OUTBOX_DIR") or str(instance / "outbox")
    config["DOCUMENT_DIR"] = config.get("DOCUMENT_DIR") or str(instance / "documents")
    _check_whole("TRUSTED_PROXIES", config["TRUSTED_PROXIES"])
    config["BASE_URL"] = base_url(config.get("BASE_URL"), config["ENV"])
    for key in DAY_SETTINGS:
        _check_whole(key, config[key], most=MAX_DAYS, unit=" of days")
    hours = config["PASSWORD_RESET_HOURS"]
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 168:
        raise ConfigurationError(
            f"MAGFLOW_PASSWORD_RESET_HOURS must be a number of hours above 0, at most 168, "
            f"not {hours!r}")
    _check_zone(config.get("TIMEZONE"))
    for key in QUOTA_SETTINGS:
        _check_whole(key, config[key], most=10_000)
        if config[key] == 0:
            raise ConfigurationError(f"MAGFLOW_{key} must be at least 1, not 0")
    if config["ENV"] == "production":
        config["PREFERRED_URL_SCHEME"] = "https"
        if config["SECRET_KEY"] in (DEFAULT_SECRET_KEY, "", None):
            raise ConfigurationError(
                "MAGFLOW_SECRET_KEY must be set to a secret value in production"
            )
        config["SESSION_COOKIE_SECURE"] = True
