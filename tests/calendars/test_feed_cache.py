"""The per-process feed cache: built once per revision, read again on schedule."""

from datetime import UTC, datetime

from calendars.feeds import FeedCache, etag_for
from calendars.store import Revision

FIRST = Revision(1, datetime(2024, 1, 1, tzinfo=UTC))
SECOND = Revision(2, datetime(2024, 1, 2, tzinfo=UTC))


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_feed_is_built_once_per_revision():
    cache = FeedCache(check_every=0)
    cache.revision(lambda: FIRST)
    built = [cache.feed(FIRST, "all", lambda: b"feed") for _ in range(3)]
    assert cache.builds == 1 and {r.body for r in built} == {b"feed"}


def test_new_revision_drops_what_was_built():
    cache, current = FeedCache(check_every=0), [FIRST]
    cache.revision(lambda: current[0])
    cache.feed(FIRST, "all", lambda: b"old")
    current[0] = SECOND
    assert cache.revision(lambda: current[0]) == SECOND
    assert cache.feed(SECOND, "all", lambda: b"new").body == b"new"
    assert cache.builds == 2


def test_revision_is_read_at_most_once_per_interval():
    clock, reads = Clock(), []
    cache = FeedCache(check_every=1.0, clock=clock)

    def read() -> Revision:
        reads.append(1)
        return FIRST

    for _ in range(5):
        cache.revision(read)
    clock.now = 1.5
    cache.revision(read)
    assert len(reads) == 2
    cache.expire()
    cache.revision(read)
    assert len(reads) == 3


def test_etag_differs_by_revision_and_by_feed():
    assert etag_for(FIRST, "all") == etag_for(FIRST, "all")
    assert etag_for(FIRST, "all") != etag_for(SECOND, "all")
    assert etag_for(FIRST, "all") != etag_for(FIRST, ("ics", "forum"))
    assert etag_for(FIRST, "all").startswith('"') and etag_for(FIRST, "all").endswith('"')


def test_cache_keeps_a_bounded_number_of_feeds():
    cache = FeedCache(check_every=0, size=2)
    cache.revision(lambda: FIRST)
    for key in ("a", "b", "c", "a"):
        cache.feed(FIRST, key, lambda: b"x")
    assert cache.builds == 4  # "a" was pushed out by "c"
