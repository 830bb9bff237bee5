"""Published events as iCalendar: one VEVENT per dated event, and whole feeds.

Pure functions of the events (no Flask, no request): the same events give the
same bytes, whatever host the feed is fetched under, so the web layer can
cache them and answer conditional requests with a stable ETag.

Choices that calendar clients need:

* UID is the event's stored ``uid``, fixed at creation.
* DTSTAMP and LAST-MODIFIED are the event's ``updated_at`` (RFC 5545 §3.8.7.2:
  without METHOD, DTSTAMP is when the stored information was last revised),
  never "now"; SEQUENCE is ``version - 1``.
* Every date is all-day, with DTEND exclusive (the day after the last day).
* Month-only and approximate dates are TENTATIVE and say so in the title and
  the description; cancelled events stay, as STATUS:CANCELLED.
* Undated items (separate schedule, continuous, quarterly) are left out.
* The calendar carries NAME/X-WR-CALNAME and REFRESH-INTERVAL;VALUE=DURATION
  with X-PUBLISHED-TTL, which icalendar does not add by itself.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, vDuration, vText
from icalendar import Event as VEvent

from calendars import wording
from calendars.dates import exclusive_end
from calendars.places import place_name
from models.cities import City
from models.events import DatePrecision, Event, EventState
from models.formatting import format_month

PRODID = "-//MAG//magflow calendar//EN"
REFRESH = timedelta(hours=12)
FEED_STATUS = {
    EventState.published: "CONFIRMED",
    EventState.held: "CONFIRMED",
    EventState.cancelled: "CANCELLED",
}


# Babel formatting costs more than the rest of a VEVENT; months repeat, so remember them.
month_words = lru_cache(maxsize=4096)(format_month)
kind_words = lru_cache(maxsize=256)(wording.translate)
# icalendar writes ZoneInfo("UTC") times about a third faster than timezone.utc ones.
UTC_ZONE = ZoneInfo("UTC")


def utc(moment: datetime) -> datetime:
    """The same instant, in the UTC zone icalendar serialises fastest."""
    return moment.astimezone(UTC_ZONE)


def is_tentative(event: Event) -> bool:
    """Whether the feed must mark the date as not fixed."""
    return event.approximate or event.precision == DatePrecision.month


def feed_title(event: Event, language: str) -> str:
    """The SUMMARY: the title, saying when its date is not exact."""
    title = event.title(language)
    if event.precision == DatePrecision.month and event.starts_on:
        month = month_words(event.starts_on.year, event.starts_on.month, language)
        return wording.translate(wording.MONTH_ONLY_TITLE, language, title=title, month=month)
    if event.approximate:
        return wording.translate(wording.APPROXIMATE_TITLE, language, title=title)
    return title


def feed_description(event: Event, language: str) -> str:
    """The DESCRIPTION: precision notes, the organisers, then the event's own text."""
    lines = []
    if event.state == EventState.cancelled:
        lines.append(wording.translate(wording.CANCELLED_NOTE, language))
    if event.precision == DatePrecision.month and event.starts_on:
        month = month_words(event.starts_on.year, event.starts_on.month, language)
        lines.append(wording.translate(wording.MONTH_ONLY_NOTE, language, month=month))
    if event.approximate:
        lines.append(wording.translate(wording.APPROXIMATE_NOTE, language))
    organisers = event.organisers(language)
    if organisers:
        lines.append(wording.translate(
            wording.ORGANISERS_NOTE, language, names=", ".join(organisers)))
    text = event.description(language)
    if text:
        lines.append(text)
    return "\n".join(lines)


def vevent(event: Event, language: str, places: Mapping[int, City]) -> VEvent:
    """One dated event as a VEVENT."""
    assert event.starts_on is not None and event.ends_on is not None
    component = VEvent()
    component.add("uid", event.uid)
    changed = utc(event.updated_at)
    component.add("dtstamp", changed)
    component.add("last-modified", changed)
    component.add("created", utc(event.created_at))
    component.add("sequence", max(event.version - 1, 0))
    component.add("dtstart", event.starts_on)
    component.add("dtend", exclusive_end(event.ends_on))
    component.add("summary", feed_title(event, language))
    description = feed_description(event, language)
    if description:
        component.add("description", description)
    place = place_name(event, language, places)
    if place:
        component.add("location", place)
    component.add("categories", [kind_words(wording.KIND_NAMES[event.kind], language)])
    cancelled = event.state == EventState.cancelled
    status = "TENTATIVE" if is_tentative(event) and not cancelled else FEED_STATUS[event.state]
    component.add("status", status)
    component.add("transp", "TRANSPARENT")
    if event.link:
        component.add("url", event.link)
    return component


def calendar_shell(name: str, description: str, language: str) -> Calendar:
    """An empty calendar with its name, language and refresh interval."""
    shell = Calendar()
    shell.add("prodid", PRODID)
    shell.add("version", "2.0")
    shell.add("calscale", "GREGORIAN")
    shell.add("name", vText(name))
    shell.add("x-wr-calname", vText(name))
    shell.add("description", description)
    shell.add("x-wr-caldesc", vText(description))
    shell.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    shell.add("x-published-ttl", vDuration(REFRESH))
    return shell


def feed(events: Iterable[Event], language: str, places: Mapping[int, City],
         *, name: str | None = None) -> bytes:
    """The published, dated events as one calendar (valid even when empty)."""
    title = name or wording.translate(wording.CALENDAR_NAME, language)
    shell = calendar_shell(
        title, wording.translate(wording.CALENDAR_DESCRIPTION, language), language)
    for event in events:
        if event.is_dated and event.state in FEED_STATUS:
            shell.add_component(vevent(event, language, places))
    return shell.to_ical()


def single(event: Event, language: str, places: Mapping[int, City]) -> bytes:
    """One event as a calendar file to add to one's own calendar."""
    return feed([event], language, places, name=event.title(language))


def newest(events: Iterable[Event]) -> datetime | None:
    """When the newest of these events last changed."""
    return max((event.updated_at for event in events), default=None)
