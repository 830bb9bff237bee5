"""Sending feeds: the per-app cache, the published data it holds, conditional answers."""

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from flask import Flask, Response, current_app, request
from werkzeug.http import http_date

from calendars import store
from calendars.feeds import FeedCache, Rendered, etag_for
from calendars.filters import organiser_names, organisers_in
from calendars.store import Revision
from models.cities import City
from models.events import Event
from webapp.calendar.shortcut import MARK, FeedShortcut
from webapp.extensions import db

CACHE = "magflow.calendar_feeds"
ICS = "text/calendar; charset=utf-8"
JSON = "application/json; charset=utf-8"


@dataclass(frozen=True)
class Published:
    """The published calendar at one revision, loaded once per process."""

    events: list[Event]
    places: dict[int, City]
    city_slugs: dict[int, str]
    organisers: list[str]
    by_id: dict[int, Event]
    known_cities: frozenset[str]
    known_organisers: frozenset[str]


def init_cache(app: Flask) -> None:
    """One feed cache per app (so per process), and the shortcut in front of Flask."""
    feeds = FeedCache(check_every=app.config.get("CALENDAR_REVISION_CHECK", 1.0))
    app.extensions[CACHE] = feeds
    app.wsgi_app = FeedShortcut(  # type: ignore[method-assign]
        app.wsgi_app, cache=feeds, engine=app.extensions["magflow.engine"])


def cache() -> FeedCache:
    cached: FeedCache = current_app.extensions[CACHE]
    return cached


def revision() -> Revision:
    """The revision of the published calendar, as this process last read it."""
    return cache().revision(lambda: store.read_revision(db.engine))


def _load_published() -> Published:
    events = store.public_events(db.session)
    places = store.cities_of(db.session, events)
    return Published(
        events=events,
        places=places,
        city_slugs={city_id: city.slug for city_id, city in places.items()},
        organisers=organiser_names(events),
        by_id={event.id: event for event in events if event.id is not None},
        known_cities=frozenset(city.slug for city in places.values()),
        known_organisers=frozenset(organiser_names(events)),
    )


def published(at: Revision) -> Published:
    """The published events and their cities at a revision."""
    loaded: Published = cache().data(at, "published", _load_published)
    return loaded


def organisers(at: Revision, language: str) -> list[str]:
    """The filter's organisers in one language (computed once per revision)."""
    loaded: list[str] = cache().data(
        at, f"organisers:{language}", lambda: organisers_in(published(at).events, language))
    return loaded


def dated_cities(at: Revision) -> list[City]:
    """The cities with founding years or city days (loaded once per revision)."""
    loaded: list[City] = cache().data(at, "dated_cities", lambda: store.dated_cities(db.session))
    return loaded


def is_fresh(etag: str, at: Revision) -> bool:
    """Whether the client already has this version (If-None-Match, or If-Modified-Since)."""
    if request.if_none_match:
        return request.if_none_match.contains(etag.strip('"'))
    since = request.if_modified_since
    return since is not None and since >= at.changed_at.replace(microsecond=0)


def send(at: Revision, key: Hashable, build: Callable[[], bytes], *, mimetype: str = ICS,
         filename: str | None = None, attachment: bool = False) -> Response:
    """The feed ``key`` at revision ``at``: 304 when the client has it, else cached bytes."""
    etag = etag_for(at, key)
    if is_fresh(etag, at):
        response = Response(status=304)
    else:
        rendered: Rendered = cache().feed(at, key, build)
        response = Response(rendered.body, content_type=mimetype)
        if filename:
            disposition = "attachment" if attachment else "inline"
            response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if response.status_code == 200:
        request.environ[MARK] = (at, etag)  # the shortcut may answer this URL from now on
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(at.changed_at)
    response.headers["Cache-Control"] = "public, no-cache"
    return response
