"""A load test of the main pages under gunicorn, beside a bare Flask route in the same server.

The demo database (migrated and seeded as by ``make run``, on SQLite) is served by
gunicorn with two workers on this 2-core machine; two client processes of four
threads each request one page at a time for a few seconds, on new connections.
For every page: requests per second, median and 99th-percentile latency, and the
rate as a share of the bare Flask route's rate measured by the same server in the
same run. Pages behind the login are requested with the Secretariat's session.

``python -m bench.load [seconds]``
"""

import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from multiprocessing import Pool
from pathlib import Path

from bench.feeds import free_port, start_gunicorn

SECONDS = 3.0
CLIENT_PROCESSES, CLIENT_THREADS = 2, 4
ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ["/", "/cities", "/cities/moscow", "/calendar", "/calendar.ics", "/login"]
OFFICE = ["/inbox", "/dues/debtors", "/sessions/29", "/officers/bodies/board"]
Row = tuple[str, str, str, str]


def seeded_database(folder: str) -> str:
    """The demo database ``make run`` would create, in ``folder``."""
    url = f"sqlite:///{folder}/load.sqlite3"
    env = {**os.environ, "MAGFLOW_DATABASE_URL": url}
    magflow = str(Path(sys.executable).with_name("magflow"))
    for command in (["migrate"], ["seed", "--demo"]):
        subprocess.run([magflow, *command], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return url


def log_in(port: int, email: str, password: str = "magflow-demo-2024") -> str:
    """The Cookie header of a session logged in through the real login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    if token is None:
        raise RuntimeError("no CSRF token on the login page")
    form = {"csrf_token": token.group(1), "email": email, "password": password}
    opener.open(f"{base}/login", data=urllib.parse.urlencode(form).encode()).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookie:
        raise RuntimeError("the login did not set a session")
    return cookie


def timed_request(port: int, path: str, cookie: str) -> tuple[int, float]:
    """One request on a new connection: its status and its latency in seconds."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: bench.local\r\nCookie: {cookie}\r\n"
                           "Accept-Language: ru\r\nConnection: close\r\n\r\n".encode())
        first = connection.recv(65536)
        while connection.recv(1 << 20):
            pass
    return int(first[9:12]), time.perf_counter() - started


def client(job: tuple[int, str, str, float]) -> list[float]:
    """The latencies of every request one client process completed in ``seconds``."""
    port, path, cookie, seconds = job
    latencies: list[list[float]] = [[] for _ in range(CLIENT_THREADS)]
    deadline = time.monotonic() + seconds

    def loop(slot: int) -> None:
        while time.monotonic() < deadline:
            status, latency = timed_request(port, path, cookie)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            latencies[slot].append(latency)

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(CLIENT_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [value for values in latencies for value in values]


def measure(pool, port: int, path: str, cookie: str, seconds: float) -> tuple[float, float, float]:
    """Requests per second, median and 99th-percentile latency (ms) of one page."""
    found = pool.map(client, [(port, path, cookie, seconds)] * CLIENT_PROCESSES)
    latencies = sorted(value for values in found for value in values)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / seconds, statistics.median(latencies) * 1000, p99 * 1000


def main(seconds: float = SECONDS) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        url = seeded_database(folder)
        port = free_port()
        server = start_gunicorn(url, port)
        try:
            office = log_in(port, "secretariat@demo.magflow")
            pages = [(path, "") for path in PUBLIC] + [(path, office) for path in OFFICE]
            print(f"load: gunicorn -w 2, {CLIENT_PROCESSES}x{CLIENT_THREADS} clients, "
                  f"{seconds:.0f} s a page, demo data on SQLite")
            with Pool(CLIENT_PROCESSES) as pool:
                for path, cookie in pages:  # warm every worker and cache
                    measure(pool, port, path, cookie, 0.3)
                bare = measure(pool, port, "/bare/short", "", seconds)
                for path, cookie in pages:
                    rate, median, p99 = measure(pool, port, path, cookie, seconds)
                    who = "Secretariat" if cookie else "anonymous"
                    rows.append((f"GET {path} ({who}): req/s, median, p99",
                                 f"{rate:.0f}/s, {median:.1f} ms, {p99:.1f} ms",
                                 f"{bare[0]:.0f}/s, {bare[1]:.1f} ms, {bare[2]:.1f} ms",
                                 f"{rate / bare[0]:.2f} of bare Flask's rate"))
                    print(f"  {path:<24} {rate:7.0f} req/s  median {median:6.1f} ms  "
                          f"p99 {p99:6.1f} ms  ({rate / bare[0]:.2f} of bare)")
            print(f"  {'bare Flask route':<24} {bare[0]:7.0f} req/s  median {bare[1]:6.1f} ms  "
                  f"p99 {bare[2]:6.1f} ms")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return rows


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else SECONDS)
