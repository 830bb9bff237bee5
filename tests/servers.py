"""Real app servers for tests: gunicorn on a free port, and a browser-like HTTP client.

The client keeps its cookies like a browser and posts forms with the hidden
fields (the CSRF token) of the page it read them from; it follows no
redirects, so a test sees the 302 a successful action answers with.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urljoin, urlsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, build_opener

from seeding.loader import demo_password

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment(database_url: str, secret: str, instance: Path) -> dict[str, str]:
    """What a production app server (or a CLI run beside it) needs."""
    return {
        **os.environ,
        "MAGFLOW_ENV": "production",
        "MAGFLOW_SECRET_KEY": secret,
        "MAGFLOW_DATABASE_URL": database_url,
        "MAGFLOW_INSTANCE_PATH": str(instance),
    }


@contextmanager
def gunicorn(
    environment: dict[str, str], log: Path, workers: int = 3, config: str | None = None
) -> Iterator[str]:
    """Serve ``webapp:create_app()`` as the README says; yields the base URL.

    ``config`` is a gunicorn ``-c`` argument, e.g. ``python:tests.race_window``.

    The server runs in a process group of its own, so stopping it also stops
    its workers, whatever the test did.
    """
    port = free_port()
    settings = ["--config", config] if config else []
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(GUNICORN), *settings, "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning", "webapp:create_app()"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_serving(server, base, log)
        yield base
    finally:
        _stop(server)


def _wait_until_serving(server: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}):\n{log.read_text()}")
        try:
            if Browser().get(f"{base}/login").status == 200:
                return
        except (URLError, ConnectionError):
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer within 30 s:\n{log.read_text()}")


def _stop(server: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            break
        try:
            server.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


@dataclass(frozen=True)
class Answer:
    status: int
    location: str
    body: str


class _Keep(HTTPRedirectHandler):
    """Hand redirects back to the caller instead of following them."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class _Forms(HTMLParser):
    """The fields of each form on a page, by the form's action."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: dict[str, dict[str, str]] = {}
        self._current: dict[str, str] | None = None
        self._select: str | None = None
        self._chosen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = urlsplit(urljoin(self.page, found.get("action") or self.page)).path
            self._current = self.forms.setdefault(action, {})
        elif self._current is None:
            return
        elif tag == "option" and self._select and not self._chosen:
            # The selected option, else the first one, as a browser sends it.
            self._current[self._select] = found.get("value", "")
            self._chosen = "selected" in found
        elif "name" not in found:
            return
        elif tag == "input" and found.get("type") not in ("submit", "checkbox", "radio"):
            self._current[found["name"]] = found.get("value", "")
        elif tag == "textarea":
            self._current[found["name"]] = ""
        elif tag == "select":
            self._select, self._chosen = found["name"], False

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


class Browser:
    """One person's HTTP session against one or several servers of the same app."""

    def __init__(self) -> None:
        # The session cookie is Secure in production; behind the TLS proxy the
        # README asks for it would travel over https, here it goes over http.
        policy = DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
        self.cookies = CookieJar(policy)
        self._opener = build_opener(HTTPCookieProcessor(self.cookies), _Keep)

    def get(self, url: str) -> Answer:
        return self._send(url, None)

    def post(self, url: str, fields: dict[str, str]) -> Answer:
        return self._send(url, urlencode(fields).encode())

    def _send(self, url: str, data: bytes | None) -> Answer:
        try:
            with self._opener.open(url, data=data, timeout=60) as response:
                return Answer(response.status, "", response.read().decode())
        except HTTPError as error:
            with error:
                body = error.read().decode(errors="replace")
            return Answer(error.code, error.headers.get("Location", ""), body)

    def form(self, page: str, action: str | None = None) -> dict[str, str]:
        """The fields of the form posting to ``action`` (default: the page itself)."""
        answer = self.get(page)
        assert answer.status == 200, f"GET {page}: {answer.status}"
        parser = _Forms(page)
        parser.feed(answer.body)
        wanted = action or urlsplit(page).path
        assert wanted in parser.forms, f"no form for {wanted} on {page}: {sorted(parser.forms)}"
        return dict(parser.forms[wanted])

    def log_in(self, base: str, email: str) -> None:
        fields = self.form(f"{base}/login")
        fields.update(email=email, password=demo_password())
        answer = self.post(f"{base}/login", fields)
        assert answer.status == 302, f"{email} could not log in on {base}: {answer.status}"
