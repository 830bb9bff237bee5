"""The filters of the calendar page and the feeds, read strictly from a query string.

A feed URL is typed into calendar clients and kept for years, so anything
that is not understood is refused (400) rather than silently widened: a
value it does not know, and on the feeds a parameter it does not take (a
misspelt ``kinds=forum`` would otherwise subscribe to every event). The
calendar page is read as strictly for its values but lets foreign
parameters pass, since shared links collect them (``utm_source``, ``fbclid``).
"""

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from models.events import Event, EventKind

MAX_QUERY_LENGTH = 2000
MAX_VALUE_LENGTH = 200
FILTER_NAMES = ("kind", "city", "organiser")


class BadFilter(ValueError):
    """A query string the calendar does not understand; ``problem`` says what."""

    def __init__(self, problem: str, name: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.name = name


@dataclass(frozen=True)
class Filters:
    """Which published events to show: by kind, city (slug) and organiser name."""

    kind: EventKind | None = None
    city: str | None = None
    organiser: str | None = None

    def query(self) -> dict[str, str]:
        """The filters as query parameters (for links)."""
        return {name: str(getattr(self, name)) for name in FILTER_NAMES
                if getattr(self, name) is not None}

    @property
    def empty(self) -> bool:
        return not self.query()

    def matches(self, event: Event, city_slugs: Mapping[int, str]) -> bool:
        """Whether an event passes every filter."""
        if self.kind is not None and event.kind != self.kind:
            return False
        if self.city is not None and city_slugs.get(event.city_id or 0) != self.city:
            return False
        if self.organiser is not None:
            return self.organiser in (*event.organisers_ru, *event.organisers_en)
        return True

    def apply(self, events: Iterable[Event], city_slugs: Mapping[int, str]) -> list[Event]:
        return [event for event in events if self.matches(event, city_slugs)]


def only_names(args: Mapping[str, Sequence[str]], accepted: Collection[str]) -> None:
    """Refuse a parameter outside ``accepted``, naming the first one met."""
    for name in args:
        if name not in accepted:
            raise BadFilter("unknown_parameter", name)


def single_value(args: Mapping[str, Sequence[str]], name: str) -> str | None:
    """The one value of a parameter; repeating it or an overlong value is refused."""
    values = args.get(name) or []
    if len(values) > 1:
        raise BadFilter("repeated", name)
    if not values or values[0] == "":
        return None
    if len(values[0]) > MAX_VALUE_LENGTH:
        raise BadFilter("too_long", name)
    return values[0]


def parse_filters(
    args: Mapping[str, Sequence[str]],
    *,
    city_exists: Callable[[str], bool],
    organisers: Collection[str],
) -> Filters:
    """Filters from query parameters; unknown values raise ``BadFilter``."""
    kind = single_value(args, "kind")
    if kind is not None and kind not in EventKind.__members__:
        raise BadFilter("unknown_kind", "kind")
    city = single_value(args, "city")
    if city is not None and not city_exists(city):
        raise BadFilter("unknown_city", "city")
    organiser = single_value(args, "organiser")
    if organiser is not None and organiser not in organisers:
        raise BadFilter("unknown_organiser", "organiser")
    return Filters(EventKind(kind) if kind else None, city, organiser)


def parse_language(args: Mapping[str, Sequence[str]], languages: Sequence[str],
                   default: str) -> str:
    """The feed's language from ``lang``; an unknown language raises ``BadFilter``."""
    language = single_value(args, "lang")
    if language is None:
        return default
    if language not in languages:
        raise BadFilter("unknown_language", "lang")
    return language


def organisers_in(events: Iterable[Event], language: str) -> list[str]:
    """Each organiser once, named in ``language`` (the other name where it has none),
    in that language's alphabetical order (case-blind, «ё» as «е»)."""
    names = set()
    for event in events:
        pairs = zip_longest(event.organisers_ru, event.organisers_en, fillvalue="")
        for ru, en in pairs:
            name = (en or ru) if language == "en" else (ru or en)
            if name:
                names.add(name)
    return sorted(names, key=lambda name: (name.casefold().replace("ё", "е"), name))


def organiser_names(events: Iterable[Event]) -> list[str]:
    """Every organiser named by these events, in either language, sorted."""
    return sorted({name for event in events for name in (*event.organisers_ru,
                                                         *event.organisers_en)})
