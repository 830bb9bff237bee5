"""PDF documents: the render time of the XXIX decision and a letter beside their HTML pages.

``python -m bench.pdf`` seeds a temporary SQLite database, then asks the app
(Flask's test client) for each document twice: its HTML page, the same-run
baseline, and its PDF. The seeded documents keep no PDF, so each PDF request
renders one with WeasyPrint. Each figure is the best of three after a
warm-up; the first PDF of the process (WeasyPrint's import, fontconfig) is
reported on its own line. Goal: under 2 s per document.
"""

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Row = tuple[str, str, str, str]
GOAL = 2.0
RUNS = 3


def _timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _get(client: Any, url: str) -> Callable[[], None]:
    def fetch() -> None:
        response = client.get(url)
        response.get_data()
        response.close()
        assert response.status_code == 200, (url, response.status_code)

    return fetch


def _app(folder: Path) -> Any:
    from models.database import make_engine, new_session
    from models.migrate import upgrade
    from seeding.loader import load_seed
    from webapp import create_app

    url = f"sqlite:///{folder / 'pdf.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    session = new_session(engine)
    load_seed(session, demo=True)  # outside an app: its letters keep no PDFs, so each is rendered
    session.close()
    engine.dispose()
    return create_app({"DATABASE_URL": url, "DOCUMENT_DIR": str(folder / "documents"),
                       "OUTBOX_DIR": str(folder / "outbox"), "UPLOAD_DIR": str(folder / "up"),
                       "TESTING": True, "WTF_CSRF_ENABLED": False})


def _line(rows: list[Row], name: str, pdf: float, html: float) -> None:
    ratio = pdf / html if html else float("inf")
    verdict = "meets" if pdf < GOAL else "MISSES"
    print(f"  {name:<34} PDF {pdf * 1000:8.1f} ms   HTML page {html * 1000:7.1f} ms"
          f"   {ratio:6.1f}x  ({verdict} the goal < {GOAL * 1000:.0f} ms)")
    rows.append((name, f"{pdf * 1000:.1f} ms", f"{html * 1000:.1f} ms (HTML page)",
                 f"{ratio:.1f}x (goal < {GOAL * 1000:.0f} ms)"))


def main() -> list[Row]:
    from sqlmodel import select

    from models.dues import Letter

    print("pdf: the XXIX decision and a warning letter, PDF beside the HTML page")
    rows: list[Row] = []
    folder = Path(tempfile.mkdtemp(prefix="magflow-bench-pdf-"))
    try:
        app = _app(folder)
        client = app.test_client()
        client.post("/login", data={"email": "secretariat@demo.magflow",
                                    "password": "magflow-demo-2024"})
        with app.app_context():
            from webapp.extensions import db

            letter = db.session.exec(select(Letter).order_by(Letter.id)).first()
            assert letter is not None
            letter_id = letter.id
        documents = [
            ("XXIX decision with its annex", "/sessions/29/decision", "/sessions/29/decision.pdf"),
            ("warning letter (1 page)", f"/dues/letters/{letter_id}", f"/dues/letters/{letter_id}"),
        ]
        first = _timed(_get(client, "/sessions/29/decision.pdf?lang=ru"))
        print(f"  (first PDF of the process, with WeasyPrint's start: {first * 1000:.0f} ms)")
        rows.append(("first PDF of a process", f"{first * 1000:.1f} ms", "-",
                     "WeasyPrint import and fonts, once per process"))
        for name, page, pdf in documents:
            for language in ("ru", "en"):
                html_url, pdf_url = ((f"{page}?lang={language}", f"{pdf}?lang={language}")
                                     if "sessions" in page else
                                     (f"{page}/{language}", f"{pdf}/{language}.pdf"))
                for url in (html_url, pdf_url):
                    _get(client, url)()  # warm-up
                html = min(_timed(_get(client, html_url)) for _ in range(RUNS))
                made = min(_timed(_get(client, pdf_url)) for _ in range(RUNS))
                _line(rows, f"{name}, {language}", made, html)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


if __name__ == "__main__":
    main()
    sys.exit(0)
