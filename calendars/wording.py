"""The words the feeds use, translated without Flask from the site's catalogs.

Strings are marked with ``_`` (a no-op that ``pybabel extract`` finds) and
translated when a feed is built, with ``translate(text, language)``. The web
pages show the same strings through Flask-Babel's ``gettext``.
"""

from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

from models.events import DatePrecision, EventKind

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
LANGUAGES = ("ru", "en")


def _(message: str) -> str:
    """Mark a string for extraction; it is translated later, per language."""
    return message


@cache
def catalog(language: str) -> NullTranslations:
    """The compiled catalog of a site language."""
    return Translations.load(str(TRANSLATIONS_DIR), [language])


def translate(message: str, language: str, **params: object) -> str:
    """A marked string in ``language``, with its ``%(name)s`` parameters filled."""
    text = catalog(language).gettext(message)
    return text % params if params else text


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message whose words follow a number (extracted as ``ngettext``)."""
    return singular, plural


def translate_count(message: tuple[str, str], count: int, language: str,
                    **params: object) -> str:
    """A plural message in ``language`` for ``count`` (``%(num)s``): 1 год, 2 года, 5 лет."""
    text = catalog(language).ngettext(message[0], message[1], count)
    return text % {"num": count, **params}


KIND_NAMES = {
    EventKind.session: _("Session"),
    EventKind.conference: _("Conference"),
    EventKind.forum: _("Forum"),
    EventKind.contest: _("Contest"),
    EventKind.round_table: _("Round table"),
    EventKind.partner_event: _("Partner event"),
    EventKind.participation: _("Participation"),
    EventKind.publication: _("Publication"),
    EventKind.information_work: _("Information work"),
}

PRECISION_NAMES = {
    DatePrecision.day: _("Exact day"),
    DatePrecision.day_range: _("Range of days"),
    DatePrecision.month: _("Month only"),
    DatePrecision.separate_schedule: _("By separate schedule"),
    DatePrecision.continuous: _("Continuous"),
    DatePrecision.quarterly: _("Quarterly"),
}

CALENDAR_NAME = _("MAG calendar of events")
CALENDAR_DESCRIPTION = _(
    "Published events of the International Assembly of Capitals and Major Cities")
CITY_DAYS_NAME = _("MAG city days and jubilees")
CITY_DAYS_DESCRIPTION = _(
    "City days of the capitals and jubilees of MAG member cities; all dates are approximate")
MONTH_ONLY_TITLE = _("%(title)s (%(month)s, exact date to be announced)")
APPROXIMATE_TITLE = _("%(title)s (approximate date)")
MONTH_ONLY_NOTE = _("Date: %(month)s. The exact day is not fixed yet.")
APPROXIMATE_NOTE = _("The date is approximate.")
ORGANISERS_NOTE = _("Organisers: %(names)s")
CANCELLED_NOTE = _("This event has been cancelled.")
CITY_DAY_TITLE = _("City day: %(city)s (approximate date)")
CITY_DAY_AGE_TITLE = ngettext("City day: %(city)s, %(num)s year (approximate date)",
                              "City day: %(city)s, %(num)s years (approximate date)")
JUBILEE_TITLE = ngettext("Jubilee: %(city)s, %(num)s year (approximate date)",
                         "Jubilee: %(city)s, %(num)s years (approximate date)")
