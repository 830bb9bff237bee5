"""Serving feeds without rebuilding them: a per-process cache keyed on the revision.

Every change to the published calendar bumps one database row (the
revision). A process keeps the feeds it built for the revision it last saw;
each request costs one cheap revision read (at most one every
``check_every`` seconds), and a conditional request is answered from the
revision alone, without building anything. Several app servers sharing one
database agree, because the revision is in the database and the bytes
depend only on the data.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from calendars.store import Revision

# Raise when a code change alters the bytes built from the same data, so that
# clients holding an old ETag do not get a 304 for a feed that now reads differently.
FEED_FORMAT = 1


@dataclass(frozen=True)
class Rendered:
    """A built feed: its bytes and the validators to answer conditional requests."""

    body: bytes
    etag: str
    revision: Revision


def etag_for(revision: Revision, key: Hashable) -> str:
    """A strong ETag for the feed ``key`` at ``revision`` (known before building)."""
    digest = hashlib.blake2s(repr((FEED_FORMAT, key)).encode(), digest_size=6).hexdigest()
    return f'"{revision.tag}-{digest}"'


class FeedCache:
    """The feeds (and the loaded data) of the latest revision this process has seen."""

    def __init__(self, *, check_every: float = 1.0, size: int = 256,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.check_every = check_every
        self.size = size
        self.clock = clock
        self.builds = 0  # how many feeds were built: tests check it stays put
        self._lock = threading.Lock()
        self._revision: Revision | None = None
        self._checked = float("-inf")
        self._feeds: OrderedDict[Hashable, Rendered] = OrderedDict()
        self._data: dict[str, Any] = {}

    def revision(self, read: Callable[[], Revision]) -> Revision:
        """The current revision: read again at most every ``check_every`` seconds."""
        now = self.clock()
        if self._revision is None or now - self._checked >= self.check_every:
            current = read()
            with self._lock:
                if current != self._revision:
                    self._feeds.clear()
                    self._data.clear()
                self._revision, self._checked = current, now
        assert self._revision is not None
        return self._revision

    def expire(self) -> None:
        """Read the revision again on the next request (after a change made here)."""
        self._checked = float("-inf")

    def data(self, revision: Revision, name: str, load: Callable[[], Any]) -> Any:
        """Something loaded once per revision (the published events, their cities)."""
        if revision != self._revision:
            return load()
        if name not in self._data:
            self._data[name] = load()
        return self._data[name]

    def feed(self, revision: Revision, key: Hashable, build: Callable[[], bytes]) -> Rendered:
        """The feed ``key`` at ``revision``, built only if this process has not yet."""
        with self._lock:
            found = self._feeds.get(key)
            if found is not None and found.revision == revision:
                self._feeds.move_to_end(key)
                return found
        rendered = Rendered(build(), etag_for(revision, key), revision)
        self.builds += 1
        with self._lock:
            if revision == self._revision:
                self._feeds[key] = rendered
                while len(self._feeds) > self.size:
                    self._feeds.popitem(last=False)
        return rendered
