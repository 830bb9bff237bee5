"""A per-process cache in front of Flask for feed URLs the app has already answered.

Flask's own work per request (session, hooks, headers) costs several times
what sending a cached feed does. When a feed route answers 200, ``send``
marks the response; this WSGI layer keeps its status, headers and bytes
under the exact path and query string, and answers the next request for
that URL itself (200, or 304 to a matching If-None-Match) for as long as
the calendar's revision is the one the response was built at. Anything
else (other URLs, errors, responses that set cookies, If-Modified-Since
alone, a new revision) goes to Flask as usual.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from calendars.feeds import FeedCache
from calendars.store import Revision, read_revision

MARK = "magflow.calendar_feed"  # environ key: (revision, etag) set by serving.send
NOT_MODIFIED_HEADERS = ("etag", "last-modified", "cache-control", "vary")

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict, StartResponse], Iterable[bytes]]


@dataclass(frozen=True)
class Answer:
    """A feed response as Flask sent it."""

    revision: Revision
    etag: str
    headers: list[tuple[str, str]]
    body: bytes


class FeedShortcut:
    """WSGI middleware answering repeated feed requests from memory."""

    def __init__(self, app: WSGIApp, *, cache: FeedCache, engine: Engine,
                 size: int = 256) -> None:
        self.app, self.cache, self.engine, self.size = app, cache, engine, size
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        key = f"{environ.get('PATH_INFO', '')}?{environ.get('QUERY_STRING', '')}"
        answer = self.answers.get(key)
        if answer is not None and answer.revision == self.current():
            return self.reply(answer, environ, start_response, body=method == "GET")
        return self.pass_through(key, environ, start_response)

    def current(self) -> Revision:
        return self.cache.revision(lambda: read_revision(self.engine))

    def reply(self, answer: Answer, environ: dict, start_response: StartResponse,
              *, body: bool) -> Iterable[bytes]:
        conditional = environ.get("HTTP_IF_NONE_MATCH")
        if conditional is not None and (answer.etag in conditional or conditional.strip() == "*"):
            headers = [(k, v) for k, v in answer.headers if k.lower() in NOT_MODIFIED_HEADERS]
            start_response("304 NOT MODIFIED", headers)
            return []
        if conditional is None and environ.get("HTTP_IF_MODIFIED_SINCE"):
            return self.app(environ, start_response)
        start_response("200 OK", answer.headers)
        return [answer.body] if body else []

    def pass_through(self, key: str, environ: dict,
                     start_response: StartResponse) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list, exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        mark = environ.get(MARK)
        fresh = captured.get("status", "").startswith("200")
        if mark is None or environ.get("REQUEST_METHOD") != "GET" or not fresh:
            return result
        if any(name.lower() == "set-cookie" for name, _ in captured["headers"]):
            return result
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
        self.keep(key, Answer(mark[0], mark[1], list(captured["headers"]), body))
        return [body]

    def keep(self, key: str, answer: Answer) -> None:
        with self.lock:
            self.answers[key] = answer
            self.answers.move_to_end(key)
            while len(self.answers) > self.size:
                self.answers.popitem(last=False)

