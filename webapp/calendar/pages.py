"""What the calendar pages show, gathered for the templates (no routing here)."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from calendars import grid
from calendars.anniversaries import capital_days, jubilees
from calendars.filters import (
    FILTER_NAMES,
    BadFilter,
    Filters,
    only_names,
    parse_filters,
    parse_language,
    single_value,
)
from calendars.labels import date_label, weekday_names
from calendars.store import city_exists
from calendars.wording import KIND_NAMES
from models.formatting import format_month, whole_number
from webapp.calendar import serving
from webapp.errors import refuse
from webapp.extensions import db
from webapp.i18n import current_language
from workflow.plan import PLAN

# What a refused query string is told, by BadFilter.problem.
FILTER_PROBLEMS = {
    "repeated": _l("A filter is given more than once."),
    "too_long": _l("A filter value is too long."),
    "unknown_kind": _l("There is no such kind of event."),
    "unknown_city": _l("There is no such city."),
    "unknown_organiser": _l("No published event has this organiser."),
    "unknown_language": _l("The calendar is available in Russian (ru) and English (en) only."),
    "bad_year": _l("Give a year between 1900 and 2200."),
    "bad_month": _l("Give a month between 1 and 12."),
    "query_too_long": _l("The address is too long."),
}

# The parameters each feed takes; any other is refused (calendars.filters).
FEED_PARAMETERS = {
    "calendar.feed": (*FILTER_NAMES, "lang"),
    "calendar.events_json": (*FILTER_NAMES, "lang"),
    "calendar.event_ics": ("lang",),
    "calendar.city_days_feed": ("year", "lang"),
    "sessions.subscribed_feed": ("lang",),
}


def bad_request(error: BadFilter) -> Exception:
    """A 400 that says what was wrong with the query string."""
    if error.problem == "unknown_parameter":
        return refuse(400, gettext("This address takes no parameter “%(name)s”; it takes "
                                   "%(accepted)s.", name=_clipped(error.name or ""),
                                   accepted=", ".join(FEED_PARAMETERS[request.endpoint or ""])))
    return refuse(400, str(FILTER_PROBLEMS[error.problem]))


def _clipped(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length] + "…"


def feed_query() -> None:
    """Refuse a feed request carrying a parameter that feed does not take."""
    try:
        only_names(query_args(), FEED_PARAMETERS[request.endpoint or ""])
    except BadFilter as error:
        raise bad_request(error) from error


def query_args() -> dict[str, list[str]]:
    """The query string as lists of values; an absurdly long one is refused."""
    if len(request.query_string) > 2000:
        raise bad_request(BadFilter("query_too_long"))
    return {key: request.args.getlist(key) for key in request.args}


def chosen_filters(published: serving.Published) -> Filters:
    """The filters of a page or feed request (400 when not understood)."""
    try:
        return parse_filters(query_args(), city_exists=_city_known(published),
                             organisers=published.known_organisers)
    except BadFilter as error:
        raise bad_request(error) from error


def chosen_language(default: str = "ru") -> str:
    """A feed's language: ``lang=ru|en``, Russian by default (never Accept-Language)."""
    try:
        return parse_language(query_args(), ("ru", "en"), default)
    except BadFilter as error:
        raise bad_request(error) from error


def chosen_years() -> list[int]:
    """The years of the city-days feed: ``year=``, or this year and the next."""
    today = date.today()
    year = _number(query_args(), "year", 1900, 2200, 0)
    return [year] if year else [today.year, today.year + 1]


def _city_known(published: serving.Published) -> Any:
    known = published.known_cities
    return lambda slug: slug in known or city_exists(db.session, slug)


def _number(args: dict[str, list[str]], name: str, low: int, high: int, default: int) -> int:
    try:
        value = single_value(args, name)
    except BadFilter as error:
        raise bad_request(error) from error
    if value is None:
        return default
    number = whole_number(value)
    if number is None or not low <= number <= high:
        raise bad_request(BadFilter(f"bad_{name}", name))
    return number


def chosen_month() -> tuple[int, int]:
    """The year and month the page shows (this month unless asked)."""
    args = query_args()
    today = date.today()
    year = _number(args, "year", 1900, 2200, today.year)
    return year, _number(args, "month", 1, 12, today.month if year == today.year else 1)


def subscribe_links(endpoint: str, params: dict[str, str]) -> dict[str, str]:
    """The feed's address in webcal: and https: form (new Outlook drops webcal:)."""
    address = url_for(endpoint, _external=True)
    query = f"?{urlencode(params)}" if params else ""
    https = address.replace("http://", "https://", 1) if request.is_secure else address
    webcal = "webcal://" + https.split("://", 1)[1]
    return {"webcal": webcal + query, "https": https + query}


def calendar_page(published: serving.Published, filters: Filters, year: int,
                  month: int) -> dict[str, Any]:
    """Everything the calendar page shows."""
    events = filters.apply(published.events, published.city_slugs)
    cities = serving.dated_cities(serving.revision())
    days = capital_days(cities, year) + [j.day for j in jubilees(cities, year) if j.day]
    before, after = grid.neighbours(year, month)
    year_list, undated = grid.year_list(year, events), grid.undated(year, events)
    earlier, later = grid.nearest(year, events) if not year_list and not undated else ([], [])
    return {
        "year": year, "month": month, "filters": filters,
        "weeks": grid.month_grid(year, month, events, days),
        "month_only": grid.month_only(year, month, events),
        "year_list": year_list,
        "undated": undated,
        # A year with nothing published points to what is: the nearest events, the years.
        "earlier": earlier, "later": later, "event_years": grid.event_years(events),
        "capital_days": capital_days(cities, year),
        "jubilees": jubilees(cities, year),
        "before": before, "after": after,
        "places": published.places,
        "organisers": serving.organisers(serving.revision(), current_language()),
        "feeds": {lang: subscribe_links("calendar.feed", {**filters.query(), "lang": lang})
                  for lang in ("ru", "en")},
        "city_days_feed": subscribe_links("calendar.city_days_feed", {}),
    }


def template_helpers() -> dict[str, Any]:
    """Formatting the calendar templates use, in the reader's language."""
    language = current_language()
    return {
        "event_date": lambda event: date_label(event, language),
        "kind_name": lambda kind: gettext(KIND_NAMES[kind]),
        "state_name": lambda state: PLAN.state(str(state)).label,
        "month_name": lambda year, month: format_month(year, month, language),
        "weekdays": weekday_names(language),
        "language": language,
        "KIND_NAMES": KIND_NAMES,
    }
