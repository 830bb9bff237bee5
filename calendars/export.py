"""The published events as JSON for the member cities' websites (read-only)."""

import json
from collections.abc import Iterable, Mapping
from typing import Any

from calendars.places import place_name
from models.cities import City
from models.events import Event


def event_record(event: Event, places: Mapping[int, City]) -> dict[str, Any]:
    """One event in both languages, with its date as precise as the plan gives it."""
    city = places.get(event.city_id) if event.city_id is not None else None
    return {
        "uid": event.uid,
        "kind": event.kind.value if hasattr(event.kind, "value") else event.kind,
        "status": str(event.state),
        "title": {"ru": event.title("ru"), "en": event.title("en")},
        "place": {"ru": place_name(event, "ru", places), "en": place_name(event, "en", places)},
        "city": city.slug if city else None,
        "organisers": {"ru": event.organisers("ru"), "en": event.organisers("en")},
        "description": {"ru": event.description("ru"), "en": event.description("en")},
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
