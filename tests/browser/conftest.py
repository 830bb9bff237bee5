"""Browser fixtures: the app served on a free local port, and headless Chromium.

Screenshots of the pages a test visits go to ``test-artifacts/`` (kept by CI).
"""

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _read_whole(app: Any) -> Any:
    """The app with each response read and closed before it is sent.

    When the browser drops a connection mid-response (it moved on before a
    stylesheet arrived), werkzeug's dev server reads the dead socket in its
    clean-up, raises, and never closes the streamed file: an unclosed-file
    warning, which this suite treats as an error.
    """

    def wsgi(environ: Any, start_response: Any) -> Any:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The test app served by a real HTTP server in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, _read_whole(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make test` does when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest):
    """``screenshot(page, "name")`` saves a full-page PNG under test-artifacts/."""
    folder = ARTIFACTS / request.node.name.replace("/", "_").replace("[", "-").rstrip("]")
    folder.mkdir(parents=True, exist_ok=True)
    count = {"n": 0}

    def take(page, name: str) -> Path:
        count["n"] += 1
        path = folder / f"{count['n']:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
