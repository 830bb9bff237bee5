"""The published events as JSON for the member cities' websites (read-only).

Every text is plain text (``calendars/plain.py``): a site inserting it must still
escape it, but no markup a person typed into an event reaches the site as HTML.
"""

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from calendars.places import place_name
from calendars.plain import plain_text
from models.cities import City
from models.events import Event

LANGUAGES = ("ru", "en")


def _both(text: Callable[[str], str | None], *, one_line: bool = False) -> dict[str, str]:
    """A text in both languages, as plain text."""
    return {language: plain_text(text(language), one_line=one_line) for language in LANGUAGES}


def event_record(event: Event, places: Mapping[int, City]) -> dict[str, Any]:
    """One event in both languages, with its date as precise as the plan gives it."""
    city = places.get(event.city_id) if event.city_id is not None else None
    return {
        "uid": event.uid,
        "kind": event.kind.value if hasattr(event.kind, "value") else event.kind,
        "status": str(event.state),
        "title": _both(event.title, one_line=True),
        "place": _both(lambda language: place_name(event, language, places), one_line=True),
        "city": city.slug if city else None,
        "organisers": {language: [plain_text(name, one_line=True)
                                  for name in event.organisers(language)]
                       for language in LANGUAGES},
        "description": _both(event.description),
        "link": event.link,
        "date": {
            "precision": str(event.precision),
            "year": event.year,
            "start": event.starts_on.isoformat() if event.starts_on else None,
            "end": event.ends_on.isoformat() if event.ends_on else None,
            "approximate": event.approximate,
        },
        "sequence": max(event.version - 1, 0),
        "last_modified": event.updated_at.isoformat(),
    }


def events_json(events: Iterable[Event], places: Mapping[int, City]) -> bytes:
    """The events as a JSON document (UTF-8, stable key order)."""
    document = {"events": [event_record(event, places) for event in events]}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode()
