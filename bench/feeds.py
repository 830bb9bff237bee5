"""Feeds of 10 000 events: build time, and requests per second under gunicorn.

Each figure is printed beside its baseline, measured in the same run:

* building the feed from loaded events, against icalendar alone building and
  serialising the same VEVENTs from precomputed values (goal: at most 1.3x);
* the unchanged feed under gunicorn, against a bare Flask route returning the
  same bytes from memory (goal: 0.8 of its requests per second);
* 304 answers to If-None-Match, against a bare Flask route returning a short
  string (goal: 0.9).

``python -m bench.feeds [events] [seconds]``; the database is a temporary SQLite file.
"""

import gc
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from multiprocessing import Pool
from pathlib import Path

EVENTS = 10_000
SECONDS = 4.0
CLIENT_PROCESSES, CLIENT_THREADS = 2, 4
ROOT = Path(__file__).resolve().parent.parent


def fill(url: str, count: int) -> None:
    """A migrated database with ``count`` published events in a few cities."""
    from sqlalchemy import insert

    from models import City, Event
    from models.database import make_engine
    from models.migrate import upgrade

    upgrade(url)
    engine = make_engine(url)
    now = datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(insert(City), [
            {"slug": f"city-{n}", "name_ru": f"Город {n}", "name_en": f"City {n}",
             "ru_forms": {}, "status": "member", "sources": []} for n in range(1, 21)])
        connection.execute(insert(Event), [event_row(n, now) for n in range(count)])
        connection.exec_driver_sql(
            "INSERT INTO calendar_revisions (id, number, changed_at) VALUES (1, 1, ?)",
            (now.isoformat(),))
    engine.dispose()


def event_row(n: int, now: datetime) -> dict:
    """A published event; every fifth is month-only, every seventh a range."""
    start = date(2024, 1, 1) + timedelta(days=n % 700)
    precision, end = "day", start
    if n % 5 == 0:
        precision, start = "month", start.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    elif n % 7 == 0:
        precision, end = "day_range", start + timedelta(days=2)
    return {
        "uid": f"bench-{n}@magflow.mag-calendar", "kind": "conference",
        "title_ru": f"Конференция городов номер {n}", "title_en": f"Conference of cities {n}",
        "city_id": n % 20 + 1, "organisers_ru": ["МАГ"], "organisers_en": ["MAG"],
        "description_ru": "Обсуждение опыта городов-членов МАГ.", "precision": precision,
        "year": start.year, "starts_on": start, "ends_on": end, "approximate": n % 3 == 0,
        "state": "published", "version": 1 + n % 3, "state_changed_at": now,
        "published_at": now, "sources": [], "created_at": now, "updated_at": now,
    }


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest of ``runs`` timings of ``work``, in CPU seconds of this process.

    CPU time, not wall time: on a shared machine other processes' bursts would
    otherwise decide which side of the ratio looks slower.
    """
    timings = []
    for _ in range(runs):
        gc.collect()  # garbage left by the previous run is not this run's cost
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return min(timings)


def icalendar_alone(values: list[dict]) -> bytes:
    """The baseline: icalendar builds and serialises the same VEVENTs from plain values."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//bench//")
    calendar.add("version", "2.0")
    for value in values:
        component = Event()
        for name, item in value.items():
            component.add(name, item)
        calendar.add_component(component)
    return calendar.to_ical()


def plain_values(events: list, places: dict) -> list[dict]:
    """What the feed says of each event, precomputed (no wording, no formatting)."""
    from calendars import ics

    values = []
    for event in events:
        component = ics.vevent(event, "ru", places)
        values.append({name.lower(): component.decoded(name) for name in component})
    return values


def measure_build(url: str) -> tuple[float, float, int]:
    """Seconds to build the feed, seconds for icalendar alone, and the feed's size."""
    from calendars import ics, store
    from models.database import make_engine, new_session

    engine = make_engine(url)
    session = new_session(engine)
    events = store.public_events(session)
    places = store.cities_of(session, events)
    values = plain_values(events, places)
    ours, alone = [], []
    for _round in range(3):  # interleaved: the machine's load falls on both alike
        ours.append(best_of(1, lambda: ics.feed(events, "ru", places)))
        alone.append(best_of(1, lambda: icalendar_alone(values)))
    size = len(ics.feed(events, "ru", places))
    session.close()
    engine.dispose()
    return min(ours), min(alone), size


# ------------------------------------------------------------- load test ----


def request(port: int, path: str, headers: str) -> int:
    """One HTTP/1.0-style request on a new connection; the status code."""
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: bench.local\r\n{headers}"
                           "Connection: close\r\n\r\n".encode())
        first = connection.recv(65536)
        while connection.recv(1 << 20):
            pass
    return int(first[9:12])


def hammer(job: tuple[int, str, str, float, int]) -> int:
    """Requests completed by one client process with its threads in ``seconds``."""
    port, path, headers, seconds, expected = job
    counts = [0] * CLIENT_THREADS
    deadline = time.monotonic() + seconds

    def loop(slot: int) -> None:
        while time.monotonic() < deadline:
            if request(port, path, headers) != expected:
                raise RuntimeError(f"{path} did not answer {expected}")
            counts[slot] += 1

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(CLIENT_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts)


def rate(pool, port: int, path: str, seconds: float, expected: int, headers: str = "") -> float:
    """Requests per second for ``path``."""
    done = pool.map(hammer, [(port, path, headers, seconds, expected)] * CLIENT_PROCESSES)
    return sum(done) / seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "MAGFLOW_DATABASE_URL": url, "MAGFLOW_ENV": "development"}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "bench.feeds_app:app"], cwd=ROOT, env=env)
    for _ in range(300):
        try:
            if request(port, "/bare/short", "") == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def measure_serving(url: str, seconds: float) -> dict[str, float]:
    """Median requests per second of each route over three interleaved rounds."""
    port = free_port()
    server = start_gunicorn(url, port)
    try:
        etag = etag_of(port)
        routes = {
            "feed": ("/calendar.ics", 200, ""),
            "bare_feed": ("/bare/feed", 200, ""),
            "not_modified": ("/calendar.ics", 304, f"If-None-Match: {etag}\r\n"),
            "bare_short": ("/bare/short", 200, ""),
        }
        found: dict[str, list[float]] = {name: [] for name in routes}
        with Pool(CLIENT_PROCESSES) as pool:
            for path, status, headers in routes.values():  # warm every worker
                rate(pool, port, path, 0.5, status, headers)
            for _round in range(3):
                for name, (path, status, headers) in routes.items():
                    found[name].append(rate(pool, port, path, seconds, status, headers))
        return {name: statistics.median(values) for name, values in found.items()}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def etag_of(port: int) -> str:
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(b"HEAD /calendar.ics HTTP/1.1\r\nHost: bench.local\r\n"
                           b"Connection: close\r\n\r\n")
        head = b""
        while chunk := connection.recv(65536):
            head += chunk
    for line in head.decode("latin-1").split("\r\n"):
        if line.lower().startswith("etag:"):
            return line.split(":", 1)[1].strip()
    raise RuntimeError("no ETag on the feed")


def main(count: int = EVENTS, seconds: float = SECONDS) -> list[tuple[str, str, str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite3"
        fill(url, count)
        ours, alone, size = measure_build(url)
        print(f"feed of {count} events ({size / 1e6:.1f} MB)")
        print(f"  build: {ours:.2f} CPU s; icalendar alone on the same events: {alone:.2f} CPU s; "
              f"ratio {ours / alone:.2f} (goal <= 1.3)")
        rates = measure_serving(url, seconds)
        print(f"  gunicorn -w 2, {CLIENT_PROCESSES}x{CLIENT_THREADS} clients, "
              f"median of 3 rounds of {seconds:.0f} s")
        print(f"  unchanged feed: {rates['feed']:.0f} req/s; bare Flask, same bytes: "
              f"{rates['bare_feed']:.0f} req/s; ratio {rates['feed'] / rates['bare_feed']:.2f}"
              " (goal 0.8)")
        print(f"  304 answers: {rates['not_modified']:.0f} req/s; bare Flask, short string: "
              f"{rates['bare_short']:.0f} req/s; ratio "
              f"{rates['not_modified'] / rates['bare_short']:.2f} (goal 0.9)")
    return [
        (f"build the feed of {count} events (CPU)", f"{ours:.2f} s",
         f"{alone:.2f} s (icalendar alone)", f"{ours / alone:.2f}x (goal <= 1.3x)"),
        ("unchanged feed under gunicorn -w 2", f"{rates['feed']:.0f} req/s",
         f"{rates['bare_feed']:.0f} req/s (bare Flask, same bytes)",
         f"{rates['feed'] / rates['bare_feed']:.2f} (goal >= 0.8)"),
        ("304 answers to If-None-Match", f"{rates['not_modified']:.0f} req/s",
         f"{rates['bare_short']:.0f} req/s (bare Flask, short string)",
         f"{rates['not_modified'] / rates['bare_short']:.2f} (goal >= 0.9)"),
    ]


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(int(arguments[0]) if arguments else EVENTS,
         float(arguments[1]) if len(arguments) > 1 else SECONDS)
