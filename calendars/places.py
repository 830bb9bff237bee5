"""Where an event takes place: a city of the association, or free text."""

from collections.abc import Mapping

from models.cities import City
from models.events import Event


def place_name(event: Event, language: str, places: Mapping[int, City]) -> str:
    """The event's city in ``language``, or its free-text place."""
    if event.city_id is not None and event.city_id in places:
        return places[event.city_id].name(language)
    first, second = (event.place_en, event.place_ru) if language == "en" else (
        event.place_ru, event.place_en)
    return first or second or ""
